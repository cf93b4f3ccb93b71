import "server-only";
import { flavorDiskGb, hostStateOf, type HostState, type SchedulerSettings } from "@/lib/cloud/compute";
import type { Db, Tx } from "../db";
import { Prisma, type Host } from "@/lib/generated/prisma/client";
import { lastServiceReport, recordServiceReport } from "./service-reports";
import { sqlQuery, sqlRun } from "./sql";

/** A host is down when its compute service has not reported for this long (Nova's service_down_time). */
export const SERVICE_DOWN_SECONDS = 60;

export const hostWithGroups = { groups: { include: { hostGroup: true } } } satisfies Prisma.HostInclude;
export type HostRow = Prisma.HostGetPayload<{ include: typeof hostWithGroups }>;
/** What the scheduler reads of a host: its columns and its groups' names and metadata. */
export type SchedulerHostRow = Host & { groups: { hostGroup: { name: string; metadata: Prisma.JsonValue } }[] };

/** Beyond this many changed hosts, every membership is read rather than a long IN list. */
const MEMBERSHIP_IN_LIMIT = 500;

/**
 * Every host, or those written since `since`, with their groups, for the scheduler's cache. Two
 * plain statements: the cache reads them on every launch, and at that rate Prisma's per-query
 * compilation cost several times the reads themselves (docs/performance.md). The driver adapters
 * type the columns (booleans, dates, JSON) as a model query would, on SQLite and PostgreSQL alike.
 */
export async function schedulerHostRows(client: Db | Tx, since: Date | null): Promise<SchedulerHostRow[]> {
  const hosts = since ? await sqlQuery<Host>(client, Prisma.sql`SELECT * FROM "Host" WHERE "updatedAt" >= ${since}`) : await sqlQuery<Host>(client, Prisma.sql`SELECT * FROM "Host"`);
  if (!hosts.length) return [];
  const ids = hosts.map((h) => h.id);
  const members =
    since && ids.length <= MEMBERSHIP_IN_LIMIT
      ? await sqlQuery<{ hostId: string; name: string; metadata: Prisma.JsonValue }>(client, Prisma.sql`SELECT m."hostId", g."name", g."metadata" FROM "HostGroupMember" m JOIN "HostGroup" g ON g."id" = m."hostGroupId" WHERE m."hostId" IN (${Prisma.join(ids)})`)
      : await sqlQuery<{ hostId: string; name: string; metadata: Prisma.JsonValue }>(client, Prisma.sql`SELECT m."hostId", g."name", g."metadata" FROM "HostGroupMember" m JOIN "HostGroup" g ON g."id" = m."hostGroupId"`);
  const groups = new Map<string, SchedulerHostRow["groups"]>();
  for (const m of members) {
    const list = groups.get(m.hostId) ?? [];
    list.push({ hostGroup: { name: m.name, metadata: m.metadata } });
    groups.set(m.hostId, list);
  }
  // In a stable order whatever the database's collation, as the groups come in no defined order.
  for (const list of groups.values()) list.sort((a, b) => (a.hostGroup.name < b.hostGroup.name ? -1 : a.hostGroup.name > b.hostGroup.name ? 1 : 0));
  return hosts.map((h) => ({ ...h, groups: groups.get(h.id) ?? [] }));
}

/**
 * When the running compute services last reported (they report together, from the task runner:
 * one row per interval whatever the number of hosts). Null before the first report.
 */
export async function lastComputeReport(client: Db | Tx): Promise<Date | null> {
  return lastServiceReport(client, "compute");
}

export async function recordComputeReport(client: Db | Tx, at: Date): Promise<void> {
  await recordServiceReport(client, "compute", at);
}

/**
 * Nova's servicegroup: a service is up while it reports, and has reported within service_down_time.
 * A host cut off from the network (every switch port it is cabled to down) reports nothing either.
 */
