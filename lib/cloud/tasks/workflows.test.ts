import { describe, expect, it } from "vitest";
import { allowed } from "../compute/instance-states";
import { advance, firstStep, recoveryFor, TASK_TYPES, WORKFLOWS, workflowSeconds } from "./index";

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
    expect(allowed({ ...WORKFLOWS["instance.build"].done }, "stop")).toBe(true);
    expect(allowed({ ...WORKFLOWS["instance.stop"].done }, "start")).toBe(true);
    expect(allowed({ ...WORKFLOWS["instance.stop"].done }, "stop")).toBe(false);
    expect(allowed({ ...WORKFLOWS["instance.delete"].done }, "delete")).toBe(false);
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
