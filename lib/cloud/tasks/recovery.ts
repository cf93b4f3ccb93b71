// What to do with a task whose runner died mid-flight, as nova-compute's _init_instance decides
// at start-up (nova/compute/manager.py, Zed):
// - a build that was scheduling/networking/block_device_mapping/spawning cannot be resumed: the
//   instance goes to ERROR with a fault (its claim stays until the instance is deleted, as
//   Placement keeps allocations of ERROR instances);
// - a delete is resumed (Nova completes the deletion);
// - powering-off / powering-on / reboots are retried from the start of their step.
import type { TaskType } from "./workflows";

export type Recovery =
  | { kind: "fail_build"; fault: { code: "BUILD_INTERRUPTED"; message: string } }
  | { kind: "resume" };

export function recoveryFor(type: TaskType): Recovery {
  if (type === "instance.build")
    return {
      kind: "fail_build",
      fault: { code: "BUILD_INTERRUPTED", message: "Instance build was interrupted by a restart of its compute service." },
    };
  return { kind: "resume" };
}
