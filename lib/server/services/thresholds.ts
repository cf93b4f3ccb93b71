import "server-only";
import { randomUUID } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import { NotFoundError } from "@/lib/cloud/shared";
import type { ThresholdRuleInput } from "@/lib/schemas/operations";
import type { Tx } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { sqlRun } from "../repositories/sql";
import { audited } from "./audit";
import { cloudNow } from "./clock";
import { thresholdScope } from "./metrics";

// Threshold rules as data, edited by the O&M admin (threshold:manage). The collector evaluates
// them on every raw sample (services/metrics.ts). A rule that changes starts over: its open
// alarms clear and its per-source states go, so the new condition is judged from the next sample
// on, never half by the old rule and half by the new one.

async function restart(tx: Tx, ruleId: string, at: Date): Promise<number> {
  await tx.thresholdState.deleteMany({ where: { ruleId } });
  return sqlRun(tx, Prisma.sql`UPDATE "Alarm" SET "state" = 'cleared', "openKey" = NULL, "clearedAt" = ${at}, "clearedBy" = 'auto' WHERE "scope" = ${thresholdScope(ruleId)} AND "openKey" IS NOT NULL`);
}

const fields = (r: ThresholdRuleInput) => ({ kind: r.kind, metric: r.metric, comparison: r.comparison, value: r.value, durationSeconds: r.durationSeconds, severity: r.severity, enabled: r.enabled });

export async function saveThresholdRule(actor: Actor, input: ThresholdRuleInput): Promise<{ id: string }> {
  requirePermission(actor, "threshold:manage");
  const now = await cloudNow();
  const id = input.id ?? `rule-${randomUUID().slice(0, 8)}`;
  await audited(actor, { action: input.id ? "threshold.update" : "threshold.create", targetType: "threshold_rule", targetId: id, vdcId: null }, async (tx, record) => {
    if (input.id) {
      const before = await tx.thresholdRule.findUnique({ where: { id } });
      if (!before) throw new NotFoundError("threshold_rule", id);
      await tx.thresholdRule.update({ where: { id }, data: { ...fields(input), updatedAt: now, updatedBy: actor.username } });
      const cleared = await restart(tx, id, now);
      record({ before: fields(before as ThresholdRuleInput), after: { ...fields(input), alarmsCleared: cleared } });
    } else {
      await tx.thresholdRule.create({ data: { id, ...fields(input), updatedAt: now, updatedBy: actor.username } });
      record({ after: fields(input) });
    }
  });
  return { id };
}

export async function deleteThresholdRule(actor: Actor, id: string): Promise<void> {
  requirePermission(actor, "threshold:manage");
  const now = await cloudNow();
  await audited(actor, { action: "threshold.delete", targetType: "threshold_rule", targetId: id, vdcId: null }, async (tx, record) => {
    const before = await tx.thresholdRule.findUnique({ where: { id } });
    if (!before) throw new NotFoundError("threshold_rule", id);
    const cleared = await restart(tx, id, now);
    await tx.thresholdRule.delete({ where: { id } });
    record({ before: fields(before as ThresholdRuleInput), after: { alarmsCleared: cleared } });
  });
}
