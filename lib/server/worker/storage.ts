import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { advanceVolume, arrayFailure, failedStatus, isCreation, onBackendFailure, scheduleVolume, thinRequest, type PoolState, thinWrittenGb, VOLUME_TASK_TYPES, VOLUME_WORKFLOWS, volumeRecovery, type VolumeStepEffect, type VolumeTaskType, type VolumeTimelineEntry } from "@/lib/cloud/storage";
import { snapshotDemand, volumeDemand } from "@/lib/cloud/quota";
import { db, type Tx } from "../db";
import { releaseQuota, vdcChain } from "../repositories/quota";
import { recordServiceReport } from "../repositories/service-reports";
import { claimOnPool, poolStates, queueVolumeTask, releaseOnPool, volumeSchedulerSettings } from "../repositories/volumes";
import { loadSettings } from "../repositories/settings";
import { HOST_REPORT_SECONDS } from "./compute";
import { registerPeriodicJob, registerTaskKind, type StepContext, type TaskRow } from "./registry";
import { sqlRun } from "../repositories/sql";

// The storage layer's part of the task runner: it plays cinder-volume for the volume workflows
// (lib/cloud/storage/workflows.ts), and the volume services' report.

type VolumeRow = NonNullable<Awaited<ReturnType<typeof db.volume.findUnique>>>;

const timelineOf = (task: TaskRow): VolumeTimelineEntry[] => (Array.isArray(task.timeline) ? (task.timeline as unknown as VolumeTimelineEntry[]) : []);

async function stepVolumeTask({ tx, task, now }: StepContext): Promise<void> {
  const type = task.type as VolumeTaskType;
  const result = advanceVolume(type, task.stepIndex, now);
  const volume = task.volumeId ? await tx.volume.findUnique({ where: { id: task.volumeId } }) : null;
  // The array creates the LUN: an unreachable one fails the creation there, which is rescheduled.
  if (volume && result.effect === "create_lun" && (await lunFailure(tx, volume))) return rescheduleCreation(tx, task, volume, now);
  const details: string[] = [];
  if (volume && result.effect) details.push(await applyVolumeEffect(tx, result.effect, volume, now, (task.payload ?? {}) as VolumePayload));
  const timeline = [...timelineOf(task), ...result.timeline.map((e, i) => (i === 0 && details.length ? { ...e, detail: details.join("; ") } : e))];
  if (result.kind === "next") {
    await tx.task.update({ where: { id: task.id }, data: { stepIndex: result.stepIndex, dueAt: result.dueAt, timeline: timeline as never } });
    if (volume && result.status) await tx.volume.update({ where: { id: volume.id }, data: { status: result.status, updatedAt: now } });
    return;
  }
  await tx.task.update({ where: { id: task.id }, data: { status: "succeeded", finishedAt: now, timeline: timeline as never } });
  if (!volume || result.status === null) return;
  const payload = (task.payload ?? {}) as { prior?: string };
  let status = result.status === "prior" ? (payload.prior ?? "available") : result.status;
  // A volume created for an ECS (its block device mapping) is attached as soon as it exists.
  // One whose ECS was deleted meanwhile, marked delete_on_termination, is deleted now.
  if (isCreation(type) && status === "available") {
    const pending = await tx.volumeAttachment.findFirst({ where: { volumeId: volume.id, status: { in: ["attaching", "released"] } } });
    if (pending?.status === "attaching") {
      await tx.volumeAttachment.update({ where: { id: pending.id }, data: { status: "attached" } });
      status = "in-use";
    } else if (pending?.status === "released") {
      await tx.volumeAttachment.delete({ where: { id: pending.id } });
      status = "deleting";
      await queueVolumeTask(tx, { type: "volume.delete", volumeId: volume.id, now, requestedBy: null, detail: "deleted with its ECS" });
    }
  }
  await tx.volume.update({ where: { id: volume.id }, data: { status, updatedAt: now, ...(status === "deleted" ? { deletedAt: now } : {}) } });
}

interface VolumePayload {
  attachmentId?: string;
  snapshotId?: string;
  newSizeGb?: number;
}

