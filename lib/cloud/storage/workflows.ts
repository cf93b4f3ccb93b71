// Each volume operation is a task that walks through cinder-volume's steps on the cloud clock, as
// the instance workflows walk through Nova's (lib/cloud/tasks). A step names what the volume
// service is doing; the volume shows its transitional status until the last step settles it.
import { hashString } from "../shared/random";
import type { VolumeStatus } from "./volume-states";

export const VOLUME_TASK_TYPES = ["volume.create", "volume.create_from_image", "volume.create_from_snapshot", "volume.delete", "volume.attach", "volume.detach", "volume.extend", "snapshot.create", "snapshot.delete"] as const;
export type VolumeTaskType = (typeof VOLUME_TASK_TYPES)[number];

/** Side effects a step needs from the persistence layer. */
export type VolumeStepEffect =
  /** The volume's pool capacity and quota come back (deletion). */
  | "release_capacity"
  /** The attachment is made (the array maps the LUN to the instance's host; the host scans it). */
  | "finish_attach"
  /** The attachment is removed (the host flushes and removes the device; the array unmaps the LUN). */
  | "finish_detach"
  /** The LUN has its new size (the claim and quota for the growth were taken at request time). */
  | "finish_extend"
  /** The snapshot is available. */
  | "finish_snapshot"
  /** The snapshot is gone and its quota comes back. */
  | "release_snapshot"
  /** The array creates the LUN; a backend that fails here has the creation rescheduled (Cinder's OnFailureRescheduleTask). */
  | "create_lun";

export interface VolumeStep {
  /** What cinder-volume is doing (shown on the task's timeline). */
  name: string;
  seconds: number;
  effect?: VolumeStepEffect;
  /** The status the volume shows from this step on, when it differs from the workflow's. */
  status?: VolumeStatus;
}

export interface VolumeWorkflow {
  /** The status the volume shows while the task runs (null: the volume's status does not change). */
  status: VolumeStatus | null;
  steps: readonly VolumeStep[];
  /**
   * The volume's status once the last step completes ("deleted": the row is marked deleted;
   * "prior": back to what it was before the task, e.g. an extension of an in-use volume; null: unchanged).
   */
  done: VolumeStatus | "deleted" | "prior" | null;
}

export const VOLUME_WORKFLOWS: Record<VolumeTaskType, VolumeWorkflow> = {
  // The scheduler's choice is recorded with the row; the array creates the LUN in the pool.
  "volume.create": { status: "creating", steps: [{ name: "scheduling", seconds: 0.5 }, { name: "creating_lun", seconds: 1.5, effect: "create_lun" }], done: "available" },
  // cinder-volume creates the LUN, then copies the image onto it: the volume shows "downloading" meanwhile.
  "volume.create_from_image": { status: "creating", steps: [{ name: "scheduling", seconds: 0.5 }, { name: "creating_lun", seconds: 1.5, effect: "create_lun" }, { name: "copying_image", seconds: 4, status: "downloading" }], done: "available" },
  // The array clones the snapshot into a new LUN of the same pool (Cinder keeps it on the snapshot's backend).
  "volume.create_from_snapshot": { status: "creating", steps: [{ name: "scheduling", seconds: 0.5 }, { name: "cloning_snapshot", seconds: 2, effect: "create_lun" }], done: "available" },
  // The LUN is deleted on the array, then the pool's capacity and the quota are given back.
  "volume.delete": { status: "deleting", steps: [{ name: "deleting_lun", seconds: 1.5, effect: "release_capacity" }], done: "deleted" },
  // Nova reserves the volume, the array maps the LUN to the host, the host connects and the guest sees a new disk.
  "volume.attach": { status: "attaching", steps: [{ name: "mapping_lun", seconds: 1 }, { name: "connecting", seconds: 1, effect: "finish_attach" }], done: "in-use" },
  "volume.detach": { status: "detaching", steps: [{ name: "disconnecting", seconds: 1 }, { name: "unmapping_lun", seconds: 1, effect: "finish_detach" }], done: "available" },
  "volume.extend": { status: "extending", steps: [{ name: "extending_lun", seconds: 2, effect: "finish_extend" }], done: "prior" },
  // Array snapshots are copy-on-write: quick, whatever the volume's size.
  "snapshot.create": { status: null, steps: [{ name: "creating_snapshot", seconds: 1.5, effect: "finish_snapshot" }], done: null },
  "snapshot.delete": { status: null, steps: [{ name: "deleting_snapshot", seconds: 1, effect: "release_snapshot" }], done: null },
};

export interface VolumeTimelineEntry {
  at: string;
  event: "queued" | "step_started" | "step_done" | "succeeded" | "failed" | "recovered";
  step?: string;
  detail?: string;
}

