import { describe, expect, it } from "vitest";
import { allowed, displayStatus, isTransitional, type InstanceAction, type InstanceStatus } from "./instance-states";

const s = (vmState: string, taskState: string | null = null, powerState = "running"): InstanceStatus => ({ vmState, taskState, powerState });

describe("allowed(): Nova's check_instance_state", () => {
  const table: [InstanceStatus, InstanceAction, boolean][] = [
    [s("active"), "stop", true],
    [s("error", null, "nostate"), "stop", true],
    [s("stopped", null, "shutdown"), "stop", false],
    [s("active", "powering-off"), "stop", false],
    [s("stopped", null, "shutdown"), "start", true],
    [s("active"), "start", false],
    [s("stopped", "powering-on", "shutdown"), "start", false],
    [s("active"), "reboot", true],
    [s("stopped", null, "shutdown"), "reboot", false],
    [s("active", "rebooting"), "reboot", false],
    [s("active", "rebooting"), "reboot_hard", true],
    [s("stopped", null, "shutdown"), "reboot_hard", true],
    [s("error", null, "nostate"), "reboot_hard", true],
    [s("active", "powering-off"), "reboot_hard", false],
    [s("building", "spawning", "nostate"), "stop", false],
    [s("building", "spawning", "nostate"), "delete", true],
    [s("active"), "delete", true],
    [s("error", null, "nostate"), "delete", true],
    [s("active", "deleting"), "delete", false],
    [s("deleted", null, "nostate"), "delete", false],
    [s("deleted", null, "nostate"), "start", false],
  ];
  for (const [status, action, expected] of table) {
    it(`${action} from ${status.vmState}/${status.taskState ?? "none"} -> ${expected}`, () => {
      expect(allowed(status, action)).toBe(expected);
    });
  }
});

describe("display status", () => {
  it.each([
    [s("building", "scheduling", "nostate"), "BUILD"],
    [s("active"), "ACTIVE"],
    [s("active", "powering-off"), "STOPPING"],
    [s("stopped", null, "shutdown"), "SHUTOFF"],
    [s("stopped", "powering-on", "shutdown"), "STARTING"],
    [s("active", "rebooting_hard"), "HARD_REBOOT"],
    [s("active", "deleting"), "DELETING"],
    [s("error", null, "nostate"), "ERROR"],
  ])("%o shows %s", (status, expected) => {
    expect(displayStatus(status)).toBe(expected);
  });

  it("is transitional while a task is in flight or the VM builds", () => {
    expect(isTransitional(s("active", "powering-off"))).toBe(true);
    expect(isTransitional(s("building", null, "nostate"))).toBe(true);
    expect(isTransitional(s("active"))).toBe(false);
  });
});

describe("pause, suspend and lock", () => {
  const table: [InstanceStatus, InstanceAction, boolean, boolean?][] = [
    [s("active"), "pause", true],
    [s("stopped", null, "shutdown"), "pause", false],
    [s("paused", null, "paused"), "unpause", true],
    [s("paused", null, "paused"), "pause", false],
    [s("active"), "suspend", true],
    [s("suspended", null, "suspended"), "resume", true],
    [s("paused", null, "paused"), "resume", false],
    [s("paused", null, "paused"), "reboot_hard", true],
    [s("active"), "lock", true],
    [{ ...s("active"), locked: true }, "lock", false],
    [{ ...s("active"), locked: true }, "unlock", true],
    [s("active"), "unlock", false],
    // A locked instance refuses everything but unlock from its owner...
    [{ ...s("active"), locked: true }, "stop", false],
    [{ ...s("active"), locked: true }, "delete", false],
    // ...while an administrator may still act on it.
    [{ ...s("active"), locked: true }, "stop", true, true],
    [s("active", "deleting"), "lock", false],
  ];
  for (const [status, action, expected, admin] of table)
    it(`${action} from ${status.vmState}/${status.taskState ?? "none"}${status.locked ? " locked" : ""}${admin ? " as admin" : ""} -> ${expected}`, () => {
      expect(allowed(status, action, { admin: admin ?? false })).toBe(expected);
    });

  it("shows the transitional words", () => {
    expect(displayStatus(s("active", "pausing"))).toBe("PAUSING");
    expect(displayStatus(s("suspended", "resuming", "suspended"))).toBe("RESUMING");
    expect(displayStatus(s("paused", null, "paused"))).toBe("PAUSED");
  });
});

describe("resize, migrate, rebuild, evacuate and snapshot", () => {
  const table: [InstanceStatus, InstanceAction, boolean, boolean?][] = [
    [s("active"), "resize", true],
    [s("stopped", null, "shutdown"), "resize", true],
    [s("paused", null, "paused"), "resize", false],
    [s("active", "rebooting"), "resize", false],
    [s("resized"), "resize", false],
    [s("resized"), "confirm_resize", true],
    [s("resized"), "revert_resize", true],
    [s("active"), "confirm_resize", false],
    [s("resized", "resize_reverting"), "confirm_resize", false],
    [s("resized", "resize_confirming"), "revert_resize", false],
    [s("resized"), "stop", false],
    // Delete interrupts a resize in flight (both hosts' claims are freed) or a VERIFY_RESIZE.
    [s("active", "resize_migrating"), "delete", true],
    [s("resized"), "delete", true],
    [s("resized", "resize_reverting"), "delete", false],
    // Cold migration: administrators only.
    [s("active"), "migrate", false],
    [s("active"), "migrate", true, true],
    [s("stopped", null, "shutdown"), "migrate", true, true],
    [s("error", null, "nostate"), "migrate", false, true],
    [s("active"), "rebuild", true],
    [s("stopped", null, "shutdown"), "rebuild", true],
    [s("error", null, "nostate"), "rebuild", true],
    [s("paused", null, "paused"), "rebuild", false],
    [s("active", "rebuilding"), "rebuild", false],
    // Evacuation needs an administrator and a host whose compute service is down.
    [{ ...s("active"), hostDown: true }, "evacuate", true, true],
    [{ ...s("error", null, "nostate"), hostDown: true }, "evacuate", true, true],
    [s("active"), "evacuate", false, true],
    [{ ...s("active"), hostDown: true }, "evacuate", false],
    [{ ...s("paused", null, "paused"), hostDown: true }, "evacuate", false, true],
    [s("active"), "snapshot", true],
    [s("paused", null, "paused"), "snapshot", true],
    [s("suspended", null, "suspended"), "snapshot", true],
    [s("error", null, "nostate"), "snapshot", false],
    [s("active", "image_uploading"), "snapshot", false],
  ];
  for (const [status, action, expected, admin] of table)
    it(`${action} from ${status.vmState}/${status.taskState ?? "none"}${status.hostDown ? " (host down)" : ""}${admin ? " as admin" : ""} -> ${expected}`, () => {
      expect(allowed(status, action, { admin: admin ?? false })).toBe(expected);
    });

  it.each([
    [s("active", "resize_prep"), "RESIZE"],
    [s("stopped", "resize_migrating", "shutdown"), "RESIZE"],
    [s("resized"), "VERIFY_RESIZE"],
    [s("resized", "resize_reverting"), "REVERT_RESIZE"],
    [s("active", "rebuild_spawning"), "REBUILD"],
    [s("active", "image_uploading"), "ACTIVE"],
  ])("%o shows %s", (status, expected) => {
    expect(displayStatus(status)).toBe(expected);
  });
});
