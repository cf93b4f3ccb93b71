import "server-only";
import { randomInt, randomUUID } from "node:crypto";
import { formatIp, keyAddress, parseIp, parseVniRange, isRangeError, syncSegmentIds, type IpRange, type SegmentRange } from "@/lib/cloud/network";
import { DomainError } from "@/lib/cloud/shared";
import { Prisma, type Subnet } from "@/lib/generated/prisma/client";
import { dbReader, type Db, type Tx } from "../db";
import { releaseQuota, vdcChain } from "./quota";
import { allocateNext, allocateSpecific, insertPort, releaseAddress } from "./ipam";
import { insertRow, sqlQuery, sqlRun } from "./sql";

// Segments and ports: ML2's allocation tables (one free row taken by an update conditional on
// "still free"), and ports with their addresses and groups written in the caller's transaction.

/** The configured VXLAN ranges (CloudSettings.vniRanges, ML2's vni_ranges); a bad entry is a configuration error. */
export function vniRanges(setting: string): SegmentRange[] {
  return setting
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)
    .map((entry) => {
      const r = parseVniRange(entry);
      if (isRangeError(r)) throw new DomainError("INVALID_INPUT", "bad VNI range", { reason: "vni_range", entry });
      return r;
    });
}

/**
 * ML2's sync_allocations: rows for every VNI of the ranges, free rows out of range dropped (in one
 * statement by the ranges themselves; a VNI in use stays until its network goes).
 */
export async function syncVniAllocations(client: Db | Tx, ranges: readonly SegmentRange[]): Promise<{ added: number; removed: number }> {
  const rows = await client.segmentAllocation.findMany({ where: { kind: "vxlan", physnet: "" }, select: { segmentId: true, allocated: true } });
  const { add, remove } = syncSegmentIds(ranges, new Map(rows.map((r) => [r.segmentId, r.allocated])));
  // 3 parameters a row: well under SQLite's bound-parameter limit per statement.
  for (let i = 0; i < add.length; i += 300) await client.segmentAllocation.createMany({ data: add.slice(i, i + 300).map((segmentId) => ({ kind: "vxlan", physnet: "", segmentId })) });
  if (remove.length > 0) {
    const inRange = ranges.length ? Prisma.join(ranges.map((r) => Prisma.sql`("segmentId" BETWEEN ${r.min} AND ${r.max})`), " OR ") : Prisma.sql`1 = 0`;
    await sqlRun(client, Prisma.sql`DELETE FROM "SegmentAllocation" WHERE "kind" = 'vxlan' AND "physnet" = '' AND "allocated" = false AND NOT (${inRange})`);
  }
  return { added: add.length, removed: remove.length };
}

/** ML2's IDPOOL_SELECT_SIZE: a random row among this many free ones, so concurrent requests rarely want the same. */
const POOL_SELECT = 100;
const MAX_SEGMENT_RACES = 50;

/**
 * A free VNI for a new tenant network (ML2's allocate_tenant_segment): refused as Neutron refuses
 * when the ranges are used up ("No tenant network is available for allocation", a 503 there).
 */
export async function allocateVni(tx: Tx): Promise<number> {
  for (let race = 0; race < MAX_SEGMENT_RACES; race++) {
    const free = await sqlQuery<{ segmentId: number }>(tx, Prisma.sql`SELECT "segmentId" FROM "SegmentAllocation" WHERE "kind" = 'vxlan' AND "physnet" = '' AND "allocated" = false LIMIT ${POOL_SELECT}`);
    if (free.length === 0) throw new DomainError("CONFLICT", "no tenant network", { reason: "no_segment" });
    const pick = Number((free[randomInt(0, free.length)] as { segmentId: number }).segmentId);
    const taken = await sqlRun(tx, Prisma.sql`UPDATE "SegmentAllocation" SET "allocated" = true WHERE "kind" = 'vxlan' AND "physnet" = '' AND "segmentId" = ${pick} AND "allocated" = false`);
    if (taken === 1) return pick;
  }
  throw new DomainError("CONFLICT", "segments busy", { reason: "no_segment" });
}

