import "server-only";
import { db } from "../db";
import { can, requirePermission, type Actor } from "../auth/actor";
import { cloudNow } from "../services/clock";

// CPS's control-plane page: the controllers as the election leaves them, the event log, and the
// history of the cloud settings (who changed what, when), read from the audit log.

export interface ControllerDto {
  id: string;
  name: string;
  ip: string;
  model: string;
  services: string[];
  role: "active" | "standby" | "stopped";
  running: boolean;
  zkSequence: number | null;
  lastHeartbeatAt: string | null;
}

export async function controlPlaneView(actor: Actor) {
  requirePermission(actor, "deploy:view");
  const [nodes, cp, events, now] = await Promise.all([
    db.deployNode.findMany({ where: { role: "controller" }, orderBy: { name: "asc" } }),
    db.controlPlane.findUnique({ where: { id: 1 } }),
    db.controlPlaneEvent.findMany({ orderBy: [{ at: "desc" }, { id: "asc" }], take: 20 }),
    cloudNow(),
  ]);
  const name = new Map(nodes.map((n) => [n.id, n.name]));
  const controllers: ControllerDto[] = nodes.map((n) => ({
    id: n.id,
    name: n.name,
    ip: n.ip,
    model: n.model,
    services: n.services.split(","),
    role: !n.healthy ? "stopped" : n.haRole === "active" ? "active" : "standby",
    running: n.healthy,
    zkSequence: n.zkSequence,
    // A running controller heartbeats every tick (only a stopped one's last heartbeat is stored).
    lastHeartbeatAt: n.healthy ? now.toISOString() : (n.lastHeartbeatAt?.toISOString() ?? null),
  }));
  return {
    controllers,
    leader: cp?.leaderId ? (name.get(cp.leaderId) ?? cp.leaderId) : null,
    leaderLostAt: cp?.leaderLostAt?.toISOString() ?? null,
    events: events.map((e) => ({ id: e.id, at: e.at.toISOString(), kind: e.kind, node: e.nodeId ? (name.get(e.nodeId) ?? e.nodeId) : null, actor: e.actor, downMs: typeof (e.detail as { downMs?: unknown } | null)?.downMs === "number" ? ((e.detail as { downMs: number }).downMs) : null })),
    canDrill: can(actor, "drill:run"),
  };
}

export type ControlPlaneDto = Awaited<ReturnType<typeof controlPlaneView>>;

/** The cloud settings' changes, newest first: who, when, and each value before and after. */
export async function settingsHistory(actor: Actor, take = 10) {
  requirePermission(actor, "settings:view");
  const rows = await db.auditLog.findMany({ where: { action: "settings.update", result: "success" }, orderBy: { seq: "desc" }, take });
  return rows.map((r) => {
    const before = (r.before ?? {}) as Record<string, unknown>;
    const after = (r.after ?? {}) as Record<string, unknown>;
    const changes = Object.keys(after)
      .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
      .map((k) => ({ setting: k, before: before[k] === undefined ? null : String(before[k]), after: after[k] === undefined ? null : String(after[k]) }));
    return { seq: r.seq, at: r.at.toISOString(), by: r.actorName, changes };
  });
}