/** The persistence side of a step; returns a line for the timeline. */
async function applyVolumeEffect(tx: Tx, effect: VolumeStepEffect, volume: VolumeRow, now: Date, payload: VolumePayload): Promise<string> {
  switch (effect) {
    case "finish_attach": {
      const a = await tx.volumeAttachment.update({ where: { id: payload.attachmentId as string }, data: { status: "attached" } });
      return `attached to ${a.instanceId} as ${a.device}`;
    }
    case "finish_detach": {
      const a = await tx.volumeAttachment.delete({ where: { id: payload.attachmentId as string } });
      return `detached from ${a.instanceId} (${a.device})`;
    }
    case "finish_extend": {
      const grow = (payload.newSizeGb as number) - volume.sizeGb;
      await tx.volume.update({ where: { id: volume.id }, data: { sizeGb: payload.newSizeGb as number, ...(volume.thin ? {} : { writtenGb: { increment: grow } }), updatedAt: now } });
      return `LUN extended from ${volume.sizeGb} to ${payload.newSizeGb} GB`;
    }
    case "finish_snapshot": {
      const snap = await tx.volumeSnapshot.update({ where: { id: payload.snapshotId as string }, data: { status: "available", updatedAt: now } });
      return `snapshot ${snap.name} available`;
    }
    case "release_snapshot": {
      // Marked deleted conditionally: its quota comes back exactly once.
      const gone = await tx.volumeSnapshot.updateMany({ where: { id: payload.snapshotId as string, deletedAt: null }, data: { status: "deleted", deletedAt: now, updatedAt: now } });
      if (gone.count !== 1) return "nothing to release";
      const snap = await tx.volumeSnapshot.findUniqueOrThrow({ where: { id: payload.snapshotId as string } });
      const [project, az] = await Promise.all([tx.project.findUniqueOrThrow({ where: { id: volume.projectId } }), tx.availabilityZone.findUniqueOrThrow({ where: { id: volume.azId } })]);
      await releaseQuota(tx, await vdcChain(tx, project.vdcId), az.regionId, snapshotDemand(snap.sizeGb));
      return `snapshot ${snap.name} deleted`;
    }
    case "create_lun":
      return `LUN of ${volume.sizeGb} GB created in ${volume.poolId ?? "-"}`;
    case "release_capacity": {
      // Flip `allocated` first, conditionally, so the pool's capacity and the quota come back exactly once.
      const flipped = await tx.volume.updateMany({ where: { id: volume.id, allocated: true }, data: { allocated: false, updatedAt: now } });
      if (flipped.count !== 1) return "nothing to release";
      if (volume.poolId) await releaseOnPool(tx, volume.poolId, volume.sizeGb, volume.writtenGb);
      const [project, az] = await Promise.all([tx.project.findUniqueOrThrow({ where: { id: volume.projectId } }), tx.availabilityZone.findUniqueOrThrow({ where: { id: volume.azId } })]);
      await releaseQuota(tx, await vdcChain(tx, project.vdcId), az.regionId, volumeDemand(volume.sizeGb));
      return `released ${volume.sizeGb} GB on ${volume.poolId ?? "-"}`;
    }
  }
}

/** Give back an extension's growth: on the pool (written too when thick) and on the VDC chain. */
async function releaseGrowth(tx: Tx, volume: VolumeRow, grow: number): Promise<void> {
  if (grow <= 0) return;
  if (volume.poolId) await releaseOnPool(tx, volume.poolId, grow, volume.thin ? 0 : grow);
  const [project, az] = await Promise.all([tx.project.findUniqueOrThrow({ where: { id: volume.projectId } }), tx.availabilityZone.findUniqueOrThrow({ where: { id: volume.azId } })]);
  await releaseQuota(tx, await vdcChain(tx, project.vdcId), az.regionId, { gigabytes: grow });
}