/** A VNI comes back: free again in range, gone out of range (ML2's release_segment). */
export async function releaseVni(tx: Tx, vni: number, ranges: readonly SegmentRange[]): Promise<void> {
  if (ranges.some((r) => vni >= r.min && vni <= r.max)) await sqlRun(tx, Prisma.sql`UPDATE "SegmentAllocation" SET "allocated" = false WHERE "kind" = 'vxlan' AND "physnet" = '' AND "segmentId" = ${vni}`);
  else await sqlRun(tx, Prisma.sql`DELETE FROM "SegmentAllocation" WHERE "kind" = 'vxlan' AND "physnet" = '' AND "segmentId" = ${vni}`);
}

/**
 * A provider network's VLAN (ML2's allocate_fully_specified_segment): taken if free, inserted
 * allocated if outside every range; a VLAN another network holds is Neutron's VlanIdInUse.
 */
export async function allocateVlan(tx: Tx, physnet: string, vlanId: number): Promise<void> {
  const taken = await sqlRun(tx, Prisma.sql`UPDATE "SegmentAllocation" SET "allocated" = true WHERE "kind" = 'vlan' AND "physnet" = ${physnet} AND "segmentId" = ${vlanId} AND "allocated" = false`);
  if (taken === 1) return;
  const inserted = await sqlRun(tx, Prisma.sql`${insertRow("SegmentAllocation", { kind: "vlan", physnet, segmentId: vlanId, allocated: true })} ON CONFLICT DO NOTHING`);
  if (inserted !== 1) throw new DomainError("CONFLICT", "vlan in use", { reason: "vlan_in_use", vlan: vlanId, physnet });
}

export interface SubnetRow {
  id: string;
  name: string;
  ipVersion: number;
  cidr: string;
  gatewayIp: string | null;
  pools: unknown;
}

/** A subnet's pools as ranges (stored as [{start, end}]). */
export function poolRanges(subnet: { pools: unknown }): IpRange[] {
  return (subnet.pools as { start: string; end: string }[]).map((p) => ({ first: (parseIp(p.start) as { value: bigint }).value, last: (parseIp(p.end) as { value: bigint }).value }));
}

export interface NewPort {
  projectId: string;
  network: { vpcId: string } | { externalNetworkId: string };
  subnet: SubnetRow;
  /** A chosen address (the caller checked it lies on the subnet), or the next free one. */
  fixedIp?: bigint | null;
  name?: string;
  deviceId: string | null;
  deviceOwner: string | null;
  securityGroupIds?: readonly string[];
  status?: string;
  now: Date;
}

/** A port, its MAC and its address, in the caller's transaction (Neutron's create_port with one fixed IP). */
export async function createPort(tx: Tx, p: NewPort): Promise<{ id: string; macAddress: string; address: string }> {
  const id = randomUUID();
  const network = "vpcId" in p.network ? { vpcId: p.network.vpcId, externalNetworkId: null } : { vpcId: null, externalNetworkId: p.network.externalNetworkId };
  const macAddress = await insertPort(tx, { id, name: p.name ?? "", projectId: p.projectId, ...network, deviceId: p.deviceId, deviceOwner: p.deviceOwner, status: p.status ?? "DOWN", now: p.now });
  const version = p.subnet.ipVersion as 4 | 6;
  let value: bigint;
  if (p.fixedIp !== undefined && p.fixedIp !== null) {
    value = p.fixedIp;
    await allocateSpecific(tx, p.subnet, value, id, p.now, formatIp(version, value));
  } else {
    value = await allocateNext(tx, p.subnet, id, p.now);
  }
  for (const securityGroupId of p.securityGroupIds ?? []) await sqlRun(tx, insertRow("PortSecurityGroup", { portId: id, securityGroupId }));
  return { id, macAddress, address: formatIp(version, value) };
}

/**
 * A port goes: its addresses return to their pools (once), an EIP bound to it is unbound (as
 * Neutron disassociates a floating IP whose port is deleted), its groups are dropped with it.
 * Returns the addresses released, or null when the port was already gone.
 */
