import { describe, expect, it } from "vitest";
import { nextDevice, volumeAllowed, volumeRefusal, VOLUME_STATUSES } from "./volume-states";
import { advanceVolume, arrayFailure, failedStatus, firstVolumeStep, onBackendFailure, VOLUME_TASK_TYPES, VOLUME_WORKFLOWS, volumeRecovery } from "./workflows";

const v = (status: string, attachments = 0, snapshots = 0) => ({ status, attachments, snapshots });

describe("Cinder's volume states", () => {
  it("allows each action only from the statuses Cinder allows", () => {
    const allowedFrom = (action: Parameters<typeof volumeAllowed>[1]) => VOLUME_STATUSES.filter((s) => volumeAllowed(v(s), action));
    expect(allowedFrom("attach")).toEqual(["available"]);
    expect(allowedFrom("detach")).toEqual(["in-use"]);
    expect(allowedFrom("extend")).toEqual(["available", "in-use"]);
    expect(allowedFrom("snapshot")).toEqual(["available", "in-use"]);
    expect(allowedFrom("delete")).toEqual(["available", "error", "error_deleting", "error_extending"]);
  });

  it("refuses a delete while attached or while snapshots exist, saying which", () => {
    expect(volumeRefusal(v("available", 1), "delete")).toEqual({ reason: "attached" });
    expect(volumeRefusal(v("in-use"), "delete")).toEqual({ reason: "attached" });
    expect(volumeRefusal(v("available", 0, 2), "delete")).toEqual({ reason: "has_snapshots", snapshots: 2 });
    expect(volumeRefusal(v("creating"), "delete")).toEqual({ reason: "status", status: "creating", action: "delete" });
  });

  it("hands out virtio device names after the boot disk, reusing freed ones", () => {
    expect(nextDevice([])).toBe("/dev/vdb");
    expect(nextDevice(["/dev/vdb", "/dev/vdc"])).toBe("/dev/vdd");
    expect(nextDevice(["/dev/vdc"])).toBe("/dev/vdb");
  });
});

describe("volume workflows", () => {
  it("walks every workflow's steps on the cloud clock to its final status", () => {
    const t0 = new Date("2026-12-01T00:00:00Z");
    for (const type of VOLUME_TASK_TYPES) {
      const wf = VOLUME_WORKFLOWS[type];
      let now = firstVolumeStep(type, t0).dueAt;
      for (let i = 0; i < wf.steps.length - 1; i++) {
        const step = advanceVolume(type, i, now);
        expect(step.kind).toBe("next");
        if (step.kind === "next") now = step.dueAt;
      }
      const last = advanceVolume(type, wf.steps.length - 1, now);
      expect(last).toMatchObject({ kind: "done", status: wf.done });
      expect(last.timeline.at(-1)?.event).toBe("succeeded");
    }
    expect(VOLUME_WORKFLOWS["volume.create"].done).toBe("available");
    expect(VOLUME_WORKFLOWS["volume.extend"].done).toBe("prior");
    expect(() => advanceVolume("volume.create", 5, t0)).toThrow();
  });

  it("shows downloading while an image is copied onto a new volume, and only then", () => {
    const t0 = new Date("2026-01-01T00:00:00Z");
    expect(advanceVolume("volume.create_from_image", 0, t0)).toMatchObject({ kind: "next", status: undefined });
    expect(advanceVolume("volume.create_from_image", 1, t0)).toMatchObject({ kind: "next", status: "downloading" });
    expect(advanceVolume("volume.create_from_image", 2, t0)).toMatchObject({ kind: "done", status: "available" });
    expect(advanceVolume("volume.create_from_snapshot", 0, t0)).toMatchObject({ kind: "next", status: undefined });
  });

  it("fails an interrupted creation or extension and resumes the rest, as cinder-volume's init_host", () => {
    expect(volumeRecovery("volume.create")).toBe("error");
    expect(volumeRecovery("volume.create_from_image")).toBe("error");
    expect(failedStatus("volume.create_from_snapshot")).toBe("error");
    expect(volumeRecovery("volume.extend")).toBe("error");
    expect(volumeRecovery("volume.delete")).toBe("resume");
    expect(failedStatus("volume.extend")).toBe("error_extending");
    expect(failedStatus("volume.attach")).toBeNull();
  });

  it("reschedules a LUN creation that failed on its backend until scheduler_max_attempts, never a clone bound to its snapshot's pool", () => {
    expect(onBackendFailure({ poolId: "a", attempted: [], maxAttempts: 3, boundToPool: false })).toEqual({ kind: "retry", attempted: ["a"], attempt: 2 });
    expect(onBackendFailure({ poolId: "b", attempted: ["a"], maxAttempts: 3, boundToPool: false })).toEqual({ kind: "retry", attempted: ["a", "b"], attempt: 3 });
    expect(onBackendFailure({ poolId: "c", attempted: ["a", "b"], maxAttempts: 3, boundToPool: false })).toEqual({ kind: "give_up", reason: "max_attempts", attempts: 3 });
    // The same pool failing again is not a new attempt's pool.
    expect(onBackendFailure({ poolId: "a", attempted: ["a"], maxAttempts: 3, boundToPool: false })).toMatchObject({ kind: "retry", attempted: ["a"] });
    expect(onBackendFailure({ poolId: "a", attempted: [], maxAttempts: 1, boundToPool: false })).toMatchObject({ kind: "give_up", reason: "max_attempts" });
    expect(onBackendFailure({ poolId: "a", attempted: [], maxAttempts: 3, boundToPool: true })).toMatchObject({ kind: "give_up", reason: "bound_to_pool" });
    expect(arrayFailure([{ health: "normal" }, { health: "faulty" }])).toBeNull();
    expect(arrayFailure([{ health: "faulty" }, { health: "faulty" }])).toBe("array_unreachable");
    expect(arrayFailure([])).toBeNull();
  });
});