/** cinder-volume's init_host, for a task whose service stopped with it in flight. */
async function recoverVolumeTask({ tx, task, now }: StepContext): Promise<void> {
  const type = task.type as VolumeTaskType;
  const timeline = timelineOf(task);
  const step = VOLUME_WORKFLOWS[type].steps[task.stepIndex];
  if (volumeRecovery(type) === "error") {
    const message = `The volume ${isCreation(type) ? "creation" : "extension"} was interrupted by a restart of its volume service.`;
    await tx.task.update({ where: { id: task.id }, data: { status: "failed", error: message, finishedAt: now, timeline: [...timeline, { at: now.toISOString(), event: "failed", step: step?.name, detail: message }] as never } });
    // An extension that never finished gives back the growth it claimed (as Cinder rolls back its reservation).
    const grow = (task.payload as VolumePayload | null)?.newSizeGb;
    const volume = task.volumeId ? await tx.volume.findUnique({ where: { id: task.volumeId } }) : null;
    if (type === "volume.extend" && volume && grow) await releaseGrowth(tx, volume, grow - volume.sizeGb);
    if (task.volumeId)
      await tx.volume.update({ where: { id: task.volumeId }, data: { status: failedStatus(type) ?? "error", fault: { code: isCreation(type) ? "CREATE_INTERRUPTED" : "EXTEND_INTERRUPTED", message, at: now.toISOString() }, updatedAt: now } });
    return;
  }
  await tx.task.update({
    where: { id: task.id },
    data: { dueAt: new Date(now.getTime() + (step?.seconds ?? 1) * 1000), timeline: [...timeline, { at: now.toISOString(), event: "recovered", step: step?.name, detail: "resumed after its runner stopped" }] as never },
  });
}

/** Why the volume's array cannot create its LUN now (every controller failed), or null. */
async function lunFailure(tx: Tx, volume: VolumeRow): Promise<string | null> {
  if (!volume.poolId) return null;
  const pool = await tx.storagePool.findUnique({ where: { id: volume.poolId }, include: { array: { include: { controllers: { select: { health: true } } } } } });
  return pool ? arrayFailure(pool.array.controllers) : null;
}

/**
 * Cinder's OnFailureRescheduleTask: the failed pool gives its claim back and is excluded, the
 * volume is scheduled again on the pools as they are now and claimed on the best that has room,
 * and its creation starts over there; past scheduler_max_attempts (or for a clone bound to its
 * snapshot's pool, or when no other pool fits) the volume goes to error, its quota held until it
 * is deleted.
 */
async function rescheduleCreation(tx: Tx, task: TaskRow, volume: VolumeRow, now: Date): Promise<void> {
  const type = task.type as VolumeTaskType;
  const payload = (task.payload ?? {}) as VolumePayload & { attempted?: string[] };
  const settings = await loadSettings(tx);
  const failedPool = volume.poolId as string;
  const decision = onBackendFailure({ poolId: failedPool, attempted: payload.attempted ?? [], maxAttempts: settings.maxAttempts, boundToPool: type === "volume.create_from_snapshot" });
  const timeline = timelineOf(task);
  await releaseOnPool(tx, failedPool, volume.sizeGb, volume.writtenGb);
  const volumeType = await tx.volumeType.findUniqueOrThrow({ where: { id: volume.volumeTypeId } });
  const req = { sizeGb: volume.sizeGb, azs: [volume.azId], extraSpecs: volumeType.extraSpecs as Record<string, string>, attempted: decision.kind === "retry" ? decision.attempted : [] };
  let next: PoolState | null = null;
  if (decision.kind === "retry") {
    for (const candidate of scheduleVolume(await poolStates(tx, settings, now), req, volumeSchedulerSettings(settings)).ranked) {
      if (await claimOnPool(tx, candidate, volume.sizeGb, thinRequest(req))) {
        next = candidate;
        break;
      }
    }
  }
  if (!next) {
    const attempts = decision.kind === "retry" ? decision.attempt - 1 : decision.attempts;
    const message =
      decision.kind === "give_up" && decision.reason === "max_attempts"
        ? `Exceeded max scheduling attempts ${settings.maxAttempts} for resource ${volume.id}`
        : `No valid backend was found. The array of ${failedPool} is unreachable and no other pool can take the volume.`;
    await tx.task.update({ where: { id: task.id }, data: { status: "failed", error: message, finishedAt: now, timeline: [...timeline, { at: now.toISOString(), event: "failed", step: "creating_lun", detail: `${failedPool}: array unreachable; ${attempts} attempt(s)` }] as never } });
    // The pool's claim is back; the quota stays with the volume until it is deleted.
    await tx.volume.update({ where: { id: volume.id }, data: { status: "error", poolId: null, writtenGb: 0, fault: { code: "NO_VALID_BACKEND", message, at: now.toISOString() }, updatedAt: now } });
    return;
  }
  const thin = thinRequest(req) && next.thinSupport;
  await tx.volume.update({ where: { id: volume.id }, data: { poolId: next.id, thin, writtenGb: thin ? 0 : volume.sizeGb, updatedAt: now } });
  const first = VOLUME_WORKFLOWS[type].steps[0];
  await tx.task.update({
    where: { id: task.id },
    data: {
      stepIndex: 0,
      dueAt: new Date(now.getTime() + (first?.seconds ?? 0.5) * 1000),
      payload: { ...payload, attempted: decision.kind === "retry" ? decision.attempted : [] } as never,
      timeline: [...timeline, { at: now.toISOString(), event: "rescheduled", step: "creating_lun", detail: `${failedPool}: array unreachable; attempt ${decision.kind === "retry" ? decision.attempt : "-"} on ${next.id}` }, { at: now.toISOString(), event: "step_started", step: first?.name }] as never,
    },
  });
}

