import "server-only";
import { advance, firstStep, onBuildFailure, recoveryFor, TASK_TYPES, WORKFLOWS, type PriorState, type StepEffect, type TaskType, type TimelineEntry } from "@/lib/cloud/tasks";
import { NoValidHostError, NOVA_NO_VALID_HOST, requestSpecFor, syncPowerState, type PowerState } from "@/lib/cloud/compute";
import { seededRandom } from "@/lib/cloud/shared";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "../db";
import { claimOf, isUp, lastComputeReport, recordComputeReport, releaseOnHost } from "../repositories/hosts";
import { cachedHostStates } from "../repositories/host-cache";
import { claimBestHost } from "../repositories/placement";
import { serverGroupSpec } from "../repositories/server-groups";
import { beginConfirm, cancelOpenMigrations, confirmResize, failMove, finishEvacuation, finishResize, oldClaim, revertResize } from "../repositories/migrations";
import { loadSettings } from "../repositories/settings";
import { releaseInstanceVolumes } from "../repositories/volumes";
import { bindInstancePorts, releaseInstancePorts } from "../repositories/network";
import { releaseQuota, vdcChain } from "../repositories/quota";
import { instanceDemand } from "@/lib/cloud/quota";
import { registerPeriodicJob, registerTaskKind, type StepContext, type TaskRow } from "./registry";

// The compute layer's part of the task runner: it plays nova-compute and the conductor for the
// instance workflows (lib/cloud/tasks), and runs nova-compute's periodic jobs.

/** Hosts report to the cloud every this many cloud seconds (nova's report_interval is 10 s). */
export const HOST_REPORT_SECONDS = 10;
const BATCH = 50;
/** How often a build waiting for its volumes looks again (cloud seconds; Nova's block_device_allocate_retries_interval is 3). */
const BDM_POLL_SECONDS = 1;

type InstanceRow = NonNullable<Awaited<ReturnType<typeof db.instance.findUnique>>>;

export interface BuildPayload {
  hostId?: string;
  tried?: string[];
}

const MOVES: readonly TaskType[] = ["instance.resize", "instance.migrate", "instance.evacuate"];

export function timelineOf(task: TaskRow): TimelineEntry[] {
  return Array.isArray(task.timeline) ? (task.timeline as unknown as TimelineEntry[]) : [];
}

/**
 * Nova's reschedule: the build failed on its host, so try an alternate host (never one already
 * tried), up to max_attempts; the new claim is taken before the old one is given back, so a
 * failed reschedule leaves the instance holding exactly one claim.
 */
async function buildFailed(tx: Tx, task: TaskRow, instance: InstanceRow, now: Date): Promise<void> {
  const payload = (task.payload ?? {}) as BuildPayload;
  const failedHost = instance.hostId as string;
  const tried = [...new Set([...(payload.tried ?? []), failedHost])];
  const settings = await loadSettings(tx);
  const timeline = [...timelineOf(task), { at: now.toISOString(), event: "failed" as const, detail: `compute service on ${failedHost} is down` }];
  const decision = onBuildFailure(tried, settings.maxAttempts);
  if (decision.kind === "error") return failTask(tx, task, instance, now, decision.fault, timeline);

  const [flavor, image] = await Promise.all([tx.flavor.findUniqueOrThrow({ where: { id: instance.flavorId } }), tx.image.findUniqueOrThrow({ where: { id: instance.imageId } })]);
  const claim = claimOf(instance);
  const req = requestSpecFor(instance.azId, flavor, image, { vcpus: claim.vcpus, memoryMb: claim.memoryMb, diskGb: claim.diskGb }, instance.projectId);
  const hosts = (await cachedHostStates(tx, settings, now)).filter((h) => !decision.exclude.includes(h.id));
  const membership = await tx.serverGroupMember.findUnique({ where: { instanceId: instance.id } });
  if (membership) req.serverGroup = await serverGroupSpec(tx, membership.serverGroupId, instance.id);
  let chosen: { id: string; name: string };
  try {
    chosen = await claimBestHost(tx, hosts, req, settings, seededRandom(task.version), claim);
  } catch (err) {
    if (!(err instanceof NoValidHostError)) throw err;
    const why = err.explanation;
    return failTask(tx, task, instance, now, { code: "NO_VALID_HOST", message: NOVA_NO_VALID_HOST, details: `rescheduling: ${why.filter ?? "no hosts"} (${why.code})`, attempts: tried.length }, timeline);
  }
  await releaseOnHost(tx, failedHost, claim);
  const restart = firstStep("instance.build", now);
  await tx.instance.update({ where: { id: instance.id }, data: { hostId: chosen.id, taskState: restart.instance.taskState, ipAddress: null, macAddress: null, updatedAt: now } });
  await tx.task.update({
    where: { id: task.id },
    data: {
      stepIndex: 0,
      attempts: { increment: 1 },
      dueAt: restart.dueAt,
      payload: { hostId: chosen.id, tried } as never,
      timeline: [...timeline, { at: now.toISOString(), event: "rescheduled", step: "scheduling", detail: `attempt ${decision.attempt} on ${chosen.name}` }] as never,
    },
  });
}

