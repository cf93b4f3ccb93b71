import { describe, expect, it } from "vitest";
import { syncPowerState } from "./power-sync";

describe("power-state sync", () => {
  it.each([
    [{ vmState: "active", taskState: null, powerState: "running" }, "shutdown", { kind: "update", vmState: "stopped", powerState: "shutdown", note: "shutdown_by_itself" }],
    [{ vmState: "active", taskState: null, powerState: "running" }, "crashed", { kind: "update", vmState: "stopped", note: "shutdown_by_itself" }],
    [{ vmState: "stopped", taskState: null, powerState: "shutdown" }, "running", { kind: "update", vmState: "stopped", powerState: "shutdown", note: "started_while_stopped" }],
    [{ vmState: "active", taskState: "rebooting", powerState: "running" }, "shutdown", { kind: "skip", why: "task_in_progress" }],
    [{ vmState: "active", taskState: null, powerState: "running" }, "running", { kind: "skip", why: "in_sync" }],
    [{ vmState: "paused", taskState: null, powerState: "running" }, "paused", { kind: "update", vmState: "paused", powerState: "paused", note: "power_state_updated" }],
  ] as const)("%o with the hypervisor at %s", (instance, hv, expected) => {
    expect(syncPowerState(instance, hv)).toMatchObject(expected);
  });
});
