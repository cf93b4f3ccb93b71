import "server-only";
import { randomUUID } from "node:crypto";
import { addressSpaceFor, formatIp, ROUTER_GATEWAY, ROUTER_INTERFACE, isCidrError, isPlanRefusal, parseCidr, parseIp, planSubnet, usableOnSubnet, subnetDeleteRefusal, vpcCidrRefusal, vpcDeleteRefusal, type PlannedSubnet, type SubnetRequest } from "@/lib/cloud/network";
import { DomainError, NotFoundError } from "@/lib/cloud/shared";
import type { Project, Router, Subnet } from "@/lib/generated/prisma/client";
import type { CreateSubnetInput, CreateVpcInput, SubnetFields } from "@/lib/schemas/network";
import { db, dbReader, type Tx } from "../db";
import { assertInScope, inScope, requirePermission, type Actor } from "../auth/actor";
import { createFreeRanges } from "../repositories/ipam";
import { allocateVni, createPort, defaultSubnet, deletePort, networkRegionId, releaseVni, vniRanges, type NewPort } from "../repositories/network";
import { releaseQuota, reserveQuota, vdcChain } from "../repositories/quota";
import { loadSettings } from "../repositories/settings";
import { findRow, insertRow, jsonParam, sqlRun } from "../repositories/sql";
import { audited } from "./audit";
import { cloudNow } from "./clock";

// VPCs, their subnets and their router, as Neutron makes a network, its subnets and a router with
// an interface on each subnet's gateway. Every write reserves its quota on the VDC chain, takes its
// segment and addresses with conditional claims, and is audited in the same transaction.

/** The project a network request acts in: the one asked for (in the caller's scope) or the caller's own. */
export async function networkProject(actor: Actor, projectId: string | undefined): Promise<Project> {
  const id = projectId ?? actor.defaultProjectId;
  if (!id || !inScope(actor, id)) throw new NotFoundError("project", id ?? "-");
  const project = await findRow<Project>(dbReader, "Project", { id });
  if (!project) throw new NotFoundError("project", id);
  return project;
}

function subnetRequest(f: SubnetFields): SubnetRequest {
  return { cidr: f.cidr, gatewayIp: f.noGateway ? null : (f.gatewayIp ?? undefined), enableDhcp: f.enableDhcp, pools: f.pools ?? [], dnsServers: f.dnsServers ?? [], hostRoutes: f.hostRoutes ?? [] };
}

function planned(req: SubnetRequest, vpcCidr: string, siblings: { name: string; cidr: string }[]): PlannedSubnet {
  const plan = planSubnet(req, vpcCidr, siblings);
  if (isPlanRefusal(plan)) throw new DomainError("INVALID_INPUT", "subnet refused", { ...plan });
  return plan;
}

/** A subnet row, its free ranges and the router's interface on its gateway (Neutron's add_router_interface by subnet). */
async function insertSubnet(tx: Tx, vpc: { id: string; projectId: string }, routerId: string | null, name: string, plan: PlannedSubnet, enableDhcp: boolean, now: Date): Promise<string> {
  const id = randomUUID();
  await sqlRun(tx, 
    insertRow("Subnet", {
      id,
      name,
      vpcId: vpc.id,
      externalNetworkId: null,
      ipVersion: plan.cidr.version,
      cidr: plan.cidrText,
      gatewayIp: plan.gatewayText,
      enableDhcp,
      pools: jsonParam(plan.poolsText),
      dnsServers: jsonParam(plan.dnsServers),
      hostRoutes: jsonParam(plan.hostRoutes),
      createdAt: now,
    }),
  );
  await createFreeRanges(tx, id, plan.pools);
  // A VPC made through Neutron may have no router yet: its subnets get their interface when one is added.
  if (plan.gateway !== null && routerId) await insertInterfacePort(tx, vpc, routerId, { id, name, ipVersion: plan.cidr.version, cidr: plan.cidrText, gatewayIp: plan.gatewayText, pools: plan.poolsText }, plan.gateway, now);
  return id;
}