export async function deletePort(tx: Tx, portId: string, now: Date): Promise<string[] | null> {
  const allocations = await tx.ipAllocation.findMany({ where: { portId }, include: { subnet: true } });
  const released: string[] = [];
  for (const a of allocations) {
    const value = keyAddress(a.address);
    if (await releaseAddress(tx, a.subnetId, value, poolRanges(a.subnet))) released.push(formatIp(a.subnet.ipVersion as 4 | 6, value));
  }
  await tx.eip.updateMany({ where: { fixedPortId: portId }, data: { fixedPortId: null, fixedIp: null, routerId: null, status: "DOWN", updatedAt: now } });
  const gone = await sqlRun(tx, Prisma.sql`DELETE FROM "Port" WHERE "id" = ${portId}`);
  return gone === 1 ? released : null;
}

/**
 * The region network resources count in. The emulated cloud has one region; VPCs, groups and EIPs
 * are the region's (Neutron is per region), so their quota is reserved there.
 */
export async function networkRegionId(client: Db | Tx = dbReader): Promise<string> {
  const region = await client.region.findFirst({ orderBy: { id: "asc" }, select: { id: true } });
  if (!region) throw new Error("no region");
  return region.id;
}

const addressOf = (a: { address: string; subnet: { ipVersion: number } }) => formatIp(a.subnet.ipVersion as 4 | 6, keyAddress(a.address));

/** The build plugs the ports (Neutron's binding on the host): they go ACTIVE and the ECS shows its first address. */
export async function bindInstancePorts(tx: Tx, instanceId: string, hostId: string | null): Promise<string> {
  const ports = await tx.port.findMany({ where: { deviceId: instanceId }, include: { fixedIps: { include: { subnet: true } } }, orderBy: { createdAt: "asc" } });
  if (ports.length === 0) return "no ports";
  await tx.port.updateMany({ where: { deviceId: instanceId }, data: { status: "ACTIVE" } });
  await tx.eip.updateMany({ where: { fixedPortId: { in: ports.map((p) => p.id) } }, data: { status: "ACTIVE" } });
  const first = ports[0] as (typeof ports)[number];
  const a = first.fixedIps[0];
  const address = a ? addressOf(a) : null;
  await tx.instance.update({ where: { id: instanceId }, data: { ipAddress: address, macAddress: first.macAddress } });
  return ports.map((p) => [p.macAddress, ...p.fixedIps.map(addressOf)].join(" ")).join(", ") + (hostId ? ` bound on ${hostId}` : "");
}

/** The ECS goes: its ports and addresses are given back (each once), EIPs bound to them are unbound and kept. */
export async function releaseInstancePorts(tx: Tx, instance: { id: string; projectId: string }, now: Date): Promise<string[]> {
  const ports = await tx.port.findMany({ where: { deviceId: instance.id }, select: { id: true } });
  const released: string[] = [];
  let count = 0;
  for (const p of ports) {
    const addresses = await deletePort(tx, p.id, now);
    if (addresses === null) continue;
    count++;
    released.push(...addresses);
  }
  if (count > 0) {
    const project = await tx.project.findUniqueOrThrow({ where: { id: instance.projectId } });
    await releaseQuota(tx, await vdcChain(tx, project.vdcId), await networkRegionId(tx), { ports: count });
  }
  return released.length ? [`released ${released.join(", ")}`] : [];
}


/** A subnet read by plain SQL in a model read's shape (SQLite hands JSON columns back as text). */
export function subnetOf<T extends { pools: unknown; dnsServers: unknown; hostRoutes: unknown }>(row: T): T {
  const json = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v);
  return { ...row, pools: json(row.pools), dnsServers: json(row.dnsServers), hostRoutes: json(row.hostRoutes) };
}

/** The first subnet of the project's default VPC, if it has one (read by every launch that names no network). */
export async function defaultSubnet(client: Db | Tx, projectId: string): Promise<Subnet | null> {
  const [row] = await sqlQuery<Subnet>(client, Prisma.sql`SELECT s.* FROM "Subnet" s JOIN "Vpc" v ON v."id" = s."vpcId" WHERE v."defaultFor" = ${projectId} ORDER BY s."createdAt" ASC LIMIT 1`);
  return row ? subnetOf(row) : null;
}
