import "server-only";
import { randomUUID } from "node:crypto";
import { advance, firstStep, onBuildFailure, recoveryFor, WORKFLOWS, type PriorState, type StepEffect, type TaskType, type TimelineEntry } from "@/lib/cloud/tasks";
import { NoValidHostError, NOVA_NO_VALID_HOST, requestSpecFor, syncPowerState, type PowerState } from "@/lib/cloud/compute";
import { hashString, seededRandom } from "@/lib/cloud/shared";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "../db";
import { claimOf, isUp, lastComputeReport, recordComputeReport, releaseOnHost } from "../repositories/hosts";
import { cachedHostStates } from "../repositories/host-cache";
import { claimBestHost } from "../repositories/placement";
import { serverGroupSpec } from "../repositories/server-groups";
import { beginConfirm, cancelOpenMigrations, confirmResize, failMove, finishEvacuation, finishResize, oldClaim, revertResize } from "../repositories/migrations";
import { loadSettings } from "../repositories/settings";
import { releaseQuota, vdcChain } from "../repositories/quota";
import { instanceDemand } from "@/lib/cloud/quota";
import { cloudNow } from "../services/clock";
import { provisionApproved, sweepApprovalTimeouts } from "../services/orders";

// The task runner plays the part of nova-compute and the conductor: it owns tasks, advances them
// step by step when the cloud clock reaches each step's due time, and recovers tasks whose owner
// died. Several runners (processes) may run at once: every claim and every step is an update
// conditional on the task's version, so no two runners ever apply the same step.

/** A runner that has not beaten its heart for this long (wall time) is dead. */
const RUNNER_STALE_MS = 10_000;
const RUNNER_HEARTBEAT_MS = 2_000;
/** Hosts report to the cloud every this many cloud seconds (nova's report_interval is 10 s). */
const HOST_REPORT_SECONDS = 10;
const BATCH = 50;

type TaskRow = NonNullable<Awaited<ReturnType<typeof db.task.findFirst>>>;

function timelineOf(task: TaskRow): TimelineEntry[] {
  return Array.isArray(task.timeline) ? (task.timeline as unknown as TimelineEntry[]) : [];
}

export class TaskRunner {
  readonly id = `runner-${randomUUID()}`;
  private lastRunnerBeat = 0;
  private lastHostReport: Date | null = null;
  private lastPowerSync: Date | null = null;
  /** Cached between host reports (every 10 cloud s), so a tick does not read the settings row. */
  private powerSyncSeconds: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private busy = false;

  constructor(private readonly intervalMs = 250) {}

  async start(): Promise<void> {
    const wall = new Date();
    await db.runner.upsert({ where: { id: this.id }, create: { id: this.id, startedAt: wall, heartbeatAt: wall }, update: { heartbeatAt: wall } });
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref?.();
  }

