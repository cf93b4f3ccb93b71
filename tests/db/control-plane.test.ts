// CPS's controller election against the real database: the first controller leads, a stopped
// leader is replaced once its ZooKeeper session times out (and not before), a restarted controller
// rejoins as a standby, no leader without a majority, the event log and the alarms follow, and two
// runners stepping the election at once leave one consistent state.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { setControllerRunning, stepElection, ZK_SESSION_TIMEOUT_SECONDS } from "@/lib/server/services/control-plane";
import { controlPlaneView } from "@/lib/server/queries/control-plane";
import { cloudNow } from "@/lib/server/services/clock";
import { actor, later } from "./helpers";

async function reset() {
  await db.controlPlaneEvent.deleteMany();
  await db.controlPlane.deleteMany();
  await db.alarm.deleteMany({ where: { scope: "control-plane" } });
  await db.deployNode.updateMany({ where: { role: "controller" }, data: { healthy: true, zkSequence: null, lastHeartbeatAt: null } });
}
const step = (at: Date) => db.$transaction((tx) => stepElection(tx, at));
const roles = async () => Object.fromEntries((await db.deployNode.findMany({ where: { role: "controller" }, orderBy: { id: "asc" } })).map((n) => [n.id, n.healthy ? n.haRole : "stopped"]));
const openAlarms = async () => (await db.alarm.findMany({ where: { scope: "control-plane", openKey: { not: null } }, orderBy: { source: "asc" } })).map((a) => `${a.source}|${a.type}|${a.severity}`);

describe("CPS controller election", () => {
  beforeEach(reset);
  afterAll(reset);

  it("replaces a stopped leader once its session times out, and takes the restarted one back as a standby", async () => {
    const admin = await actor("cloud_admin");
    const t0 = await cloudNow();
    await step(t0);
    expect(await roles()).toEqual({ "ctrl-01": "active", "ctrl-02": "standby", "ctrl-03": "standby" });

    await setControllerRunning(admin, "ctrl-01", false);
    expect(await openAlarms()).toEqual(["controller:ctrl-01|controller_down|major"]);
    // Its session is still alive: no one else leads yet.
    await step(later(t0, ZK_SESSION_TIMEOUT_SECONDS - 1));
    expect((await db.controlPlane.findUniqueOrThrow({ where: { id: 1 } })).leaderId).toBe("ctrl-01");
    await step(later(t0, ZK_SESSION_TIMEOUT_SECONDS + 1));
    expect(await roles()).toEqual({ "ctrl-01": "stopped", "ctrl-02": "active", "ctrl-03": "standby" });
    const kinds = (await db.controlPlaneEvent.findMany({ orderBy: { at: "asc" } })).map((e) => `${e.kind}:${e.nodeId ?? ""}`);
    expect(kinds).toEqual(expect.arrayContaining(["controller_stopped:ctrl-01", "session_expired:ctrl-01", "leader_lost:ctrl-01", "leader_elected:ctrl-02"]));
    const view = await controlPlaneView(admin);
    expect(view.leader).toBe("ctrl-02");
    expect(view.events.find((e) => e.kind === "leader_elected")?.downMs).toBeLessThanOrEqual(2000);

    await setControllerRunning(admin, "ctrl-01", true);
    await step(later(t0, ZK_SESSION_TIMEOUT_SECONDS + 3));
    expect(await roles()).toEqual({ "ctrl-01": "standby", "ctrl-02": "active", "ctrl-03": "standby" });
    expect(await openAlarms()).toEqual([]);
    expect(await db.auditLog.count({ where: { action: { in: ["drill.controller_stop", "drill.controller_start"] }, result: "success" } })).toBeGreaterThanOrEqual(2);
  });

  it("has no active controller without a majority, raising a critical alarm rooted in the lost leader, until one is back", async () => {
    const om = await actor("om_admin");
    const t0 = await cloudNow();
    await step(t0);
    await setControllerRunning(om, "ctrl-01", false);
    await setControllerRunning(om, "ctrl-02", false);
    await step(later(t0, ZK_SESSION_TIMEOUT_SECONDS + 2));
    expect((await db.controlPlane.findUniqueOrThrow({ where: { id: 1 } })).leaderId).toBeNull();
    expect(await openAlarms()).toEqual(["control-plane|no_active_controller|critical", "controller:ctrl-01|controller_down|major", "controller:ctrl-02|controller_down|major"]);
    expect((await db.alarm.findFirstOrThrow({ where: { type: "no_active_controller", openKey: { not: null } } })).rootKey).toBe("controller:ctrl-01|controller_down");
    await setControllerRunning(om, "ctrl-02", true);
    await step(later(t0, ZK_SESSION_TIMEOUT_SECONDS + 4));
    expect((await db.controlPlane.findUniqueOrThrow({ where: { id: 1 } })).leaderId).toBe("ctrl-03");
    expect(await openAlarms()).toEqual(["controller:ctrl-01|controller_down|major"]);
  });

  it("stays consistent when two runners step it at once", async () => {
    const t0 = await cloudNow();
    await Promise.all([step(t0), step(t0), step(later(t0, 2)), step(later(t0, 2))]);
    const nodes = await db.deployNode.findMany({ where: { role: "controller" } });
    expect(new Set(nodes.map((n) => n.zkSequence)).size).toBe(3);
    expect(nodes.filter((n) => n.haRole === "active")).toHaveLength(1);
    expect((await db.controlPlaneEvent.findMany({ where: { kind: "leader_elected" } })).length).toBe(1);
  });

  it("refuses drills to those without drill:run, on a node that is not a controller, and when nothing would change", async () => {
    await expect(setControllerRunning(await actor("tenant"), "ctrl-01", false)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(setControllerRunning(await actor("auditor"), "ctrl-01", false)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(setControllerRunning(await actor("cloud_admin"), "net-01", false)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(setControllerRunning(await actor("cloud_admin"), "ctrl-02", true)).rejects.toMatchObject({ code: "INVALID_STATE", params: { reason: "controller_running" } });
  });
});
