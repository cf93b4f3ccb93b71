// Neutron v2.0 over the console's VPC layer, against the real database: VPC subnets as networks
// with their subnet, the external networks, ports, routers with their gateway, security groups and
// rules (created through the console's services: Neutron's duplicate check, quota, audit as API),
// floating IPs allocated, associated with an ECS's port, disassociated and released, agents and
// quotas for who may read them, Neutron's error body, and the authorization matrix.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { NETWORK_ROUTES } from "@/lib/server/openstack/network-api";
import { createVpcInput } from "@/lib/schemas/network";
import { launchInstance, requestInstanceAction } from "@/lib/server/services/instances";
import { createVpc } from "@/lib/server/services/vpcs";
import { cloudNow } from "@/lib/server/services/clock";
import { actor, newRunner, resetCompute, runUntilIdle } from "./helpers";
import { apiToken, BASE, openstack, type Json } from "./openstack-helpers";


const token = apiToken;

const neutron = (method: string, path: string, t: string | null, body?: unknown) => openstack("network", method, path, t, body);

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

  it("shows a project's VPCs as networks with their subnets, the external networks, its ports and its router", async () => {
    const subnet = await db.subnet.findFirstOrThrow({ where: { vpc: { projectId: "prj-platform" } }, include: { vpc: { include: { router: true } } } });
    const vpc = subnet.vpc!;
    const nets = (await neutron("GET", "/v2.0/networks", tenant)).body.networks as Json[];
    expect(nets.map((n) => n.id).sort()).toEqual(["ext-provider", "ext-public", vpc.id].sort());
    expect(nets.find((n) => n.id === "ext-public")).toMatchObject({ "router:external": true, shared: false });
    expect(nets.find((n) => n.id === vpc.id)).toMatchObject({ name: vpc.name, subnets: [subnet.id], project_id: "prj-platform", "router:external": false });
    // Provider attributes are the administrators'.
    expect(nets.find((n) => n.id === vpc.id)["provider:segmentation_id"]).toBeUndefined();
    expect((await neutron("GET", `/v2.0/networks/${vpc.id}`, admin)).body.network["provider:segmentation_id"]).toBe(vpc.vni);
    const subnets = (await neutron("GET", `/v2.0/subnets?network_id=${vpc.id}`, tenant)).body.subnets;
    expect(subnets).toEqual([expect.objectContaining({ id: subnet.id, network_id: vpc.id, cidr: subnet.cidr, gateway_ip: subnet.gatewayIp, enable_dhcp: true })]);
    const ports = (await neutron("GET", `/v2.0/ports?device_id=${server}`, tenant)).body.ports;
    const row = await db.port.findFirstOrThrow({ where: { deviceId: server }, include: { fixedIps: true, securityGroups: true } });
    expect(ports).toEqual([expect.objectContaining({ id: row.id, network_id: vpc.id, mac_address: row.macAddress, device_owner: "compute:az1", security_groups: row.securityGroups.map((g) => g.securityGroupId), fixed_ips: [{ subnet_id: subnet.id, ip_address: expect.stringMatching(/^192\.168\./) }] })]);
    const router = (await neutron("GET", `/v2.0/routers/${vpc.router!.id}`, tenant)).body.router;
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

  it("builds a VPC the way Neutron's clients do: a network, a subnet setting its address space, a router with a gateway and an interface, a server and a floating IP on it; then takes it down", async () => {
    const quota = async () => Object.fromEntries((await db.quota.findMany({ where: { vdcId: "vdc-rd-platform" } })).map((q) => [q.resource, q.used]));
    const before = await quota();
    const net = (await neutron("POST", "/v2.0/networks", tenant, { network: { name: "sdk-net" } })).body.network;
    expect(net).toMatchObject({ name: "sdk-net", subnets: [], "router:external": false, project_id: "prj-platform" });
    // The console sees a VPC without an address space yet.
    expect(await db.vpc.findUniqueOrThrow({ where: { id: net.id }, include: { router: true } })).toMatchObject({ cidr: null, router: null });
    expect((await neutron("POST", "/v2.0/subnets", tenant, { subnet: { network_id: net.id, cidr: "fd00::/64", ip_version: 6 } })).status).toBe(400);
    const sub = await neutron("POST", "/v2.0/subnets", tenant, { subnet: { network_id: net.id, cidr: "10.1.0.0/24", ip_version: 4, name: "sdk-subnet" } });
    expect(sub.status, JSON.stringify(sub.body)).toBe(201);
    expect(sub.body.subnet).toMatchObject({ network_id: net.id, cidr: "10.1.0.0/24", gateway_ip: "10.1.0.1" });
    expect((await db.vpc.findUniqueOrThrow({ where: { id: net.id } })).cidr).toBe("10.0.0.0/8");
    // A subnet outside the address space its first one set is refused with the console's reason.
    expect((await neutron("POST", "/v2.0/subnets", tenant, { subnet: { network_id: net.id, cidr: "192.168.50.0/24", ip_version: 4 } })).body.NeutronError.type).toBe("BadRequest");

    const router = (await neutron("POST", "/v2.0/routers", tenant, { router: { name: "sdk-router", external_gateway_info: { network_id: "ext-public" } } })).body.router;
    expect(router.external_gateway_info.network_id).toBe("ext-public");
    const added = await neutron("PUT", `/v2.0/routers/${router.id}/add_router_interface`, tenant, { subnet_id: sub.body.subnet.id });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body).toMatchObject({ id: router.id, subnet_id: sub.body.subnet.id, network_id: net.id });
    expect((await db.router.findUniqueOrThrow({ where: { id: router.id } })).vpcId).toBe(net.id);
    // A VPC has one router here; a router in use is kept.
    const other = (await neutron("POST", "/v2.0/routers", tenant, { router: { name: "sdk-router-2" } })).body.router;
    const refused = await neutron("PUT", `/v2.0/routers/${other.id}/add_router_interface`, tenant, { subnet_id: sub.body.subnet.id });
    expect(refused.status).toBe(409);
    expect((await neutron("DELETE", `/v2.0/routers/${router.id}`, tenant)).status).toBe(409);
    expect((await neutron("DELETE", `/v2.0/routers/${other.id}`, tenant)).status).toBe(204);

    // A server on the network (through Nova) and a floating IP bound to its port.
    const { computeRequest } = await import("@/lib/server/openstack/compute-api");
    const created = await computeRequest(new Request(`${BASE}/openstack/compute/v2.1/servers`, { method: "POST", headers: { "x-auth-token": tenant, "content-type": "application/json" }, body: JSON.stringify({ server: { name: "sdk-server", flavorRef: "s6.small.1", imageRef: "img-centos-79", availability_zone: "az1", networks: [{ uuid: net.id }] } }) }), ["v2.1", "servers"]);
    expect(created.status).toBe(202);
    const serverId = ((await created.json()) as Json).server.id as string;
    await runUntilIdle(await newRunner(), await cloudNow());
    const port = (await neutron("GET", `/v2.0/ports?device_id=${serverId}`, tenant)).body.ports[0];
    expect(port).toMatchObject({ network_id: net.id, fixed_ips: [{ subnet_id: sub.body.subnet.id, ip_address: expect.stringMatching(/^10\.1\.0\./) }] });
    const fip = (await neutron("POST", "/v2.0/floatingips", tenant, { floatingip: { floating_network_id: "ext-public", port_id: port.id } })).body.floatingip;
    expect(fip).toMatchObject({ port_id: port.id, router_id: router.id, status: "ACTIVE" });
    // The network is in use while the server is on it.
    expect((await neutron("DELETE", `/v2.0/networks/${net.id}`, tenant)).status).toBe(409);

    // Down again, in the order a script takes it down.
    expect((await neutron("DELETE", `/v2.0/floatingips/${fip.id}`, tenant)).status).toBe(204);
    await requestInstanceAction(await actor("tenant"), serverId, "delete");
    await runUntilIdle(await newRunner(), await cloudNow());
    expect((await neutron("PUT", `/v2.0/routers/${router.id}/remove_router_interface`, tenant, { subnet_id: sub.body.subnet.id })).status).toBe(200);
    expect((await db.router.findUniqueOrThrow({ where: { id: router.id } })).vpcId).toBeNull();
    expect((await neutron("DELETE", `/v2.0/routers/${router.id}`, tenant)).status).toBe(204);
    expect((await neutron("DELETE", `/v2.0/subnets/${sub.body.subnet.id}`, tenant)).status).toBe(204);
    expect((await neutron("DELETE", `/v2.0/networks/${net.id}`, tenant)).status).toBe(204);
    expect(await db.vpc.count({ where: { id: net.id } })).toBe(0);
    expect(await quota()).toEqual(before);
    const entries = await db.auditLog.findMany({ where: { source: "api", action: { in: ["vpc.create", "subnet.create", "router.create", "router.add_interface", "router.remove_interface", "router.delete", "subnet.delete", "vpc.delete"] }, result: "success" } });
    expect(new Set(entries.map((e) => e.action)).size).toBe(8);
  });

  it("refuses to delete a console-made VPC while its router has interfaces, as Neutron refuses a network in use; detached, it goes", async () => {
    const made = await createVpc(await actor("tenant"), createVpcInput.parse({ name: "console-vpc", cidr: "10.60.0.0/16", subnet: { name: "console-sn", cidr: "10.60.1.0/24" } }));
    const router = await db.router.findUniqueOrThrow({ where: { vpcId: made.id } });
    const refused = await neutron("DELETE", `/v2.0/networks/${made.id}`, tenant);
    expect(refused.status).toBe(409);
    expect(refused.body.NeutronError.message).toMatch(/console-vpc still has 1 port in use/);
    expect([await db.vpc.count({ where: { id: made.id } }), await db.router.count({ where: { id: router.id } })]).toEqual([1, 1]);
    // Detached and deleted as a Neutron client does it, the network goes; the router went before it.
    expect((await neutron("PUT", `/v2.0/routers/${router.id}/remove_router_interface`, tenant, { subnet_id: made.subnetId })).status).toBe(200);
    expect((await neutron("DELETE", `/v2.0/routers/${router.id}`, tenant)).status).toBe(204);
    expect((await neutron("DELETE", `/v2.0/networks/${made.id}`, tenant)).status).toBe(204);
    expect([await db.vpc.count({ where: { id: made.id } }), await db.subnet.count({ where: { id: made.subnetId } })]).toEqual([0, 0]);
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
    // Moving it to a port it may not have is refused in one transaction: it stays where it was.
    expect((await neutron("PUT", `/v2.0/floatingips/${fip.id}`, tenant, { floatingip: { port_id: theirPort.id } })).status).toBe(404);
    expect(await db.eip.findUniqueOrThrow({ where: { id: fip.id } })).toMatchObject({ fixedPortId: port.id, status: "ACTIVE" });
    // Deleting an associated floating IP releases it, as Neutron does.
    expect((await neutron("DELETE", `/v2.0/floatingips/${fip.id}`, tenant)).status).toBe(204);
    expect(await db.eip.count({ where: { id: fip.id } })).toBe(0);
    expect((await db.quota.findFirstOrThrow({ where: { vdcId: "vdc-rd-platform", resource: "eips" } })).used).toBe(eips);
    expect((await neutron("POST", "/v2.0/floatingips", tenant, { floatingip: { floating_network_id: "ext-nowhere" } })).status).toBe(404);
  });

  it("creates a floating IP on a port in one transaction: a refused association leaves no floating IP and no quota used", async () => {
    const theirPort = await db.port.findFirstOrThrow({ where: { deviceId: theirServer } });
    const [eips, used] = [await db.eip.count(), (await db.quota.findFirstOrThrow({ where: { vdcId: "vdc-rd-platform", resource: "eips" } })).used];
    const refused = await neutron("POST", "/v2.0/floatingips", tenant, { floatingip: { floating_network_id: "ext-public", port_id: theirPort.id } });
    expect(refused.status).toBe(404);
    expect(refused.body.NeutronError.type).toBe("NotFound");
    expect([await db.eip.count(), (await db.quota.findFirstOrThrow({ where: { vdcId: "vdc-rd-platform", resource: "eips" } })).used]).toEqual([eips, used]);
  });

  it("answers every network route for every role as Neutron's default policies say: the authorization matrix", async () => {
    const ADMIN_ONLY = new Set(["/v2.0/agents"]);
    const subnet = await db.subnet.findFirstOrThrow({ where: { vpc: { projectId: "prj-platform" } }, include: { vpc: { include: { router: true } } } });
    const port = await db.port.findFirstOrThrow({ where: { deviceId: server } });
    const group = await db.securityGroup.findFirstOrThrow({ where: { projectId: "prj-platform" }, include: { rules: true } });
    const fip = (await neutron("POST", "/v2.0/floatingips", tenant, { floatingip: { floating_network_id: "ext-public" } })).body.floatingip.id as string;
    const fill = (p: string) =>
      p
        .replace("/networks/:id", `/networks/${subnet.vpcId}`)
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
