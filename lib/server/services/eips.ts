import "server-only";
import { randomUUID } from "node:crypto";
import { eipRefusal, FLOATING_IP, formatIp, keyAddress, ROUTER_INTERFACE } from "@/lib/cloud/network";
import { DomainError, NotFoundError } from "@/lib/cloud/shared";
import { Prisma, type Project, type Subnet } from "@/lib/generated/prisma/client";
import type { AllocateEipInput } from "@/lib/schemas/network";
import { type db, dbReader, type Tx } from "../db";
import { assertInScope, requirePermission, type Actor } from "../auth/actor";
import { createPort, deletePort, networkRegionId, poolRanges } from "../repositories/network";
import { releaseQuota, reserveQuota, vdcChain } from "../repositories/quota";
import { findRow, insertRow, sqlRun } from "../repositories/sql";
import { audited } from "./audit";
import { cloudNow } from "./clock";
import { fixedIpOn, networkProject, publicNetwork } from "./vpcs";

// EIPs as Neutron's floating IPs: an address of the public network held by a port of that network,
// bound one-to-one to an ECS port whose VPC router has its gateway on that network and an
// interface on the port's subnet (Neutron's rule, with its error when not).

/** The public network and its subnet (where EIP addresses come from). */
async function publicSubnet(client: Tx | typeof db, externalNetworkId?: string | null) {
  const network = externalNetworkId ? await client.externalNetwork.findUnique({ where: { id: externalNetworkId } }) : await publicNetwork(client);
  if (!network || network.kind !== "public") throw new NotFoundError("external_network", externalNetworkId ?? "public");
  const subnet = await client.subnet.findFirst({ where: { externalNetworkId: network.id }, orderBy: { createdAt: "asc" } });
  if (!subnet) throw new NotFoundError("external_network", network.id);
  return { network, subnet };
}

/**
 * Neutron's _get_router_for_floatingip: the port's subnet must have an interface on a router whose
 * gateway is on the EIP's network ("External network X is not reachable from subnet Y").
 */
export async function eipReachability(subnet: Pick<Subnet, "id" | "name" | "vpcId">, client: Tx | typeof db = dbReader, externalNetworkId?: string): Promise<string> {
  const network = externalNetworkId ?? (await publicNetwork(client))?.id;
  const router = subnet.vpcId ? await client.router.findUnique({ where: { vpcId: subnet.vpcId } }) : null;
  const hasInterface = router ? (await client.port.count({ where: { deviceId: router.id, deviceOwner: ROUTER_INTERFACE, fixedIps: { some: { subnetId: subnet.id } } } })) > 0 : false;
  if (!router || !network || router.gatewayNetworkId !== network || !hasInterface) throw new DomainError("CONFLICT", "external network unreachable", { reason: "external_unreachable", subnet: subnet.name });
  return router.id;
}

/** An EIP row and its port on the public network, in the caller's transaction (quota is the caller's). */
export async function insertEip(tx: Tx, e: { projectId: string; bandwidthMbit: number; address: bigint | null; externalNetworkId?: string | null }, now: Date): Promise<{ id: string; address: string }> {
  const { network, subnet } = await publicSubnet(tx, e.externalNetworkId);
  const id = randomUUID();
  const port = await createPort(tx, { projectId: e.projectId, network: { externalNetworkId: network.id }, subnet, fixedIp: e.address, deviceId: id, deviceOwner: FLOATING_IP, status: "ACTIVE", now });
  await sqlRun(tx, insertRow("Eip", { id, projectId: e.projectId, externalNetworkId: network.id, address: port.address, portId: port.id, fixedPortId: null, fixedIp: null, routerId: null, bandwidthMbit: e.bandwidthMbit, status: "DOWN", createdAt: now, updatedAt: now }));
  return { id, address: port.address };
}

/** `count` EIPs for an order's line, in one transaction (all or none), with the quota the order reserved. */
export async function allocateEips(actor: Actor, input: { bandwidthMbit: number; projectId: string }, count: number, opts: { quotaHeld?: boolean; within?: (tx: Tx, ids: string[]) => Promise<void> } = {}): Promise<string[]> {
  requirePermission(actor, "vpc:manage");
  const project = await networkProject(actor, input.projectId);
  const [chain, regionId, now] = await Promise.all([vdcChain(dbReader, project.vdcId), networkRegionId(), cloudNow()]);
  return audited(actor, { action: "eip.allocate", targetType: "eip", vdcId: project.vdcId }, async (tx, record) => {
    if (!opts.quotaHeld) await reserveQuota(tx, chain, regionId, { eips: count });
    const made: { id: string; address: string }[] = [];
    for (let i = 0; i < count; i++) made.push(await insertEip(tx, { projectId: project.id, bandwidthMbit: input.bandwidthMbit, address: null }, now));
    record({ targetId: made[0]?.id ?? null, after: { project: project.name, bandwidthMbit: input.bandwidthMbit, addresses: made.map((m) => m.address) } });
    if (opts.within) await opts.within(tx, made.map((m) => m.id));
    return made.map((m) => m.id);
  });
}

