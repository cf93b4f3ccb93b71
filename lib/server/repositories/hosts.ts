import "server-only";
import { flavorDiskGb, hostStateOf, type HostState, type SchedulerSettings } from "@/lib/cloud/compute";
import type { Db, Tx } from "../db";
import type { Prisma } from "@/lib/generated/prisma/client";

/** A host is down when its compute service has not reported for this long (Nova's service_down_time). */
export const SERVICE_DOWN_SECONDS = 60;

export const hostWithGroups = { groups: { include: { hostGroup: true } } } satisfies Prisma.HostInclude;
export type HostRow = Prisma.HostGetPayload<{ include: typeof hostWithGroups }>;

/**
 * When the running compute services last reported (they report together, from the task runner:
 * one row per interval whatever the number of hosts). Null before the first report.
 */
export async function lastComputeReport(client: Db | Tx): Promise<Date | null> {
  return (await client.computeReport.findUnique({ where: { id: 1 } }))?.reportedAt ?? null;
}

export async function recordComputeReport(client: Db | Tx, at: Date): Promise<void> {
  await client.computeReport.upsert({ where: { id: 1 }, create: { id: 1, reportedAt: at }, update: { reportedAt: at } });
}

/** Nova's servicegroup: a service is up while it reports, and has reported within service_down_time. */
export function isUp(host: { serviceRunning: boolean }, now: Date, reportedAt: Date | null): boolean {
  return host.serviceRunning && reportedAt !== null && now.getTime() - reportedAt.getTime() <= SERVICE_DOWN_SECONDS * 1000;
}

/** The last heartbeat to show for a host: the shared report while it runs, its own last one once stopped. */
export function lastHeartbeat(host: { serviceRunning: boolean; lastHeartbeatAt: Date | null }, reportedAt: Date | null): Date | null {
  return host.serviceRunning ? reportedAt : host.lastHeartbeatAt;
}

export function toHostState(h: HostRow, settings: SchedulerSettings, now: Date, reportedAt: Date | null): HostState {
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
  const res = await tx.host.updateMany({
    where: {
      id: host.id,
      // Even a forced host (az:host) must be enabled: Zed's Placement query forbids COMPUTE_STATUS_DISABLED.
      enabled: true,
      vcpusUsed: { lte: vcpuLimit - req.vcpus },
      memoryMbUsed: { lte: memLimit - req.memoryMb },
      diskGbUsed: { lte: diskLimit - req.diskGb },
      hugePagesUsedMb: { lte: host.hugePageMemoryMb - req.hugePagesMb },
    },
    data: {
      vcpusUsed: { increment: req.vcpus },
      memoryMbUsed: { increment: req.memoryMb },
      diskGbUsed: { increment: req.diskGb },
      hugePagesUsedMb: { increment: req.hugePagesMb },
      instanceCount: { increment: 1 },
    },
  });
  return res.count === 1;
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