/** The router's interface on a subnet: a port holding the subnet's gateway address. */
async function insertInterfacePort(tx: Tx, vpc: { id: string; projectId: string }, routerId: string, subnet: NewPort["subnet"], gateway: bigint, now: Date): Promise<string> {
  return (await createPort(tx, { projectId: vpc.projectId, network: { vpcId: vpc.id }, subnet, fixedIp: gateway, deviceId: routerId, deviceOwner: ROUTER_INTERFACE, status: "ACTIVE", now })).id;
}

/** The router's gateway port on an external network's subnet (the next free address of its pool). */
async function insertGatewayPort(tx: Tx, routerId: string, projectId: string, externalNetworkId: string, now: Date): Promise<string> {
  const subnet = await tx.subnet.findFirst({ where: { externalNetworkId }, orderBy: { createdAt: "asc" } });
  if (!subnet) throw new NotFoundError("external_network", externalNetworkId);
  const port = await createPort(tx, { projectId, network: { externalNetworkId }, subnet, deviceId: routerId, deviceOwner: ROUTER_GATEWAY, status: "ACTIVE", now });
  return port.address;
}

/** The public network EIPs and router gateways come from (HCS's one per region). */
export async function publicNetwork(client: Tx | typeof db = dbReader) {
  return client.externalNetwork.findFirst({ where: { kind: "public" }, orderBy: { name: "asc" } });
}

interface NewVpc {
  name: string;
  description: string;
  cidr: string;
  publicGateway: boolean;
  subnetName: string;
  subnet: PlannedSubnet;
  enableDhcp: boolean;
  defaultFor: string | null;
}

/** A VPC with its VNI, router (and gateway) and first subnet, in the caller's transaction. */
async function insertVpc(tx: Tx, project: Project, v: NewVpc, now: Date): Promise<{ id: string; routerId: string; subnetId: string }> {
  const vni = await allocateVni(tx);
  const id = randomUUID();
  await sqlRun(tx, insertRow("Vpc", { id, name: v.name, description: v.description, projectId: project.id, cidr: v.cidr, vni, status: "ACTIVE", defaultFor: v.defaultFor, createdAt: now }));
  const routerId = randomUUID();
  const gateway = v.publicGateway ? await publicNetwork(tx) : null;
  await sqlRun(tx, insertRow("Router", { id: routerId, name: `${v.name}-router`, projectId: project.id, vpcId: id, gatewayNetworkId: gateway?.id ?? null, enableSnat: true, status: "ACTIVE", createdAt: now }));
  if (gateway) await insertGatewayPort(tx, routerId, project.id, gateway.id, now);
  const subnetId = await insertSubnet(tx, { id, projectId: project.id }, routerId, v.subnetName, v.subnet, v.enableDhcp, now);
  return { id, routerId, subnetId };
}

/** The checks a VPC request passes before anything is written (an order runs them at submission). */
export function checkVpcRequest(input: Pick<CreateVpcInput, "cidr" | "subnet">): PlannedSubnet {
  const cidrRefusal = vpcCidrRefusal(input.cidr);
  if (cidrRefusal) throw new DomainError("INVALID_INPUT", "VPC CIDR refused", { ...cidrRefusal });
  return planned(subnetRequest(input.subnet), input.cidr.trim(), []);
}

/** Create a VPC with its first subnet (the console's "create VPC"), its router and, if asked, the router's public gateway. */
export async function createVpc(actor: Actor, input: CreateVpcInput, opts: { quotaHeld?: boolean; within?: (tx: Tx, ids: string[]) => Promise<void> } = {}): Promise<{ id: string; subnetId: string }> {
  requirePermission(actor, "vpc:manage");
  const project = await networkProject(actor, input.projectId);
  const subnet = checkVpcRequest(input);
  const [chain, regionId, now] = await Promise.all([vdcChain(dbReader, project.vdcId), networkRegionId(), cloudNow()]);
  return audited(actor, { action: "vpc.create", targetType: "vpc", vdcId: project.vdcId }, async (tx, record) => {
    record({ after: { name: input.name, cidr: input.cidr, project: project.name, subnet: { name: input.subnet.name, cidr: subnet.cidrText, gateway: subnet.gatewayText } } });
    if (!opts.quotaHeld) await reserveQuota(tx, chain, regionId, { vpcs: 1, subnets: 1 });
    const made = await insertVpc(tx, project, { name: input.name, description: input.description ?? "", cidr: input.cidr.trim(), publicGateway: input.publicGateway, subnetName: input.subnet.name, subnet, enableDhcp: input.subnet.enableDhcp, defaultFor: null }, now);
    record({ targetId: made.id });
    if (opts.within) await opts.within(tx, [made.id]);
    return { id: made.id, subnetId: made.subnetId };
  });
}

