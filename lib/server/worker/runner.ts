import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "../db";
import { cloudNow } from "../services/clock";
import "./layers";
import { periodicJobs, taskKindFor, type PeriodicJob, type TaskRow } from "./registry";

// The task runner plays the part of the services' workers (nova-compute and the conductor,
// cinder-volume...): it owns tasks, advances them step by step when the cloud clock reaches each
// step's due time, recovers tasks whose owner died, and keeps the layers' periodic jobs on their
// cadence. What a step does belongs to the layer that registered its task type (registry.ts).
// Several runners (processes) may run at once: every claim and every step is an update
// conditional on the task's version, so no two runners ever apply the same step.

/** A runner that has not beaten its heart for this long (wall time) is dead. */
const RUNNER_STALE_MS = 10_000;
const RUNNER_HEARTBEAT_MS = 2_000;
const BATCH = 50;
/** A job's last run further ahead than this is a clock set back: the job is due again. */
const CLOCK_RESET_MS = 3_600_000;

export class TaskRunner {
  readonly id = `runner-${randomUUID()}`;
  private lastRunnerBeat = 0;
  /** When each periodic job last ran (cloud time). */
  private lastRun = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private busy = false;
  private pass: Promise<void> | null = null;

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

  /** One pass: heartbeat, periodic jobs, recover orphans, claim new work, advance due steps. Never overlaps itself. */
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
      await this.runPeriodic(now);
      await this.recoverOrphans(now);
      await this.claimQueued();
      await this.advanceDue(now);
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

  private async aliveRunners(): Promise<string[]> {
    const alive = await db.runner.findMany({ where: { heartbeatAt: { gte: new Date(Date.now() - RUNNER_STALE_MS) } }, select: { id: true } });
    return alive.map((r) => r.id);
  }

  /**
   * Run the periodic jobs that are due (all, one layer's, or only those that also run between
   * steps), in registration order. A job is due when its interval has passed since its last run;
   * a "now" that lags the last run (a caller's earlier reading of the clock) never runs it again,
   * unless the clock was set back an hour or more.
   */
  async runPeriodic(now: Date, opts: { layer?: string; betweenSteps?: boolean } = {}): Promise<void> {
    for (const job of periodicJobs()) {
      if (opts.layer && job.layer !== opts.layer) continue;
      if (opts.betweenSteps && !job.betweenSteps) continue;
      if (!(await this.due(job, now))) continue;
      this.lastRun.set(job.name, now.getTime());
      await job.run(now, { runnerId: this.id, alive: () => this.aliveRunners() });
    }
  }

  private async due(job: PeriodicJob, now: Date): Promise<boolean> {
    const last = this.lastRun.get(job.name);
    if (last === undefined) return true;
    const every = typeof job.every === "number" ? job.every : await job.every();
    const elapsed = now.getTime() - last;
    return elapsed >= every * 1000 || elapsed < -CLOCK_RESET_MS;
  }

  async recoverOrphans(now: Date): Promise<void> {
    const orphans = await db.task.findMany({ where: { status: "running", ownerId: { notIn: await this.aliveRunners() } }, take: BATCH });
    for (const task of orphans) await this.recover(task, now);
  }

  /** Take over a running task whose runner died, and let its layer resume or fail it. */
  async recover(task: TaskRow, now: Date): Promise<boolean> {
    return db.$transaction(async (tx) => {
      const claimed = await tx.task.updateMany({ where: { id: task.id, version: task.version, status: "running" }, data: { ownerId: this.id, version: { increment: 1 }, updatedAt: now } });
      if (claimed.count !== 1) return false;
      await taskKindFor(task.type).recover({ tx, task, now, runnerId: this.id });
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
    const due = await db.task.findMany({ where: { status: "running", ownerId: this.id, dueAt: { lte: now } }, orderBy: { dueAt: "asc" }, take: BATCH });
    for (const task of due) {
      // A long pass (many steps at a fast cloud clock) must not let the services miss their reports.
      await this.runPeriodic(await cloudNow(), { betweenSteps: true });
      try {
        await this.step(task, now);
      } catch (err) {
        console.error(`[task-runner] step of task ${task.id} failed, retrying next tick:`, err);
      }
    }
  }

  /** Apply one due step of a task in one transaction, claimed by its version. */
  async step(task: TaskRow, now: Date): Promise<boolean> {
    return db.$transaction(async (tx) => {
      const claimed = await tx.task.updateMany({ where: { id: task.id, version: task.version, status: "running", ownerId: this.id }, data: { version: { increment: 1 }, updatedAt: now } });
      if (claimed.count !== 1) return false; // cancelled or taken over meanwhile
      await taskKindFor(task.type).step({ tx, task, now, runnerId: this.id });
      return true;
    });
  }
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