class SkipWrite extends Error {}

/** How often (cloud seconds) the guests' writes to thin volumes are brought up to date. */
const THIN_WRITE_SECONDS = 60;
const WRITE_BATCH = 500;

/**
 * Thin volumes fill as their guests write (thinWrittenGb): each gets what it has written by now,
 * conditionally on what was read, and its pool's written space grows with it, never past the
 * pool's physical capacity (a full pool takes no more writes).
 */
export async function growThinWrites(now: Date): Promise<number> {
  const thin = await db.volume.findMany({ where: { thin: true, deletedAt: null, allocated: true, status: { in: ["available", "in-use", "attaching", "detaching", "extending"] } }, select: { id: true, sizeGb: true, writtenGb: true, createdAt: true, poolId: true }, take: WRITE_BATCH, orderBy: { writtenGb: "asc" } });
  let grown = 0;
  for (const v of thin) {
    const delta = Math.round((thinWrittenGb(v, now) - v.writtenGb) * 100) / 100;
    if (delta <= 0 || !v.poolId) continue;
    // Both or neither: a volume deleted or changed meanwhile, or a full pool, rolls the pair back.
    const ok = await db
      .$transaction(async (tx) => {
        const moved = await tx.volume.updateMany({ where: { id: v.id, writtenGb: v.writtenGb, allocated: true, deletedAt: null }, data: { writtenGb: { increment: delta } } });
        if (moved.count !== 1) throw new SkipWrite();
        const pool = await sqlRun(tx, Prisma.sql`UPDATE "StoragePool" SET "writtenGb" = "writtenGb" + ${delta} WHERE "id" = ${v.poolId} AND "writtenGb" + ${delta} <= "totalGb"`);
        if (pool !== 1) throw new SkipWrite();
        return true;
      })
      .catch((err: unknown) => {
        if (err instanceof SkipWrite) return false;
        throw err;
      });
    if (ok) grown++;
  }
  return grown;
}

registerTaskKind({ types: VOLUME_TASK_TYPES, step: stepVolumeTask, recover: recoverVolumeTask });
registerPeriodicJob({ layer: "storage", name: "thin-writes", every: THIN_WRITE_SECONDS, run: growThinWrites });
// The running volume services report in, one row whatever the number of pools.
registerPeriodicJob({ layer: "storage", name: "volume-report", every: HOST_REPORT_SECONDS, betweenSteps: true, run: (now) => recordServiceReport(db, "volume", now) });

