import "server-only";
import { randomUUID } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import { advanceElection, controlPlaneAlarms, heartbeat, roleOf, type ElectionEvent, type ElectionState } from "@/lib/cloud/operations";
import { DomainError, NotFoundError } from "@/lib/cloud/shared";
import { db, type Tx } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { reconcileScope } from "../repositories/alarms";
import { jsonParam, sqlRun } from "../repositories/sql";
import { audited } from "./audit";
import { cloudNow } from "./clock";

// CPS's three controllers and their leader election, on the cloud clock. The runner steps the
// election every 2 cloud seconds (worker/operations.ts): running controllers heartbeat, a stopped
// one's session expires after ZK_SESSION_TIMEOUT_SECONDS, and the lowest live sequence leads. The
// cloud admin or O&M admin stops and starts controllers as a drill (drill:run). What the console
// itself serves is not affected: the emulated control plane is, with its event log and alarms.

/** ZooKeeper's session timeout as CPS configures it (a few ticks of 2 s). */
export const ZK_SESSION_TIMEOUT_SECONDS = 6;
const SCOPE = "control-plane";

async function lockControlPlane(tx: Tx, now: Date): Promise<{ leaderId: string | null; lastLeaderId: string | null; nextSequence: number; leaderLostAt: Date | null }> {
  // The one row, made on first use; the UPDATE takes its lock for the rest of the transaction.
  await sqlRun(tx, Prisma.sql`INSERT INTO "ControlPlane" ("id", "nextSequence", "updatedAt") VALUES (${1}, ${0}, ${now}) ON CONFLICT ("id") DO NOTHING`);
  await sqlRun(tx, Prisma.sql`UPDATE "ControlPlane" SET "updatedAt" = ${now} WHERE "id" = ${1}`);
  return tx.controlPlane.findUniqueOrThrow({ where: { id: 1 }, select: { leaderId: true, lastLeaderId: true, nextSequence: true, leaderLostAt: true } });
}

async function logEvent(tx: Tx, e: { at: Date; kind: string; nodeId?: string | null; actor?: string | null; detail?: Record<string, unknown> }): Promise<void> {
  await sqlRun(tx, Prisma.sql`INSERT INTO "ControlPlaneEvent" ("id", "at", "kind", "nodeId", "actor", "detail") VALUES (${randomUUID()}, ${e.at}, ${e.kind}, ${e.nodeId ?? null}, ${e.actor ?? null}, ${jsonParam(e.detail ?? null)})`);
}

/** One step of the election at `now`: heartbeats, expiries, joins, the leader; the nodes' roles, the event log and the alarms follow. */
export async function stepElection(tx: Tx, now: Date): Promise<ElectionEvent[]> {
  const cp = await lockControlPlane(tx, now);
  const nodes = await tx.deployNode.findMany({ where: { role: "controller" }, orderBy: { id: "asc" } });
  const before: ElectionState = {
    // A running controller heartbeats on every tick: only a stopped one's last heartbeat is stored (when it stopped).
    members: nodes.map((n) => ({ id: n.id, running: n.healthy, lastHeartbeatMs: n.healthy ? now.getTime() : (n.lastHeartbeatAt ?? now).getTime(), sequence: n.zkSequence })),
    leaderId: cp.leaderId,
    nextSequence: cp.nextSequence,
  };
  const r = advanceElection(heartbeat(before, now.getTime()), now.getTime(), ZK_SESSION_TIMEOUT_SECONDS * 1000, cp.leaderLostAt?.getTime() ?? null);
  for (const m of r.state.members) {
    const node = nodes.find((n) => n.id === m.id);
    const haRole = roleOf(r.state, m.id);
    if (!node) continue;
    // Written only when the node's place in the election changes, not on every tick.
    if (node.zkSequence !== m.sequence || node.haRole !== haRole) await tx.deployNode.update({ where: { id: m.id }, data: { zkSequence: m.sequence, haRole } });
  }
  const lastLeader = r.state.leaderId ?? cp.leaderId ?? cp.lastLeaderId;
  await tx.controlPlane.update({ where: { id: 1 }, data: { leaderId: r.state.leaderId, lastLeaderId: lastLeader, nextSequence: r.state.nextSequence, leaderLostAt: r.leaderLostAtMs === null ? null : new Date(r.leaderLostAtMs) } });
  for (const e of r.events) {
    const { kind, at, ...rest } = e;
    await logEvent(tx, { at: new Date(at), kind, nodeId: "id" in e ? e.id : null, detail: rest });
  }
  const names = new Map(nodes.map((n) => [`controller:${n.id}`, n.name]));
  await reconcileScope(tx, SCOPE, controlPlaneAlarms(r.state, lastLeader, now.getTime()), now, (e) => ({ sourceName: names.get(e.source) ?? "CPS", detail: { key: `${e.source}|${e.type}` } }));
  return r.events;
}

/** Stop a controller (its node goes down, its ZooKeeper session stops heartbeating) or start it again. */
export async function setControllerRunning(actor: Actor, nodeId: string, running: boolean): Promise<void> {
  requirePermission(actor, "drill:run");
  const node = await db.deployNode.findUnique({ where: { id: nodeId } });
  if (!node || node.role !== "controller") throw new NotFoundError("controller", nodeId);
  const now = await cloudNow();
  await audited(actor, { action: running ? "drill.controller_start" : "drill.controller_stop", targetType: "controller", targetId: nodeId, vdcId: null }, async (tx, record) => {
    await lockControlPlane(tx, now);
    const current = await tx.deployNode.findUniqueOrThrow({ where: { id: nodeId } });
    if (current.healthy === running) throw new DomainError("INVALID_STATE", `controller already ${running ? "running" : "stopped"}`, { reason: running ? "controller_running" : "controller_stopped", name: node.name });
    // A stopped node's session stops heartbeating now: its expiry counts from here.
    await tx.deployNode.update({ where: { id: nodeId }, data: running ? { healthy: true } : { healthy: false, lastHeartbeatAt: now } });
    await logEvent(tx, { at: now, kind: running ? "controller_started" : "controller_stopped", nodeId, actor: actor.username });
    await stepElection(tx, now);
    record({ before: { running: current.healthy, role: current.haRole }, after: { running } });
  });
}