/** One due step of an instance workflow, in the transaction that claimed it. */
async function stepInstanceTask({ tx, task, now }: StepContext): Promise<void> {
  const type = task.type as TaskType;
  const payload = (task.payload ?? {}) as { prior?: PriorState; migrationId?: string };
  const result = advance(type, { stepIndex: task.stepIndex, dueAt: task.dueAt }, now, payload.prior);
  const instance = task.instanceId ? await tx.instance.findUnique({ where: { id: task.instanceId } }) : null;
  // A build whose compute service went down fails on that host: reschedule or give up.
  if (type === "instance.build" && instance?.hostId) {
    const host = await tx.host.findUnique({ where: { id: instance.hostId } });
    if (!host || !isUp(host, now, await lastComputeReport(tx))) return buildFailed(tx, task, instance, now);
  }
  // The block device mapping waits for the ECS's EVS volumes to exist (Nova's
  // _await_block_device_map_created); one that ended in error aborts the build.
  if (type === "instance.build" && instance && WORKFLOWS[type].steps[task.stepIndex]?.taskState === "block_device_mapping") {
    const volumes = (await tx.volumeAttachment.findMany({ where: { instanceId: instance.id }, include: { volume: { select: { id: true, status: true } } } })).map((a) => a.volume);
    const failed = volumes.find((v) => v.status === "error");
    if (failed) {
      const reason = `Volume ${failed.id} did not finish being created even after we waited. And its status is error.`;
      return failTask(tx, task, instance, now, { code: "BUILD_ABORTED", message: `Build of instance ${instance.id} aborted: ${reason}` }, timelineOf(task));
    }
    if (volumes.some((v) => v.status === "creating" || v.status === "downloading")) {
      await tx.task.update({ where: { id: task.id }, data: { dueAt: new Date(now.getTime() + BDM_POLL_SECONDS * 1000) } });
      return;
    }
  }
  // A move whose destination's compute service went down before the guest got there fails;
  // Nova's conductor does not reschedule a resize once the destination has claimed.
  if (instance && payload.migrationId && MOVES.includes(type) && result.kind === "next") {
    const m = await tx.migration.findUnique({ where: { id: payload.migrationId } });
    const dest = m ? await tx.host.findUnique({ where: { id: m.destHostId } }) : null;
    if (m && (!dest || !isUp(dest, now, await lastComputeReport(tx)))) {
      const details = await failMove(tx, instance, payload, now);
      const step = WORKFLOWS[type].steps[task.stepIndex]?.taskState;
      const message = `The ${m.type} failed: the destination's compute service went down before the instance moved.`;
      return failTask(tx, task, instance, now, { code: "MIGRATION_FAILED", message, details, step: step ?? null }, timelineOf(task));
    }
  }
  const effects: StepEffect[] = [];
  if (result.effect) effects.push(result.effect);
  if (result.kind === "done" && result.finalEffect) effects.push(result.finalEffect);
  const details: string[] = [];
  if (instance) for (const e of effects) details.push(await applyEffect(tx, e, instance, now, task.payload));
  const timeline = [...timelineOf(task), ...result.timeline.map((e, i) => (i === 0 && details.length ? { ...e, detail: details.join("; ") } : e))];
  if (result.kind === "next") {
    await tx.task.update({ where: { id: task.id }, data: { stepIndex: result.stepIndex, dueAt: result.dueAt, timeline: timeline as never } });
  } else {
    await tx.task.update({ where: { id: task.id }, data: { status: "succeeded", finishedAt: now, timeline: timeline as never } });
  }
  if (!instance) return;
  await tx.instance.update({
    where: { id: instance.id },
    data: {
      ...result.instance,
      updatedAt: now,
      ...(result.kind === "done" && (type === "instance.build" || type === "instance.rebuild" || type === "instance.evacuate") ? { launchedAt: now, fault: Prisma.DbNull } : {}),
      // A finished power operation leaves the hypervisor in the state it set.
      ...(result.kind === "done" ? { guestPowerState: null } : {}),
      ...(result.kind === "done" && type === "instance.delete" ? { deletedAt: now } : {}),
    },
  });
}

