// Nova's three states of an instance and which operations each allows. `allowed()` is the one
// predicate used by the API (to refuse) and by the UI (to enable buttons), so they never differ.
// Sources: nova/compute/vm_states.py, task_states.py, power_state.py and the
// @check_instance_state decorators in nova/compute/api.py (Zed).

export const VM_STATES = ["building", "active", "stopped", "paused", "suspended", "resized", "error", "deleted"] as const;
export type VmState = (typeof VM_STATES)[number];

export const TASK_STATES = [
  "scheduling",
  "networking",
  "block_device_mapping",
  "spawning",
  "powering-off",
  "powering-on",
  "rebooting",
  "reboot_started",
  "rebooting_hard",
  "reboot_started_hard",
  "pausing",
  "unpausing",
  "suspending",
  "resuming",
  "resize_prep",
  "resize_migrating",
  "resize_migrated",
  "resize_finish",
  "resize_reverting",
  "resize_confirming",
  "rebuilding",
  "rebuild_block_device_mapping",
  "rebuild_spawning",
  "image_snapshot",
  "image_pending_upload",
  "image_uploading",
  "deleting",
] as const;
export type TaskState = (typeof TASK_STATES)[number];

export const POWER_STATES = ["nostate", "running", "paused", "shutdown", "crashed", "suspended"] as const;
export type PowerState = (typeof POWER_STATES)[number];

export const BUILD_TASK_STATES: readonly TaskState[] = ["scheduling", "networking", "block_device_mapping", "spawning"];

export interface InstanceStatus {
  vmState: string;
  taskState: string | null;
  powerState: string;
  /** Nova's lock: while set, only an administrator (or an unlock) may act on the instance. */
  locked?: boolean;
  /** Whether the compute service of the instance's host is down (evacuation needs it down). */
  hostDown?: boolean;
}

/** Operations that need no input beyond the instance. */
export const SIMPLE_ACTIONS = ["stop", "start", "reboot", "reboot_hard", "pause", "unpause", "suspend", "resume", "lock", "unlock", "confirm_resize", "revert_resize", "delete"] as const;
export type SimpleAction = (typeof SIMPLE_ACTIONS)[number];
/** Operations with input: a flavor (resize), a target host (migrate, evacuate), an image (rebuild), a name (snapshot). */
export const INSTANCE_ACTIONS = [...SIMPLE_ACTIONS, "resize", "migrate", "rebuild", "evacuate", "snapshot"] as const;

export type InstanceAction = (typeof INSTANCE_ACTIONS)[number];

/** Only administrators may move instances between hosts (Nova's default policy). */
export const ADMIN_ONLY_ACTIONS: readonly InstanceAction[] = ["migrate", "evacuate"];

interface Rule {
  vmStates: readonly VmState[] | "any";
  taskStates: readonly (TaskState | null)[] | "any";
}

const HARD_REBOOT_TASK_STATES: readonly (TaskState | null)[] = [
  null,
  "rebooting",
  "reboot_started",
  "rebooting_hard",
  "reboot_started_hard",
];

