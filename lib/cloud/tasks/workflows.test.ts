import { describe, expect, it } from "vitest";
import { allowed } from "../compute/instance-states";
import { advance, firstStep, recoveryFor, TASK_TYPES, WORKFLOWS, doneState, workflowSeconds } from "./index";

const t0 = new Date("2026-01-01T00:00:00Z");

describe("task workflows", () => {
  it("a build walks scheduling -> networking -> block_device_mapping -> spawning, then ACTIVE/running", () => {
    const start = firstStep("instance.build", t0);
    expect(start.instance.taskState).toBe("scheduling");
    expect(start.dueAt.getTime() - t0.getTime()).toBe(1000);
    const seen: (string | null | undefined)[] = [start.instance.taskState];
    let stepIndex = 0;
    let now = start.dueAt;
    const effects: string[] = [];
    for (;;) {
      const r = advance("instance.build", { stepIndex, dueAt: now }, now);
      if (r.effect) effects.push(r.effect);
      if (r.kind === "done") {
        expect(r.instance).toEqual({ vmState: "active", taskState: null, powerState: "running" });
        break;
      }
      seen.push(r.instance.taskState);
      stepIndex = r.stepIndex;
      now = r.dueAt;
    }
    expect(seen).toEqual(["scheduling", "networking", "block_device_mapping", "spawning"]);
    expect(effects).toEqual(["allocate_network"]);
    // The last step falls due when the whole workflow has run: a few simulated seconds.
    expect(now.getTime() - t0.getTime()).toBe(workflowSeconds("instance.build") * 1000);
  });

  it("stop ends SHUTOFF, start ends ACTIVE, delete ends deleted and releases resources", () => {
    const stop = advance("instance.stop", { stepIndex: 0, dueAt: t0 }, t0);
    expect(stop.kind === "done" && stop.instance).toEqual({ vmState: "stopped", taskState: null, powerState: "shutdown" });
    const startR = advance("instance.start", { stepIndex: 0, dueAt: t0 }, t0);
    expect(startR.kind === "done" && startR.instance.vmState).toBe("active");
    const del = advance("instance.delete", { stepIndex: 0, dueAt: t0 }, t0);
    expect(del.kind).toBe("done");
    expect(del.kind === "done" && del.finalEffect).toBe("release_resources");
  });

  it("every workflow's end state allows the operations a user expects next", () => {
    expect(allowed(doneState("instance.build"), "stop")).toBe(true);
    expect(allowed(doneState("instance.stop"), "start")).toBe(true);
    expect(allowed(doneState("instance.stop"), "stop")).toBe(false);
    expect(allowed(doneState("instance.delete"), "delete")).toBe(false);
    // A resize waits for the user: only confirm, revert (or delete) may follow.
    const resized = doneState("instance.resize");
    expect(resized).toEqual({ vmState: "resized", taskState: null, powerState: "running" });
    expect(allowed(resized, "confirm_resize") && allowed(resized, "revert_resize")).toBe(true);
    expect(allowed(resized, "resize") || allowed(resized, "stop") || allowed(resized, "rebuild")).toBe(false);
  });

  it("a stopped instance stays stopped across resize, confirm, revert, rebuild and evacuation", () => {
    const stopped = { vmState: "stopped", powerState: "shutdown" } as const;
    expect(doneState("instance.resize", stopped)).toEqual({ vmState: "resized", taskState: null, powerState: "shutdown" });
    expect(doneState("instance.migrate", stopped).powerState).toBe("shutdown");
    for (const type of ["instance.confirm_resize", "instance.revert_resize", "instance.rebuild", "instance.evacuate"] as const)
      expect(doneState(type, stopped)).toEqual({ vmState: "stopped", taskState: null, powerState: "shutdown" });
    expect(doneState("instance.rebuild")).toEqual({ vmState: "active", taskState: null, powerState: "running" });
  });

  it("a snapshot returns the instance to exactly the state it was in", () => {
    expect(doneState("instance.snapshot", { vmState: "paused", powerState: "paused" })).toEqual({ vmState: "paused", taskState: null, powerState: "paused" });
    expect(doneState("instance.snapshot", { vmState: "suspended", powerState: "suspended" }).vmState).toBe("suspended");
  });

  it("resize switches hosts at finish_resize, the last step, and confirm gives the source back", () => {
    expect(WORKFLOWS["instance.resize"].steps.map((s) => s.taskState)).toEqual(["resize_prep", "resize_migrating", "resize_migrated", "resize_finish"]);
    expect(WORKFLOWS["instance.resize"].steps.at(-1)?.effect).toBe("finish_resize");
    expect(WORKFLOWS["instance.confirm_resize"].steps[0]?.effect).toBe("confirm_resize");
    expect(WORKFLOWS["instance.revert_resize"].steps[0]?.effect).toBe("revert_resize");
  });

  it("records a timeline of the steps", () => {
    const r = advance("instance.reboot", { stepIndex: 0, dueAt: t0 }, t0);
    expect(r.timeline.map((e) => e.event)).toEqual(["step_done", "step_started"]);
    expect(r.timeline[1]?.step).toBe("reboot_started");
  });

  it("refuses a step that does not exist", () => {
    expect(() => advance("instance.stop", { stepIndex: 5, dueAt: t0 }, t0)).toThrow();
  });
});

describe("recovery after a runner dies (nova-compute _init_instance)", () => {
  it("fails an interrupted build with a recorded fault", () => {
    const r = recoveryFor("instance.build");
    expect(r.kind).toBe("fail_build");
    expect(r.kind === "fail_build" && r.fault.code).toBe("BUILD_INTERRUPTED");
  });

  it.each(TASK_TYPES.filter((t) => t !== "instance.build"))("resumes %s", (type) => {
    expect(recoveryFor(type)).toEqual({ kind: "resume" });
  });
});