/** Nova's _init_instance, for a task whose compute service died with it in flight. */
async function recoverInstanceTask({ tx, task, now }: StepContext): Promise<void> {
  const type = task.type as TaskType;
  const policy = recoveryFor(type);
  const timeline = timelineOf(task);
  if (policy.kind === "fail_build") {
    const step = WORKFLOWS[type].steps[task.stepIndex]?.taskState;
    await tx.task.update({
      where: { id: task.id },
      data: { status: "failed", error: policy.fault.message, finishedAt: now, timeline: [...timeline, { at: now.toISOString(), event: "failed", step, detail: policy.fault.message }] as never },
    });
    if (task.instanceId)
      await tx.instance.update({
        where: { id: task.instanceId },
        data: { vmState: "error", taskState: null, powerState: "nostate", fault: { ...policy.fault, step: step ?? null, at: now.toISOString() }, updatedAt: now },
      });
    return;
  }
  const step = WORKFLOWS[type].steps[task.stepIndex];
  await tx.task.update({
    where: { id: task.id },
    data: {
      dueAt: new Date(now.getTime() + (step?.seconds ?? 1) * 1000),
      timeline: [...timeline, { at: now.toISOString(), event: "recovered", step: step?.taskState, detail: "resumed after its runner stopped" }] as never,
    },
  });
}