export function isUp(host: { serviceRunning: boolean; networkLost: boolean }, now: Date, reportedAt: Date | null): boolean {
  return host.serviceRunning && !host.networkLost && reportedAt !== null && now.getTime() - reportedAt.getTime() <= SERVICE_DOWN_SECONDS * 1000;
}

/** The last heartbeat to show for a host: the shared report while it runs, its own last one once stopped. */
export function lastHeartbeat(host: { serviceRunning: boolean; networkLost: boolean; lastHeartbeatAt: Date | null }, reportedAt: Date | null): Date | null {
  return host.serviceRunning && !host.networkLost ? reportedAt : host.lastHeartbeatAt;
}

export function toHostState(h: SchedulerHostRow, settings: SchedulerSettings, now: Date, reportedAt: Date | null): HostState {
  return hostStateOf(h, settings, isUp(h, now, reportedAt), h.groups.map((g) => ({ name: g.hostGroup.name, metadata: g.hostGroup.metadata as Record<string, string> })));
}

/**
 * Claim a request on a host with one conditional UPDATE: it succeeds only if the host still has
 * room when the row is written, so concurrent launches can never push it past its limits.
 */
export interface Claim {
  vcpus: number;
  memoryMb: number;
  diskGb: number;
  hugePagesMb: number;
}

/** The claim an instance holds (local disk = root + ephemeral + swap; huge pages only if its flavor asks). */
export function claimOf(i: { vcpus: number; memoryMb: number; rootGb: number; ephemeralGb: number; swapMb: number; hugePagesMb: number }): Claim {
  return { vcpus: i.vcpus, memoryMb: i.memoryMb, diskGb: flavorDiskGb({ diskGb: i.rootGb, ephemeralGb: i.ephemeralGb, swapMb: i.swapMb }), hugePagesMb: i.hugePagesMb };
}

export async function claimOnHost(tx: Tx, host: HostState, req: Claim): Promise<boolean> {
  const vcpuLimit = Math.floor((host.vcpus - host.reservedVcpus) * host.cpuRatio);
  const memLimit = Math.floor((host.memoryMb - host.reservedMemoryMb) * host.ramRatio);
  const diskLimit = Math.floor((host.diskGb - host.reservedDiskGb) * host.diskRatio);
  // Plain SQL, as every launch runs it; updatedAt as @updatedAt would stamp it (the host cache reads by it).
  // Even a forced host (az:host) must be enabled: Zed's Placement query forbids COMPUTE_STATUS_DISABLED.
  const changed = await sqlRun(tx, Prisma.sql`UPDATE "Host" SET
      "vcpusUsed" = "vcpusUsed" + ${req.vcpus}, "memoryMbUsed" = "memoryMbUsed" + ${req.memoryMb}, "diskGbUsed" = "diskGbUsed" + ${req.diskGb},
      "hugePagesUsedMb" = "hugePagesUsedMb" + ${req.hugePagesMb}, "instanceCount" = "instanceCount" + 1, "updatedAt" = ${new Date()}
    WHERE "id" = ${host.id} AND "enabled" = ${true}
      AND "vcpusUsed" <= ${vcpuLimit - req.vcpus} AND "memoryMbUsed" <= ${memLimit - req.memoryMb} AND "diskGbUsed" <= ${diskLimit - req.diskGb}
      AND "hugePagesUsedMb" <= ${host.hugePageMemoryMb - req.hugePagesMb}`);
  return changed === 1;
}

export async function releaseOnHost(tx: Tx, hostId: string, req: Claim): Promise<void> {
  await tx.host.update({
    where: { id: hostId },
    data: {
      vcpusUsed: { decrement: req.vcpus },
      memoryMbUsed: { decrement: req.memoryMb },
      diskGbUsed: { decrement: req.diskGb },
      hugePagesUsedMb: { decrement: req.hugePagesMb },
      instanceCount: { decrement: 1 },
    },
  });
}