export type VolumeAdvance =
  | { kind: "next"; effect: VolumeStepEffect | undefined; stepIndex: number; dueAt: Date; timeline: VolumeTimelineEntry[]; status: VolumeStatus | undefined }
  | { kind: "done"; effect: VolumeStepEffect | undefined; status: VolumeWorkflow["done"]; timeline: VolumeTimelineEntry[] };

export function firstVolumeStep(type: VolumeTaskType, now: Date): { dueAt: Date; timeline: VolumeTimelineEntry[] } {
  const step = VOLUME_WORKFLOWS[type].steps[0] as VolumeStep;
  return {
    dueAt: new Date(now.getTime() + step.seconds * 1000),
    timeline: [
      { at: now.toISOString(), event: "queued" },
      { at: now.toISOString(), event: "step_started", step: step.name },
    ],
  };
}

/** What happens when the task's current step is due. */
export function advanceVolume(type: VolumeTaskType, stepIndex: number, now: Date): VolumeAdvance {
  const wf = VOLUME_WORKFLOWS[type];
  const current = wf.steps[stepIndex];
  if (!current) throw new Error(`task ${type} has no step ${stepIndex}`);
  const done: VolumeTimelineEntry = { at: now.toISOString(), event: "step_done", step: current.name };
  const next = wf.steps[stepIndex + 1];
  if (!next) return { kind: "done", effect: current.effect, status: wf.done, timeline: [done, { at: now.toISOString(), event: "succeeded" }] };
  return { kind: "next", effect: current.effect, stepIndex: stepIndex + 1, dueAt: new Date(now.getTime() + next.seconds * 1000), timeline: [done, { at: now.toISOString(), event: "step_started", step: next.name }], status: next.status };
}

/**
 * cinder-volume's init_host for a task whose service stopped with it in flight: a volume being
 * created goes to error (its LUN may be half made; it keeps its capacity until deleted, which
 * the user can do), a deletion is resumed.
 */
export function volumeRecovery(type: VolumeTaskType): "error" | "resume" {
  return isCreation(type) || type === "volume.extend" ? "error" : "resume";
}

/** The three ways a volume comes to be (blank, from an image, from a snapshot). */
export const isCreation = (type: VolumeTaskType) => type === "volume.create" || type === "volume.create_from_image" || type === "volume.create_from_snapshot";

/** The status a volume goes to when its task fails (Cinder's error_extending keeps the data readable). */
export function failedStatus(type: VolumeTaskType): VolumeStatus | null {
  if (isCreation(type)) return "error";
  if (type === "volume.extend") return "error_extending";
  return null;
}

/**
 * How much of a thin volume its guest has written by `now`: a steady rate per cloud hour,
 * between 0.5 % and 2 % of its size, drawn from its id (deterministic: the same volume at the
 * same cloud time has always written the same), up to its size. A thin pool's real free space
 * shrinks as its volumes fill, so a pool over-subscribed at its ratio can approach exhaustion.
 */
export function thinWrittenGb(volume: { id: string; sizeGb: number; createdAt: Date }, now: Date): number {
  const ratePerHour = 0.005 + ((hashString(volume.id) >>> 0) % 1000) / 1000 * 0.015;
  const hours = Math.max(0, now.getTime() - volume.createdAt.getTime()) / 3_600_000;
  return Math.min(volume.sizeGb, Math.round(volume.sizeGb * ratePerHour * hours * 100) / 100);
}

export type RescheduleDecision = { kind: "retry"; attempted: string[]; attempt: number } | { kind: "give_up"; reason: "max_attempts" | "bound_to_pool"; attempts: number };

/**
 * A backend failed to create a volume's LUN (the driver raised): Cinder reschedules it to another
 * backend, the failed ones excluded (IgnoreAttemptedHostsFilter), until scheduler_max_attempts
 * schedulings have been made ("Exceeded max scheduling attempts"). A volume bound to its pool (a
 * clone of a snapshot must stay on the snapshot's backend) has nowhere else to go.
 */
export function onBackendFailure(args: { poolId: string; attempted: readonly string[]; maxAttempts: number; boundToPool: boolean }): RescheduleDecision {
  const attempted = args.attempted.includes(args.poolId) ? [...args.attempted] : [...args.attempted, args.poolId];
  if (args.boundToPool) return { kind: "give_up", reason: "bound_to_pool", attempts: attempted.length };
  // The first scheduling was attempt 1; each reschedule is one more.
  if (attempted.length >= args.maxAttempts) return { kind: "give_up", reason: "max_attempts", attempts: attempted.length };
  return { kind: "retry", attempted, attempt: attempted.length + 1 };
}

/** Why an array cannot create a LUN now, or null: it answers only through a working controller. */
export function arrayFailure(controllers: readonly { health: string }[]): "array_unreachable" | null {
  return controllers.length > 0 && controllers.every((c) => c.health !== "normal") ? "array_unreachable" : null;
}
