import { describe, expect, it } from "vitest";
import { seededRandom } from "../shared/random";
import { advanceElection, heartbeat, roleOf, setRunning, type ElectionState } from "./election";

const TIMEOUT = 6_000;

function boot(): ElectionState {
  const members = ["cps-ctrl-01", "cps-ctrl-02", "cps-ctrl-03"].map((id) => ({ id, running: true, lastHeartbeatMs: 0, sequence: null }));
  return advanceElection({ members, leaderId: null, nextSequence: 0 }, 0, TIMEOUT).state;
}

/** Heartbeats every second from `from` to `to`, advancing the election each time; every event on the way. */
function run(state: ElectionState, from: number, to: number) {
  let s = state;
  let lostAt: number | null = null;
  const events = [];
  for (let t = from; t <= to; t += 1000) {
    s = heartbeat(s, t);
    const r = advanceElection(s, t, TIMEOUT, lostAt);
    s = r.state;
    lostAt = r.leaderLostAtMs;
    events.push(...r.events);
  }
  return { state: s, events };
}

describe("CPS controller election (ZooKeeper's recipe)", () => {
  it("makes the first controller active and the other two standby", () => {
    const s = boot();
    expect(s.members.map((m) => roleOf(s, m.id))).toEqual(["active", "standby", "standby"]);
  });

  it("elects the next standby once the stopped leader's session times out, and reports the gap", () => {
    const stopped = setRunning(boot(), "cps-ctrl-01", false);
    const { state, events } = run(stopped, 1000, 10_000);
    expect(state.leaderId).toBe("cps-ctrl-02");
    const lost = events.find((e) => e.kind === "leader_lost");
    const elected = events.find((e) => e.kind === "leader_elected");
    expect(lost).toMatchObject({ id: "cps-ctrl-01", at: TIMEOUT });
    expect(elected).toMatchObject({ id: "cps-ctrl-02" });
    // Elected at the first tick after the expiry: within one heartbeat interval of it.
    expect(elected && elected.kind === "leader_elected" ? elected.downMs : -1).toBeLessThanOrEqual(1000);
    // Before the session timed out there was no change of leader.
    expect(run(stopped, 1000, TIMEOUT).state.leaderId).toBe("cps-ctrl-01");
  });

  it("lets a restarted controller rejoin as a standby, never taking the lead back", () => {
    const afterFailover = run(setRunning(boot(), "cps-ctrl-01", false), 1000, 10_000).state;
    const back = run(setRunning(afterFailover, "cps-ctrl-01", true), 11_000, 20_000);
    expect(back.state.leaderId).toBe("cps-ctrl-02");
    expect(roleOf(back.state, "cps-ctrl-01")).toBe("standby");
    expect(back.events.filter((e) => e.kind === "leader_elected")).toEqual([]);
  });

  it("has no leader without a majority, and elects one when a majority is back", () => {
    let s = setRunning(setRunning(boot(), "cps-ctrl-01", false), "cps-ctrl-02", false);
    const lost = run(s, 1000, 10_000);
    expect(lost.state.leaderId).toBeNull();
    expect(lost.events.some((e) => e.kind === "quorum_lost")).toBe(true);
    s = setRunning(lost.state, "cps-ctrl-02", true);
    expect(run(s, 11_000, 12_000).state.leaderId).toBe("cps-ctrl-03");
  });

  it("never has two leaders, and always has one while a majority runs, over seeded random stops and starts", () => {
    for (let seed = 1; seed <= 100; seed++) {
      const r = seededRandom(seed);
      let s = boot();
      let lostAt: number | null = null;
      for (let t = 1000; t <= 120_000; t += 1000) {
        if (r.next() < 0.05) {
          const id = r.pick(s.members).id;
          s = setRunning(s, id, !s.members.find((m) => m.id === id)?.running);
        }
        s = heartbeat(s, t);
        const step = advanceElection(s, t, TIMEOUT, lostAt);
        s = step.state;
        lostAt = step.leaderLostAtMs;
        const running = s.members.filter((m) => m.running);
        if (s.leaderId !== null) {
          expect(s.members.filter((m) => roleOf(s, m.id) === "active")).toHaveLength(s.members.find((m) => m.id === s.leaderId)?.running ? 1 : 0);
        }
        if (running.length < 2) expect(s.leaderId).toBeNull();
        // A leader that stopped stays leader only until its session expires.
        const leader = s.members.find((m) => m.id === s.leaderId);
        if (leader && !leader.running) expect(t - leader.lastHeartbeatMs).toBeLessThanOrEqual(TIMEOUT);
        // With a majority up and every stopped member's session expired, a running member leads.
        if (running.length >= 2 && s.members.every((m) => m.running || t - m.lastHeartbeatMs > TIMEOUT)) expect(leader?.running).toBe(true);
      }
    }
  });
});

describe("the control plane's alarms", () => {
  it("raise a major alarm per stopped controller and, while none is active, a critical one rooted in the lost leader", async () => {
    const { controlPlaneAlarms } = await import("./election");
    const stopped = setRunning(boot(), "cps-ctrl-01", false);
    expect(controlPlaneAlarms(stopped, "cps-ctrl-01", 5)).toEqual([{ source: "controller:cps-ctrl-01", type: "controller_down", severity: "major", at: 5, rootKey: null }]);
    const leaderless = { ...stopped, leaderId: null };
    expect(controlPlaneAlarms(leaderless, "cps-ctrl-01", 5).at(-1)).toEqual({ source: "control-plane", type: "no_active_controller", severity: "critical", at: 5, rootKey: "controller:cps-ctrl-01|controller_down" });
    expect(controlPlaneAlarms(boot(), "cps-ctrl-01", 5)).toEqual([]);
  });
});
