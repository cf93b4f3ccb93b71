import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { computeOwner, instanceTakesInterfaces, interfaceDetachRefusal } from "@/lib/cloud/network";
import { DomainError, InvalidStateError, NotFoundError } from "@/lib/cloud/shared";
import { interfaceDemand } from "@/lib/cloud/quota";
import type { Project, Subnet } from "@/lib/generated/prisma/client";
import type { AttachInterfaceInput } from "@/lib/schemas/network";
import { db, dbReader, type Tx } from "../db";
import { assertInScope, requirePermission, type Actor } from "../auth/actor";
import { createPort, defaultSubnet, deletePort, networkRegionId, subnetOf } from "../repositories/network";
import { releaseQuota, reserveQuota, vdcChain } from "../repositories/quota";
import { findRow, sqlQuery } from "../repositories/sql";
import { audited } from "./audit";
import { cloudNow } from "./clock";
import { ensureDefaultGroup, usableGroups } from "./security-groups";
import { ensureDefaultSubnet, fixedIpOn } from "./vpcs";
import { bindEipInTx, eipReachability, insertEip } from "./eips";

// ECS interfaces as Neutron ports: made when the launch is accepted (as ports handed to Nova
// are), bound when the build plugs them, given back when the ECS goes; further interfaces attach
// and detach while it runs.

/** A subnet an ECS of the project may have an interface on: one of the project's VPCs', or a provider network's (shared with every project). */
export async function usableSubnet(projectId: string, subnetId: string): Promise<Subnet> {
  // Read by every launch that names a network: one plain statement (repositories/sql.ts).
  const [row] = await sqlQuery<(Subnet & { vpcProject: string | null; externalKind: string | null })>(dbReader, Prisma.sql`SELECT s.*, v."projectId" AS "vpcProject", e."kind" AS "externalKind" FROM "Subnet" s LEFT JOIN "Vpc" v ON v."id" = s."vpcId" LEFT JOIN "ExternalNetwork" e ON e."id" = s."externalNetworkId" WHERE s."id" = ${subnetId}`);
  const ok = row && (row.vpcId ? row.vpcProject === projectId : row.externalKind === "provider");
  if (!row || !ok) throw new NotFoundError("subnet", subnetId);
  const { vpcProject: _p, externalKind: _k, ...subnet } = row;
  return subnetOf(subnet);
}

/** What a launch's interfaces are: subnets (null: the project's default subnet, made on first use), fixed IPs, groups, an EIP. */
export interface LaunchNetworks {
  nics: { subnet: Subnet | null; fixedIp: bigint | null }[];
  /** The project's groups for every interface; null: its default group. */
  groupIds: string[] | null;
  eipBandwidthMbit: number | null;
}

/**
 * A launch's networks checked before anything is written (Nova's validate_networks, Neutron's
 * checks on the ports it will create): subnets of the project, fixed IPs only for one ECS (Nova
 * refuses one address for several), the groups the project's, and an EIP only where the primary
 * interface's router reaches the public network.
 */
export async function planLaunchNetworks(project: Project, input: { networks?: { subnetId: string; fixedIp?: string | undefined }[] | undefined; securityGroupIds?: string[] | undefined; eipBandwidthMbit?: number | undefined; count?: number | undefined }): Promise<LaunchNetworks> {
  const count = input.count ?? 1;
  const nics: LaunchNetworks["nics"] = [];
  if (!input.networks?.length) {
    nics.push({ subnet: await defaultSubnet(dbReader, project.id), fixedIp: null });
  } else {
    for (const n of input.networks) {
      const subnet = await usableSubnet(project.id, n.subnetId);
      if (n.fixedIp && count > 1) throw new DomainError("INVALID_INPUT", "fixed IP for several", { reason: "fixed_ip_count" });
      nics.push({ subnet, fixedIp: n.fixedIp ? fixedIpOn(subnet, n.fixedIp) : null });
    }
  }
  const groupIds = input.securityGroupIds?.length ? await usableGroups(project.id, input.securityGroupIds) : null;
  const eipBandwidthMbit = input.eipBandwidthMbit ?? null;
  if (eipBandwidthMbit !== null && nics[0]?.subnet) await eipReachability(nics[0].subnet);
  return { nics, groupIds, eipBandwidthMbit };
}

