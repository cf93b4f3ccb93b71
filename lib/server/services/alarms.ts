import "server-only";
import { randomUUID } from "node:crypto";
import { alarmAllowed, type AlarmOperation, type AlarmState } from "@/lib/cloud/operations";
import { DomainError, NotFoundError } from "@/lib/cloud/shared";
import type { Tx } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { clearAlarm } from "../repositories/alarms";
import { audited } from "./audit";
import { cloudNow } from "./clock";

// Operators handle alarms (alarm:handle): acknowledge an active one, clear an open one by hand,
// comment on any. The alarm's own row is re-read inside the transaction and changed only from
// the state it was read in, so two operators acting at once change it once.

async function locked(tx: Tx, id: string, op: AlarmOperation) {
  const alarm = await tx.alarm.findUnique({ where: { id } });
  if (!alarm) throw new NotFoundError("alarm", id);
  if (!alarmAllowed({ state: alarm.state as AlarmState }, op)) throw new DomainError("INVALID_STATE", `cannot ${op} a ${alarm.state} alarm`, { reason: `alarm_${op}_${alarm.state}` });
  return alarm;
}

export async function acknowledgeAlarm(actor: Actor, id: string): Promise<void> {
  requirePermission(actor, "alarm:handle");
  const now = await cloudNow();
  await audited(actor, { action: "alarm.acknowledge", targetType: "alarm", targetId: id, vdcId: null }, async (tx, record) => {
    const alarm = await locked(tx, id, "acknowledge");
    const { count } = await tx.alarm.updateMany({ where: { id, state: "active" }, data: { state: "acknowledged", acknowledgedAt: now, acknowledgedBy: actor.username } });
    if (count !== 1) throw new DomainError("INVALID_STATE", "alarm changed meanwhile", { reason: "alarm_acknowledge_acknowledged" });
    record({ before: { state: alarm.state }, after: { state: "acknowledged", source: alarm.source, type: alarm.type } });
  });
}

/** Clear by hand. If the condition still holds, the next assessment raises it again, as a new alarm. */
export async function clearAlarmByHand(actor: Actor, id: string): Promise<void> {
  requirePermission(actor, "alarm:handle");
  const now = await cloudNow();
  await audited(actor, { action: "alarm.clear", targetType: "alarm", targetId: id, vdcId: null }, async (tx, record) => {
    const alarm = await locked(tx, id, "clear");
    if (!alarm.openKey || !(await clearAlarm(tx, alarm.openKey, now, actor.username))) throw new DomainError("INVALID_STATE", "alarm changed meanwhile", { reason: "alarm_clear_cleared" });
    record({ before: { state: alarm.state }, after: { state: "cleared", source: alarm.source, type: alarm.type } });
  });
}

export async function commentOnAlarm(actor: Actor, id: string, text: string): Promise<void> {
  requirePermission(actor, "alarm:handle");
  const now = await cloudNow();
  await audited(actor, { action: "alarm.comment", targetType: "alarm", targetId: id, vdcId: null }, async (tx, record) => {
    await locked(tx, id, "comment");
    await tx.alarmComment.create({ data: { id: randomUUID(), alarmId: id, userId: actor.userId, userName: actor.username, at: now, text } });
    record({ after: { comment: text } });
  });
}