/** The default network HCS gives a project's first ECS that names none: vpc-default 192.168.0.0/16, subnet-default 192.168.0.0/20. */
export const DEFAULT_VPC = { name: "vpc-default", cidr: "192.168.0.0/16", subnetName: "subnet-default", subnetCidr: "192.168.0.0/20" } as const;

/**
 * The project's default VPC's first subnet, made on first use in its own transaction (with its
 * quota); two launches making it at once both end with the one the unique key let in.
 */
export async function ensureDefaultSubnet(project: Project): Promise<Subnet> {
  const existing = () => defaultSubnet(db, project.id);
  const found = await existing();
  if (found) return found;
  const subnet = planned({ cidr: DEFAULT_VPC.subnetCidr, enableDhcp: true }, DEFAULT_VPC.cidr, []);
  const [chain, regionId, now] = await Promise.all([vdcChain(dbReader, project.vdcId), networkRegionId(), cloudNow()]);
  try {
    return await db.$transaction(async (tx) => {
      await reserveQuota(tx, chain, regionId, { vpcs: 1, subnets: 1 });
      const made = await insertVpc(tx, project, { name: DEFAULT_VPC.name, description: "", cidr: DEFAULT_VPC.cidr, publicGateway: true, subnetName: DEFAULT_VPC.subnetName, subnet, enableDhcp: true, defaultFor: project.id }, now);
      return tx.subnet.findUniqueOrThrow({ where: { id: made.subnetId } });
    });
  } catch (err) {
    const raced = await existing();
    if (raced) return raced;
    throw err;
  }
}

/** Ports of a VPC other than its router's: what keeps it (or a subnet) from being deleted. */
async function tenantPorts(client: Tx | typeof db, where: { vpcId: string } | { subnetId: string }): Promise<number> {
  if ("vpcId" in where) return client.port.count({ where: { vpcId: where.vpcId, NOT: { deviceOwner: { in: [ROUTER_INTERFACE, ROUTER_GATEWAY] } } } });
  return client.ipAllocation.count({ where: { subnetId: where.subnetId, port: { OR: [{ deviceOwner: null }, { deviceOwner: { notIn: [ROUTER_INTERFACE, ROUTER_GATEWAY] } }] } } });
}

async function vpcInScope(actor: Actor, id: string, client: Tx | typeof db = db) {
  const vpc = await client.vpc.findUnique({ where: { id }, include: { router: true, subnets: true } });
  assertInScope(actor, "vpc", id, vpc);
  return vpc;
}

/**
 * Delete a VPC with its subnets and router, refused while any port but the router's is on it
 * (Neutron's NetworkInUse); the VNI and the quota come back. With `refuseRouterInterfaces` (the
 * Neutron API), the router's interfaces count as ports in use too, and the delete is refused.
 */
