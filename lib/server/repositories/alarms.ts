import "server-only";
import { randomUUID } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import { alarmKey, reconcile, type AlarmEvent } from "@/lib/cloud/operations";
import type { Tx } from "../db";
import { jsonParam, sqlQuery, sqlRun } from "./sql";

// The alarm book's writes. One open alarm per source and type is the unique index on "openKey";
// a raise is one statement that either opens the alarm or counts into the open one, so raises
// that race (two runners, two drills) can neither duplicate an alarm nor lose a count.

export interface AlarmRaise extends AlarmEvent {
  sourceName: string;
  scope: string;
  detail?: Record<string, unknown> | null;
}

export async function raiseAlarm(tx: Tx, e: AlarmRaise): Promise<void> {
  const at = new Date(e.at);
  const key = alarmKey(e);
  await sqlRun(
    tx,
    Prisma.sql`INSERT INTO "Alarm" ("id", "source", "sourceName", "type", "severity", "state", "openKey", "rootKey", "scope", "count", "firstAt", "lastAt", "detail")
      VALUES (${randomUUID()}, ${e.source}, ${e.sourceName}, ${e.type}, ${e.severity}, ${"active"}, ${key}, ${e.rootKey ?? null}, ${e.scope}, ${1}, ${at}, ${at}, ${jsonParam(e.detail ?? null)})
      ON CONFLICT ("openKey") DO UPDATE SET
        "count" = "Alarm"."count" + 1,
        "severity" = CASE WHEN excluded."lastAt" >= "Alarm"."lastAt" THEN excluded."severity" ELSE "Alarm"."severity" END,
        "rootKey" = CASE WHEN excluded."lastAt" >= "Alarm"."lastAt" THEN excluded."rootKey" ELSE "Alarm"."rootKey" END,
        "lastAt" = CASE WHEN excluded."lastAt" > "Alarm"."lastAt" THEN excluded."lastAt" ELSE "Alarm"."lastAt" END,
        "firstAt" = CASE WHEN excluded."firstAt" < "Alarm"."firstAt" THEN excluded."firstAt" ELSE "Alarm"."firstAt" END,
        "sourceName" = excluded."sourceName"`,
  );
}

/** Clear the open alarm of a source and type (its condition ended: "auto", or a user's id); false when none was open. */
export async function clearAlarm(tx: Tx, key: string, at: Date, by: string): Promise<boolean> {
  return (await sqlRun(tx, Prisma.sql`UPDATE "Alarm" SET "state" = ${"cleared"}, "openKey" = NULL, "clearedAt" = ${at}, "clearedBy" = ${by} WHERE "openKey" = ${key}`)) === 1;
}

export async function rerootAlarm(tx: Tx, key: string, rootKey: string | null): Promise<void> {
  await sqlRun(tx, Prisma.sql`UPDATE "Alarm" SET "rootKey" = ${rootKey} WHERE "openKey" = ${key}`);
}

/** The open alarms a part of the cloud implies, as reconciliation compares them. */
export async function openAlarmsIn(tx: Tx, scope: string): Promise<{ source: string; type: string; severity: AlarmEvent["severity"]; state: "active" | "acknowledged"; rootKey: string | null }[]> {
  return sqlQuery(tx, Prisma.sql`SELECT "source", "type", "severity", "state", "rootKey" FROM "Alarm" WHERE "scope" = ${scope} AND "openKey" IS NOT NULL`);
}

/**
 * Make the open alarms of a part of the cloud exactly the ones its state implies (see `reconcile`):
 * raise the missing ones (named and detailed by `describe`), clear the ones no longer implied,
 * move a changed root. In the caller's transaction, with the state it read.
 */
export async function reconcileScope(tx: Tx, scope: string, implied: readonly AlarmEvent[], at: Date, describe: (e: AlarmEvent) => { sourceName: string; detail?: Record<string, unknown> }): Promise<{ raised: number; cleared: number }> {
  const plan = reconcile(await openAlarmsIn(tx, scope), implied);
  // An alarm another part of the cloud holds open (an ECS affected both by its volume's pool and
  // by its host) is that part's: counting it again here on every reconciliation would inflate it.
  const keys = plan.raise.map(alarmKey);
  const elsewhere = keys.length ? new Set((await sqlQuery<{ openKey: string }>(tx, Prisma.sql`SELECT "openKey" FROM "Alarm" WHERE "openKey" IN (${Prisma.join(keys)}) AND "scope" <> ${scope}`)).map((r) => r.openKey)) : new Set<string>();
  for (const e of plan.raise) if (!elsewhere.has(alarmKey(e))) await raiseAlarm(tx, { ...e, ...describe(e), scope });
  for (const key of plan.clear) await clearAlarm(tx, key, at, "auto");
  for (const r of plan.reroot) await rerootAlarm(tx, r.key, r.rootKey);
  return { raised: plan.raise.length, cleared: plan.clear.length };
}
