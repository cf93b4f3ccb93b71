// Neutron v2.0 over the console's VPC layer, against the real database: VPC subnets as networks
// with their subnet, the external networks, ports, routers with their gateway, security groups and
// rules (created through the console's services: Neutron's duplicate check, quota, audit as API),
// floating IPs allocated, associated with an ECS's port, disassociated and released, agents and
// quotas for who may read them, Neutron's error body, and the authorization matrix.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { NETWORK_ROUTES, networkRequest } from "@/lib/server/openstack/network-api";
import { identityRequest } from "@/lib/server/openstack/identity-api";
import { launchInstance } from "@/lib/server/services/instances";
import { cloudNow } from "@/lib/server/services/clock";
import { actor, newRunner, resetCompute, runUntilIdle } from "./helpers";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON answer, read field by field in the assertions
type Json = any;
const BASE = "http://console.test";

async function token(user: string, project: string): Promise<string> {
  const body = { auth: { identity: { methods: ["password"], password: { user: { name: user, domain: { name: "Default" }, password: "Hcs@console1" } } }, scope: { project: { name: project, domain: { name: "Default" } } } } };
  const res = await identityRequest(new Request(`${BASE}/openstack/identity/v3/auth/tokens`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }), ["v3", "auth", "tokens"]);
  expect(res.status).toBe(201);
  return res.headers.get("x-subject-token") as string;
}

