// Each instance operation is a task that walks through Nova's request flow, one step at a time,
// on the cloud clock. A step sets the instance's task_state while it runs; when the last step
// ends the instance settles into its final states. Durations are simulated seconds.
import type { PowerState, SimpleAction, TaskState, VmState } from "../compute/instance-states";

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
  "instance.resize",
  "instance.migrate",
  "instance.confirm_resize",
  "instance.revert_resize",
  "instance.rebuild",
  "instance.evacuate",
  "instance.snapshot",
  "instance.delete",
] as const;
export type TaskType = (typeof TASK_TYPES)[number];

/** Side effects a step needs from the persistence layer, named so the core stays pure. */
export type StepEffect =
  | "allocate_network"
  | "release_resources"
  /** The guest now runs on the destination, with the new flavor (nova's finish_resize). */
  | "finish_resize"
  /** The source host's claim is given back (nova's confirm_resize). */
  | "confirm_resize"
  /** Back on the source with the old flavor; the destination's claim is given back. */
  | "revert_resize"
  /** The root disk is rebuilt from the new image (nova's rebuild_instance). */
  | "rebuild"
  /** The instance now runs on the evacuation's destination. */
  | "finish_evacuation"
  /** The snapshot image becomes active. */
  | "finish_snapshot";

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

/** The states an instance had before a task that returns it to them (rebuild, snapshot, revert). */
export interface PriorState {
  vmState: VmState;
  powerState: PowerState;
}

const RUNNING: PriorState = { vmState: "active", powerState: "running" };

/** A stopped instance stays stopped across resize, rebuild and evacuation, as in Nova. */
const poweredAsBefore = (prior: PriorState): PowerState => (prior.vmState === "stopped" ? "shutdown" : "running");
const settleAsBefore = (prior: PriorState): Required<InstancePatch> =>
  prior.vmState === "stopped" ? { vmState: "stopped", taskState: null, powerState: "shutdown" } : { vmState: "active", taskState: null, powerState: "running" };

const MOVE_STEPS: readonly StepDef[] = [
  { taskState: "resize_prep", seconds: 1 },
  { taskState: "resize_migrating", seconds: 3 },
  { taskState: "resize_migrated", seconds: 1 },
  { taskState: "resize_finish", seconds: 2, effect: "finish_resize" },
];
const verifyResize = (prior: PriorState): Required<InstancePatch> => ({ vmState: "resized", taskState: null, powerState: poweredAsBefore(prior) });

const rebuildSteps = (finish: StepEffect): readonly StepDef[] => [
  { taskState: "rebuilding", seconds: 1 },
  { taskState: "rebuild_block_device_mapping", seconds: 1.5 },
  { taskState: "rebuild_spawning", seconds: 2, effect: finish },
];

export interface Workflow {
  steps: readonly StepDef[];
  /** The instance's states once the last step completes, given its states before the task. */
  done: Required<InstancePatch> | ((prior: PriorState) => Required<InstancePatch>);
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
  // Nova's resize: prep_resize claims on the destination (taken at request time here), the disk
  // is copied, then finish_resize starts the guest there. It waits in VERIFY_RESIZE. A cold
  // migration is a resize to the same flavor, and ends the same way.
  "instance.resize": { steps: MOVE_STEPS, done: verifyResize },
  "instance.migrate": { steps: MOVE_STEPS, done: verifyResize },
  "instance.confirm_resize": {
    steps: [{ taskState: "resize_confirming", seconds: 1, effect: "confirm_resize" }],
    done: settleAsBefore,
  },
  "instance.revert_resize": {
    steps: [{ taskState: "resize_reverting", seconds: 3, effect: "revert_resize" }],
    done: settleAsBefore,
  },
  // Rebuild keeps the host, the ports (IP, MAC) and the flavor; only the root disk is new.
  "instance.rebuild": { steps: rebuildSteps("rebuild"), done: settleAsBefore },
  // Evacuation rebuilds the instance on another host from its image; the ports move with it.
  "instance.evacuate": { steps: rebuildSteps("finish_evacuation"), done: settleAsBefore },
  // Snapshot: the guest is quiesced, the disk captured, then uploaded to the image service.
  "instance.snapshot": {
    steps: [
      { taskState: "image_snapshot", seconds: 1 },
      { taskState: "image_pending_upload", seconds: 1 },
      { taskState: "image_uploading", seconds: 3, effect: "finish_snapshot" },
    ],
    done: (prior) => ({ vmState: prior.vmState, taskState: null, powerState: prior.powerState }),
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

/** The states a task leaves the instance in, given its states before the task. */
export function doneState(type: TaskType, prior: PriorState = RUNNING): Required<InstancePatch> {
  const done = WORKFLOWS[type].done;
  return typeof done === "function" ? done(prior) : done;
}

export function advance(type: TaskType, progress: TaskProgress, now: Date, prior: PriorState = RUNNING): Advance {
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
      instance: doneState(type, prior),
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

export function taskTypeFor(action: Exclude<SimpleAction, "lock" | "unlock"> | "resize" | "migrate" | "rebuild" | "evacuate" | "snapshot"): TaskType {
  return `instance.${action}`;
}