/** The persistence side of a step; returns a line for the request-flow timeline. */
async function applyEffect(tx: Tx, effect: StepEffect, instance: InstanceRow, now: Date, payload: unknown): Promise<string> {
  switch (effect) {
    case "allocate_network":
      // The ports were made with the launch; the build plugs them on the host (Neutron's binding).
      return bindInstancePorts(tx, instance.id, instance.hostId);
    case "finish_resize":
      return finishResize(tx, instance.id, payload, now);
    case "confirm_resize":
      return confirmResize(tx, instance, payload, now);
    case "revert_resize":
      return revertResize(tx, instance, payload, now);
    case "finish_evacuation":
      return finishEvacuation(tx, instance.id, payload, now);
    case "rebuild": {
      const imageId = (payload as { imageId?: string }).imageId ?? instance.imageId;
      const image = await tx.image.findUniqueOrThrow({ where: { id: imageId } });
      await tx.instance.update({ where: { id: instance.id }, data: { imageId, updatedAt: now } });
      return `root disk rebuilt from ${image.name}; ports kept`;
    }
    case "finish_snapshot": {
      const imageId = (payload as { imageId?: string }).imageId;
      if (!imageId) return "no image";
      const image = await tx.image.update({ where: { id: imageId }, data: { status: "active" } });
      return `image ${image.name} active (${image.sizeMb} MB)`;
    }
    case "release_resources": {
      // A resize or evacuation in flight holds a second claim; a snapshot in flight is abandoned;
      // the instance leaves its server group (as Nova removes deleted members).
      const notes = await cancelOpenMigrations(tx, instance, now);
      await tx.image.updateMany({ where: { sourceInstanceId: instance.id, status: { in: ["queued", "saving"] } }, data: { status: "deleted", deletedAt: now } });
      await tx.serverGroupMember.deleteMany({ where: { instanceId: instance.id } });
      notes.push(...(await releaseInstanceVolumes(tx, instance.id, now, null)));
      // Its ports and addresses go back (each once: a second pass finds none), its EIPs are unbound and kept.
      notes.push(...(await releaseInstancePorts(tx, instance, now)));
      // Flip `allocated` first, conditionally, so the host's claim and the VDC quota are given
      // back exactly once.
      const flipped = await tx.instance.updateMany({ where: { id: instance.id, allocated: true }, data: { allocated: false, ipAddress: null, updatedAt: now } });
      if (flipped.count === 1) {
        if (instance.hostId) await releaseOnHost(tx, instance.hostId, claimOf(instance));
        const [project, az] = await Promise.all([tx.project.findUniqueOrThrow({ where: { id: instance.projectId } }), tx.availabilityZone.findUniqueOrThrow({ where: { id: instance.azId } })]);
        await releaseQuota(tx, await vdcChain(tx, project.vdcId), az.regionId, instanceDemand({ vcpus: instance.vcpus, ramMb: instance.memoryMb }));
      }
      return [...notes, instance.hostId ? `released ${instance.vcpus} vCPU / ${instance.memoryMb} MB on ${instance.hostId}` : "nothing to release"].join("; ");
    }
  }
}

/** Fail the task, put the instance in ERROR with the fault; it keeps its claim until it is deleted. */
async function failTask(tx: Tx, task: TaskRow, instance: InstanceRow, now: Date, fault: Record<string, unknown> & { message: string }, timeline: TimelineEntry[]): Promise<void> {
  await tx.task.update({
    where: { id: task.id },
    data: { status: "failed", error: fault.message, finishedAt: now, timeline: [...timeline, { at: now.toISOString(), event: "failed", detail: fault.message }] as never },
  });
  await tx.instance.update({ where: { id: instance.id }, data: { vmState: "error", taskState: null, powerState: "nostate", fault: { ...fault, at: now.toISOString() } as never, updatedAt: now } });
}

// ---------------------------------------------------------------- nova-compute's periodic jobs

/**
 * nova-compute's _sync_power_states: a guest whose hypervisor state differs from what the
 * database says (shut down from inside) is brought in line, with a power_sync record.
 */
export async function syncPowerStates(now: Date): Promise<number> {
  const diverged = await db.instance.findMany({ where: { guestPowerState: { not: null }, deletedAt: null }, take: 500 });
  let changed = 0;
  for (const inst of diverged) {
    const decision = syncPowerState(inst, inst.guestPowerState as PowerState);
    if (decision.kind === "skip" && decision.why === "task_in_progress") continue;
    await db.$transaction(async (tx) => {
      const upd = await tx.instance.updateMany({
        where: { id: inst.id, updatedAt: inst.updatedAt, taskState: null },
        data: decision.kind === "update" ? { powerState: decision.powerState, vmState: decision.vmState, guestPowerState: null, updatedAt: now } : { guestPowerState: null },
      });
      if (upd.count !== 1 || decision.kind !== "update") return;
      changed++;
      const detail = `${decision.note}: hypervisor reports ${inst.guestPowerState}; vm_state ${inst.vmState} -> ${decision.vmState}, power_state ${inst.powerState} -> ${decision.powerState}`;
      await tx.task.create({
        data: {
          type: "instance.power_sync",
          instanceId: inst.id,
          status: "succeeded",
          dueAt: now,
          payload: {},
          timeline: [{ at: now.toISOString(), event: "succeeded", detail }] as never,
          createdAt: now,
          updatedAt: now,
          finishedAt: now,
        },
      });
    });
  }
  return changed;
}