const RULES: Record<InstanceAction, Rule> = {
  // nova: stop -> vm_state [ACTIVE, ERROR], task_state [None]
  stop: { vmStates: ["active", "error"], taskStates: [null] },
  // nova: start -> vm_state [STOPPED]
  start: { vmStates: ["stopped"], taskStates: [null] },
  // nova: soft reboot -> [ACTIVE] with task_state None
  reboot: { vmStates: ["active"], taskStates: [null] },
  // nova: hard reboot may supersede a soft reboot in flight
  reboot_hard: { vmStates: ["active", "stopped", "paused", "suspended", "error"], taskStates: HARD_REBOOT_TASK_STATES },
  // nova: pause/suspend -> [ACTIVE]; unpause -> [PAUSED]; resume -> [SUSPENDED]
  pause: { vmStates: ["active"], taskStates: [null] },
  unpause: { vmStates: ["paused"], taskStates: [null] },
  suspend: { vmStates: ["active"], taskStates: [null] },
  resume: { vmStates: ["suspended"], taskStates: [null] },
  // nova: resize and cold migrate -> [ACTIVE, STOPPED], task_state None
  resize: { vmStates: ["active", "stopped"], taskStates: [null] },
  migrate: { vmStates: ["active", "stopped"], taskStates: [null] },
  // nova: confirm_resize / revert_resize -> [RESIZED] (the API calls this VERIFY_RESIZE)
  confirm_resize: { vmStates: ["resized"], taskStates: [null] },
  revert_resize: { vmStates: ["resized"], taskStates: [null] },
  // nova: rebuild -> [ACTIVE, STOPPED, ERROR]; evacuate -> [ACTIVE, STOPPED, ERROR]
  rebuild: { vmStates: ["active", "stopped", "error"], taskStates: [null] },
  evacuate: { vmStates: ["active", "stopped", "error"], taskStates: [null] },
  // nova: createImage (snapshot) -> [ACTIVE, STOPPED, PAUSED, SUSPENDED]
  snapshot: { vmStates: ["active", "stopped", "paused", "suspended"], taskStates: [null] },
  // lock/unlock change no state: allowed whenever the instance exists and is not being deleted.
  lock: { vmStates: ["building", "active", "stopped", "paused", "suspended", "resized", "error"], taskStates: "any" },
  unlock: { vmStates: ["building", "active", "stopped", "paused", "suspended", "resized", "error"], taskStates: "any" },
  // nova allows delete from any state, including during a build; we refuse only a second
  // delete of an instance already being deleted (it would queue a duplicate task).
  delete: {
    vmStates: ["building", "active", "stopped", "paused", "suspended", "resized", "error"],
    // A resize or migration in flight is cancelled by the delete, and both hosts' claims freed.
    taskStates: [
      null,
      ...BUILD_TASK_STATES,
      "powering-off",
      "powering-on",
      "rebooting",
      "reboot_started",
      "rebooting_hard",
      "reboot_started_hard",
      "resize_prep",
      "resize_migrating",
      "resize_migrated",
      "resize_finish",
    ],
  },
};

/**
 * May `action` run on the instance now? `admin` is Nova's "is admin" for the lock check
 * (nova.compute.api.check_instance_lock): a locked instance refuses everything from others,
 * except that lock/unlock themselves follow the lock state.
 */
export function allowed(instance: InstanceStatus, action: InstanceAction, opts: { admin?: boolean } = {}): boolean {
  const locked = instance.locked ?? false;
  if (action === "lock" && locked) return false;
  if (action === "unlock" && !locked) return false;
  if (locked && !opts.admin && action !== "unlock") return false;
  if (instance.taskState === "deleting" && (action === "lock" || action === "unlock")) return false;
  if (ADMIN_ONLY_ACTIONS.includes(action) && !opts.admin) return false;
  // nova: evacuate refuses while the source compute service is up (ComputeServiceInUse).
  if (action === "evacuate" && !instance.hostDown) return false;
  const rule = RULES[action];
  const vmOk = rule.vmStates === "any" || (rule.vmStates as readonly string[]).includes(instance.vmState);
  const taskOk = rule.taskStates === "any" || (rule.taskStates as readonly (string | null)[]).includes(instance.taskState);
  return vmOk && taskOk;
}

export function allowedActions(instance: InstanceStatus, opts: { admin?: boolean } = {}): Record<InstanceAction, boolean> {
  return Object.fromEntries(INSTANCE_ACTIONS.map((a) => [a, allowed(instance, a, opts)])) as Record<InstanceAction, boolean>;
}

/** A state the UI should poll: something is in flight. */
export function isTransitional(instance: InstanceStatus): boolean {
  return instance.taskState !== null || instance.vmState === "building";
}

/** The single word a console shows (ECS status), derived as Nova's API derives "status". */
export function displayStatus(instance: InstanceStatus): string {
  const { vmState, taskState } = instance;
  if (vmState === "deleted") return "DELETED";
  if (vmState === "error") return "ERROR";
  if (vmState === "building") return "BUILD";
  if (taskState === "deleting") return "DELETING";
  if (taskState === "rebooting" || taskState === "reboot_started") return "REBOOT";
  if (taskState === "rebooting_hard" || taskState === "reboot_started_hard") return "HARD_REBOOT";
  if (taskState === "powering-off") return "STOPPING";
  if (taskState === "powering-on") return "STARTING";
  if (taskState === "pausing") return "PAUSING";
  if (taskState === "unpausing") return "UNPAUSING";
  if (taskState === "suspending") return "SUSPENDING";
  if (taskState === "resuming") return "RESUMING";
  if (vmState === "resized") return taskState === "resize_reverting" ? "REVERT_RESIZE" : "VERIFY_RESIZE";
  if (taskState?.startsWith("resize_")) return "RESIZE";
  if (taskState?.startsWith("rebuild")) return "REBUILD";
  if (vmState === "stopped") return "SHUTOFF";
  if (vmState === "paused") return "PAUSED";
  if (vmState === "suspended") return "SUSPENDED";
  return "ACTIVE";
}
