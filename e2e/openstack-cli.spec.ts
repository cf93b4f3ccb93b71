import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect } from "@playwright/test";
import { test } from "./fixtures";
import { newSession, PASSWORD, signIn } from "./helpers";
import { OpenStackShell, type OsEnv } from "./openstack-shell";

// The real `openstack` client (Debian's python-openstackclient 6) against the console's
// Keystone v3: the same users, passwords, projects and lockout as the console. Each command must
// exit 0 and agree with what the console knows.

const run = promisify(execFile);

/** The client's environment as a user would set it (OS_AUTH_URL and friends), nothing else inherited. */
function osEnv(user: string, project: string | null): OsEnv {
  return {
    ...common(project),
    OS_USERNAME: user,
    OS_PASSWORD: PASSWORD,
    OS_USER_DOMAIN_NAME: "Default",
  };
}

function common(project: string | null): OsEnv {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? "/tmp",
    OS_AUTH_URL: `${test.info().project.use.baseURL}/openstack/identity/v3`,
    OS_IDENTITY_API_VERSION: "3",
    ...(project ? { OS_PROJECT_NAME: project, OS_PROJECT_DOMAIN_NAME: "Default" } : {}),
  };
}

// The client's own code, forked per command from one process that imported it (openstack-shell.ts);
// the first journey also runs the `openstack` program itself.
const shell = new OpenStackShell();
test.afterAll(() => shell.close());

async function openstack(user: string, project: string | null, args: string[], env: OsEnv = osEnv(user, project)) {
  // Only what is set here: the runner's own variables (NODE_ENV...) mean nothing to the client.
  return JSON.parse(await shell.run([...args, "-f", "json"], env)) as unknown;
}

test.describe.configure({ mode: "serial" });

test("the openstack CLI signs in to the console's Keystone, lists what each user may see, and revokes a token", async () => {
  test.slow();
  const base = test.info().project.use.baseURL as string;
  // The `openstack` program as a user runs it, in a process of its own.
  const issued = await run("openstack", ["token", "issue", "-f", "json"], { env: osEnv("tenant", "platform_dev") as NodeJS.ProcessEnv, timeout: 60_000 });
  const token = JSON.parse(issued.stdout) as { id: string; project_id: string; user_id: string; expires: string };
  expect([token.project_id, token.user_id]).toEqual(["prj-platform", "user-tenant"]);
  // Keystone's default lifetime: an hour.
  expect(Date.parse(token.expires.replace(/\+0000$/, "Z")) - Date.now()).toBeGreaterThan(50 * 60_000);

  // A tenant sees its project and itself; an administrator every project, user, endpoint and region.
  expect(await openstack("tenant", "platform_dev", ["project", "list"])).toEqual([{ ID: "prj-platform", Name: "platform_dev" }]);
  expect(await openstack("tenant", "platform_dev", ["user", "list"])).toEqual([{ ID: "user-tenant", Name: "tenant" }]);
  const projects = (await openstack("cloud_admin", "platform_dev", ["project", "list"])) as { Name: string }[];
  expect(projects.map((p) => p.Name)).toEqual(expect.arrayContaining(["platform_dev", "ai_lab", "payments_prod"]));
  const endpoints = (await openstack("cloud_admin", "platform_dev", ["endpoint", "list"])) as { "Service Type": string; Interface: string; URL: string }[];
  expect(endpoints.filter((e) => e["Service Type"] === "identity").map((e) => e.Interface).sort()).toEqual(["admin", "internal", "public"]);
  for (const e of endpoints) expect(e.URL.startsWith(base)).toBe(true);
  expect(await openstack("cloud_admin", "platform_dev", ["region", "list"])).toEqual([{ Region: "cn-south-1", "Parent Region": null, Description: "CN South-Guangzhou" }]);
  const show = (await openstack("tenant", "platform_dev", ["project", "show", "platform_dev"])) as { id: string; vdc_id: string; domain_id: string };
  expect([show.id, show.vdc_id, show.domain_id]).toEqual(["prj-platform", "vdc-rd-platform", "default"]);

  // The token itself authenticates (Keystone's token method), until it is revoked.
  expect(await openstack("tenant", "platform_dev", ["project", "list"], { ...common("platform_dev"), OS_AUTH_TYPE: "token", OS_TOKEN: token.id })).toEqual([{ ID: "prj-platform", Name: "platform_dev" }]);
  // A project outside the user's scope is refused; so is a revoked token.
  await expect(openstack("tenant", "payments_prod", ["token", "issue"])).rejects.toThrow();
  await shell.run(["token", "revoke", token.id], osEnv("tenant", "platform_dev"));
  const byToken = { ...common("platform_dev"), OS_AUTH_TYPE: "token", OS_TOKEN: token.id };
  await expect(openstack("tenant", "platform_dev", ["project", "list"], byToken)).rejects.toThrow(/HTTP 401/);
});

