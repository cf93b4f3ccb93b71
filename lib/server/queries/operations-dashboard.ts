import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { daysUntilFull, type ThresholdRuleRecord } from "@/lib/cloud/operations";
import { dbReader } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { sqlQuery } from "../repositories/sql";
import { cloudNow } from "../services/clock";
import { computeCapacity } from "./hosts";
import { storagePools } from "./infrastructure";
import { externalNetworkUsage } from "./network";
import type { Page } from "./paging";

// OC's operations dashboard and its capacity report: the busiest hosts by their latest sample,
// each pool's days until full from its daily trend, and every resource pool (compute per AZ,
// storage pools, external networks) with total, allocated, used, free and over-subscription.

export interface TopHostDto {
  id: string;
  name: string;
  az: string;
  cpu: number;
  memory: number;
  at: Date;
}

/**
 * The `n` hosts with the highest latest sample of `metric`: the newest raw bucket collected (the
 * (tier, at) index finds it), then that bucket's host points, one per host.
 */
export async function topHosts(actor: Actor, metric: "cpu" | "memory" = "cpu", n = 10): Promise<TopHostDto[]> {
  requirePermission(actor, "capacity:view");
  const [latest] = await sqlQuery<{ at: Date | null }>(dbReader, Prisma.sql`SELECT MAX("at") AS "at" FROM "MetricPoint" WHERE "tier" = 'raw' AND "kind" = 'host'`);
  const at = latest?.at ? new Date(latest.at) : null;
  if (!at) return [];
  const rows = await sqlQuery<{ id: string; name: string; az: string; data: string }>(
    dbReader,
    Prisma.sql`SELECT h."id", h."name", h."azId" AS "az", p."data" FROM "MetricPoint" p JOIN "Host" h ON h."id" = p."sourceId"
      WHERE p."kind" = 'host' AND p."tier" = 'raw' AND p."at" = ${at}`,
  );
  return rows
    .map((r) => {
      const v = JSON.parse(r.data) as Record<string, number>;
      return { id: r.id, name: r.name, az: r.az, cpu: v.cpu ?? 0, memory: v.memory ?? 0, at };
    })
    .sort((a, b) => b[metric] - a[metric] || a.name.localeCompare(b.name))
    .slice(0, n);
}

/** Days until each pool is full, from the linear trend of its daily points (null: flat, falling, or too little history). */
export async function poolForecasts(actor: Actor): Promise<Map<string, number | null>> {
  requirePermission(actor, "capacity:view");
  const now = await cloudNow();
  const rows = await sqlQuery<{ sourceId: string; at: Date; data: string }>(dbReader, Prisma.sql`SELECT "sourceId", "at", "data" FROM "MetricPoint" WHERE "kind" = 'pool' AND "tier" = 'day' ORDER BY "sourceId", "at"`);
  const series = new Map<string, { at: number; used: number }[]>();
  for (const r of rows) {
    const used = (JSON.parse(r.data) as Record<string, number>).used ?? 0;
    series.set(r.sourceId, [...(series.get(r.sourceId) ?? []), { at: new Date(r.at).getTime(), used }]);
  }
  return new Map([...series].map(([id, pts]) => [id, daysUntilFull(pts, now.getTime())]));
}

export interface CapacityRow {
  type: "compute" | "storage" | "network";
  az: string;
  name: string;
  resource: string;
  unit: string;
  total: number;
  /** What may be allocated given the over-commit or thin ratio (equal to total without one). */
  limit: number;
  allocated: number;
  /** Physically used, where it differs from allocated (storage written); else null. */
  used: number | null;
  free: number;
  /** Allocated over physical total. */
  oversubscription: number;
  daysUntilFull: number | null;
}

const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;