export async function deleteVpc(actor: Actor, id: string, opts: { refuseRouterInterfaces?: boolean } = {}): Promise<void> {
  requirePermission(actor, "vpc:manage");
  const vpc = await vpcInScope(actor, id, dbReader);
  const project = (await findRow<Project>(dbReader, "Project", { id: vpc.projectId })) as Project;
  const [chain, regionId, settings, now] = await Promise.all([vdcChain(dbReader, project.vdcId), networkRegionId(), loadSettings(dbReader), cloudNow()]);
  await audited(actor, { action: "vpc.delete", targetType: "vpc", targetId: id, vdcId: project.vdcId }, async (tx, record) => {
    record({ before: { name: vpc.name, cidr: vpc.cidr, subnets: vpc.subnets.map((s) => s.cidr) } });
    const refusal = vpcDeleteRefusal({ ports: await tenantPorts(tx, { vpcId: id }) });
    if (refusal) throw new DomainError("CONFLICT", "VPC in use", { ...refusal, name: vpc.name });
    if (vpc.router && (await tx.eip.count({ where: { routerId: vpc.router.id } })) > 0) throw new DomainError("CONFLICT", "VPC in use", { reason: "vpc_in_use", ports: 0, name: vpc.name });
    const routerPorts = await tx.port.findMany({ where: { deviceId: vpc.router?.id ?? "-" }, select: { id: true, deviceOwner: true } });
    // Neutron's network delete: a router interface is a port in use (NetworkInUse), removed from the router first.
    const interfaces = routerPorts.filter((p) => p.deviceOwner === ROUTER_INTERFACE).length;
    if (opts.refuseRouterInterfaces && interfaces > 0) throw new DomainError("CONFLICT", "VPC in use", { reason: "vpc_in_use", ports: interfaces, name: vpc.name });
    for (const p of routerPorts) await deletePort(tx, p.id, now);
    if (vpc.router) await tx.router.delete({ where: { id: vpc.router.id } });
    await tx.subnet.deleteMany({ where: { vpcId: id } });
    const gone = await tx.vpc.deleteMany({ where: { id } });
    if (gone.count !== 1) throw new NotFoundError("vpc", id);
    await releaseVni(tx, vpc.vni, vniRanges(settings.vniRanges));
    await releaseQuota(tx, chain, regionId, { vpcs: 1, subnets: vpc.subnets.length });
  });
}

/** Add a subnet to a VPC: inside its CIDR, overlapping no sibling, with the router's interface on its gateway. */
export async function createSubnet(actor: Actor, input: CreateSubnetInput): Promise<{ id: string }> {
  requirePermission(actor, "vpc:manage");
  const vpc = await vpcInScope(actor, input.vpcId, dbReader);
  // A network made through Neutron takes its address space from its first subnet.
  const space = vpc.cidr ? { cidr: vpc.cidr } : addressSpaceFor(input.cidr);
  if ("reason" in space) throw new DomainError("INVALID_INPUT", "subnet refused", { ...space });
  const plan = planned(subnetRequest(input), space.cidr, vpc.subnets);
  const project = (await findRow<Project>(dbReader, "Project", { id: vpc.projectId })) as Project;
  const [chain, regionId, now] = await Promise.all([vdcChain(dbReader, project.vdcId), networkRegionId(), cloudNow()]);
  return audited(actor, { action: "subnet.create", targetType: "subnet", vdcId: project.vdcId }, async (tx, record) => {
    record({ after: { vpc: vpc.name, name: input.name, cidr: plan.cidrText, gateway: plan.gatewayText, pools: plan.poolsText } });
    if (!vpc.cidr && (await tx.vpc.updateMany({ where: { id: vpc.id, cidr: null }, data: { cidr: space.cidr } })).count !== 1)
      throw new DomainError("CONFLICT", "VPC changed", { reason: "vpc_changed", name: vpc.name });
    // Read again in the transaction: a sibling created meanwhile must not overlap either.
    const siblings = await tx.subnet.findMany({ where: { vpcId: vpc.id }, select: { name: true, cidr: true } });
    planned(subnetRequest(input), space.cidr, siblings);
    await reserveQuota(tx, chain, regionId, { subnets: 1 });
    const router = await tx.router.findUnique({ where: { vpcId: vpc.id }, select: { id: true } });
    const id = await insertSubnet(tx, vpc, router?.id ?? null, input.name, plan, input.enableDhcp, now);
    record({ targetId: id });
    return { id };
  });
}

/** Delete a subnet, refused while a port holds one of its addresses (Neutron's SubnetInUse); the router's interface goes with it. */
export async function deleteSubnet(actor: Actor, id: string): Promise<void> {
  requirePermission(actor, "vpc:manage");
  const subnet = await dbReader.subnet.findUnique({ where: { id }, include: { vpc: true } });
  if (!subnet?.vpc) throw new NotFoundError("subnet", id);
  assertInScope(actor, "subnet", id, subnet.vpc);
  const project = (await findRow<Project>(dbReader, "Project", { id: subnet.vpc.projectId })) as Project;
  const [chain, regionId, now] = await Promise.all([vdcChain(dbReader, project.vdcId), networkRegionId(), cloudNow()]);
  await audited(actor, { action: "subnet.delete", targetType: "subnet", targetId: id, vdcId: project.vdcId }, async (tx, record) => {
    record({ before: { vpc: subnet.vpc?.name, name: subnet.name, cidr: subnet.cidr } });
    const refusal = subnetDeleteRefusal({ ports: await tenantPorts(tx, { subnetId: id }) });
    if (refusal) throw new DomainError("CONFLICT", "subnet in use", { ...refusal, name: subnet.name });
    const routerPorts = await tx.port.findMany({ where: { deviceOwner: ROUTER_INTERFACE, fixedIps: { some: { subnetId: id } } }, select: { id: true } });
    for (const p of routerPorts) await deletePort(tx, p.id, now);
    const gone = await tx.subnet.deleteMany({ where: { id } });
    if (gone.count !== 1) throw new NotFoundError("subnet", id);
    await releaseQuota(tx, chain, regionId, { subnets: 1 });
  });
}

