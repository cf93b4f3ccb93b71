// Each instance operation is a task that walks through Nova's request flow, one step at a time,
// on the cloud clock. A step sets the instance's task_state while it runs; when the last step
// ends the instance settles into its final states. Durations are simulated seconds.
import type { PowerState, TaskState, VmState } from "../compute/instance-states";

export const TASK_TYPES = [
  "instance.build",
  "instance.stop",
  "instance.start",
  "instance.reboot",
  "instance.reboot_hard",
  "instance.pause",
  "instance.unpause",
  "instance.suspend",
  "instance.resume",
  "instance.delete",
] as const;
export type TaskType = (typeof TASK_TYPES)[number];

/** Side effects a step needs from the persistence layer, named so the core stays pure. */
export type StepEffect = "allocate_network" | "release_resources";

export interface StepDef {
  /** The task_state the instance shows while this step runs. */
  taskState: TaskState;
  seconds: number;
  /** Applied when the step completes. */
  effect?: StepEffect;
}

export interface InstancePatch {
  vmState?: VmState;
  taskState?: TaskState | null;
  powerState?: PowerState;
}

export interface Workflow {
  steps: readonly StepDef[];
  /** The instance's states once the last step completes. */
  done: Required<InstancePatch>;
  /** Effect applied after the last step. */
  finalEffect?: StepEffect;
}

export const WORKFLOWS: Record<TaskType, Workflow> = {
  // API -> scheduler (host recorded before the build) -> network port -> block devices -> guest started.
  "instance.build": {
    steps: [
      { taskState: "scheduling", seconds: 1 },
      { taskState: "networking", seconds: 1.5, effect: "allocate_network" },
      { taskState: "block_device_mapping", seconds: 1.5 },
      { taskState: "spawning", seconds: 2 },
    ],
    done: { vmState: "active", taskState: null, powerState: "running" },
  },
  "instance.stop": {
    steps: [{ taskState: "powering-off", seconds: 2 }],
    done: { vmState: "stopped", taskState: null, powerState: "shutdown" },
  },
  "instance.start": {
    steps: [{ taskState: "powering-on", seconds: 2 }],
    done: { vmState: "active", taskState: null, powerState: "running" },
  },
  "instance.reboot": {
    steps: [
      { taskState: "rebooting", seconds: 1 },
      { taskState: "reboot_started", seconds: 2 },
    ],
    done: { vmState: "active", taskState: null, powerState: "running" },
  },
  "instance.reboot_hard": {
    steps: [
      { taskState: "rebooting_hard", seconds: 1 },
      { taskState: "reboot_started_hard", seconds: 1 },
    ],
    done: { vmState: "active", taskState: null, powerState: "running" },
  },
  // Pause keeps the guest in memory; suspend saves it to disk, so it takes longer both ways.
  "instance.pause": {
    steps: [{ taskState: "pausing", seconds: 1 }],
    done: { vmState: "paused", taskState: null, powerState: "paused" },
  },
  "instance.unpause": {
    steps: [{ taskState: "unpausing", seconds: 1 }],
    done: { vmState: "active", taskState: null, powerState: "running" },
  },
  "instance.suspend": {
    steps: [{ taskState: "suspending", seconds: 3 }],
    done: { vmState: "suspended", taskState: null, powerState: "suspended" },
  },
  "instance.resume": {
    steps: [{ taskState: "resuming", seconds: 3 }],
    done: { vmState: "active", taskState: null, powerState: "running" },
  },
  "instance.delete": {
    steps: [{ taskState: "deleting", seconds: 2 }],
    done: { vmState: "deleted", taskState: null, powerState: "nostate" },
    finalEffect: "release_resources",
  },
};

export interface TimelineEntry {
  at: string;
  event: "queued" | "step_started" | "step_done" | "succeeded" | "failed" | "recovered" | "cancelled" | "rescheduled";
  step?: TaskState;
  detail?: string;
}

export interface TaskProgress {
  stepIndex: number;
  dueAt: Date;
}

/** What happens when a task's current step is due. */
export type Advance =
  | { kind: "next"; effect: StepEffect | undefined; stepIndex: number; dueAt: Date; instance: InstancePatch; timeline: TimelineEntry[] }
  | { kind: "done"; effect: StepEffect | undefined; finalEffect: StepEffect | undefined; instance: InstancePatch; timeline: TimelineEntry[] };

export function firstStep(type: TaskType, now: Date): { instance: InstancePatch; dueAt: Date; timeline: TimelineEntry[] } {
  const step = WORKFLOWS[type].steps[0];
  if (!step) throw new Error(`workflow ${type} has no steps`);
  return {
    instance: { taskState: step.taskState },
    dueAt: new Date(now.getTime() + step.seconds * 1000),
    timeline: [
      { at: now.toISOString(), event: "queued" },
      { at: now.toISOString(), event: "step_started", step: step.taskState },
    ],
  };
}

export function advance(type: TaskType, progress: TaskProgress, now: Date): Advance {
  const wf = WORKFLOWS[type];
  const current = wf.steps[progress.stepIndex];
  if (!current) throw new Error(`task ${type} has no step ${progress.stepIndex}`);
  const doneEntry: TimelineEntry = { at: now.toISOString(), event: "step_done", step: current.taskState };
  const next = wf.steps[progress.stepIndex + 1];
  if (!next) {
    return {
      kind: "done",
      effect: current.effect,
      finalEffect: wf.finalEffect,
      instance: wf.done,
      timeline: [doneEntry, { at: now.toISOString(), event: "succeeded" }],
    };
  }
  return {
    kind: "next",
    effect: current.effect,
    stepIndex: progress.stepIndex + 1,
    dueAt: new Date(now.getTime() + next.seconds * 1000),
    instance: { taskState: next.taskState },
    timeline: [doneEntry, { at: now.toISOString(), event: "step_started", step: next.taskState }],
  };
}

/** Total simulated seconds a workflow takes; the UI uses it for progress. */
export function workflowSeconds(type: TaskType): number {
  return WORKFLOWS[type].steps.reduce((s, st) => s + st.seconds, 0);
}

export function taskTypeFor(action: "stop" | "start" | "reboot" | "reboot_hard" | "pause" | "unpause" | "suspend" | "resume" | "delete"): TaskType {
  return `instance.${action}` as TaskType;
}
