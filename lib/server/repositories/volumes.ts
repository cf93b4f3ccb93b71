import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { capacityVerdict, explainNoPool, firstVolumeStep, NoValidBackendError, scheduleVolume, type PoolState, type VolumeRequest, type VolumeSchedulerSettings, type VolumeTaskType } from "@/lib/cloud/storage";
import type { StoragePool } from "@/lib/generated/prisma/client";
import type { Db, Tx } from "../db";
import { cloudRatioOf, poolStateFromRow } from "./pools";
import { lastServiceReport } from "./service-reports";
import type { CloudSettingsRow } from "./settings";
import { insertTask } from "./tasks";
import { sqlQuery, sqlRun } from "./sql";

export function volumeSchedulerSettings(settings: CloudSettingsRow): VolumeSchedulerSettings {
  return { capacityWeightMultiplier: settings.capacityWeightMultiplier, maxAttempts: settings.maxAttempts };
}

/** Every pool as Cinder's scheduler sees it now (pools are tens, not thousands: read each time). */
export async function poolStates(client: Db | Tx, settings: CloudSettingsRow, now: Date): Promise<PoolState[]> {
  const [rows, reportedAt] = await Promise.all([sqlQuery<StoragePool>(client, Prisma.sql`SELECT * FROM "StoragePool"`), lastServiceReport(client, "volume")]);
  const cloudRatio = cloudRatioOf(settings);
  return rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((row) => poolStateFromRow(row, cloudRatio, now, reportedAt));
}

/**
 * The most a pool may hold allocated for a volume of `size` to still pass Cinder's capacity
 * filter, given what it reported: the largest allocation `a` with the filter passing at
 * provisioned = a (it only gets harder as `a` grows).
 */
function maxAllocated(pool: PoolState, size: number, thin: boolean): number {
  const fits = (a: number) => capacityVerdict({ ...pool, provisionedGb: a, freeGb: Number.MAX_SAFE_INTEGER }, size, thin).ok;
  if (!fits(0)) return -1;
  let lo = 0;
  let hi = typeof pool.totalGb === "number" ? Math.ceil(pool.totalGb * Math.max(1, pool.maxOverSubscriptionRatio)) + 1 : Number.MAX_SAFE_INTEGER;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Claim a volume's capacity on a pool with one conditional UPDATE: it succeeds only if, when the
 * row is written, the pool's service is enabled and running and the allocation (and, for a thick
 * volume, the physically written space) still leaves room, so concurrent creates can never push a
 * pool past its thin limit or its real capacity. A thick LUN is written whole at creation.
 */
export async function claimOnPool(tx: Tx, pool: PoolState, sizeGb: number, thin: boolean): Promise<boolean> {
  const thinNow = thin && pool.thinSupport;
  const allocatedLimit = maxAllocated(pool, sizeGb, thin);
  if (allocatedLimit < 0 || typeof pool.totalGb !== "number") return false;
  const written = thinNow ? 0 : sizeGb;
  const writtenLimit = thinNow ? Number.MAX_SAFE_INTEGER : pool.totalGb - sizeGb;
  const changed = await sqlRun(tx, Prisma.sql`UPDATE "StoragePool" SET
      "allocatedGb" = "allocatedGb" + ${sizeGb}, "writtenGb" = "writtenGb" + ${written}, "updatedAt" = ${new Date()}
    WHERE "id" = ${pool.id} AND "enabled" = ${true} AND "serviceRunning" = ${true} AND "offline" = ${false}
      AND "allocatedGb" <= ${allocatedLimit} AND "writtenGb" <= ${writtenLimit}`);
  return changed === 1;
}