test("the openstack CLI lists and shows the console's servers, flavors, images, compute services, hypervisors and limits", async ({ page }) => {
  test.slow();
  // Two ECSs of the tenant's project, bought through the console's own API.
  await signIn(page, "tenant");
  const res = await page.request.post("/api/v1/instances", { data: { name: "os-cli", az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79", count: 2 } });
  expect(res.status()).toBe(201);
  const { ids } = (await res.json()) as { ids: string[] };

  const servers = (await openstack("tenant", "platform_dev", ["server", "list"])) as { ID: string; Name: string; Status: string; Image: string; Flavor: string; Networks: Record<string, string[]> }[];
  for (const id of ids) expect(servers.map((s) => s.ID)).toContain(id);
  const one = servers.find((s) => s.ID === ids[0]) as (typeof servers)[number];
  expect([one.Image, one.Flavor]).toEqual(["CentOS 7.9 64bit", "s6.large.2"]);
  // The address the console shows for the ECS (once its build has reached the network step).
  const address = async () => ((await (await page.request.get(`/api/v1/instances/${ids[0]}`)).json()) as { ipAddress: string | null }).ipAddress;
  await expect.poll(address, { timeout: 30_000 }).not.toBeNull();
  expect(Object.values(one.Networks).flat()).toContain(await address());
  const show = (await openstack("tenant", "platform_dev", ["server", "show", ids[0] as string])) as { id: string; project_id: string; "OS-EXT-AZ:availability_zone": string; status: string };
  expect([show.id, show.project_id, show["OS-EXT-AZ:availability_zone"]]).toEqual([ids[0], "prj-platform", "az1"]);

  // Another tenant sees none of them; the cloud admin sees them with --all-projects, on their hosts.
  const fin = (await openstack("tenant_fin", "payments_prod", ["server", "list"])) as { ID: string }[];
  for (const id of ids) expect(fin.map((s) => s.ID)).not.toContain(id);
  const all = (await openstack("cloud_admin", "platform_dev", ["server", "list", "--all-projects", "--long"])) as { ID: string; Host: string }[];
  for (const id of ids) expect(all.find((s) => s.ID === id)?.Host).toMatch(/^cmp-az1-/);

  const flavors = (await openstack("tenant", "platform_dev", ["flavor", "list"])) as { ID: string; RAM: number; VCPUs: number }[];
  expect(flavors.find((f) => f.ID === "s6.large.2")).toMatchObject({ RAM: 4096, VCPUs: 2 });
  const images = (await openstack("tenant", "platform_dev", ["image", "list"])) as { ID: string; Status: string }[];
  expect(images.find((i) => i.ID === "img-centos-79")?.Status).toBe("active");
  const services = (await openstack("cloud_admin", "platform_dev", ["compute", "service", "list"])) as { Binary: string; State: string }[];
  expect(services.length).toBeGreaterThan(0);
  expect(new Set(services.map((s) => s.Binary))).toEqual(new Set(["nova-compute"]));
  const hypervisors = (await openstack("cloud_admin", "platform_dev", ["hypervisor", "list"])) as { "Hypervisor Hostname": string }[];
  expect(hypervisors.map((h) => h["Hypervisor Hostname"])).toEqual(services.map((s) => (s as unknown as { Host: string }).Host));
  // A tenant may not list the compute services (Nova's default policy).
  await expect(openstack("tenant", "platform_dev", ["compute", "service", "list"])).rejects.toThrow(/403/);
  const limits = (await openstack("tenant", "platform_dev", ["limits", "show", "--absolute"])) as { Name: string; Value: number }[];
  expect(limits.find((l) => l.Name === "totalInstancesUsed")?.Value).toBeGreaterThanOrEqual(2);
});

/** A command whose output is not a table or record (stop, start, delete --wait...): it must exit 0. */
async function openstackPlain(user: string, project: string, args: string[]) {
  await shell.run(args, osEnv(user, project), 120_000);
}

/** `server show` until the status is the wanted one (the client's stop and start do not wait). */
async function statusBecomes(id: string, want: string) {
  await expect.poll(async () => ((await openstack("tenant", "platform_dev", ["server", "show", id])) as { status: string }).status, { timeout: 60_000, intervals: [1000] }).toBe(want);
}

test("the openstack CLI creates a server the console shows, operates and deletes it, each call audited as coming through the API", async ({ page, browser }) => {
  test.slow();
  const made = (await openstack("tenant", "platform_dev", ["server", "create", "--flavor", "s6.large.2", "--image", "img-centos-79", "--availability-zone", "az1", "--wait", "os-cli-made"])) as { id: string; status: string; addresses: Record<string, string[]>; project_id: string };
  expect([made.status, made.project_id]).toEqual(["ACTIVE", "prj-platform"]);

  // The console shows the same ECS: its list, its page, its address.
  await signIn(page, "tenant");
  const detail = (await (await page.request.get(`/api/v1/instances/${made.id}`)).json()) as { name: string; ipAddress: string; status: string };
  expect([detail.name, detail.status]).toEqual(["os-cli-made", "ACTIVE"]);
  expect(Object.values(made.addresses).flat()).toContain(detail.ipAddress);
  await page.goto(`/sc/ecs/${made.id}`);
  await expect(page.getByRole("heading", { name: "os-cli-made" })).toBeVisible();

  await openstackPlain("tenant", "platform_dev", ["server", "stop", made.id]);
  await statusBecomes(made.id, "SHUTOFF");
  await page.reload();
  await expect(page.getByText("Stopped").first()).toBeVisible();
  await openstackPlain("tenant", "platform_dev", ["server", "start", made.id]);
  await statusBecomes(made.id, "ACTIVE");
  await openstackPlain("tenant", "platform_dev", ["server", "reboot", "--hard", "--wait", made.id]);
  await openstackPlain("tenant", "platform_dev", ["server", "delete", "--wait", made.id]);
  expect((await page.request.get(`/api/v1/instances/${made.id}`)).status()).toBe(404);
  // Another project's server stays out of reach.
  await expect(openstack("tenant_fin", "payments_prod", ["server", "show", made.id])).rejects.toThrow();

  // The audit log says where each of these came from.
  const auditor = await newSession(browser, "auditor");
  await auditor.goto("/sc/audit?q=tenant&action=ecs");
  for (const action of ["Create ECS", "Stop ECS", "Force restart ECS", "Delete ECS"]) {
    const row = auditor.getByRole("row").filter({ hasText: "os-cli-made" }).filter({ hasText: action }).first();
    await expect(row, action).toContainText("OpenStack API");
  }
  await auditor.context().close();
});

test("the openstack CLI creates volumes, security group rules and floating IPs the console shows, and lists networks, ports, agents and quotas", async ({ page }) => {
  test.slow();
  const os = (args: string[], user = "tenant") => openstack(user, "platform_dev", args);
  // Cinder: a volume the console's EVS page shows, on an SSD pool.
  const vol = (await os(["volume", "create", "--size", "10", "--type", "SSD", "--availability-zone", "az1", "os-cli-vol"])) as { id: string; type: string; size: number };
  expect([vol.type, vol.size]).toEqual(["SSD", 10]);
  await signIn(page, "tenant");
  await expect.poll(async () => ((await (await page.request.get(`/api/v1/volumes/${vol.id}`)).json()) as { status: string }).status, { timeout: 30_000 }).toBe("available");
  const volumes = (await os(["volume", "list"])) as { ID: string; Status: string; Size: number }[];
  expect(volumes.find((v) => v.ID === vol.id)).toMatchObject({ Status: "available", Size: 10 });
  await page.goto(`/sc/evs/${vol.id}`);
  await expect(page.getByRole("heading", { name: "os-cli-vol" })).toBeVisible();

  // Neutron: an ECS bought in the console appears as a port on its VPC subnet's network.
  const res = await page.request.post("/api/v1/instances", { data: { name: "os-cli-net", az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79" } });
  expect(res.status()).toBe(201);
  const { id: server } = (await res.json()) as { id: string };
  const networks = (await os(["network", "list"])) as { ID: string; Name: string; Subnets: string[] }[];
  expect(networks.map((n) => n.ID)).toContain("ext-public");
  const subnets = (await os(["subnet", "list"])) as { ID: string; Network: string; Subnet: string }[];
  const ports = (await os(["port", "list", "--server", server])) as { ID: string; "Fixed IP Addresses": { subnet_id: string; ip_address: string }[] }[];
  expect(ports).toHaveLength(1);
  const fixed = ports[0]!["Fixed IP Addresses"][0]!;
  const detail = (await (await page.request.get(`/api/v1/instances/${server}`)).json()) as { ipAddress: string };
  expect(fixed.ip_address).toBe(detail.ipAddress);
  // The network is the ECS's VPC, holding the subnet.
  const vpc = subnets.find((s) => s.ID === fixed.subnet_id)?.Network;
  expect(networks.find((n) => n.ID === vpc)?.Subnets).toContain(fixed.subnet_id);

  // A rule on the default group, seen on the console's security group page.
  const rule = (await os(["security", "group", "rule", "create", "--protocol", "tcp", "--dst-port", "8443", "--remote-ip", "10.20.0.0/16", "default"])) as { id: string; security_group_id: string };
  await page.goto(`/sc/security-groups/${rule.security_group_id}`);
  await expect(page.getByRole("row").filter({ hasText: "10.20.0.0/16" })).toContainText("8443");
  // Neutron refuses the same rule twice, as the console does.
  await expect(os(["security", "group", "rule", "create", "--protocol", "tcp", "--dst-port", "8443", "--remote-ip", "10.20.0.0/16", "default"])).rejects.toThrow(/409|already exists|Conflict/i);

  // A floating IP, associated with the ECS: the console's EIP list shows it bound.
  const fip = (await os(["floating", "ip", "create", "ext-public"])) as { id: string; floating_ip_address: string };
  await expect.poll(async () => ((await (await page.request.get(`/api/v1/instances/${server}`)).json()) as { status: string }).status, { timeout: 30_000 }).toBe("ACTIVE");
  await openstackPlain("tenant", "platform_dev", ["server", "add", "floating", "ip", server, fip.floating_ip_address]);
  const shown = (await os(["floating", "ip", "show", fip.id])) as { port_id: string; fixed_ip_address: string };
  expect([shown.port_id, shown.fixed_ip_address]).toEqual([ports[0]!.ID, detail.ipAddress]);
  await page.goto("/sc/eips");
  await expect(page.getByRole("row").filter({ hasText: fip.floating_ip_address })).toContainText("os-cli-net");

  // Administrators' views: the Neutron agents of both network nodes, and every service's quota.
  const agents = (await os(["network", "agent", "list"], "cloud_admin")) as { "Agent Type": string; Alive: boolean; Host: string }[];
  expect(new Set(agents.map((a) => a["Agent Type"]))).toEqual(new Set(["L3 agent", "DHCP agent", "Metadata agent", "Open vSwitch agent"]));
  await expect(os(["network", "agent", "list"])).rejects.toThrow(/403|disallowed/);
  const quota = (await os(["quota", "show"])) as { Resource: string; Limit: number }[] | Record<string, number>;
  const limitOf = (name: string) => (Array.isArray(quota) ? quota.find((r) => r.Resource === name)?.Limit : quota[name]);
  expect(limitOf("instances")).toBeGreaterThan(0);
  expect(limitOf("volumes")).toBeGreaterThan(0);
  expect(limitOf("floating-ips") ?? limitOf("floatingips")).toBeGreaterThan(0);

  await openstackPlain("tenant", "platform_dev", ["floating", "ip", "delete", fip.id]);
  await openstackPlain("tenant", "platform_dev", ["volume", "delete", vol.id]);
  await expect.poll(async () => (await page.request.get(`/api/v1/volumes/${vol.id}`)).status(), { timeout: 30_000 }).toBe(404);
});

test("the openstack CLI uploads an image the console lists, downloads it byte for byte, deactivates and deletes it", async ({ page }) => {
  test.slow();
  const dir = mkdtempSync(join(tmpdir(), "hcs-image-"));
  const file = join(dir, "tiny.raw");
  writeFileSync(file, Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7) % 256)));
  const img = (await openstack("cloud_admin", "platform_dev", ["image", "create", "--file", file, "--disk-format", "raw", "--private", "os-cli-image"])) as { id: string };
  const shown = (await openstack("cloud_admin", "platform_dev", ["image", "show", img.id])) as { status: string; size: number; checksum: string };
  expect([shown.status, shown.size]).toEqual(["active", 200_000]);
  // Registering images is the image administrator's, through the API as in the console.
  await expect(openstack("tenant", "platform_dev", ["image", "create", "--file", file, "tenant-image"])).rejects.toThrow(/403/);
  // The owning project's tenant sees it; the console's image page lists it.
  expect(((await openstack("tenant", "platform_dev", ["image", "list"])) as { ID: string }[]).map((i) => i.ID)).toContain(img.id);
  await signIn(page, "cloud_admin");
  await page.goto("/service-om/images?q=os-cli-image");
  await expect(page.getByRole("row").filter({ hasText: "os-cli-image" })).toBeVisible();
  await shell.run(["image", "save", "--file", join(dir, "back.raw"), img.id], osEnv("cloud_admin", "platform_dev"));
  expect(readFileSync(join(dir, "back.raw")).equals(readFileSync(file))).toBe(true);
  await openstackPlain("cloud_admin", "platform_dev", ["image", "set", "--deactivate", img.id]);
  expect(((await openstack("cloud_admin", "platform_dev", ["image", "show", img.id])) as { status: string }).status).toBe("deactivated");
  await openstackPlain("cloud_admin", "platform_dev", ["image", "delete", img.id]);
  await expect(openstack("cloud_admin", "platform_dev", ["image", "show", img.id])).rejects.toThrow();
  rmSync(dir, { recursive: true, force: true });
});

test("a script signs in with an application credential the tenant made with the CLI, until it is deleted", async () => {
  test.slow();
  const cred = (await openstack("tenant", "platform_dev", ["application", "credential", "create", "os-cli-cred"])) as { id: string; secret: string; project_id: string };
  expect(cred.project_id).toBe("prj-platform");
  // Only the credential: no user name, password or project in the script's environment.
  const byCredential = { ...common(null), OS_AUTH_TYPE: "v3applicationcredential", OS_APPLICATION_CREDENTIAL_ID: cred.id, OS_APPLICATION_CREDENTIAL_SECRET: cred.secret };
  const token = (await openstack("tenant", null, ["token", "issue"], byCredential)) as { project_id: string; user_id: string };
  expect([token.project_id, token.user_id]).toEqual(["prj-platform", "user-tenant"]);
  expect(Array.isArray(await openstack("tenant", null, ["server", "list"], byCredential))).toBe(true);
  await openstackPlain("tenant", "platform_dev", ["application", "credential", "delete", "os-cli-cred"]);
  await expect(openstack("tenant", null, ["token", "issue"], byCredential)).rejects.toThrow(/401/);
});
