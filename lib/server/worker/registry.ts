import "server-only";
import type { Task } from "@/lib/generated/prisma/client";
import type { Tx } from "../db";

// What each layer of the cloud hands the task runner: the task kinds it steps and recovers, and
// the periodic jobs it runs (its services' reports, its sweeps). The runner itself only claims,
// dispatches and keeps the cadence (runner.ts); a layer registers here from its own module
// (compute.ts, orders.ts...), listed once in layers.ts.

export type TaskRow = Task;

export interface StepContext {
  tx: Tx;
  /** The task as read before its version was claimed (the claim succeeded: this runner owns the step). */
  task: TaskRow;
  now: Date;
  runnerId: string;
}

export interface TaskKind {
  /** The task types this layer steps (e.g. every `instance.*` workflow). */
  types: readonly string[];
  /** Apply the task's due step, inside the transaction that claimed it. */
  step(ctx: StepContext): Promise<void>;
  /** A running task whose runner died, claimed by this one: resume it or fail it, as the service would at start-up. */
  recover(ctx: StepContext): Promise<void>;
}

export interface JobContext {
  runnerId: string;
  /** The ids of the runners alive now (for jobs that take over a dead runner's work). */
  alive: () => Promise<string[]>;
}

export interface PeriodicJob {
  /** The layer that owns it (a test may run one layer's jobs alone). */
  layer: string;
  name: string;
  /** Cloud seconds between runs, or a function that reads it (a setting); 0: every pass. */
  every: number | (() => Promise<number>);
  /** Also due between the steps of a long pass (the compute services' report, so that no host looks down). */
  betweenSteps?: boolean;
  run(now: Date, ctx: JobContext): Promise<unknown>;
}

const kinds = new Map<string, TaskKind>();
const jobs: PeriodicJob[] = [];

export function registerTaskKind(kind: TaskKind): void {
  for (const type of kind.types) {
    const owner = kinds.get(type);
    if (owner && owner !== kind) throw new Error(`task type ${type} is registered twice`);
    kinds.set(type, kind);
  }
}

export function registerPeriodicJob(job: PeriodicJob): void {
  if (jobs.some((j) => j.name === job.name)) return;
  jobs.push(job);
}

export function taskKindFor(type: string): TaskKind {
  const kind = kinds.get(type);
  if (!kind) throw new Error(`no layer registered task type ${type}`);
  return kind;
}

export function periodicJobs(): readonly PeriodicJob[] {
  return jobs;
}