/**
 * Allocate an EIP to a project: the next free address of the pool, or a chosen free one; with a
 * port, bound to it in the same transaction (Neutron's create with `port_id`: a refused binding
 * leaves no EIP behind).
 */
export async function allocateEip(actor: Actor, input: AllocateEipInput, portId?: string): Promise<{ id: string; address: string }> {
  requirePermission(actor, "vpc:manage");
  const project = await networkProject(actor, input.projectId);
  const { subnet } = await publicSubnet(dbReader, input.externalNetworkId);
  let address: bigint | null = null;
  if (input.address) {
    // A chosen address of the public network's pool (Neutron lets only administrators pick any
    // address of the subnet; a tenant picks from the pool), not held already (refused by the key).
    const chosen = fixedIpOn(subnet, input.address);
    if (!poolRanges(subnet).some((p) => chosen >= p.first && chosen <= p.last)) throw new DomainError("INVALID_INPUT", "address outside the pool", { reason: "ip_not_in_pool", ip: input.address });
    address = chosen;
  }
  const [chain, regionId, now] = await Promise.all([vdcChain(dbReader, project.vdcId), networkRegionId(), cloudNow()]);
  return audited(actor, { action: "eip.allocate", targetType: "eip", vdcId: project.vdcId }, async (tx, record) => {
    record({ after: { project: project.name, bandwidthMbit: input.bandwidthMbit, address: input.address ?? null } });
    await reserveQuota(tx, chain, regionId, { eips: 1 });
    const eip = await insertEip(tx, { projectId: project.id, bandwidthMbit: input.bandwidthMbit, address, externalNetworkId: input.externalNetworkId ?? null }, now);
    const bound = portId ? { port: portId, fixedIp: (await bindEipInTx(tx, eip.id, portId, now)).fixedIp } : {};
    record({ targetId: eip.id, after: { project: project.name, bandwidthMbit: input.bandwidthMbit, address: eip.address, ...bound } });
    return eip;
  });
}

async function eipInScope(actor: Actor, id: string) {
  const eip = await dbReader.eip.findUnique({ where: { id } });
  assertInScope(actor, "eip", id, eip);
  return eip;
}

/** Bind in the caller's transaction: the port an ECS's of the project, reachable, and neither side bound already (conditional, and the key). */
export async function bindEipInTx(tx: Tx, eipId: string, portId: string, now: Date): Promise<{ fixedIp: string }> {
  const eip = await tx.eip.findUniqueOrThrow({ where: { id: eipId } });
  const port = await tx.port.findUnique({ where: { id: portId }, include: { fixedIps: { include: { subnet: true } } } });
  if (!port || port.projectId !== eip.projectId || !port.deviceOwner?.startsWith("compute:")) throw new NotFoundError("port", portId);
  const fixed = port.fixedIps.find((a) => a.subnet.ipVersion === 4);
  if (!fixed) throw new DomainError("CONFLICT", "no IPv4 address", { reason: "port_no_ipv4" });
  const routerId = await eipReachability(fixed.subnet, tx, eip.externalNetworkId);
  const fixedIp = formatIp(4, keyAddress(fixed.address));
  try {
    const changed = await tx.eip.updateMany({ where: { id: eipId, fixedPortId: null }, data: { fixedPortId: portId, fixedIp, routerId, status: port.status === "ACTIVE" ? "ACTIVE" : "DOWN", updatedAt: now } });
    if (changed.count !== 1) throw new DomainError("CONFLICT", "EIP bound", { reason: "eip_bound" });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") throw new DomainError("CONFLICT", "port has an EIP", { reason: "port_has_eip" });
    throw err;
  }
  return { fixedIp };
}

/** Unbind in the caller's transaction, if still bound to `portId` (conditional). */
async function unbindEipInTx(tx: Tx, eip: { id: string; address: string }, portId: string, now: Date): Promise<void> {
  const changed = await tx.eip.updateMany({ where: { id: eip.id, fixedPortId: portId }, data: { fixedPortId: null, fixedIp: null, routerId: null, status: "DOWN", updatedAt: now } });
  if (changed.count !== 1) throw new DomainError("CONFLICT", "EIP changed", { reason: "eip_not_bound", address: eip.address });
}

