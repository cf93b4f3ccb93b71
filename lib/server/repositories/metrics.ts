import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { oldestKept, TIERS, type SourceKind, type TierName } from "@/lib/cloud/operations";
import type { Db, Tx } from "../db";
import { sqlQuery, sqlRun } from "./sql";

// The metric store's statements. Points are keyed by (kind, source, tier, bucket): writing a point
// twice is a no-op (ON CONFLICT DO NOTHING), and a series' next buckets are claimed by moving its
// cursors under its version, so two runners never both generate the same series' points.

export interface SeriesRow {
  kind: SourceKind;
  sourceId: string;
  since: Date;
  lastRaw: Date | null;
  lastHour: Date | null;
  lastDay: Date | null;
  version: number;
}

export interface PointRow {
  kind: SourceKind;
  sourceId: string;
  tier: TierName;
  at: Date;
  data: Record<string, number>;
}

/** The sources each kind of series follows, and since when each exists (epoch: before the cloud's history). */
const EPOCH = new Date(0);

const SOURCES: Record<SourceKind, { table: string; since: Prisma.Sql; where: Prisma.Sql }> = {
  host: { table: "Host", since: Prisma.sql`${EPOCH}`, where: Prisma.sql`1 = 1` },
  server: { table: "DeployNode", since: Prisma.sql`${EPOCH}`, where: Prisma.sql`1 = 1` },
  az: { table: "AvailabilityZone", since: Prisma.sql`${EPOCH}`, where: Prisma.sql`1 = 1` },
  pool: { table: "StoragePool", since: Prisma.sql`${EPOCH}`, where: Prisma.sql`1 = 1` },
  instance: { table: "Instance", since: Prisma.sql`src."createdAt"`, where: Prisma.sql`src."deletedAt" IS NULL` },
  eip: { table: "Eip", since: Prisma.sql`src."createdAt"`, where: Prisma.sql`1 = 1` },
};

/**
 * Bring the series in line with the sources: a series for every source that has none (two passes
 * adding the same one meet the primary key and skip it), an end for every series whose source went.
 */
export async function syncSeries(tx: Tx, now: Date): Promise<void> {
  for (const [kind, s] of Object.entries(SOURCES)) {
    const table = Prisma.raw(`"${s.table}"`);
    await sqlRun(
      tx,
      Prisma.sql`INSERT INTO "MetricSeries" ("kind", "sourceId", "since", "version")
        SELECT ${kind}, src."id", ${s.since}, 0 FROM ${table} src
        WHERE ${s.where} AND NOT EXISTS (SELECT 1 FROM "MetricSeries" m WHERE m."kind" = ${kind} AND m."sourceId" = src."id")
        ON CONFLICT DO NOTHING`,
    );
    await sqlRun(
      tx,
      Prisma.sql`UPDATE "MetricSeries" SET "endedAt" = ${now}
        WHERE "kind" = ${kind} AND "endedAt" IS NULL AND NOT EXISTS (SELECT 1 FROM ${table} src WHERE src."id" = "MetricSeries"."sourceId" AND ${s.where})`,
    );
  }
}

/** Series whose raw tier is behind `dueRaw` (the last complete raw bucket), the furthest behind first. */
export async function dueSeries(client: Db | Tx, dueRaw: Date, limit: number): Promise<SeriesRow[]> {
  return sqlQuery<SeriesRow>(
    client,
    Prisma.sql`SELECT "kind", "sourceId", "since", "lastRaw", "lastHour", "lastDay", "version" FROM "MetricSeries"
      WHERE "endedAt" IS NULL AND ("lastRaw" IS NULL OR "lastRaw" < ${dueRaw})
      ORDER BY "lastRaw" ASC NULLS FIRST, "kind", "sourceId" LIMIT ${limit}`,
  );
}

/** Move a series' cursors if nobody did since it was read; false: another runner has it. */
export async function claimSeries(tx: Tx, s: SeriesRow, next: { lastRaw: Date | null; lastHour: Date | null; lastDay: Date | null }): Promise<boolean> {
  const n = await sqlRun(
    tx,
    Prisma.sql`UPDATE "MetricSeries" SET "lastRaw" = ${next.lastRaw}, "lastHour" = ${next.lastHour}, "lastDay" = ${next.lastDay}, "version" = "version" + 1
      WHERE "kind" = ${s.kind} AND "sourceId" = ${s.sourceId} AND "version" = ${s.version}`,
  );
  return n === 1;
}

const INSERT_CHUNK = 200;

export async function insertPoints(tx: Tx, points: readonly PointRow[]): Promise<void> {
  for (let i = 0; i < points.length; i += INSERT_CHUNK) {
    const chunk = points.slice(i, i + INSERT_CHUNK);
    const values = chunk.map((p) => Prisma.sql`(${p.kind}, ${p.sourceId}, ${p.tier}, ${p.at}, ${JSON.stringify(p.data)})`);
    await sqlRun(tx, Prisma.sql`INSERT INTO "MetricPoint" ("kind", "sourceId", "tier", "at", "data") VALUES ${Prisma.join(values)} ON CONFLICT DO NOTHING`);
  }
}

/** The stored points of some series in one tier and span [from, to), in time order per series. */
export async function readPoints(client: Db | Tx, kind: SourceKind, sourceIds: readonly string[], tier: TierName, from: Date, to: Date): Promise<{ sourceId: string; at: Date; data: Record<string, number> }[]> {
  if (sourceIds.length === 0) return [];
  const rows = await sqlQuery<{ sourceId: string; at: Date; data: string }>(
    client,
    Prisma.sql`SELECT "sourceId", "at", "data" FROM "MetricPoint"
      WHERE "kind" = ${kind} AND "sourceId" IN (${Prisma.join(sourceIds)}) AND "tier" = ${tier} AND "at" >= ${from} AND "at" < ${to}
      ORDER BY "sourceId", "at"`,
  );
  return rows.map((r) => ({ sourceId: r.sourceId, at: r.at, data: JSON.parse(r.data) as Record<string, number> }));
}

/** Delete what each tier no longer keeps, and the series whose source went before the oldest tier begins. */
export async function expirePoints(tx: Tx, now: Date): Promise<number> {
  let deleted = 0;
  for (const t of TIERS) deleted += await sqlRun(tx, Prisma.sql`DELETE FROM "MetricPoint" WHERE "tier" = ${t.name} AND "at" < ${new Date(oldestKept(t, now.getTime()))}`);
  const last = TIERS[TIERS.length - 1] as (typeof TIERS)[number];
  const gone = new Date(now.getTime() - last.retentionSeconds * 1000);
  await sqlRun(tx, Prisma.sql`DELETE FROM "MetricSeries" WHERE "endedAt" IS NOT NULL AND "endedAt" < ${gone}`);
  return deleted;
}
