// Metrics against the real database, on either engine: every tier whole over its retention after
// the first collection and after the clock jumps, coarse points downsampled from the stored finer
// ones, a source that stops reporting leaving a gap, a burst of raced collectors writing every
// point exactly once, threshold rules raising and clearing one alarm per source, and charts that
// read one tier and keep tenants to their own ECSs.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { bucketStart, downsample, pointsPerSource, TIERS } from "@/lib/cloud/operations";
import { db } from "@/lib/server/db";
import { sqlQuery } from "@/lib/server/repositories/sql";
import { collectAll, collectMetrics, syncMetricSeries } from "@/lib/server/services/metrics";
import { metricChart } from "@/lib/server/queries/metrics";
import { launchInstance } from "@/lib/server/services/instances";
import { drillComponent } from "@/lib/server/services/device-drills";
import { advanceClock, cloudNow } from "@/lib/server/services/clock";
import { actor, newRunner, resetCompute, runUntilIdle } from "./helpers";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function resetMetrics() {
  await db.metricPoint.deleteMany();
  await db.metricSeries.deleteMany();
  await db.thresholdState.deleteMany();
  await db.thresholdRule.deleteMany();
  await db.alarm.deleteMany();
}

/** Points per (kind, source, tier) and the number of distinct buckets among them. */
async function tierCounts(kind: string): Promise<Map<string, number>> {
  const rows = await sqlQuery<{ sourceId: string; tier: string; n: number | bigint }>(db, Prisma.sql`SELECT "sourceId", "tier", COUNT(*) AS "n" FROM "MetricPoint" WHERE "kind" = ${kind} GROUP BY "sourceId", "tier"`);
  return new Map(rows.map((r) => [`${r.sourceId}|${r.tier}`, Number(r.n)]));
}