/**
 * Set or clear the VPC router's external gateway (Neutron's router external_gateway_info): on a
 * public network only; cleared only when no EIP is bound through it (Neutron's
 * RouterExternalGatewayInUseByFloatingIp).
 */
export async function setRouterGateway(actor: Actor, vpcId: string, externalNetworkId: string | null): Promise<void> {
  requirePermission(actor, "vpc:manage");
  const vpc = await vpcInScope(actor, vpcId, dbReader);
  if (!vpc.router) throw new NotFoundError("router", vpcId);
  await changeGateway(actor, vpc.router, vpc.name, externalNetworkId);
}

/** The same for a router by its id (Neutron's PUT /routers/{id}), routing a VPC or not yet. */
export async function setGatewayOfRouter(actor: Actor, routerId: string, externalNetworkId: string | null): Promise<void> {
  requirePermission(actor, "vpc:manage");
  const router = await routerInScope(actor, routerId);
  await changeGateway(actor, router, router.vpc?.name ?? null, externalNetworkId);
}

async function changeGateway(actor: Actor, router: Router, vpcName: string | null, externalNetworkId: string | null): Promise<void> {
  const network = externalNetworkId ? await dbReader.externalNetwork.findUnique({ where: { id: externalNetworkId } }) : null;
  if (externalNetworkId && (!network || network.kind !== "public")) throw new NotFoundError("external_network", externalNetworkId);
  const project = (await findRow<Project>(dbReader, "Project", { id: router.projectId })) as Project;
  const now = await cloudNow();
  await audited(actor, { action: externalNetworkId ? "router.set_gateway" : "router.clear_gateway", targetType: "router", targetId: router.id, vdcId: project.vdcId }, async (tx, record) => {
    record({ before: { vpc: vpcName, router: router.name, gateway: router.gatewayNetworkId }, after: { gateway: externalNetworkId } });
    if (router.gatewayNetworkId === externalNetworkId) return;
    if (router.gatewayNetworkId) {
      if ((await tx.eip.count({ where: { routerId: router.id } })) > 0) throw new DomainError("CONFLICT", "gateway in use", { reason: "gateway_in_use", router: router.name });
      const old = await tx.port.findMany({ where: { deviceId: router.id, deviceOwner: ROUTER_GATEWAY }, select: { id: true } });
      for (const p of old) await deletePort(tx, p.id, now);
    }
    const changed = await tx.router.updateMany({ where: { id: router.id, gatewayNetworkId: router.gatewayNetworkId }, data: { gatewayNetworkId: externalNetworkId } });
    if (changed.count !== 1) throw new DomainError("CONFLICT", "router changed", { reason: "router_changed", router: router.name });
    if (externalNetworkId) await insertGatewayPort(tx, router.id, router.projectId, externalNetworkId, now);
  });
}

// ------------------------------------------------------------------ Neutron's own network and router writes

async function routerInScope(actor: Actor, id: string) {
  const router = await dbReader.router.findUnique({ where: { id }, include: { vpc: { select: { id: true, name: true } } } });
  assertInScope(actor, "router", id, router);
  return router;
}

/**
 * A network as Neutron's API makes one: a VPC with its VNI and nothing else yet: no address space
 * (its first subnet sets it), no subnet, no router (an interface added on one of its subnets gives it one).
 */