/** Give a volume's capacity back to its pool (allocation, and what it had written). */
export async function releaseOnPool(tx: Tx, poolId: string, sizeGb: number, writtenGb: number): Promise<void> {
  await sqlRun(tx, Prisma.sql`UPDATE "StoragePool" SET
      "allocatedGb" = CASE WHEN "allocatedGb" >= ${sizeGb} THEN "allocatedGb" - ${sizeGb} ELSE 0 END,
      "writtenGb" = CASE WHEN "writtenGb" >= ${writtenGb} THEN "writtenGb" - ${writtenGb} ELSE 0 END,
      "updatedAt" = ${new Date()}
    WHERE "id" = ${poolId}`);
}

/**
 * Claim each volume of a request on the first of its ranked pools that still has room (the
 * scheduler decided before the transaction on the pools' reported state; a stale view loses the
 * claim and moves on). When a volume finds no pool, schedules it again on the current state
 * with every pool's verdict and throws the reason.
 */
export async function claimVolumes(tx: Tx, pools: PoolState[], placements: PoolState[][], req: VolumeRequest, count: number, settings: VolumeSchedulerSettings, thin: boolean, fresh: () => Promise<PoolState[]>): Promise<PoolState[]> {
  const chosen: PoolState[] = [];
  for (let i = 0; i < count; i++) {
    let pool: PoolState | null = null;
    for (const candidate of placements[i] ?? []) {
      if (await claimOnPool(tx, candidate, req.sizeGb, thin)) {
        pool = candidate;
        break;
      }
    }
    if (!pool) {
      const now = await fresh();
      throw new NoValidBackendError(explainNoPool(scheduleVolume(now.length ? now : pools, req, settings, { explain: true }), req));
    }
    chosen.push(pool);
  }
  return chosen;
}

/** Queue a volume workflow for a volume whose status the caller has just set (conditionally). */
export async function queueVolumeTask(tx: Tx, args: { type: VolumeTaskType; volumeId: string; now: Date; requestedBy: string | null; payload?: Record<string, unknown>; detail?: string }): Promise<void> {
  await insertTask(tx, { type: args.type, volumeId: args.volumeId, start: firstVolumeStep(args.type, args.now), now: args.now, requestedBy: args.requestedBy, payload: args.payload ?? {}, detail: args.detail });
}

/**
 * An ECS is gone: its volumes are detached; those marked delete_on_termination are deleted (as
 * Nova asks Cinder to), unless they have snapshots, which Cinder refuses: they stay, available.
 */
export async function releaseInstanceVolumes(tx: Tx, instanceId: string, now: Date, requestedBy: string | null): Promise<string[]> {
  const attachments = await tx.volumeAttachment.findMany({ where: { instanceId }, include: { volume: { include: { _count: { select: { snapshots: { where: { deletedAt: null } } } } } } } });
  const notes: string[] = [];
  for (const a of attachments) {
    const remove = a.deleteOnTermination && a.volume._count.snapshots === 0 && a.volume.deletedAt === null;
    // A volume still being created finishes first: its attachment is marked released, and the
    // creation's last step deletes it (or leaves it available when it is kept).
    if (a.volume.status === "creating" || a.volume.status === "downloading") {
      if (remove) await tx.volumeAttachment.update({ where: { id: a.id }, data: { status: "released" } });
      else await tx.volumeAttachment.delete({ where: { id: a.id } });
      notes.push(`${a.device} ${a.volume.name} released while being created`);
      continue;
    }
    await tx.volumeAttachment.delete({ where: { id: a.id } });
    const settled = a.volume.status === "in-use" || a.volume.status === "attaching" || a.volume.status === "detaching";
    if (remove && (settled || a.volume.status === "available" || a.volume.status === "error")) {
      await tx.volume.update({ where: { id: a.volumeId }, data: { status: "deleting", updatedAt: now } });
      await queueVolumeTask(tx, { type: "volume.delete", volumeId: a.volumeId, now, requestedBy, detail: `deleted with its ECS (${a.device})` });
      notes.push(`${a.device} ${a.volume.name} deleted`);
    } else {
      if (settled) await tx.volume.update({ where: { id: a.volumeId }, data: { status: "available", updatedAt: now } });
      notes.push(`${a.device} ${a.volume.name} detached`);
    }
  }
  return notes;
}