/** What the launch reserves for its interfaces: a port each, an EIP per ECS if asked. */
export const networkDemand = (n: LaunchNetworks, count: number) => interfaceDemand(n.nics.length, count, n.eipBandwidthMbit !== null);

/** The networks made ready before the launch's transaction: the default subnet and group, made on first use. */
export async function readyLaunchNetworks(project: Project, n: LaunchNetworks): Promise<{ nics: { subnet: Subnet; fixedIp: bigint | null }[]; groupIds: string[]; eipBandwidthMbit: number | null }> {
  const nics = [];
  for (const nic of n.nics) {
    const subnet = nic.subnet ?? (await ensureDefaultSubnet(project));
    nics.push({ subnet, fixedIp: nic.fixedIp });
  }
  if (n.eipBandwidthMbit !== null && nics[0]) await eipReachability(nics[0].subnet);
  return { nics, groupIds: n.groupIds ?? [await ensureDefaultGroup(project)], eipBandwidthMbit: n.eipBandwidthMbit };
}

/** One ECS's ports (and its EIP) in the launch's transaction; the primary's address for the instance row. */
export async function insertInstancePorts(tx: Tx, ready: Awaited<ReturnType<typeof readyLaunchNetworks>>, instance: { id: string; projectId: string; azId: string }, now: Date): Promise<{ address: string; mac: string }> {
  let primary: { id: string; address: string; mac: string } | null = null;
  for (const nic of ready.nics) {
    const network = nic.subnet.vpcId ? { vpcId: nic.subnet.vpcId } : { externalNetworkId: nic.subnet.externalNetworkId as string };
    const port = await createPort(tx, { projectId: instance.projectId, network, subnet: nic.subnet, fixedIp: nic.fixedIp, deviceId: instance.id, deviceOwner: computeOwner(instance.azId), securityGroupIds: ready.groupIds, now });
    primary ??= { id: port.id, address: port.address, mac: port.macAddress };
  }
  if (!primary) throw new Error("a launch without interfaces");
  if (ready.eipBandwidthMbit !== null) {
    const eip = await insertEip(tx, { projectId: instance.projectId, bandwidthMbit: ready.eipBandwidthMbit, address: null }, now);
    await bindEipInTx(tx, eip.id, primary.id, now);
  }
  return { address: primary.address, mac: primary.mac };
}

async function instanceInScope(actor: Actor, instanceId: string) {
  const instance = await dbReader.instance.findFirst({ where: { id: instanceId, deletedAt: null } });
  assertInScope(actor, "instance", instanceId, instance);
  return instance;
}

/** Nova's state check for interface changes, after every lookup (an unknown subnet or port is not found whatever the state). */
function checkInterfaceState(instance: { vmState: string; taskState: string | null }, action: "attach_interface" | "detach_interface"): void {
  if (!instanceTakesInterfaces(instance)) throw new InvalidStateError(action, instance.vmState, instance.taskState);
}