export async function createNetwork(actor: Actor, input: { name: string; projectId?: string | undefined }): Promise<{ id: string }> {
  requirePermission(actor, "vpc:manage");
  const project = await networkProject(actor, input.projectId);
  const [chain, regionId, now] = await Promise.all([vdcChain(dbReader, project.vdcId), networkRegionId(), cloudNow()]);
  return audited(actor, { action: "vpc.create", targetType: "vpc", vdcId: project.vdcId }, async (tx, record) => {
    record({ after: { name: input.name, cidr: null, project: project.name } });
    await reserveQuota(tx, chain, regionId, { vpcs: 1 });
    const id = randomUUID();
    await sqlRun(tx, insertRow("Vpc", { id, name: input.name, description: "", projectId: project.id, cidr: null, vni: await allocateVni(tx), status: "ACTIVE", defaultFor: null, createdAt: now }));
    record({ targetId: id });
    return { id };
  });
}

/** A router as Neutron's API makes one: of the project, routing no VPC yet, with a gateway on the public network if asked. */
export async function createRouter(actor: Actor, input: { name: string; projectId?: string | undefined; externalNetworkId: string | null }): Promise<{ id: string }> {
  requirePermission(actor, "vpc:manage");
  const project = await networkProject(actor, input.projectId);
  const network = input.externalNetworkId ? await dbReader.externalNetwork.findUnique({ where: { id: input.externalNetworkId } }) : null;
  if (input.externalNetworkId && (!network || network.kind !== "public")) throw new NotFoundError("external_network", input.externalNetworkId);
  const now = await cloudNow();
  return audited(actor, { action: "router.create", targetType: "router", vdcId: project.vdcId }, async (tx, record) => {
    const id = randomUUID();
    record({ targetId: id, after: { name: input.name, project: project.name, gateway: input.externalNetworkId } });
    await sqlRun(tx, insertRow("Router", { id, name: input.name, projectId: project.id, vpcId: null, gatewayNetworkId: network?.id ?? null, enableSnat: true, status: "ACTIVE", createdAt: now }));
    if (network) await insertGatewayPort(tx, id, project.id, network.id, now);
    return { id };
  });
}

/**
 * Neutron's add_router_interface by subnet: the router's port on the subnet's gateway address. A
 * VPC has one router: the first interface makes this router the VPC's, another router is refused.
 */
export async function addRouterInterface(actor: Actor, routerId: string, subnetId: string): Promise<{ portId: string }> {
  requirePermission(actor, "vpc:manage");
  const router = await routerInScope(actor, routerId);
  const subnet = await dbReader.subnet.findUnique({ where: { id: subnetId }, include: { vpc: true } });
  if (!subnet?.vpc || subnet.vpc.projectId !== router.projectId) throw new NotFoundError("subnet", subnetId);
  const gateway = subnet.gatewayIp ? parseIp(subnet.gatewayIp) : null;
  if (!gateway) throw new DomainError("INVALID_INPUT", "subnet without gateway", { reason: "subnet_no_gateway", subnet: subnet.name });
  const project = (await findRow<Project>(dbReader, "Project", { id: router.projectId })) as Project;
  const vpc = subnet.vpc;
  const now = await cloudNow();
  return audited(actor, { action: "router.add_interface", targetType: "router", targetId: router.id, vdcId: project.vdcId }, async (tx, record) => {
    record({ after: { router: router.name, vpc: vpc.name, subnet: subnet.name } });
    const owner = await tx.router.findUnique({ where: { vpcId: vpc.id }, select: { id: true, name: true } });
    if (owner && owner.id !== router.id) throw new DomainError("CONFLICT", "VPC has a router", { reason: "vpc_has_router", vpc: vpc.name, router: owner.name });
    if (!owner) {
      // Conditional: the router routes no other VPC, and no other router took this one meanwhile (the unique key).
      const taken = await tx.router.updateMany({ where: { id: router.id, vpcId: null }, data: { vpcId: vpc.id } });
      if (taken.count !== 1) throw new DomainError("CONFLICT", "router routes another VPC", { reason: "router_has_vpc", router: router.name });
    }
    if ((await tx.port.count({ where: { deviceId: router.id, deviceOwner: ROUTER_INTERFACE, fixedIps: { some: { subnetId } } } })) > 0)
      throw new DomainError("INVALID_INPUT", "interface exists", { reason: "router_interface_exists", router: router.name, subnet: subnet.name });
    return { portId: await insertInterfacePort(tx, vpc, router.id, subnet, gateway.value, now) };
  });
}

