// CPS's active/standby controllers, elected as ZooKeeper's leader-election recipe elects them. The
// ZooKeeper ensemble runs on the same three controllers. Each running controller holds a session
// and an ephemeral sequential node; the leader (the active CPS) is the live node with the lowest
// sequence number. A controller that stops sends no more heartbeats; when its session times out
// its node goes, and if it was the leader the next lowest takes over: the control plane has no
// active controller between the stop and that expiry. A controller that comes back joins at the
// end of the queue, as a standby. The ensemble needs a majority of its members up (2 of 3) to
// have a leader at all.

export interface ControllerMember {
  id: string;
  /** Running and sending heartbeats. */
  running: boolean;
  /** The last heartbeat its session saw (cloud time, ms). */
  lastHeartbeatMs: number;
  /** Its ephemeral node's sequence number, or null while it holds none (stopped and expired, or never joined). */
  sequence: number | null;
}

export interface ElectionState {
  members: ControllerMember[];
  leaderId: string | null;
  /** The next sequence number ZooKeeper hands out. */
  nextSequence: number;
}

export type ElectionEvent =
  | { kind: "session_expired"; id: string; at: number }
  | { kind: "leader_lost"; id: string; at: number }
  | { kind: "leader_elected"; id: string; at: number; downMs: number | null }
  | { kind: "quorum_lost"; at: number }
  | { kind: "joined"; id: string; sequence: number; at: number };

/**
 * The state at `nowMs` and what happened to get there: sessions that timed out lose their nodes,
 * running members without a node join (at the end), and the leader is the lowest live sequence if
 * a majority is up. `leaderLostAtMs` is when the previous leader's session expired (to report how
 * long the control plane went without one).
 */
export function advanceElection(state: ElectionState, nowMs: number, sessionTimeoutMs: number, leaderLostAtMs: number | null = null): { state: ElectionState; events: ElectionEvent[]; leaderLostAtMs: number | null } {
  const events: ElectionEvent[] = [];
  let nextSequence = state.nextSequence;
  let lostAt = leaderLostAtMs;
  const members = state.members.map((m) => ({ ...m }));
  for (const m of members) {
    if (m.sequence !== null && nowMs - m.lastHeartbeatMs > sessionTimeoutMs) {
      const expiredAt = m.lastHeartbeatMs + sessionTimeoutMs;
      events.push({ kind: "session_expired", id: m.id, at: expiredAt });
      if (state.leaderId === m.id) {
        events.push({ kind: "leader_lost", id: m.id, at: expiredAt });
        lostAt = expiredAt;
      }
      m.sequence = null;
    }
  }
  for (const m of [...members].sort((a, b) => a.id.localeCompare(b.id))) {
    if (m.running && m.sequence === null) {
      m.sequence = nextSequence++;
      events.push({ kind: "joined", id: m.id, sequence: m.sequence, at: nowMs });
    }
  }
  const live = members.filter((m) => m.sequence !== null).sort((a, b) => (a.sequence as number) - (b.sequence as number));
  const quorum = members.filter((m) => m.running).length > members.length / 2;
  let leaderId: string | null = null;
  if (quorum && live.length > 0) leaderId = (live[0] as ControllerMember).id;
  if (!quorum && state.leaderId !== null && !events.some((e) => e.kind === "quorum_lost")) events.push({ kind: "quorum_lost", at: nowMs });
  if (leaderId !== null && leaderId !== state.leaderId) {
    events.push({ kind: "leader_elected", id: leaderId, at: nowMs, downMs: lostAt === null ? null : Math.max(0, nowMs - lostAt) });
    lostAt = null;
  }
  return { state: { members, leaderId, nextSequence }, events, leaderLostAtMs: leaderId === null ? lostAt : null };
}

/** A running member's heartbeat: its session stays alive. A stopped member sends none. */
export function heartbeat(state: ElectionState, nowMs: number): ElectionState {
  return { ...state, members: state.members.map((m) => (m.running ? { ...m, lastHeartbeatMs: nowMs } : m)) };
}

export function setRunning(state: ElectionState, id: string, running: boolean): ElectionState {
  return { ...state, members: state.members.map((m) => (m.id === id ? { ...m, running } : m)) };
}

/** The active controller's role name as CPS shows it. */
export function roleOf(state: ElectionState, id: string): "active" | "standby" | "stopped" {
  const m = state.members.find((x) => x.id === id);
  if (!m || !m.running) return "stopped";
  return state.leaderId === id ? "active" : "standby";
}

/**
 * The alarms the control plane's state implies: each stopped controller (major), and, while no
 * controller is active, the control plane itself (critical), derived from the stopped leader's alarm.
 */
export function controlPlaneAlarms(state: ElectionState, lastLeaderId: string | null, at: number): { source: string; type: "controller_down" | "no_active_controller"; severity: "major" | "critical"; at: number; rootKey: string | null }[] {
  const out: { source: string; type: "controller_down" | "no_active_controller"; severity: "major" | "critical"; at: number; rootKey: string | null }[] = [];
  for (const m of [...state.members].sort((a, b) => a.id.localeCompare(b.id))) if (!m.running) out.push({ source: `controller:${m.id}`, type: "controller_down", severity: "major", at, rootKey: null });
  if (state.leaderId === null) {
    const cause = lastLeaderId && state.members.some((m) => m.id === lastLeaderId && !m.running) ? `controller:${lastLeaderId}|controller_down` : null;
    out.push({ source: "control-plane", type: "no_active_controller", severity: "critical", at, rootKey: cause });
  }
  return out;
}