/** Attach a further interface (Nova's attach_interface): a port on the subnet, the project's groups (default: its default group). */
export async function attachInterface(actor: Actor, input: AttachInterfaceInput): Promise<{ portId: string; address: string }> {
  requirePermission(actor, "vpc:manage");
  const instance = await instanceInScope(actor, input.instanceId);
  const project = (await findRow<Project>(dbReader, "Project", { id: instance.projectId })) as Project;
  const subnet = await usableSubnet(project.id, input.subnetId);
  checkInterfaceState(instance, "attach_interface");
  const fixedIp = input.fixedIp ? fixedIpOn(subnet, input.fixedIp) : null;
  const groupIds = input.securityGroupIds?.length ? await usableGroups(project.id, input.securityGroupIds) : [await ensureDefaultGroup(project)];
  const [chain, regionId, now] = await Promise.all([vdcChain(dbReader, project.vdcId), networkRegionId(), cloudNow()]);
  return audited(actor, { action: "ecs.attach_interface", targetType: "instance", targetId: instance.id, vdcId: project.vdcId }, async (tx, record) => {
    record({ after: { instance: instance.name, subnet: subnet.name, fixedIp: input.fixedIp ?? null } });
    await reserveQuota(tx, chain, regionId, { ports: 1 });
    const network = subnet.vpcId ? { vpcId: subnet.vpcId } : { externalNetworkId: subnet.externalNetworkId as string };
    const port = await createPort(tx, { projectId: project.id, network, subnet, fixedIp, deviceId: instance.id, deviceOwner: computeOwner(instance.azId), securityGroupIds: groupIds, status: "ACTIVE", now });
    // A running ECS plugs it at once; the state recheck keeps a concurrent delete from leaving it behind.
    const still = await tx.instance.count({ where: { id: instance.id, deletedAt: null, taskState: null } });
    if (still !== 1) throw new InvalidStateError("attach_interface", instance.vmState, "deleting");
    record({ after: { instance: instance.name, subnet: subnet.name, address: port.address, mac: port.macAddress } });
    return { portId: port.id, address: port.address };
  });
}

/** Detach an extension interface (the primary stays, as in HCS); its address and quota come back, its EIP is unbound. */
export async function detachInterface(actor: Actor, instanceId: string, portId: string): Promise<void> {
  requirePermission(actor, "vpc:manage");
  const instance = await instanceInScope(actor, instanceId);
  const ports = await dbReader.port.findMany({ where: { deviceId: instance.id }, orderBy: { createdAt: "asc" }, select: { id: true } });
  const index = ports.findIndex((p) => p.id === portId);
  if (index < 0) throw new NotFoundError("port", portId);
  checkInterfaceState(instance, "detach_interface");
  const refusal = interfaceDetachRefusal({ primary: index === 0 });
  if (refusal) throw new DomainError("CONFLICT", "primary interface", { ...refusal });
  const project = (await findRow<Project>(dbReader, "Project", { id: instance.projectId })) as Project;
  const [chain, regionId, now] = await Promise.all([vdcChain(dbReader, project.vdcId), networkRegionId(), cloudNow()]);
  await audited(actor, { action: "ecs.detach_interface", targetType: "instance", targetId: instance.id, vdcId: project.vdcId }, async (tx, record) => {
    const released = await deletePort(tx, portId, now);
    if (released === null) throw new NotFoundError("port", portId);
    record({ before: { instance: instance.name, port: portId, addresses: released } });
    await releaseQuota(tx, chain, regionId, { ports: 1 });
  });
}

/** Replace the groups a port carries (Neutron's port update of security_groups): the project's own, at least one. */
export async function setPortGroups(actor: Actor, portId: string, securityGroupIds: string[]): Promise<void> {
  requirePermission(actor, "vpc:manage");
  const port = await db.port.findUnique({ where: { id: portId } });
  assertInScope(actor, "port", portId, port);
  if (!port.deviceOwner?.startsWith("compute:")) throw new NotFoundError("port", portId);
  if (securityGroupIds.length === 0) throw new DomainError("INVALID_INPUT", "no group", { reason: "group_required" });
  const groups = await usableGroups(port.projectId, securityGroupIds);
  const project = (await findRow<Project>(dbReader, "Project", { id: port.projectId })) as Project;
  await audited(actor, { action: "port.set_groups", targetType: "port", targetId: portId, vdcId: project.vdcId }, async (tx, record) => {
    const before = await tx.portSecurityGroup.findMany({ where: { portId }, select: { securityGroupId: true } });
    record({ before: { groups: before.map((b) => b.securityGroupId) }, after: { groups } });
    await tx.portSecurityGroup.deleteMany({ where: { portId } });
    await tx.portSecurityGroup.createMany({ data: groups.map((securityGroupId) => ({ portId, securityGroupId })) });
  });
}