async function neutron(method: string, path: string, t: string | null, body?: unknown): Promise<{ status: number; body: Json }> {
  const url = new URL(`${BASE}/openstack/network${path}`);
  const init = { method, headers: { ...(t ? { "x-auth-token": t } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) };
  const res = await networkRequest(new Request(url, init), url.pathname.replace("/openstack/network", "").split("/").filter(Boolean));
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

describe("Neutron v2.0", () => {
  let tenant = "";
  let fin = "";
  let admin = "";
  let server = "";
  let theirServer = "";
  beforeAll(async () => {
    await resetCompute();
    server = (await launchInstance(await actor("tenant"), { name: "neutron-api", az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79" })).id;
    theirServer = (await launchInstance(await actor("tenant_fin"), { name: "neutron-fin", az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79" })).id;
    await runUntilIdle(await newRunner(), await cloudNow());
    [tenant, fin, admin] = [await token("tenant", "platform_dev"), await token("tenant_fin", "payments_prod"), await token("cloud_admin", "platform_dev")];
  });
  afterAll(async () => {
    await db.apiToken.deleteMany();
    await resetCompute();
  });

  it("shows a project's VPC subnets as networks with their subnet, the external networks, its ports and its router", async () => {
    const subnet = await db.subnet.findFirstOrThrow({ where: { vpc: { projectId: "prj-platform" } }, include: { vpc: { include: { router: true } } } });
    const nets = (await neutron("GET", "/v2.0/networks", tenant)).body.networks as Json[];
    expect(nets.map((n) => n.id).sort()).toEqual(["ext-provider", "ext-public", subnet.id].sort());
    expect(nets.find((n) => n.id === "ext-public")).toMatchObject({ "router:external": true, shared: false });
    expect(nets.find((n) => n.id === subnet.id)).toMatchObject({ name: subnet.name, subnets: [subnet.id], project_id: "prj-platform", "router:external": false });
    // Provider attributes are the administrators'.
    expect(nets.find((n) => n.id === subnet.id)["provider:segmentation_id"]).toBeUndefined();
    expect((await neutron("GET", `/v2.0/networks/${subnet.id}`, admin)).body.network["provider:segmentation_id"]).toBe(subnet.vpc!.vni);
    const subnets = (await neutron("GET", `/v2.0/subnets?network_id=${subnet.id}`, tenant)).body.subnets;
    expect(subnets).toEqual([expect.objectContaining({ id: subnet.id, network_id: subnet.id, cidr: subnet.cidr, gateway_ip: subnet.gatewayIp, enable_dhcp: true })]);
    const ports = (await neutron("GET", `/v2.0/ports?device_id=${server}`, tenant)).body.ports;
    const row = await db.port.findFirstOrThrow({ where: { deviceId: server }, include: { fixedIps: true, securityGroups: true } });
    expect(ports).toEqual([expect.objectContaining({ id: row.id, network_id: subnet.id, mac_address: row.macAddress, device_owner: "compute:az1", security_groups: row.securityGroups.map((g) => g.securityGroupId) })]);
    const router = (await neutron("GET", `/v2.0/routers/${subnet.vpc!.router!.id}`, tenant)).body.router;
    expect(router.external_gateway_info).toMatchObject({ network_id: "ext-public", enable_snat: true });
    expect(router.external_gateway_info.external_fixed_ips[0].ip_address).toMatch(/^203\.0\.113\./);
    // Another project's are neither listed nor found.
    const theirPort = await db.port.findFirstOrThrow({ where: { deviceId: theirServer } });
    expect((await neutron("GET", "/v2.0/ports", tenant)).body.ports.map((p: Json) => p.id)).not.toContain(theirPort.id);
    const missing = await neutron("GET", `/v2.0/ports/${theirPort.id}`, tenant);
    expect(missing.status).toBe(404);
    expect(missing.body.NeutronError).toMatchObject({ type: "NotFound", message: `Port ${theirPort.id} could not be found.` });
    expect((await neutron("GET", "/v2.0/ports", admin)).body.ports.map((p: Json) => p.id)).toContain(theirPort.id);
  });

  it("writes security groups and rules through the console's services, with Neutron's duplicate check", async () => {
    const g = await neutron("POST", "/v2.0/security-groups", tenant, { security_group: { name: "web", description: "web servers" } });
    expect(g.status, JSON.stringify(g.body)).toBe(201);
    expect(g.body.security_group).toMatchObject({ name: "web", project_id: "prj-platform" });
    const rule = { security_group_rule: { security_group_id: g.body.security_group.id, direction: "ingress", ethertype: "IPv4", protocol: "tcp", port_range_min: 443, port_range_max: 443, remote_ip_prefix: "0.0.0.0/0" } };
    const r = await neutron("POST", "/v2.0/security-group-rules", tenant, rule);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.security_group_rule).toMatchObject({ protocol: "tcp", port_range_min: 443, port_range_max: 443, direction: "ingress" });
    const dup = await neutron("POST", "/v2.0/security-group-rules", tenant, rule);
    expect(dup.status).toBe(409);
    expect(dup.body.NeutronError.type).toBe("Conflict");
    expect(await db.securityGroupRule.count({ where: { securityGroupId: g.body.security_group.id, portRangeMin: 443 } })).toBe(1);
    expect(await db.auditLog.findFirstOrThrow({ where: { action: "security_group_rule.create", targetId: g.body.security_group.id, result: "success" } })).toMatchObject({ source: "api", actorName: "tenant" });
    // Another project cannot add rules to it, nor delete it.
    expect((await neutron("POST", "/v2.0/security-group-rules", fin, { security_group_rule: { ...rule.security_group_rule, port_range_min: 80, port_range_max: 80 } })).status).toBe(404);
    expect((await neutron("DELETE", `/v2.0/security-groups/${g.body.security_group.id}`, fin)).status).toBe(404);
    expect((await neutron("DELETE", `/v2.0/security-group-rules/${r.body.security_group_rule.id}`, tenant)).status).toBe(204);
    expect((await neutron("DELETE", `/v2.0/security-groups/${g.body.security_group.id}`, tenant)).status).toBe(204);
    expect(await db.securityGroup.count({ where: { id: g.body.security_group.id } })).toBe(0);
  });

  it("allocates a floating IP, associates it with an ECS's port, disassociates and releases it", async () => {
    const port = await db.port.findFirstOrThrow({ where: { deviceId: server } });
    const eips = (await db.quota.findFirstOrThrow({ where: { vdcId: "vdc-rd-platform", resource: "eips" } })).used;
    const made = await neutron("POST", "/v2.0/floatingips", tenant, { floatingip: { floating_network_id: "ext-public" } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const fip = made.body.floatingip;
    expect(fip).toMatchObject({ floating_network_id: "ext-public", port_id: null, status: "DOWN", project_id: "prj-platform" });
    expect((await db.quota.findFirstOrThrow({ where: { vdcId: "vdc-rd-platform", resource: "eips" } })).used).toBe(eips + 1);
    // Another project's port is not the tenant's to bind to.
    const theirPort = await db.port.findFirstOrThrow({ where: { deviceId: theirServer } });
    expect((await neutron("PUT", `/v2.0/floatingips/${fip.id}`, tenant, { floatingip: { port_id: theirPort.id } })).status).toBe(404);
    const bound = await neutron("PUT", `/v2.0/floatingips/${fip.id}`, tenant, { floatingip: { port_id: port.id } });
    expect(bound.status, JSON.stringify(bound.body)).toBe(200);
    expect(bound.body.floatingip).toMatchObject({ port_id: port.id, status: "ACTIVE" });
    expect(bound.body.floatingip.fixed_ip_address).toMatch(/^192\.168\./);
    // Deleting an associated floating IP releases it, as Neutron does.
    expect((await neutron("DELETE", `/v2.0/floatingips/${fip.id}`, tenant)).status).toBe(204);
    expect(await db.eip.count({ where: { id: fip.id } })).toBe(0);
    expect((await db.quota.findFirstOrThrow({ where: { vdcId: "vdc-rd-platform", resource: "eips" } })).used).toBe(eips);
    expect((await neutron("POST", "/v2.0/floatingips", tenant, { floatingip: { floating_network_id: "ext-nowhere" } })).status).toBe(404);
  });

  it("answers every network route for every role as Neutron's default policies say: the authorization matrix", async () => {
    const ADMIN_ONLY = new Set(["/v2.0/agents"]);
    const subnet = await db.subnet.findFirstOrThrow({ where: { vpc: { projectId: "prj-platform" } }, include: { vpc: { include: { router: true } } } });
    const port = await db.port.findFirstOrThrow({ where: { deviceId: server } });
    const group = await db.securityGroup.findFirstOrThrow({ where: { projectId: "prj-platform" }, include: { rules: true } });
    const fip = (await neutron("POST", "/v2.0/floatingips", tenant, { floatingip: { floating_network_id: "ext-public" } })).body.floatingip.id as string;
    const fill = (p: string) =>
      p
        .replace("/networks/:id", `/networks/${subnet.id}`)
        .replace("/subnets/:id", `/subnets/${subnet.id}`)
        .replace("/ports/:id", `/ports/${port.id}`)
        .replace("/routers/:id", `/routers/${subnet.vpc!.router!.id}`)
        .replace("/floatingips/:id", `/floatingips/${fip}`)
        .replace("/security-groups/:id", `/security-groups/${group.id}`)
        .replace("/security-group-rules/:id", `/security-group-rules/${group.rules[0]!.id}`)
        .replace(":target", "prj-platform");
    for (const [user, isAdmin] of [["tenant", false], ["vdc_admin", false], ["cloud_admin", true], ["auditor", false]] as const) {
      const t = await token(user, "platform_dev");
      for (const r of NETWORK_ROUTES.filter((x) => x.method === "GET")) {
        const res = await neutron("GET", fill(r.path), t);
        expect(res.status, `${user} GET ${r.path}`).toBe(ADMIN_ONLY.has(r.path) && !isAdmin ? 403 : 200);
      }
      // The auditor reads but changes nothing.
      const g = await neutron("POST", "/v2.0/security-groups", t, { security_group: { name: `matrix-${user.replace("_", "-")}` } });
      expect(g.status, `${user} POST security-groups`).toBe(user === "auditor" ? 403 : 201);
    }
    for (const r of NETWORK_ROUTES) expect((await neutron(r.method, fill(r.path), null, r.method === "GET" || r.method === "DELETE" ? undefined : {})).status, `${r.method} ${r.path}`).toBe(401);
  });
});