/** Neutron's remove_router_interface by subnet; the router routes no VPC once its last interface goes. */
export async function removeRouterInterface(actor: Actor, routerId: string, subnetId: string): Promise<{ portId: string }> {
  requirePermission(actor, "vpc:manage");
  const router = await routerInScope(actor, routerId);
  const project = (await findRow<Project>(dbReader, "Project", { id: router.projectId })) as Project;
  const now = await cloudNow();
  return audited(actor, { action: "router.remove_interface", targetType: "router", targetId: router.id, vdcId: project.vdcId }, async (tx, record) => {
    const port = await tx.port.findFirst({ where: { deviceId: router.id, deviceOwner: ROUTER_INTERFACE, fixedIps: { some: { subnetId } } }, select: { id: true } });
    if (!port) throw new NotFoundError("router_interface", subnetId);
    record({ before: { router: router.name, vpc: router.vpc?.name ?? null, subnet: subnetId } });
    // Neutron's RouterInterfaceInUseByFloatingIP: an EIP bound through the router to a port on the subnet.
    const bound = await tx.eip.findMany({ where: { routerId: router.id }, select: { fixedPortId: true } });
    const onSubnet = bound.length ? await tx.ipAllocation.count({ where: { subnetId, portId: { in: bound.flatMap((b) => (b.fixedPortId ? [b.fixedPortId] : [])) } } }) : 0;
    if (onSubnet > 0) throw new DomainError("CONFLICT", "interface in use", { reason: "interface_in_use", router: router.name });
    await deletePort(tx, port.id, now);
    if ((await tx.port.count({ where: { deviceId: router.id, deviceOwner: ROUTER_INTERFACE } })) === 0) await tx.router.update({ where: { id: router.id }, data: { vpcId: null } });
    return { portId: port.id };
  });
}

/** Delete a router: refused while it has interfaces (Neutron's RouterInUse); its gateway port goes with it. */
export async function deleteRouter(actor: Actor, routerId: string): Promise<void> {
  requirePermission(actor, "vpc:manage");
  const router = await routerInScope(actor, routerId);
  const project = (await findRow<Project>(dbReader, "Project", { id: router.projectId })) as Project;
  const now = await cloudNow();
  await audited(actor, { action: "router.delete", targetType: "router", targetId: router.id, vdcId: project.vdcId }, async (tx, record) => {
    record({ before: { name: router.name, vpc: router.vpc?.name ?? null, gateway: router.gatewayNetworkId } });
    const interfaces = await tx.port.count({ where: { deviceId: router.id, deviceOwner: ROUTER_INTERFACE } });
    if (interfaces > 0) throw new DomainError("CONFLICT", "router in use", { reason: "router_in_use", router: router.name, interfaces });
    if ((await tx.eip.count({ where: { routerId: router.id } })) > 0) throw new DomainError("CONFLICT", "gateway in use", { reason: "gateway_in_use", router: router.name });
    for (const p of await tx.port.findMany({ where: { deviceId: router.id }, select: { id: true } })) await deletePort(tx, p.id, now);
    const gone = await tx.router.deleteMany({ where: { id: router.id } });
    if (gone.count !== 1) throw new NotFoundError("router", routerId);
  });
}

/** A chosen fixed IP: an address of the subnet a port may hold (neutron.ipam.utils.check_subnet_ip), never its gateway. */
export function fixedIpOn(subnet: { cidr: string; gatewayIp: string | null; name: string }, text: string): bigint {
  const ip = parseIp(text.trim());
  const cidr = parseCidr(subnet.cidr);
  if (!ip || isCidrError(cidr) || !usableOnSubnet(cidr, ip)) throw new DomainError("INVALID_INPUT", "address not on subnet", { reason: "ip_not_on_subnet", ip: text, subnet: subnet.name });
  if (subnet.gatewayIp && formatIp(ip.version, ip.value) === subnet.gatewayIp) throw new DomainError("CONFLICT", "address in use", { reason: "ip_in_use", ip: text, subnet: subnet.name });
  return ip.value;
}