/**
 * nova-compute's _poll_unconfirmed_resizes: a resize left in VERIFY_RESIZE longer than
 * resize_confirm_window is confirmed, through the same conditional step a user's confirm takes.
 */
export async function autoConfirmResizes(now: Date): Promise<number> {
  const { resizeConfirmWindowSeconds: window } = await loadSettings(db);
  if (window <= 0) return 0;
  const due = await db.migration.findMany({
    where: { status: "finished", type: { in: ["resize", "migration"] }, finishedAt: { lte: new Date(now.getTime() - window * 1000) } },
    include: { instance: true },
    take: BATCH,
  });
  let confirmed = 0;
  for (const m of due) {
    const ok = await db.$transaction((tx) => beginConfirm(tx, m.instance, m, now, null, `confirmed automatically after ${window} s in VERIFY_RESIZE`));
    if (ok) confirmed++;
  }
  return confirmed;
}

/**
 * nova-compute's _destroy_evacuated_instances: when an evacuated host's compute service reports
 * again, it deletes the guests that now run elsewhere and Placement gives back their claims.
 */
export async function cleanupEvacuatedSources(now: Date): Promise<number> {
  const pending = await db.migration.findMany({ where: { type: "evacuation", status: "done" }, take: BATCH });
  let cleaned = 0;
  for (const m of pending) {
    const source = await db.host.findUnique({ where: { id: m.sourceHostId } });
    if (!source || !isUp(source, now, await lastComputeReport(db))) continue;
    await db.$transaction(async (tx) => {
      const closed = await tx.migration.updateMany({ where: { id: m.id, status: "done" }, data: { status: "completed", updatedAt: now } });
      if (closed.count === 1) await releaseOnHost(tx, m.sourceHostId, oldClaim(m));
    });
    cleaned++;
  }
  return cleaned;
}

/** Glance's purge: images deleted over an hour (cloud time) ago, that no instance refers to. */
export const IMAGE_PURGE_AFTER_SECONDS = 3600;
export async function purgeDeletedImages(now: Date): Promise<number> {
  const res = await db.image.deleteMany({
    where: { status: "deleted", deletedAt: { lte: new Date(now.getTime() - IMAGE_PURGE_AFTER_SECONDS * 1000) }, instances: { none: {} } },
  });
  return res.count;
}

registerTaskKind({ types: TASK_TYPES, step: stepInstanceTask, recover: recoverInstanceTask });
// Every running compute service reports in, in one row whatever the number of hosts; also between
// the steps of a long pass, so that a fast cloud clock never lets a host look down.
registerPeriodicJob({ layer: "compute", name: "compute-report", every: HOST_REPORT_SECONDS, betweenSteps: true, run: (now) => recordComputeReport(db, now) });
registerPeriodicJob({ layer: "compute", name: "purge-deleted-images", every: HOST_REPORT_SECONDS, run: purgeDeletedImages });
registerPeriodicJob({ layer: "compute", name: "cleanup-evacuated-sources", every: HOST_REPORT_SECONDS, run: cleanupEvacuatedSources });
registerPeriodicJob({ layer: "compute", name: "auto-confirm-resizes", every: HOST_REPORT_SECONDS, run: autoConfirmResizes });
registerPeriodicJob({ layer: "compute", name: "power-sync", every: async () => (await loadSettings(db)).powerSyncSeconds, run: syncPowerStates });
