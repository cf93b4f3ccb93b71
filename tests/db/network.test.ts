// The network layer against the real database: VPCs and subnets as Neutron checks them, ECS
// ports made with the launch and given back once on delete, a full subnet refusing with its
// name, security-group rules unique under races, EIPs never handed out twice and bound only
// through a router with a gateway, and quotas that never overshoot.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { launchInstance, requestInstanceAction } from "@/lib/server/services/instances";
import { createSubnet, createVpc, deleteSubnet, deleteVpc, setRouterGateway } from "@/lib/server/services/vpcs";
import { createRule, createSecurityGroup, deleteSecurityGroup, ensureDefaultGroup } from "@/lib/server/services/security-groups";
import { allocateEip, bindEip, releaseEip, unbindEip } from "@/lib/server/services/eips";
import { attachInterface, detachInterface } from "@/lib/server/services/ports";
import { REGION } from "@/lib/cloud/seed";
import { vpcDetail } from "@/lib/server/queries/network";
import { createExternalNetwork, deleteExternalNetwork } from "@/lib/server/services/external-networks";
import { updateCloudSettings } from "@/lib/server/services/settings";
import { cloudSettingsInput } from "@/lib/schemas/settings";
import { cloudNow } from "@/lib/server/services/clock";
import { actor, newRunner, resetCompute, runUntilIdle } from "./helpers";

const LEAF = "vdc-rd-platform";
const quota = (resource: string) => db.quota.findUniqueOrThrow({ where: { vdcId_regionId_resource: { vdcId: LEAF, regionId: REGION.id, resource } } });
const used = async (resource: string) => (await quota(resource)).used;
const subnet = (cidr: string, name = "sn") => ({ name, cidr, enableDhcp: true, noGateway: false });
const launch = (name: string, extra: Record<string, unknown> = {}) => ({ name, az: "az1", flavorId: "s6.small.1", imageId: "img-centos-79", ...extra });