describe("metrics", () => {
  let hosts: string[] = [];
  beforeAll(async () => {
    hosts = (await db.host.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((h) => h.id);
  });
  beforeEach(async () => {
    await resetCompute();
    await resetMetrics();
  });
  afterAll(async () => {
    await resetMetrics();
    await resetCompute();
  });

  it("keeps every tier whole over its retention: 402 points per host at first, and again after the clock jumps 30 days", async () => {
    const now = new Date(Date.UTC(2026, 11, 2, 10, 7, 0));
    await syncMetricSeries(now);
    await collectAll(now);
    const counts = await tierCounts("host");
    for (const h of hosts) expect([counts.get(`${h}|raw`), counts.get(`${h}|hour`), counts.get(`${h}|day`)]).toEqual([144, 168, 90]);
    expect(await db.metricPoint.count({ where: { kind: "host" } })).toBe(hosts.length * pointsPerSource());
    // Every AZ's compute is a series too (OC's trends).
    expect(await db.metricPoint.count({ where: { kind: "az", tier: "day" } })).toBe((await db.availabilityZone.count()) * 90);

    const later = new Date(now.getTime() + 30 * DAY + 5 * HOUR);
    await collectAll(later);
    await syncMetricSeries(later);
    const after = await tierCounts("host");
    for (const h of hosts) expect([after.get(`${h}|raw`), after.get(`${h}|hour`), after.get(`${h}|day`)]).toEqual([144, 168, 90]);
    // The newest raw point is the last bucket that began; the newest day is yesterday.
    const newest = await db.metricPoint.findFirst({ where: { kind: "host", sourceId: hosts[0], tier: "raw" }, orderBy: { at: "desc" } });
    expect(newest?.at.getTime()).toBe(bucketStart(later.getTime(), 600));
    const newestDay = await db.metricPoint.findFirst({ where: { kind: "host", sourceId: hosts[0], tier: "day" }, orderBy: { at: "desc" } });
    expect(newestDay?.at.getTime()).toBe(bucketStart(later.getTime(), 86400) - DAY);
  });

  it("downsamples an hour from the raw samples stored, which follow what is allocated when each was taken", async () => {
    const host = hosts[0] as string;
    const start = new Date(Date.UTC(2026, 11, 3, 9, 0, 0));
    await syncMetricSeries(start);
    await collectAll(start);
    // Load the host heavily half-way through the hour.
    const { vcpus, memoryMb } = await db.host.findUniqueOrThrow({ where: { id: host }, select: { vcpus: true, memoryMb: true } });
    for (let m = 10; m <= 60; m += 10) {
      if (m === 30) await db.host.update({ where: { id: host }, data: { vcpusUsed: vcpus * 2, memoryMbUsed: Math.floor(memoryMb * 0.9) } });
      await collectAll(new Date(start.getTime() + m * 60_000));
    }
    const raw = await db.metricPoint.findMany({ where: { kind: "host", sourceId: host, tier: "raw", at: { gte: start, lt: new Date(start.getTime() + HOUR) } }, orderBy: { at: "asc" } });
    expect(raw).toHaveLength(6);
    const mem = raw.map((p) => (JSON.parse(p.data) as Record<string, number>).memory as number);
    expect(Math.min(...mem.slice(3))).toBeGreaterThan(Math.max(...mem.slice(0, 3)) + 50);
    const hour = await db.metricPoint.findUniqueOrThrow({ where: { kind_sourceId_tier_at: { kind: "host", sourceId: host, tier: "hour", at: start } } });
    const expected = downsample(raw.map((p) => ({ at: p.at.getTime(), values: JSON.parse(p.data) as Record<string, number> })), 3600)[0]?.values;
    expect(JSON.parse(hour.data)).toEqual(expected);
  });

  it("leaves a gap while a host's compute service is stopped, and moves on", async () => {
    const host = hosts[1] as string;
    const start = new Date(Date.UTC(2026, 11, 3, 12, 0, 0));
    await syncMetricSeries(start);
    await collectAll(start);
    await db.host.update({ where: { id: host }, data: { serviceRunning: false } });
    await collectAll(new Date(start.getTime() + HOUR));
    await db.host.update({ where: { id: host }, data: { serviceRunning: true } });
    await collectAll(new Date(start.getTime() + 2 * HOUR));
    const raw = await db.metricPoint.findMany({ where: { kind: "host", sourceId: host, tier: "raw", at: { gt: start } }, select: { at: true }, orderBy: { at: "asc" } });
    // 12:10-13:00 were not sampled; 13:10-14:00 were.
    expect(raw.map((p) => (p.at.getTime() - start.getTime()) / 60_000)).toEqual([70, 80, 90, 100, 110, 120]);
    const series = await db.metricSeries.findUniqueOrThrow({ where: { kind_sourceId: { kind: "host", sourceId: host } } });
    expect(series.lastRaw?.getTime()).toBe(start.getTime() + 2 * HOUR);
  });

  it("writes every point exactly once when collectors race (a burst of over 10,000 points)", async () => {
    const now = new Date(Date.UTC(2026, 11, 4, 8, 30, 0));
    await syncMetricSeries(now);
    const series = await db.metricSeries.count();
    const results = await Promise.all(Array.from({ length: 4 }, () => collectMetrics(now, { budgetMs: Infinity, maxPoints: Infinity })));
    await collectAll(now);
    const points = await db.metricPoint.count();
    expect(points).toBeGreaterThanOrEqual(10_000);
    // The claims let each series' points through once: the racers' written points add up to what is stored.
    expect(results.reduce((n, r) => n + r.points, 0)).toBeLessThanOrEqual(points);
    const dup = await sqlQuery<{ n: number | bigint }>(db, Prisma.sql`SELECT COUNT(*) AS "n" FROM (SELECT "kind", "sourceId", "tier", "at" FROM "MetricPoint" GROUP BY "kind", "sourceId", "tier", "at" HAVING COUNT(*) > 1) d`);
    expect(Number(dup[0]?.n)).toBe(0);
    for (const t of TIERS) {
      const perSeries = await sqlQuery<{ n: number | bigint }>(db, Prisma.sql`SELECT COUNT(*) AS "n" FROM "MetricPoint" WHERE "kind" = 'host' AND "tier" = ${t.name} GROUP BY "sourceId"`);
      expect(new Set(perSeries.map((r) => Number(r.n)))).toEqual(new Set([t.retentionSeconds / t.stepSeconds]));
    }
    expect(series).toBeGreaterThan(hosts.length);
  });

  it("raises a threshold rule's alarm once the condition has held for its duration, counts it once per source, and clears it when the condition ends", async () => {
    const [h1, h2] = hosts as [string, string];
    const start = new Date(Date.UTC(2026, 11, 5, 0, 0, 0));
    await syncMetricSeries(start);
    await collectAll(start);
    await db.thresholdRule.create({ data: { id: "rule-mem", kind: "host", metric: "memory", comparison: ">", value: 80, durationSeconds: 1200, severity: "major", updatedAt: start } });
    for (const h of [h1, h2]) {
      const { memoryMb } = await db.host.findUniqueOrThrow({ where: { id: h }, select: { memoryMb: true } });
      await db.host.update({ where: { id: h }, data: { memoryMbUsed: memoryMb } });
    }
    // 10 and 20 minutes: breaching but not yet for 20 minutes.
    await collectAll(new Date(start.getTime() + 10 * 60_000));
    await collectAll(new Date(start.getTime() + 20 * 60_000));
    expect(await db.alarm.count({ where: { type: "threshold", openKey: { not: null } } })).toBe(0);
    await collectAll(new Date(start.getTime() + 30 * 60_000));
    const open = await db.alarm.findMany({ where: { type: "threshold", openKey: { not: null } }, orderBy: { source: "asc" } });
    expect(open.map((a) => [a.source, a.severity, a.count])).toEqual([
      [`host:${h1}#rule-mem`, "major", 1],
      [`host:${h2}#rule-mem`, "major", 1],
    ]);
    await collectAll(new Date(start.getTime() + 60 * 60_000));
    expect(await db.alarm.count({ where: { type: "threshold", openKey: { not: null } } })).toBe(2);
    // The load goes: the next sample clears both.
    await db.host.updateMany({ where: { id: { in: [h1, h2] } }, data: { memoryMbUsed: 0 } });
    await collectAll(new Date(start.getTime() + 70 * 60_000));
    const cleared = await db.alarm.findMany({ where: { type: "threshold" } });
    expect(cleared.map((a) => [a.state, a.clearedBy])).toEqual([
      ["cleared", "auto"],
      ["cleared", "auto"],
    ]);
    expect(await db.thresholdState.count()).toBe(0);
  });

  it("heats a server whose fan failed: its temperature climbs and a temperature rule raises its alarm", async () => {
    const host = hosts[2] as string;
    const start = new Date(Date.UTC(2026, 11, 6, 0, 0, 0));
    await syncMetricSeries(start);
    await collectAll(start);
    const temperature = async (from: Date) =>
      (await db.metricPoint.findMany({ where: { kind: "host", sourceId: host, tier: "raw", at: { gte: from } }, orderBy: { at: "asc" } })).map((p) => (JSON.parse(p.data) as Record<string, number>).temperature as number);
    const before = await temperature(new Date(start.getTime() - HOUR));
    await db.thresholdRule.create({ data: { id: "rule-hot", kind: "host", metric: "temperature", comparison: ">", value: Math.max(...before) + 10, durationSeconds: 600, severity: "critical", updatedAt: start } });
    await drillComponent(await actor("om_admin"), `${host}:FAN3`, "fail");
    for (let m = 10; m <= 30; m += 10) await collectAll(new Date(start.getTime() + m * 60_000));
    const after = await temperature(new Date(start.getTime() + 60_000));
    expect(Math.min(...after)).toBeGreaterThan(Math.max(...before) + 10);
    const alarm = await db.alarm.findFirstOrThrow({ where: { type: "threshold", openKey: { not: null } } });
    expect([alarm.source, alarm.severity]).toEqual([`host:${host}#rule-hot`, "critical"]);
    // The controllers and network nodes are series too (their own temperature and power).
    expect(await db.metricPoint.count({ where: { kind: "server", tier: "day" } })).toBe((await db.deployNode.count()) * 90);
  });

  it("charts one tier per range, and keeps a tenant to the ECSs in its scope", async () => {
    const admin = await actor("cloud_admin");
    const tenant = await actor("tenant");
    const other = await actor("tenant_fin");
    const now = await cloudNow();
    const { id } = await launchInstance(tenant, { name: "metrics-ecs", az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79" });
    await runUntilIdle(await newRunner(), now);
    // Three cloud hours pass: the chart ends at the cloud's now.
    await advanceClock(3 * 3600);
    const at = await cloudNow();
    await syncMetricSeries(at);
    await collectAll(at);
    const host = hosts[0] as string;
    const day = await metricChart(admin, "host", host, "24h");
    expect(day.tier).toBe("raw");
    expect(day.points.length).toBeGreaterThan(100);
    const quarter = await metricChart(admin, "host", host, "90d");
    expect([quarter.tier, quarter.points.length]).toEqual(["day", 90]);
    const week = await metricChart(admin, "host", host, "7d");
    expect(week.tier).toBe("hour");
    const mine = await metricChart(tenant, "instance", id, "6h");
    expect(mine.points.length).toBeGreaterThan(10);
    expect(Object.keys(mine.points[0]?.values ?? {})).toEqual(["cpu", "memory"]);
    await expect(metricChart(other, "instance", id, "6h")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(metricChart(tenant, "host", host, "6h")).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
