// Nova v2.1 over the console's compute, against the real database: a token's project confines the
// servers it lists and shows, an administrator's all_tenants lists every project's with the host,
// Nova's paging (limit, marker, the next link), Nova's status from the console's states, flavors
// as their access allows, administrator-only services and hypervisors, limits from the VDC's
// quota, and microversion negotiation. Requests go through the route handler's dispatcher.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { COMPUTE_ROUTES } from "@/lib/server/openstack/compute-api";
import { IMAGE_ROUTES, imageRequest } from "@/lib/server/openstack/image-api";
import { launchInstance } from "@/lib/server/services/instances";
import { cloudNow } from "@/lib/server/services/clock";
import { actor, newRunner, resetCompute, runUntilIdle } from "./helpers";
import { apiToken, BASE, openstack, type Json } from "./openstack-helpers";


const token = apiToken;

const nova = (path: string, t: string | null, headers: Record<string, string> = {}, method = "GET", body?: unknown) => openstack("compute", method, path, t, body, headers);

describe("Nova v2.1", () => {
  let mine: string[] = [];
  let theirs = "";
  beforeAll(async () => {
    await resetCompute();
    const tenant = await actor("tenant");
    const fin = await actor("tenant_fin");
    for (let i = 0; i < 5; i++) mine.push((await launchInstance(tenant, { name: `nova-api-${i}`, az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79" })).id);
    theirs = (await launchInstance(fin, { name: "nova-api-fin", az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79" })).id;
    await runUntilIdle(await newRunner(), await cloudNow());
    mine = mine.reverse(); // newest first, as Nova lists
  });
  afterAll(async () => {
    await db.apiToken.deleteMany();
    await resetCompute();
  });

  it("lists and shows a project's servers as Nova does, and never another project's", async () => {
    const t = await token("tenant", "platform_dev");
    const list = await nova("/v2.1/servers/detail", t);
    expect(list.status).toBe(200);
    expect(list.headers.get("x-openstack-nova-api-version")).toBe("2.1");
    expect(list.body.servers.map((s: Json) => s.id)).toEqual(mine);
    const s = list.body.servers[0];
    expect(s).toMatchObject({ status: "ACTIVE", tenant_id: "prj-platform", "OS-EXT-STS:vm_state": "active", "OS-EXT-STS:power_state": 1, "OS-EXT-STS:task_state": null, "OS-EXT-AZ:availability_zone": "az1", flavor: { id: "s6.large.2" }, image: { id: "img-centos-79" } });
    expect(s.hostId).toMatch(/^[0-9a-f]{56}$/);
    // The physical host is for administrators only.
    expect(s["OS-EXT-SRV-ATTR:host"]).toBeUndefined();
    const [net] = Object.values(s.addresses) as Json[];
    expect(net[0]).toMatchObject({ version: 4, "OS-EXT-IPS:type": "fixed" });
    // The address as people write it, the one the console shows.
    const { ipAddress } = await db.instance.findUniqueOrThrow({ where: { id: s.id }, select: { ipAddress: true } });
    expect(net[0].addr).toBe(ipAddress);
    expect(net[0].addr).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(s.security_groups).toEqual([{ name: "default" }]);
    expect((await nova(`/v2.1/servers/${theirs}`, t)).status).toBe(404);
    expect((await nova(`/v2.1/servers/${mine[0]}`, t)).body.server.id).toBe(mine[0]);
    // all_tenants means nothing to a tenant.
    expect((await nova("/v2.1/servers/detail?all_tenants=1", t)).body.servers.map((x: Json) => x.id)).toEqual(mine);
  });

  it("pages with limit and marker, with a next link while more remain", async () => {
    const t = await token("tenant", "platform_dev");
    const first = await nova("/v2.1/servers/detail?limit=2", t);
    expect(first.body.servers.map((s: Json) => s.id)).toEqual(mine.slice(0, 2));
    const next = new URL(first.body.servers_links[0].href);
    expect(next.searchParams.get("marker")).toBe(mine[1]);
    const second = await nova(`${next.pathname.replace("/openstack/compute", "")}${next.search}`, t);
    expect(second.body.servers.map((s: Json) => s.id)).toEqual(mine.slice(2, 4));
    const last = await nova(`/v2.1/servers?limit=2&marker=${mine[3]}`, t);
    expect(last.body.servers.map((s: Json) => s.id)).toEqual(mine.slice(4));
    expect(last.body.servers_links).toBeUndefined();
    expect((await nova("/v2.1/servers?marker=nope", t)).status).toBe(400);
    expect((await nova("/v2.1/servers?limit=-1", t)).body).toMatchObject({ badRequest: { code: 400 } });
  });

  it("gives an administrator every project's servers with all_tenants, with their hosts", async () => {
    const t = await token("cloud_admin", "platform_dev");
    const own = await nova("/v2.1/servers/detail", t);
    expect(own.body.servers.map((s: Json) => s.id)).toEqual(mine);
    const all = await nova("/v2.1/servers/detail?all_tenants=1", t);
    expect(all.body.servers.map((s: Json) => s.id)).toEqual(expect.arrayContaining([...mine, theirs]));
    const host = await db.instance.findUniqueOrThrow({ where: { id: theirs }, select: { host: { select: { name: true } } } });
    expect(all.body.servers.find((s: Json) => s.id === theirs)["OS-EXT-SRV-ATTR:host"]).toBe(host.host?.name);
    expect((await nova(`/v2.1/servers/detail?all_tenants=1&project_id=prj-payments`, t)).body.servers.map((s: Json) => s.id)).toEqual([theirs]);
  });

  it("reports a stopped server as SHUTOFF and filters by Nova's status", async () => {
    await db.instance.update({ where: { id: mine[0] }, data: { vmState: "stopped", powerState: "shutdown" } });
    const t = await token("tenant", "platform_dev");
    const off = await nova("/v2.1/servers/detail?status=SHUTOFF", t);
    expect(off.body.servers.map((s: Json) => [s.id, s.status, s["OS-EXT-STS:power_state"]])).toEqual([[mine[0], "SHUTOFF", 4]]);
    expect((await nova("/v2.1/servers/detail?status=ACTIVE", t)).body.servers).toHaveLength(4);
    await db.instance.update({ where: { id: mine[0] }, data: { vmState: "active", powerState: "running" } });
  });

  it("answers a full page of 1,000 servers of every project in detail (more ids than SQLite binds in one statement)", async () => {
    const now = await cloudNow();
    const host = await db.host.findFirstOrThrow({ where: { azId: "az1" } });
    const rows = Array.from({ length: 1000 }, (_, i) => ({ name: `page-${i}`, projectId: "prj-ai", userId: "user-tenant", azId: "az1", hostId: host.id, flavorId: "s6.small.1", imageId: "img-centos-79", vcpus: 1, memoryMb: 1024, rootGb: 20, allocated: false, vmState: "active", powerState: "running", createdAt: new Date(now.getTime() - 86_400_000 + i), updatedAt: now }));
    await db.instance.createMany({ data: rows });
    try {
      const admin = await token("cloud_admin", "platform_dev");
      const page = await nova("/v2.1/servers/detail?all_tenants=1&limit=1000", admin);
      expect(page.status).toBe(200);
      expect(page.body.servers).toHaveLength(1000);
      expect(page.body.servers_links[0].href).toContain("marker=");
    } finally {
      await db.instance.deleteMany({ where: { name: { startsWith: "page-" }, projectId: "prj-ai" } });
    }
  });

  it("keeps services, hypervisors and other projects' private flavors to administrators; limits come from the VDC's quota", async () => {
    const t = await token("tenant", "platform_dev");
    const admin = await token("cloud_admin", "platform_dev");
    expect((await nova("/v2.1/os-services", t)).body).toMatchObject({ forbidden: { code: 403 } });
    const services = (await nova("/v2.1/os-services", admin)).body.services;
    expect(services).toHaveLength(await db.host.count());
    expect(services[0]).toMatchObject({ binary: "nova-compute", state: "up", status: "enabled" });
    expect((await nova("/v2.1/os-hypervisors", admin)).body.hypervisors).toHaveLength(await db.host.count());
    const flavors = (await nova("/v2.1/flavors/detail", t)).body.flavors;
    const publicCount = await db.flavor.count({ where: { isPublic: true, deletedAt: null } });
    expect(flavors.length).toBeGreaterThanOrEqual(publicCount);
    expect((await nova("/v2.1/flavors/detail", admin)).body.flavors).toHaveLength(await db.flavor.count({ where: { deletedAt: null } }));
    expect((await nova("/v2.1/flavors/s6.large.2", t)).body.flavor).toMatchObject({ id: "s6.large.2", vcpus: 2, ram: 4096, "os-flavor-access:is_public": true });
    const limits = (await nova("/v2.1/limits", t)).body.limits.absolute;
    const quota = await db.quota.findFirstOrThrow({ where: { vdcId: "vdc-rd-platform", resource: "instances" } });
    expect([limits.maxTotalInstances, limits.totalInstancesUsed]).toEqual([quota.hardLimit, quota.used]);
  });

  it("negotiates microversions and wants a project-scoped token", async () => {
    const t = await token("tenant", "platform_dev");
    expect((await nova("/v2.1/servers", t, { "x-openstack-nova-api-version": "2.1" })).status).toBe(200);
    expect((await nova("/v2.1/servers", t, { "openstack-api-version": "compute latest" })).headers.get("openstack-api-version")).toBe("compute 2.1");
    expect((await nova("/v2.1/servers", t, { "x-openstack-nova-api-version": "2.95" })).body).toMatchObject({ notAcceptable: { code: 406 } });
    expect((await nova("/v2.1/servers", t, { "x-openstack-nova-api-version": "two" })).status).toBe(400);
    expect((await nova("/v2.1/servers", null)).status).toBe(401);
    expect((await nova("", null)).body.versions[0]).toMatchObject({ id: "v2.1", status: "CURRENT", min_version: "2.1" });
    expect((await nova("/v2.1/nothing", t)).body).toMatchObject({ itemNotFound: { code: 404 } });
  });

  it("answers every compute and image route for every role as Nova's and Glance's default policies say: the authorization matrix", async () => {
    const ADMIN_ONLY = new Set(["/v2.1/os-services", "/v2.1/os-hypervisors", "/v2.1/os-hypervisors/detail", "/v2.1/os-hypervisors/:id", "/v2.1/os-hypervisors/:id/uptime", "/v2.1/os-availability-zone/detail", "/v2.1/os-aggregates", "/v2.1/os-aggregates/:id"]);
    // What an allowed caller gets where it is not a 200: the emulated hypervisor keeps no uptime
    // (Nova's 501 for such a driver), and these servers have no volume attached.
    const ALLOWED: Record<string, number> = { "/v2.1/os-hypervisors/:id/uptime": 501, "/v2.1/servers/:id/os-volume_attachments/:volume": 404 };
    // A server group of the project and a key pair of each user, for the routes that show one.
    await db.keyPair.deleteMany({ where: { name: "matrix-key" } });
    const group = await db.serverGroup.create({ data: { name: "matrix-group", policy: "affinity", projectId: "prj-platform", createdAt: await cloudNow() } });
    const fill = (p: string) => p.replace("/servers/:id", `/servers/${mine[0]}`).replace("/flavors/:id", "/flavors/s6.large.2").replace("/os-hypervisors/:id", "/os-hypervisors/1").replace("/images/:id", "/images/img-centos-79").replace(":target", "prj-platform").replace("/os-server-groups/:id", `/os-server-groups/${group.id}`).replace("/os-keypairs/:name", "/os-keypairs/matrix-key").replace("/os-aggregates/:id", "/os-aggregates/1").replace(":volume", mine[0] as string);
    // Each role with a token on a project it sees (the tenant's own; administrators and readers on the same one).
    const roles: [string, string, boolean][] = [["tenant", "platform_dev", false], ["vdc_admin", "platform_dev", false], ["cloud_admin", "platform_dev", true], ["auditor", "platform_dev", false]];
    for (const [user, project, admin] of roles) {
      const t = await token(user, project);
      await db.keyPair.create({ data: { userId: `user-${user}`, name: "matrix-key", publicKey: "ssh-ed25519 AAAA matrix", fingerprint: `fp-${user}`, createdAt: await cloudNow() } });
      for (const r of COMPUTE_ROUTES.filter((x) => x.method === "GET")) {
        const res = await nova(fill(r.path), t);
        expect(res.status, `${user} ${r.method} ${r.path}`).toBe(ADMIN_ONLY.has(r.path) && !admin ? 403 : (ALLOWED[r.path] ?? 200));
      }
      // The writes: a create, an action and a delete on the token's project's servers (the auditor
      // reads and changes nothing); another project's server is not found unless the caller administers the cloud.
      const writer = user !== "auditor";
      const created = await nova("/v2.1/servers", t, {}, "POST", { server: { name: `matrix-${user.replace("_", "-")}`, availability_zone: "az1", flavorRef: "s6.small.1", imageRef: "img-centos-79" } });
      expect(created.status, `${user} POST /v2.1/servers`).toBe(writer ? 202 : 403);
      for (const [target, mayReach] of [[mine[0] as string, true], [theirs, admin]] as const) {
        const lock = await nova(`/v2.1/servers/${target}/action`, t, {}, "POST", { lock: null });
        expect(lock.status, `${user} lock ${target === theirs ? "another project's" : "own"} server`).toBe(!mayReach && writer ? 404 : writer ? 202 : 403);
        if (lock.status === 202) expect((await nova(`/v2.1/servers/${target}/action`, t, {}, "POST", { unlock: null })).status).toBe(202);
      }
      expect((await nova(`/v2.1/servers/${theirs}`, t, {}, "DELETE")).status, `${user} DELETE another project's server`).toBe(admin ? 204 : writer ? 404 : 403);
      if (admin) theirs = (await launchInstance(await actor("tenant_fin"), { name: "nova-api-fin2", az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79" })).id;
      const own = created.body?.server?.id ?? mine[0];
      expect((await nova(`/v2.1/servers/${own}`, t, {}, "DELETE")).status, `${user} DELETE own server`).toBe(writer ? 204 : 403);
      for (const r of IMAGE_ROUTES.filter((x) => x.method === "GET")) {
        const url = new URL(`${BASE}/openstack/image${fill(r.path)}`);
        const res = await imageRequest(new Request(url, { headers: { "x-auth-token": t } }), url.pathname.replace("/openstack/image", "").split("/").filter(Boolean));
        // A seeded image's data is the cloud store's, not uploaded here: Glance's 204 for an image without data.
        expect(res.status, `${user} ${r.method} ${r.path}`).toBe(r.path.endsWith("/file") ? 204 : 200);
      }
      // Registering an image is an image administrator's (the console's image:manage), through the API too.
      const url = new URL(`${BASE}/openstack/image/v2/images`);
      const made = await imageRequest(new Request(url, { method: "POST", headers: { "x-auth-token": t, "content-type": "application/json" }, body: JSON.stringify({ name: `matrix-${user}`, disk_format: "raw" }) }), ["v2", "images"]);
      expect(made.status, `${user} POST /v2/images`).toBe(admin ? 201 : 403);
    }
    // Without a token, every route is a 401; another project's server is not found.
    for (const r of COMPUTE_ROUTES) expect((await nova(fill(r.path), null, {}, r.method, r.method === "POST" ? {} : undefined)).status, `${r.method} ${r.path}`).toBe(401);
    expect((await nova(`/v2.1/servers/${theirs}`, await token("vdc_admin", "platform_dev"))).status).toBe(404);
  });
});