/**
 * Bind an EIP to an ECS port (one to one). With `replace`, an EIP bound elsewhere moves to the port
 * in one transaction (Neutron's update of `port_id`): refused, it stays where it was.
 */
export async function bindEip(actor: Actor, id: string, portId: string, opts: { replace?: boolean } = {}): Promise<void> {
  requirePermission(actor, "vpc:manage");
  const eip = await eipInScope(actor, id);
  const moving = opts.replace && eip.fixedPortId !== null;
  const refusal = moving ? null : eipRefusal({ bound: eip.fixedPortId !== null }, "bind");
  if (refusal) throw new DomainError("CONFLICT", "EIP bound", { ...refusal, address: eip.address });
  const project = (await findRow<Project>(dbReader, "Project", { id: eip.projectId })) as Project;
  const now = await cloudNow();
  await audited(actor, { action: "eip.bind", targetType: "eip", targetId: id, vdcId: project.vdcId }, async (tx, record) => {
    if (moving) {
      record({ before: { address: eip.address, port: eip.fixedPortId, fixedIp: eip.fixedIp } });
      await unbindEipInTx(tx, eip, eip.fixedPortId as string, now);
    }
    const { fixedIp } = await bindEipInTx(tx, id, portId, now);
    record({ after: { address: eip.address, port: portId, fixedIp } });
  });
}

export async function unbindEip(actor: Actor, id: string): Promise<void> {
  requirePermission(actor, "vpc:manage");
  const eip = await eipInScope(actor, id);
  const refusal = eipRefusal({ bound: eip.fixedPortId !== null }, "unbind");
  if (refusal) throw new DomainError("CONFLICT", "EIP not bound", { ...refusal, address: eip.address });
  const project = (await findRow<Project>(dbReader, "Project", { id: eip.projectId })) as Project;
  const now = await cloudNow();
  await audited(actor, { action: "eip.unbind", targetType: "eip", targetId: id, vdcId: project.vdcId }, async (tx, record) => {
    record({ before: { address: eip.address, port: eip.fixedPortId, fixedIp: eip.fixedIp } });
    await unbindEipInTx(tx, eip, eip.fixedPortId as string, now);
  });
}

/**
 * Release an unbound EIP: its address returns to the pool, the quota to the VDC chain. With
 * `unbind` (Neutron's delete of an associated floating IP), a bound one is unbound in the same
 * transaction.
 */
export async function releaseEip(actor: Actor, id: string, opts: { unbind?: boolean } = {}): Promise<void> {
  requirePermission(actor, "vpc:manage");
  const eip = await eipInScope(actor, id);
  const unbinding = opts.unbind && eip.fixedPortId !== null;
  const refusal = unbinding ? null : eipRefusal({ bound: eip.fixedPortId !== null }, "release");
  if (refusal) throw new DomainError("CONFLICT", "EIP bound", { ...refusal, address: eip.address });
  const project = (await findRow<Project>(dbReader, "Project", { id: eip.projectId })) as Project;
  const [chain, regionId, now] = await Promise.all([vdcChain(dbReader, project.vdcId), networkRegionId(), cloudNow()]);
  await audited(actor, { action: "eip.release", targetType: "eip", targetId: id, vdcId: project.vdcId }, async (tx, record) => {
    record({ before: { address: eip.address, bandwidthMbit: eip.bandwidthMbit, ...(unbinding ? { port: eip.fixedPortId, fixedIp: eip.fixedIp } : {}) } });
    if (unbinding) await unbindEipInTx(tx, eip, eip.fixedPortId as string, now);
    const gone = await tx.eip.deleteMany({ where: { id, fixedPortId: null } });
    if (gone.count !== 1) throw new DomainError("CONFLICT", "EIP bound", { reason: "eip_bound", address: eip.address });
    await deletePort(tx, eip.portId, now);
    await releaseQuota(tx, chain, regionId, { eips: 1 });
  });
}

/** Change an EIP's bandwidth (Mbit/s). */
export async function setEipBandwidth(actor: Actor, id: string, bandwidthMbit: number): Promise<void> {
  requirePermission(actor, "vpc:manage");
  const eip = await eipInScope(actor, id);
  const project = (await findRow<Project>(dbReader, "Project", { id: eip.projectId })) as Project;
  const now = await cloudNow();
  await audited(actor, { action: "eip.bandwidth", targetType: "eip", targetId: id, vdcId: project.vdcId }, async (tx, record) => {
    record({ before: { bandwidthMbit: eip.bandwidthMbit }, after: { bandwidthMbit } });
    await tx.eip.update({ where: { id }, data: { bandwidthMbit, updatedAt: now } });
  });
}