describe("the network layer", () => {
  beforeEach(resetCompute);
  afterAll(resetCompute);

  it("creates a VPC with its VNI, router, gateway and first subnet; refuses overlaps and host addresses; deletes only what has no ports", async () => {
    const tenant = await actor("tenant");
    const { id, subnetId } = await createVpc(tenant, { name: "prod", cidr: "10.10.0.0/16", publicGateway: true, subnet: subnet("10.10.1.0/24", "web") });
    const vpc = await db.vpc.findUniqueOrThrow({ where: { id }, include: { router: true } });
    expect(vpc.vni).toBeGreaterThanOrEqual(5001);
    expect((await db.segmentAllocation.findUniqueOrThrow({ where: { kind_physnet_segmentId: { kind: "vxlan", physnet: "", segmentId: vpc.vni } } })).allocated).toBe(true);
    expect(vpc.router?.gatewayNetworkId).toBe("ext-public");
    // The router holds the subnet's gateway and an address of the public network.
    const routerPorts = await db.port.findMany({ where: { deviceId: vpc.router!.id }, include: { fixedIps: true } });
    expect(routerPorts.map((p) => p.deviceOwner).sort()).toEqual(["network:router_gateway", "network:router_interface"]);
    expect((await db.subnet.findUniqueOrThrow({ where: { id: subnetId } })).gatewayIp).toBe("10.10.1.1");
    expect(await used("vpcs")).toBe(1);
    expect(await used("subnets")).toBe(1);

    await expect(createSubnet(tenant, { vpcId: id, ...subnet("10.10.1.128/25") })).rejects.toMatchObject({ params: { reason: "cidr_overlap", otherName: "web" } });
    await expect(createSubnet(tenant, { vpcId: id, ...subnet("10.11.0.0/24") })).rejects.toMatchObject({ params: { reason: "cidr_outside_vpc" } });
    await expect(createSubnet(tenant, { vpcId: id, ...subnet("10.10.2.7/24") })).rejects.toMatchObject({ params: { reason: "cidr_not_canonical", recommended: "10.10.2.0/24" } });
    const db2 = await createSubnet(tenant, { vpcId: id, ...subnet("10.10.2.0/24", "db") });

    // An ECS on the db subnet keeps both the subnet and the VPC.
    const runner = await newRunner();
    const { id: ecs } = await launchInstance(tenant, launch("net-1", { networks: [{ subnetId: db2.id, fixedIp: "10.10.2.50" }] }));
    await runUntilIdle(runner, await cloudNow());
    expect(await db.instance.findUniqueOrThrow({ where: { id: ecs } })).toMatchObject({ vmState: "active", ipAddress: "10.10.2.50" });
    await expect(deleteSubnet(tenant, db2.id)).rejects.toMatchObject({ params: { reason: "subnet_in_use", ports: 1 } });
    // The detail page offers the same refusal, counting only the ECS's port (not the router's).
    const detail = await vpcDetail(tenant, id);
    expect(detail.subnets.find((x) => x.name === "db")).toMatchObject({ ports: 1, deleteRefusal: { reason: "subnet_in_use", ports: 1 } });
    expect(detail.subnets.find((x) => x.name === "web")).toMatchObject({ ports: 0, deleteRefusal: null });
    await expect(deleteVpc(tenant, id)).rejects.toMatchObject({ params: { reason: "vpc_in_use", ports: 1 } });
    // Another tenant sees none of it.
    const other = await actor("tenant_fin");
    await expect(deleteVpc(other, id)).rejects.toMatchObject({ code: "NOT_FOUND" });

    await requestInstanceAction(tenant, ecs, "delete");
    await runUntilIdle(runner, await cloudNow());
    await deleteSubnet(tenant, db2.id);
    await deleteVpc(tenant, id);
    expect((await db.segmentAllocation.findUniqueOrThrow({ where: { kind_physnet_segmentId: { kind: "vxlan", physnet: "", segmentId: vpc.vni } } })).allocated).toBe(false);
    expect(await db.port.count({ where: { projectId: "prj-platform" } })).toBe(0);
    // The router's public address is free again.
    expect(await db.ipAllocation.count({ where: { subnetId: "ext-public-subnet" } })).toBe(0);
    expect(await used("vpcs")).toBe(0);
    expect(await used("subnets")).toBe(0);
    expect(await used("ports")).toBe(0);
  });

  it("gives a launch without networks the default VPC; deleting the ECS releases its port and address exactly once", async () => {
    const tenant = await actor("tenant");
    const runner = await newRunner();
    const { ids } = await launchInstance(tenant, launch("dflt", { count: 3 }));
    const vpc = await db.vpc.findUniqueOrThrow({ where: { defaultFor: "prj-platform" } });
    expect(vpc).toMatchObject({ name: "vpc-default", cidr: "192.168.0.0/16" });
    expect(await used("ports")).toBe(3);
    await runUntilIdle(runner, await cloudNow());
    const addresses = (await db.instance.findMany({ where: { id: { in: ids } } })).map((i) => i.ipAddress).sort();
    expect(addresses).toEqual(["192.168.0.2", "192.168.0.3", "192.168.0.4"]);
    // Every port carries the project's default group, made with Neutron's four rules.
    const group = await db.securityGroup.findUniqueOrThrow({ where: { defaultFor: "prj-platform" }, include: { rules: true } });
    expect(group.rules).toHaveLength(4);
    expect(await db.portSecurityGroup.count({ where: { securityGroupId: group.id } })).toBe(3);

    const first = ids[0] as string;
    await requestInstanceAction(tenant, first, "delete");
    await runUntilIdle(runner, await cloudNow());
    expect(await db.port.count({ where: { deviceId: first } })).toBe(0);
    expect(await used("ports")).toBe(2);
    // The address is back in the pool: the next ECS takes it.
    await launchInstance(tenant, launch("again"));
    await runUntilIdle(runner, await cloudNow());
    expect((await db.instance.findFirstOrThrow({ where: { name: "again" } })).ipAddress).toBe("192.168.0.2");
  });

  it("refuses a port on a full subnet with the subnet's name, and holds nothing back", async () => {
    const tenant = await actor("tenant");
    // A /29 has 8 addresses: network, gateway (.1), broadcast; five for ports.
    const { subnetId } = await createVpc(tenant, { name: "tiny", cidr: "10.20.0.0/24", publicGateway: false, subnet: subnet("10.20.0.0/29", "tiny-sn") });
    await launchInstance(tenant, launch("fill", { count: 5, networks: [{ subnetId }] }));
    const ports = await used("ports");
    const instances = await used("instances");
    await expect(launchInstance(tenant, launch("one-more", { networks: [{ subnetId }] }))).rejects.toMatchObject({ params: { reason: "subnet_exhausted", subnet: "tiny-sn" } });
    expect(await used("ports")).toBe(ports);
    expect(await used("instances")).toBe(instances);
    expect(await db.instance.count({ where: { name: "one-more" } })).toBe(0);
    // A taken address asked for is refused by name too.
    await expect(launchInstance(tenant, launch("taken", { networks: [{ subnetId, fixedIp: "10.20.0.2" }] }))).rejects.toMatchObject({ params: { reason: "ip_in_use" } });
    await expect(launchInstance(tenant, launch("outside", { networks: [{ subnetId, fixedIp: "10.20.0.7" }] }))).rejects.toMatchObject({ params: { reason: "ip_not_on_subnet" } });
  });

  it("refuses a duplicate rule as Neutron does, even when twenty requests race; groups in use or default stay", async () => {
    const tenant = await actor("tenant");
    const { id } = await createSecurityGroup(tenant, { name: "web" });
    const rule = { securityGroupId: id, direction: "ingress" as const, ethertype: "IPv4" as const, protocol: "tcp", portRangeMin: "443", portRangeMax: "443", remoteIpPrefix: "0.0.0.0/0" };
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => createRule(tenant, rule)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "CONFLICT", params: { reason: "rule_exists" } });
    // The same rule written differently (protocol by number, no prefix) is the same rule to Neutron.
    await expect(createRule(tenant, { ...rule, protocol: "6", remoteIpPrefix: undefined })).rejects.toMatchObject({ params: { reason: "rule_exists" } });
    await expect(createRule(tenant, { ...rule, portRangeMin: "444" })).rejects.toMatchObject({ params: { reason: "rule_invalid_port_range" } });
    // A custom group has Neutron's two egress rules, plus the one added.
    expect(await db.securityGroupRule.count({ where: { securityGroupId: id } })).toBe(3);
    // default (4) + web (2 + 1) rules against the quota.
    expect(await used("security_group_rules")).toBe(7);

    const runner = await newRunner();
    await launchInstance(tenant, launch("sg", { securityGroupIds: [id] }));
    await runUntilIdle(runner, await cloudNow());
    await expect(deleteSecurityGroup(tenant, id)).rejects.toMatchObject({ params: { reason: "group_in_use", ports: 1 } });
    const project = await db.project.findUniqueOrThrow({ where: { id: "prj-platform" } });
    await expect(deleteSecurityGroup(tenant, await ensureDefaultGroup(project))).rejects.toMatchObject({ params: { reason: "default_group" } });
  });

  it("never hands one EIP address out twice under concurrent allocation, and stops at the quota", async () => {
    const tenant = await actor("tenant");
    const limit = (await quota("eips")).hardLimit;
    const results = await Promise.allSettled(Array.from({ length: limit + 10 }, () => allocateEip(tenant, { bandwidthMbit: 5 })));
    const ok = results.flatMap((r) => (r.status === "fulfilled" ? [r.value.address] : []));
    expect(ok).toHaveLength(limit);
    expect(new Set(ok).size).toBe(limit);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "QUOTA_EXCEEDED" });
    expect(await used("eips")).toBe(limit);
    expect(await db.ipAllocation.count({ where: { subnetId: "ext-public-subnet" } })).toBe(limit);
  });

  it("binds an EIP only through a router with a gateway on its network; one port, one EIP; release returns the address", async () => {
    const tenant = await actor("tenant");
    const runner = await newRunner();
    const { id: vpcId, subnetId } = await createVpc(tenant, { name: "private", cidr: "10.30.0.0/16", publicGateway: false, subnet: subnet("10.30.0.0/24") });
    const { id: ecs } = await launchInstance(tenant, launch("eip-target", { networks: [{ subnetId }] }));
    await runUntilIdle(runner, await cloudNow());
    const port = await db.port.findFirstOrThrow({ where: { deviceId: ecs } });
    const eip = await allocateEip(tenant, { bandwidthMbit: 10 });
    await expect(bindEip(tenant, eip.id, port.id)).rejects.toMatchObject({ params: { reason: "external_unreachable" } });
    await setRouterGateway(tenant, vpcId, "ext-public");
    await bindEip(tenant, eip.id, port.id);
    expect(await db.eip.findUniqueOrThrow({ where: { id: eip.id } })).toMatchObject({ fixedPortId: port.id, fixedIp: "10.30.0.2", status: "ACTIVE" });
    const second = await allocateEip(tenant, { bandwidthMbit: 10 });
    await expect(bindEip(tenant, second.id, port.id)).rejects.toMatchObject({ params: { reason: "port_has_eip" } });
    await expect(setRouterGateway(tenant, vpcId, null)).rejects.toMatchObject({ params: { reason: "gateway_in_use" } });
    await expect(releaseEip(tenant, eip.id)).rejects.toMatchObject({ params: { reason: "eip_bound" } });
    await unbindEip(tenant, eip.id);
    await releaseEip(tenant, eip.id);
    expect(await db.ipAllocation.count({ where: { subnetId: "ext-public-subnet", port: { deviceId: eip.id } } })).toBe(0);
    // Chosen addresses: a free one is taken, a taken one refused.
    const chosen = await allocateEip(tenant, { bandwidthMbit: 1, address: "203.0.113.200" });
    expect(chosen.address).toBe("203.0.113.200");
    await expect(allocateEip(tenant, { bandwidthMbit: 1, address: "203.0.113.200" })).rejects.toMatchObject({ params: { reason: "ip_in_use" } });
    // Outside the pool (203.0.113.10-250): the network's own addresses are not a tenant's to pick.
    await expect(allocateEip(tenant, { bandwidthMbit: 1, address: "203.0.113.5" })).rejects.toMatchObject({ params: { reason: "ip_not_in_pool" } });
    // A launch with an EIP binds it to the primary interface; deleting the ECS unbinds it and keeps it.
    const { id: withEip } = await launchInstance(tenant, launch("with-eip", { networks: [{ subnetId }], eipBandwidthMbit: 20 }));
    await runUntilIdle(runner, await cloudNow());
    const bound = await db.eip.findFirstOrThrow({ where: { bandwidthMbit: 20 } });
    expect(bound.status).toBe("ACTIVE");
    await requestInstanceAction(tenant, withEip, "delete");
    await runUntilIdle(runner, await cloudNow());
    expect(await db.eip.findUniqueOrThrow({ where: { id: bound.id } })).toMatchObject({ fixedPortId: null, status: "DOWN" });
  });

  it("attaches and detaches extension interfaces; the primary stays", async () => {
    const tenant = await actor("tenant");
    const runner = await newRunner();
    const { id: vpcId, subnetId } = await createVpc(tenant, { name: "multi", cidr: "10.40.0.0/16", publicGateway: false, subnet: subnet("10.40.1.0/24", "front") });
    const back = await createSubnet(tenant, { vpcId, ...subnet("10.40.2.0/24", "back") });
    const { id: ecs } = await launchInstance(tenant, launch("nic", { networks: [{ subnetId }] }));
    await runUntilIdle(runner, await cloudNow());
    const { portId, address } = await attachInterface(tenant, { instanceId: ecs, subnetId: back.id });
    expect(address).toBe("10.40.2.2");
    expect(await used("ports")).toBe(2);
    const primary = await db.port.findFirstOrThrow({ where: { deviceId: ecs }, orderBy: { createdAt: "asc" } });
    await expect(detachInterface(tenant, ecs, primary.id)).rejects.toMatchObject({ params: { reason: "primary_interface" } });
    await detachInterface(tenant, ecs, portId);
    await expect(detachInterface(tenant, ecs, portId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await used("ports")).toBe(1);
  });

  it("moves an instance addressed by the old stand-in onto a port of its default VPC, keeping its address", async () => {
    const now = await cloudNow();
    const runner = await newRunner();
    await db.instance.create({ data: { id: "00000000-0000-4000-8000-00000000beef", name: "legacy", projectId: "prj-platform", userId: "user-tenant", azId: "az1", flavorId: "s6.small.1", imageId: "img-centos-79", vcpus: 1, memoryMb: 1024, rootGb: 20, vmState: "active", powerState: "running", ipAddress: "192.168.0.7", macAddress: "fa:16:3e:00:be:ef", createdAt: now, updatedAt: now } });
    await runner.runPeriodic(now, { layer: "network" });
    const port = await db.port.findFirstOrThrow({ where: { deviceId: "00000000-0000-4000-8000-00000000beef" }, include: { fixedIps: true, securityGroups: true } });
    expect(port.deviceOwner).toBe("compute:az1");
    expect(port.securityGroups).toHaveLength(1);
    expect((await db.instance.findUniqueOrThrow({ where: { id: port.deviceId! } })).ipAddress).toBe("192.168.0.7");
    // Moved once: the next pass finds nothing to move.
    await runner.runPeriodic(new Date(now.getTime() + 7200_000), { layer: "network" });
    expect(await db.port.count({ where: { deviceId: port.deviceId } })).toBe(1);
  });

  it("shows a network node's agents dead once it stops reporting, and fails the L3 routers over to the standby", async () => {
    const runner = await newRunner();
    const now = await cloudNow();
    await runner.runPeriodic(now, { layer: "network" });
    expect(await db.networkAgent.count({ where: { alive: true } })).toBe(8);
    await db.deployNode.update({ where: { id: "net-01" }, data: { healthy: false } });
    try {
      await runner.runPeriodic(new Date(now.getTime() + 30_000), { layer: "network" });
      expect(await db.networkAgent.count({ where: { host: "net-01", alive: true } })).toBe(4);
      await runner.runPeriodic(new Date(now.getTime() + 90_000), { layer: "network" });
      expect(await db.networkAgent.count({ where: { host: "net-01", alive: true } })).toBe(0);
      expect((await db.networkAgent.findFirstOrThrow({ where: { host: "net-02", agentType: "L3 agent" } })).haState).toBe("active");
    } finally {
      await db.deployNode.update({ where: { id: "net-01" }, data: { healthy: true } });
      await db.networkAgent.updateMany({ data: { alive: true, heartbeatAt: now } });
      await db.networkAgent.updateMany({ where: { agentType: "L3 agent", host: "net-01" }, data: { haState: "active" } });
      await db.networkAgent.updateMany({ where: { agentType: "L3 agent", host: "net-02" }, data: { haState: "standby" } });
    }
  });

  it("follows the VNI ranges set in CPS: new ranges offered, free VNIs out of range dropped, VNIs in use kept; a bad range refused", async () => {
    const admin = await actor("cloud_admin");
    const tenant = await actor("tenant");
    const { id } = await createVpc(tenant, { name: "keeps-vni", cidr: "10.90.0.0/16", publicGateway: false, subnet: subnet("10.90.0.0/24") });
    const vni = (await db.vpc.findUniqueOrThrow({ where: { id } })).vni;
    const current = await db.cloudSettings.findUniqueOrThrow({ where: { id: 1 } });
    const { id: _i, updatedAt: _u, ...input } = current;
    try {
      await updateCloudSettings(admin, { ...input, vniRanges: "20001:20010" });
      const rows = await db.segmentAllocation.findMany({ where: { kind: "vxlan" } });
      expect(rows.filter((r) => !r.allocated).map((r) => r.segmentId).sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, k) => 20001 + k));
      expect(rows.find((r) => r.segmentId === vni)?.allocated).toBe(true);
      const next = await createVpc(tenant, { name: "new-range", cidr: "10.91.0.0/16", publicGateway: false, subnet: subnet("10.91.0.0/24") });
      expect((await db.vpc.findUniqueOrThrow({ where: { id: next.id } })).vni).toBeGreaterThanOrEqual(20001);
      expect(() => cloudSettingsInput.parse({ ...input, vniRanges: "9:3" })).toThrow();
    } finally {
      await updateCloudSettings(admin, { ...input, vniRanges: current.vniRanges });
    }
    // Back to the seeded ranges: the VNI out of them is dropped once its VPC goes.
    expect(await db.segmentAllocation.count({ where: { kind: "vxlan", allocated: false, segmentId: { gte: 20001 } } })).toBe(0);
  });

  it("gives concurrent VPCs distinct VNIs and refuses, as Neutron does, once the range is used up", async () => {
    const admin = await actor("cloud_admin");
    const tenant = await actor("tenant");
    const current = await db.cloudSettings.findUniqueOrThrow({ where: { id: 1 } });
    const { id: _i, updatedAt: _u, ...input } = current;
    const limits = await db.quota.findMany({ where: { resource: { in: ["vpcs", "subnets"] } } });
    await db.quota.updateMany({ where: { resource: { in: ["vpcs", "subnets"] } }, data: { hardLimit: -1 } });
    try {
      await updateCloudSettings(admin, { ...input, vniRanges: "30001:30012" });
      const results = await Promise.allSettled(Array.from({ length: 20 }, (_, k) => createVpc(tenant, { name: `race-${k}`, cidr: `10.${100 + k}.0.0/16`, publicGateway: false, subnet: subnet(`10.${100 + k}.0.0/24`) })));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(12);
      for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ params: { reason: "no_segment" } });
      const vnis = (await db.vpc.findMany({ where: { name: { startsWith: "race-" } } })).map((v) => v.vni);
      expect(new Set(vnis).size).toBe(12);
      expect(vnis.every((v) => v >= 30001 && v <= 30012)).toBe(true);
    } finally {
      await resetCompute();
      for (const q of limits) await db.quota.update({ where: { vdcId_regionId_resource: { vdcId: q.vdcId, regionId: q.regionId, resource: q.resource } }, data: { hardLimit: q.hardLimit } });
      await updateCloudSettings(admin, { ...input, vniRanges: current.vniRanges });
    }
  });

  it("creates provider networks with a VLAN unique on its physical network; ECSs attach directly; one in use is kept", async () => {
    const admin = await actor("cloud_admin");
    const tenant = await actor("tenant");
    const base = { kind: "provider" as const, physicalNetwork: "physnet1", cidr: "172.31.0.0/24", gateway: "172.31.0.1", poolStart: "172.31.0.10", poolEnd: "172.31.0.20" };
    // The seeded provider network holds VLAN 2001 on physnet1.
    await expect(createExternalNetwork(admin, { ...base, name: "dup-vlan", vlanId: 2001 })).rejects.toMatchObject({ params: { reason: "vlan_in_use", vlan: 2001 } });
    await expect(createExternalNetwork(admin, { ...base, name: "overlaps", cidr: "172.30.0.0/24", gateway: "172.30.0.1", poolStart: "172.30.0.10", poolEnd: "172.30.0.20", vlanId: 2002 })).rejects.toMatchObject({ params: { reason: "cidr_overlap" } });
    await expect(createExternalNetwork(tenant, { ...base, name: "mine", vlanId: 2002 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const { id } = await createExternalNetwork(admin, { ...base, name: "prov-2002", vlanId: 2002 });
    // Another physical network may use the same VLAN id.
    const other = await createExternalNetwork(admin, { ...base, name: "prov-2002-b", physicalNetwork: "physnet2", cidr: "172.31.1.0/24", gateway: "172.31.1.1", poolStart: "172.31.1.10", poolEnd: "172.31.1.20", vlanId: 2002 });
    const subnet = await db.subnet.findFirstOrThrow({ where: { externalNetworkId: id } });
    const runner = await newRunner();
    const { id: ecs } = await launchInstance(tenant, launch("on-provider", { networks: [{ subnetId: subnet.id }] }));
    await runUntilIdle(runner, await cloudNow());
    expect((await db.instance.findUniqueOrThrow({ where: { id: ecs } })).ipAddress).toBe("172.31.0.10");
    // No router between a provider network and the public one: no EIP there.
    const port = await db.port.findFirstOrThrow({ where: { deviceId: ecs } });
    const eip = await allocateEip(tenant, { bandwidthMbit: 1 });
    await expect(bindEip(tenant, eip.id, port.id)).rejects.toMatchObject({ params: { reason: "external_unreachable" } });
    await expect(deleteExternalNetwork(admin, id)).rejects.toMatchObject({ params: { reason: "external_in_use", ports: 1 } });
    await requestInstanceAction(tenant, ecs, "delete");
    await runUntilIdle(runner, await cloudNow());
    await deleteExternalNetwork(admin, id);
    await deleteExternalNetwork(admin, other.id);
    expect(await db.segmentAllocation.count({ where: { kind: "vlan", segmentId: 2002 } })).toBe(0);
  });
});