  /** Stops ticking and waits for a pass in flight to finish, so nothing of this runner writes afterwards. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.pass;
    await db.runner.deleteMany({ where: { id: this.id } });
  }

  private pass: Promise<void> | null = null;

  /** One pass: heartbeat, recover orphans, claim new work, advance due steps. Never overlaps itself. */
  async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.pass = this.runPass();
    await this.pass;
  }

  private async runPass(): Promise<void> {
    try {
      await this.beat();
      const now = await cloudNow();
      await this.reportHosts(now);
      await this.syncPowerStates(now);
      await this.recoverOrphans(now);
      await this.claimQueued();
      await this.advanceDue(now);
      // Orders: approval levels that timed out decide themselves; approved orders provision.
      await sweepApprovalTimeouts(now);
      // An order another runner was provisioning when it died is taken over from its next item.
      const alive = await db.runner.findMany({ where: { heartbeatAt: { gte: new Date(Date.now() - RUNNER_STALE_MS) } }, select: { id: true } });
      await provisionApproved(now, { id: this.id, alive: alive.map((r) => r.id) });
    } catch (err) {
      // A failed pass is retried on the next tick; the conditional updates keep it safe.
      console.error("[task-runner] tick failed:", err);
    } finally {
      this.busy = false;
    }
  }

  private async beat(): Promise<void> {
    const wall = Date.now();
    if (wall - this.lastRunnerBeat < RUNNER_HEARTBEAT_MS) return;
    this.lastRunnerBeat = wall;
    await db.runner.upsert({
      where: { id: this.id },
      create: { id: this.id, startedAt: new Date(wall), heartbeatAt: new Date(wall) },
      update: { heartbeatAt: new Date(wall) },
    });
    await db.runner.deleteMany({ where: { heartbeatAt: { lt: new Date(wall - 6 * RUNNER_STALE_MS) } } });
  }

  /** Every running compute service reports in when its interval is due: one row written, whatever the number of hosts. */
  private async reportIn(now: Date): Promise<boolean> {
    // Never moves the report back (a caller's "now" may lag the last one), unless the clock was reset an hour back or more.
    const last = this.lastHostReport?.getTime() ?? null;
    if (last !== null && now.getTime() - last < HOST_REPORT_SECONDS * 1000 && now.getTime() > last - 3_600_000) return false;
    this.lastHostReport = now;
    await recordComputeReport(db, now);
    return true;
  }

  /** The compute services' report, and the periodic jobs that run with it. */
  async reportHosts(now: Date): Promise<void> {
    if (!(await this.reportIn(now))) return;
    this.powerSyncSeconds = null;
    await purgeDeletedImages(now);
    await cleanupEvacuatedSources(now);
    await autoConfirmResizes(now);
  }

  /** nova-compute's _sync_power_states, every powerSyncSeconds of cloud time. */
  async syncPowerStates(now: Date, force = false): Promise<number> {
    if (!force) {
      const powerSyncSeconds = (this.powerSyncSeconds ??= (await loadSettings(db)).powerSyncSeconds);
      if (this.lastPowerSync && now.getTime() - this.lastPowerSync.getTime() < powerSyncSeconds * 1000 && now >= this.lastPowerSync) return 0;
    }
    this.lastPowerSync = now;
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

  async recoverOrphans(now: Date): Promise<void> {
    const alive = await db.runner.findMany({ where: { heartbeatAt: { gte: new Date(Date.now() - RUNNER_STALE_MS) } }, select: { id: true } });
    const aliveIds = alive.map((r) => r.id);
    const orphans = await db.task.findMany({
      where: { status: "running", ownerId: { notIn: aliveIds } },
      take: BATCH,
    });
    for (const task of orphans) await this.recover(task, now);
  }

  /** Nova's _init_instance, for a task whose compute service died with it in flight. */
  async recover(task: TaskRow, now: Date): Promise<boolean> {
    const type = task.type as TaskType;
    const policy = recoveryFor(type);
    return db.$transaction(async (tx) => {
      const claimed = await tx.task.updateMany({
        where: { id: task.id, version: task.version, status: "running" },
        data: { ownerId: this.id, version: { increment: 1 }, updatedAt: now },
      });
      if (claimed.count !== 1) return false;
      const timeline = timelineOf(task);
      if (policy.kind === "fail_build") {
        const step = WORKFLOWS[type].steps[task.stepIndex]?.taskState;
        await tx.task.update({
          where: { id: task.id },
          data: {
            status: "failed",
            error: policy.fault.message,
            finishedAt: now,
            timeline: [...timeline, { at: now.toISOString(), event: "failed", step, detail: policy.fault.message }] as never,
          },
        });
        if (task.instanceId)
          await tx.instance.update({
            where: { id: task.instanceId },
            data: { vmState: "error", taskState: null, powerState: "nostate", fault: { ...policy.fault, step: step ?? null, at: now.toISOString() }, updatedAt: now },
          });
      } else {
        const step = WORKFLOWS[type].steps[task.stepIndex];
        await tx.task.update({
          where: { id: task.id },
          data: {
            dueAt: new Date(now.getTime() + (step?.seconds ?? 1) * 1000),
            timeline: [...timeline, { at: now.toISOString(), event: "recovered", step: step?.taskState, detail: "resumed after its runner stopped" }] as never,
          },
        });
      }
      return true;
    });
  }

  /** Claim the oldest queued tasks in one conditional statement: a task another runner took meanwhile is no longer "queued". */
  async claimQueued(): Promise<void> {
    const queued = await db.task.findMany({ where: { status: "queued" }, orderBy: { createdAt: "asc" }, take: BATCH, select: { id: true } });
    if (queued.length === 0) return;
    await db.task.updateMany({
      where: { id: { in: queued.map((t) => t.id) }, status: "queued" },
      data: { status: "running", ownerId: this.id, version: { increment: 1 } },
    });
  }

  async advanceDue(now: Date): Promise<void> {
    const due = await db.task.findMany({
      where: { status: "running", ownerId: this.id, dueAt: { lte: now } },
      orderBy: { dueAt: "asc" },
      take: BATCH,
    });
    for (const task of due) {
      // A long pass (many steps at a fast cloud clock) must not let the compute services miss their reports.
      await this.reportIn(await cloudNow());
      try {
        await this.step(task, now);
      } catch (err) {
        console.error(`[task-runner] step of task ${task.id} failed, retrying next tick:`, err);
      }
    }
  }

  /**
   * Nova's reschedule: the build failed on its host, so try an alternate host (never one already
   * tried), up to max_attempts; the new claim is taken before the old one is given back, so a
   * failed reschedule leaves the instance holding exactly one claim.
   */
  private async buildFailed(tx: Tx, task: TaskRow, instance: InstanceRow, now: Date): Promise<void> {
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

  /** Apply one due step of a task in one transaction. */
  async step(task: TaskRow, now: Date): Promise<boolean> {
    const type = task.type as TaskType;
    const payload = (task.payload ?? {}) as { prior?: PriorState; migrationId?: string };
    const result = advance(type, { stepIndex: task.stepIndex, dueAt: task.dueAt }, now, payload.prior);
    return db.$transaction(async (tx) => {
      const claimed = await tx.task.updateMany({
        where: { id: task.id, version: task.version, status: "running", ownerId: this.id },
        data: { version: { increment: 1 }, updatedAt: now },
      });
      if (claimed.count !== 1) return false; // cancelled or taken over meanwhile
      const instance = task.instanceId ? await tx.instance.findUnique({ where: { id: task.instanceId } }) : null;
      // A build whose compute service went down fails on that host: reschedule or give up.
      if (type === "instance.build" && instance?.hostId) {
        const host = await tx.host.findUnique({ where: { id: instance.hostId } });
        if (!host || !isUp(host, now, await lastComputeReport(tx))) {
          await this.buildFailed(tx, task, instance, now);
          return true;
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
          await failTask(tx, task, instance, now, { code: "MIGRATION_FAILED", message, details, step: step ?? null }, timelineOf(task));
          return true;
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
      if (instance) {
        const patch = result.instance;
        await tx.instance.update({
          where: { id: instance.id },
          data: {
            ...patch,
            updatedAt: now,
            ...(result.kind === "done" && (type === "instance.build" || type === "instance.rebuild" || type === "instance.evacuate") ? { launchedAt: now, fault: Prisma.DbNull } : {}),
            // A finished power operation leaves the hypervisor in the state it set.
            ...(result.kind === "done" ? { guestPowerState: null } : {}),
            ...(result.kind === "done" && type === "instance.delete" ? { deletedAt: now } : {}),
          },
        });
      }
      return true;
    });
  }
}

type InstanceRow = NonNullable<Awaited<ReturnType<typeof db.instance.findUnique>>>;

export interface BuildPayload {
  hostId?: string;
  tried?: string[];
}

const MOVES: readonly TaskType[] = ["instance.resize", "instance.migrate", "instance.evacuate"];

/** The persistence side of a step; returns a line for the request-flow timeline. */
async function applyEffect(tx: Tx, effect: StepEffect, instance: InstanceRow, now: Date, payload: unknown): Promise<string> {
  switch (effect) {
    case "allocate_network":
      return allocatePort(tx, instance);
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
      // Flip `allocated` first, conditionally, so the host's claim and the VDC quota are given
      // back exactly once.
      const flipped = await tx.instance.updateMany({ where: { id: instance.id, allocated: true }, data: { allocated: false, ipAddress: null, updatedAt: now } });
      if (flipped.count === 1) {
        if (instance.hostId)
          await releaseOnHost(tx, instance.hostId, claimOf(instance));
        const [project, az] = await Promise.all([
          tx.project.findUniqueOrThrow({ where: { id: instance.projectId } }),
          tx.availabilityZone.findUniqueOrThrow({ where: { id: instance.azId } }),
        ]);
        await releaseQuota(tx, await vdcChain(tx, project.vdcId), az.regionId, instanceDemand({ vcpus: instance.vcpus, ramMb: instance.memoryMb }));
      }
      return [...notes, instance.hostId ? `released ${instance.vcpus} vCPU / ${instance.memoryMb} MB on ${instance.hostId}` : "nothing to release"].join("; ");
    }
  }
}

// Until VPCs land, every project has one default subnet, 192.168.0.0/24, gateway .1; ports take
// the lowest free address, and the MAC uses Neutron's default base fa:16:3e.
async function allocatePort(tx: Tx, instance: InstanceRow): Promise<string> {
  if (instance.ipAddress) return `port ${instance.ipAddress}`;
  const used = await tx.instance.findMany({ where: { projectId: instance.projectId, ipAddress: { not: null } }, select: { ipAddress: true } });
  const taken = new Set(used.map((u) => u.ipAddress));
  let ip: string | null = null;
  for (let host = 2; host <= 254; host++) {
    const candidate = `192.168.0.${host}`;
    if (!taken.has(candidate)) {
      ip = candidate;
      break;
    }
  }
  if (!ip) throw new Error("subnet 192.168.0.0/24 exhausted");
  const h = hashString(instance.id);
  const mac = `fa:16:3e:${((h >>> 16) & 0xff).toString(16).padStart(2, "0")}:${((h >>> 8) & 0xff).toString(16).padStart(2, "0")}:${(h & 0xff).toString(16).padStart(2, "0")}`;
  await tx.instance.update({ where: { id: instance.id }, data: { ipAddress: ip, macAddress: mac } });
  return `port ${ip} (${mac})`;
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

/** Fail the task, put the instance in ERROR with the fault; it keeps its claim until it is deleted. */
async function failTask(tx: Tx, task: TaskRow, instance: InstanceRow, now: Date, fault: Record<string, unknown> & { message: string }, timeline: TimelineEntry[]): Promise<void> {
  await tx.task.update({
    where: { id: task.id },
    data: { status: "failed", error: fault.message, finishedAt: now, timeline: [...timeline, { at: now.toISOString(), event: "failed", detail: fault.message }] as never },
  });
  await tx.instance.update({ where: { id: instance.id }, data: { vmState: "error", taskState: null, powerState: "nostate", fault: { ...fault, at: now.toISOString() } as never, updatedAt: now } });
}

const globalForRunner = globalThis as unknown as { __hcsRunner?: TaskRunner };

/** Started once per server process from instrumentation.ts. */
export async function startRunner(intervalMs: number): Promise<TaskRunner> {
  if (globalForRunner.__hcsRunner) return globalForRunner.__hcsRunner;
  const runner = new TaskRunner(intervalMs);
  globalForRunner.__hcsRunner = runner;
  await runner.start();
  return runner;
}
