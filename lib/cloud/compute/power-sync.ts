// nova-compute's periodic _sync_power_states: the hypervisor's power state is the truth; the
// database follows it, and when a guest shut itself down the instance is stopped through the
// normal stop path (Nova logs "Instance shutdown by itself. Calling the stop API.").
import type { InstanceStatus, PowerState, VmState } from "./instance-states";

export type PowerSync =
  | { kind: "skip"; why: "task_in_progress" | "in_sync" }
  | { kind: "update"; powerState: PowerState; vmState: VmState; note: "shutdown_by_itself" | "started_while_stopped" | "power_state_updated" };

export function syncPowerState(instance: InstanceStatus, hypervisor: PowerState): PowerSync {
  // Nova skips an instance with a task in flight: the task will settle its states.
  if (instance.taskState !== null) return { kind: "skip", why: "task_in_progress" };
  const vm = instance.vmState as VmState;
  if (vm === "active" && (hypervisor === "shutdown" || hypervisor === "crashed")) return { kind: "update", powerState: "shutdown", vmState: "stopped", note: "shutdown_by_itself" };
  // A stopped instance found running is stopped again: the database's intent wins over the guest.
  if (vm === "stopped" && hypervisor === "running") return { kind: "update", powerState: "shutdown", vmState: "stopped", note: "started_while_stopped" };
  if (instance.powerState === hypervisor) return { kind: "skip", why: "in_sync" };
  return { kind: "update", powerState: hypervisor, vmState: vm, note: "power_state_updated" };
}