/** Every resource pool of the cloud, for the capacity report (CSV and the printable page). */
export async function capacityReport(actor: Actor): Promise<CapacityRow[]> {
  requirePermission(actor, "capacity:view");
  const [compute, pools, nets, forecasts] = await Promise.all([computeCapacity(actor), storagePools(actor), externalNetworkUsage(actor), poolForecasts(actor)]);
  const rows: CapacityRow[] = [];
  for (const a of compute.azs) {
    const line = (resource: string, unit: string, total: number, limit: number, allocated: number): CapacityRow => ({ type: "compute", az: a.az, name: a.az, resource, unit, total, limit, allocated, used: null, free: Math.max(0, limit - allocated), oversubscription: total > 0 ? round(allocated / total) : 0, daysUntilFull: null });
    rows.push(line("vcpu", "vCPU", a.vcpus, a.vcpuLimit, a.vcpusUsed), line("ram", "MB", a.memoryMb, a.memoryMbLimit, a.memoryMbUsed), line("disk", "GB", a.diskGb, a.diskGbLimit, a.diskGbUsed));
  }
  for (const p of pools) {
    const limit = Math.floor(p.thinLimitGb ?? p.totalGb);
    rows.push({ type: "storage", az: p.az, name: p.name, resource: p.diskType, unit: "GB", total: p.totalGb, limit, allocated: p.allocatedGb, used: round(p.writtenGb), free: Math.max(0, round(p.totalGb - p.writtenGb)), oversubscription: p.totalGb > 0 ? round(p.allocatedGb / p.totalGb) : 0, daysUntilFull: roundDays(forecasts.get(p.id)) });
  }
  for (const n of nets) {
    const total = Number(n.total);
    const free = Number(n.free);
    rows.push({ type: "network", az: "-", name: n.name, resource: "ipv4", unit: "IP", total, limit: total, allocated: total - free, used: null, free, oversubscription: total > 0 ? round((total - free) / total) : 0, daysUntilFull: null });
  }
  return rows;
}

const roundDays = (d: number | null | undefined) => (d === null || d === undefined ? null : Math.round(d * 10) / 10);

/** The capacity report as a list page, for the CSV export registry (one page holds every row). */
export async function capacityReportPage(actor: Actor): Promise<Page<CapacityRow>> {
  const rows = await capacityReport(actor);
  return { rows, total: rows.length, page: 1, pageSize: Math.max(rows.length, 1), sort: "type", dir: "asc" };
}

export interface VdcUsageRow {
  vdc: string;
  vdcId: string;
  level: number;
  region: string;
  resource: string;
  /** -1: unlimited. */
  limit: number;
  used: number;
  percent: number | null;
}

/** Every VDC's quota use per region and resource (the VDC usage report), the tree in order. */
export async function vdcUsageReport(actor: Actor): Promise<Page<VdcUsageRow>> {
  requirePermission(actor, "capacity:view");
  const rows = await dbReader.quota.findMany({ include: { vdc: { select: { name: true, level: true } } }, orderBy: [{ vdc: { level: "asc" } }, { vdc: { name: "asc" } }, { regionId: "asc" }, { resource: "asc" }] });
  const out = rows.map((q) => ({ vdc: q.vdc.name, vdcId: q.vdcId, level: q.vdc.level, region: q.regionId, resource: q.resource, limit: q.hardLimit, used: q.used, percent: q.hardLimit > 0 ? round((q.used / q.hardLimit) * 100, 1) : null }));
  return { rows: out, total: out.length, page: 1, pageSize: Math.max(out.length, 1), sort: "vdc", dir: "asc" };
}

export interface ThresholdRuleDto extends ThresholdRuleRecord {
  updatedAt: Date;
  updatedBy: string | null;
  /** Open alarms the rule holds now. */
  openAlarms: number;
}

/** The alarm engine's threshold rules, each with the open alarms it holds. */
export async function listThresholdRules(actor: Actor): Promise<ThresholdRuleDto[]> {
  requirePermission(actor, "alarm:view");
  const [rules, open] = await Promise.all([
    dbReader.thresholdRule.findMany({ orderBy: [{ kind: "asc" }, { metric: "asc" }, { value: "asc" }] }),
    dbReader.alarm.groupBy({ by: ["scope"], where: { type: "threshold", openKey: { not: null } }, _count: { _all: true } }),
  ]);
  const count = new Map(open.map((o) => [o.scope, o._count._all]));
  return rules.map((r) => ({ ...r, kind: r.kind as ThresholdRuleDto["kind"], comparison: r.comparison as ThresholdRuleDto["comparison"], severity: r.severity as ThresholdRuleDto["severity"], openAlarms: count.get(`threshold:${r.id}`) ?? 0 }));
}
