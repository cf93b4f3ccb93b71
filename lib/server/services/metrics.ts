import "server-only";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { Prisma } from "@/lib/generated/prisma/client";
import { bucketsOf, downsample, evaluateSample, generate, generatePoint, lastComplete, QUIET, TIERS, tierNamed, tierPlan, type Load, type Sample, type Severity, type SourceKind, type ThresholdRuleRecord, type ThresholdState, type TierName } from "@/lib/cloud/operations";
import { hashString } from "@/lib/cloud/shared/random";
import { db, type Tx } from "../db";
import { cloudSeed } from "../env";
import { clearAlarm, raiseAlarm } from "../repositories/alarms";
import { alarmKey } from "@/lib/cloud/operations";
import { claimSeries, dueSeries, expirePoints, insertPoints, readPoints, syncSeries, type PointRow, type SeriesRow } from "../repositories/metrics";
import { sqlQuery, sqlRun } from "../repositories/sql";

// The metric collector (Ceilometer and Gnocchi's part in a real cloud). Every pass of the task
// runner it takes the series that are behind the cloud clock and writes, for each tier, the
// buckets that are due (lib/cloud/operations/metrics.ts `tierPlan`): raw samples generated from
// what is allocated on the source now, hourly and daily points downsampled from the finer points
// stored (or written in the same pass), generated only where no finer point exists (a gap older
// than the finer tier keeps). A source that does not report (a host whose compute service is
// stopped, an ECS that is not running, an offline pool) gets no points: its chart shows the gap.
//
// Generation is CPU work done outside any transaction, within a time budget per pass, yielding
// to the event loop between series: a clock moved 90 days forward fills in the background
// without stalling requests. The writes of a batch (cursors claimed under the series' version,
// points, threshold states, alarms) are one short transaction.

/** The seed of the generated values: the seed the cloud was built from. */
export const METRICS_SEED = cloudSeed();
/** Guests keep about a third of their vCPUs busy on average (what a host's CPU follows). */
const GUEST_BUSY = 0.35;
/** Wall milliseconds of generation per pass before the batch is written and the pass ends. */
const PASS_BUDGET_MS = 50;
/**
 * Points written per pass at most: the write transaction holds SQLite's one writer (and, the
 * driver being synchronous, the event loop), so a cold fill (402 points per series) goes a few
 * series at a time, between the other work of the runner and the requests. Ordinary collection
 * (one raw point per series) writes a thousand series a pass.
 */
const PASS_POINTS = 1000;
const SERIES_PER_PASS = 2000;
const SLICE = 20;

interface SourceState {
  name: string;
  /** False: the source does not report now (its cursors move on, no points are written). */
  reporting: boolean;
  load: Load;
}

/** What each due source carries now, by kind. */
async function sourceStates(tx: Tx | typeof db, kind: SourceKind, ids: readonly string[]): Promise<Map<string, SourceState>> {
  const out = new Map<string, SourceState>();
  if (ids.length === 0) return out;
  const idList = Prisma.join(ids);
  switch (kind) {
    case "host": {
      const [rows, hot] = await Promise.all([
        sqlQuery<{ id: string; name: string; vcpus: number; memoryMb: number; localDiskGb: number; vcpusUsed: number; memoryMbUsed: number; diskGbUsed: number; serviceRunning: boolean; networkLost: boolean }>(
          tx,
          Prisma.sql`SELECT "id", "name", "vcpus", "memoryMb", "localDiskGb", "vcpusUsed", "memoryMbUsed", "diskGbUsed", "serviceRunning", "networkLost" FROM "Host" WHERE "id" IN (${idList})`,
        ),
        coolingLost(tx, ids),
      ]);
      // A host whose service is stopped or that is cut off from the network sends no samples.
      for (const h of rows) out.set(h.id, { name: h.name, reporting: h.serviceRunning && !h.networkLost, load: { ...hostLoad(h), coolingLost: hot.has(h.id) } });
      break;
    }
    case "server": {
      // Controllers and network nodes: busy with the control plane's services, not with guests.
      const [rows, hot] = await Promise.all([sqlQuery<{ id: string; name: string; healthy: boolean; role: string }>(tx, Prisma.sql`SELECT "id", "name", "healthy", "role" FROM "DeployNode" WHERE "id" IN (${idList})`), coolingLost(tx, ids)]);
      for (const n of rows) out.set(n.id, { name: n.name, reporting: n.healthy, load: { cpu: n.role === "controller" ? 0.45 : 0.3, coolingLost: hot.has(n.id) } });
      break;
    }
    case "az": {
      const rows = await sqlQuery<{ id: string; name: string; vcpus: number | null; memoryMb: number | null; localDiskGb: number | null; vcpusUsed: number | null; memoryMbUsed: number | null; diskGbUsed: number | null }>(
        tx,
        Prisma.sql`SELECT az."id", az."name", SUM(h."vcpus") AS "vcpus", SUM(h."memoryMb") AS "memoryMb", SUM(h."localDiskGb") AS "localDiskGb", SUM(h."vcpusUsed") AS "vcpusUsed", SUM(h."memoryMbUsed") AS "memoryMbUsed", SUM(h."diskGbUsed") AS "diskGbUsed"
          FROM "AvailabilityZone" az LEFT JOIN "Host" h ON h."azId" = az."id" WHERE az."id" IN (${idList}) GROUP BY az."id", az."name"`,
      );
      for (const a of rows) {
        const n = (v: number | bigint | null) => Number(v ?? 0);
        out.set(a.id, { name: a.name, reporting: n(a.vcpus) > 0, load: hostLoad({ vcpus: n(a.vcpus), memoryMb: n(a.memoryMb), localDiskGb: n(a.localDiskGb), vcpusUsed: n(a.vcpusUsed), memoryMbUsed: n(a.memoryMbUsed), diskGbUsed: n(a.diskGbUsed) }) });
      }
      break;
    }
    case "instance": {
      const rows = await sqlQuery<{ id: string; name: string; powerState: string }>(tx, Prisma.sql`SELECT "id", "name", "powerState" FROM "Instance" WHERE "id" IN (${idList})`);
      // How busy a guest is is its own: a share of its vCPUs and memory fixed per instance.
      for (const i of rows) {
        const h = hashString(`${METRICS_SEED}|busy|${i.id}`);
        out.set(i.id, { name: i.name, reporting: i.powerState === "running", load: { cpu: 0.1 + (h % 70) / 100, memory: 0.3 + ((h >> 8) % 60) / 100 } });
      }
      break;
    }
    case "pool": {
      const rows = await sqlQuery<{ id: string; name: string; totalGb: number; writtenGb: number; offline: boolean }>(tx, Prisma.sql`SELECT "id", "name", "totalGb", "writtenGb", "offline" FROM "StoragePool" WHERE "id" IN (${idList})`);
      for (const p of rows) out.set(p.id, { name: p.name, reporting: !p.offline, load: { disk: p.totalGb > 0 ? p.writtenGb / p.totalGb : 0, writtenGb: p.writtenGb } });
      break;
    }
    case "eip": {
      const rows = await sqlQuery<{ id: string; address: string; bandwidthMbit: number; fixedPortId: string | null }>(tx, Prisma.sql`SELECT "id", "address", "bandwidthMbit", "fixedPortId" FROM "Eip" WHERE "id" IN (${idList})`);
      // An unbound EIP carries no traffic.
      for (const e of rows) out.set(e.id, { name: e.address, reporting: true, load: { bandwidthMbit: e.fixedPortId ? e.bandwidthMbit : 0 } });
      break;
    }
  }
  return out;
}

/** The servers among `ids` with a failed fan: they run hotter (the temperature a threshold rule may catch). */
async function coolingLost(tx: Tx | typeof db, ids: readonly string[]): Promise<Set<string>> {
  const rows = await sqlQuery<{ deviceId: string }>(tx, Prisma.sql`SELECT DISTINCT "deviceId" FROM "DeviceComponent" WHERE "kind" = 'fan' AND "health" <> 'normal' AND "deviceId" IN (${Prisma.join(ids)})`);
  return new Set(rows.map((r) => r.deviceId));
}

function hostLoad(h: { vcpus: number; memoryMb: number; localDiskGb: number; vcpusUsed: number; memoryMbUsed: number; diskGbUsed: number }): Load {
  const share = (used: number, total: number) => (total > 0 ? Math.min(1, used / total) : 0);
  return { cpu: share(h.vcpusUsed * GUEST_BUSY, h.vcpus), memory: share(h.memoryMbUsed, h.memoryMb), disk: share(h.diskGbUsed, h.localDiskGb) };
}

const CURSOR: Record<TierName, "lastRaw" | "lastHour" | "lastDay"> = { raw: "lastRaw", hour: "lastHour", day: "lastDay" };

interface Generated {
  series: SeriesRow;
  next: { lastRaw: Date | null; lastHour: Date | null; lastDay: Date | null };
  points: PointRow[];
  name: string;
}

/**
 * A series' due points in every tier, finest first so that a coarse bucket downsamples the finer
 * points written just before it. `stored` holds the finer points already in the database for the
 * spans the coarse tiers write.
 */
function generateSeries(series: SeriesRow, state: SourceState | undefined, now: number, stored: Map<TierName, Sample[]>): Generated {
  const next = { lastRaw: series.lastRaw, lastHour: series.lastHour, lastDay: series.lastDay };
  const points: PointRow[] = [];
  const written = new Map<TierName, Sample[]>();
  const since = series.since.getTime() > 0 ? series.since.getTime() : null;
  for (let i = 0; i < TIERS.length; i++) {
    const tier = TIERS[i] as (typeof TIERS)[number];
    const seg = tierPlan(tier, series[CURSOR[tier.name]]?.getTime() ?? null, now, since);
    if (!seg) continue;
    next[CURSOR[tier.name]] = new Date(seg.toMs);
    if (!state?.reporting) continue;
    const finerName = i > 0 ? (TIERS[i - 1] as (typeof TIERS)[number]).name : null;
    const finerByBucket = new Map<number, Sample[]>();
    // Grouped in place: a day's bucket holds 144 raw samples, copied once each.
    for (const list of finerName ? [stored.get(finerName) ?? [], written.get(finerName) ?? []] : [])
      for (const s of list) {
        const b = Math.floor(s.at / (tier.stepSeconds * 1000)) * tier.stepSeconds * 1000;
        const held = finerByBucket.get(b);
        if (held) held.push(s);
        else finerByBucket.set(b, [s]);
      }
    const out: Sample[] = [];
    for (const at of bucketsOf(seg)) {
      const held = finerByBucket.get(at);
      const values = tier.name === "raw" ? generate(series.kind, METRICS_SEED, series.sourceId, at, state.load) : held?.length ? (downsample(held, tier.stepSeconds)[0] as Sample).values : generatePoint(series.kind, METRICS_SEED, series.sourceId, tier.name, at, state.load);
      out.push({ at, values });
      points.push({ kind: series.kind, sourceId: series.sourceId, tier: tier.name, at: new Date(at), data: values });
    }
    written.set(tier.name, out);
  }
  return { series, next, points, name: state?.name ?? series.sourceId };
}

/** The finer points stored for the spans a batch's coarse tiers will write, per series. */
async function storedFiner(batch: readonly SeriesRow[], now: number): Promise<Map<string, Map<TierName, Sample[]>>> {
  const out = new Map<string, Map<TierName, Sample[]>>();
  for (let i = 1; i < TIERS.length; i++) {
    const tier = TIERS[i] as (typeof TIERS)[number];
    const finer = TIERS[i - 1] as (typeof TIERS)[number];
    const byKind = new Map<SourceKind, { ids: string[]; from: number; to: number }>();
    for (const s of batch) {
      const seg = tierPlan(tier, s[CURSOR[tier.name]]?.getTime() ?? null, now, s.since.getTime() > 0 ? s.since.getTime() : null);
      if (!seg) continue;
      const k = byKind.get(s.kind) ?? { ids: [], from: Infinity, to: -Infinity };
      k.ids.push(s.sourceId);
      k.from = Math.min(k.from, seg.fromMs);
      k.to = Math.max(k.to, seg.toMs + tier.stepSeconds * 1000);
      byKind.set(s.kind, k);
    }
    for (const [kind, k] of byKind) {
      for (const p of await readPoints(db, kind, k.ids, finer.name, new Date(k.from), new Date(k.to))) {
        const key = `${kind}|${p.sourceId}`;
        const tiers = out.get(key) ?? new Map<TierName, Sample[]>();
        const list = tiers.get(finer.name);
        if (list) list.push({ at: p.at.getTime(), values: p.data });
        else tiers.set(finer.name, [{ at: p.at.getTime(), values: p.data }]);
        out.set(key, tiers);
      }
    }
  }
  return out;
}

export interface CollectResult {
  series: number;
  points: number;
  /** Series still behind the clock when the pass ended (its budget ran out). */
  behind: boolean;
}

/**
 * One collection pass at `now`: due series until the budget runs out, their points and threshold
 * outcomes written in one transaction. `budgetMs: Infinity` collects everything due (tests, bench).
 */
export async function collectMetrics(now: Date, opts: { budgetMs?: number; limit?: number; maxPoints?: number } = {}): Promise<CollectResult> {
  const budget = opts.budgetMs ?? PASS_BUDGET_MS;
  const maxPoints = opts.maxPoints ?? PASS_POINTS;
  const nowMs = now.getTime();
  const dueRaw = new Date(lastComplete(tierNamed("raw"), nowMs));
  const due = await dueSeries(db, dueRaw, opts.limit ?? SERIES_PER_PASS);
  if (due.length === 0) return { series: 0, points: 0, behind: false };
  const started = Date.now();
  const generated: Generated[] = [];
  let pending = 0;
  const spent = () => Date.now() - started >= budget || pending >= maxPoints;
  // Small slices: the per-kind reads of a slice are one query each, and the event loop runs between them
  // (SQLite's statements are synchronous: a pass must not hold the loop for long).
  for (let i = 0; i < due.length && !spent(); i += SLICE) {
    const slice = due.slice(i, i + SLICE);
    const stored = await storedFiner(slice, nowMs);
    const states = new Map<string, SourceState>();
    for (const kind of new Set(slice.map((s) => s.kind))) {
      for (const [id, st] of await sourceStates(db, kind, slice.filter((s) => s.kind === kind).map((s) => s.sourceId))) states.set(`${kind}|${id}`, st);
    }
    for (const s of slice) {
      const g = generateSeries(s, states.get(`${s.kind}|${s.sourceId}`), nowMs, stored.get(`${s.kind}|${s.sourceId}`) ?? new Map());
      generated.push(g);
      pending += g.points.length;
      if (spent()) break;
    }
    await yieldToEventLoop();
  }
  let points = 0;
  await db.$transaction(async (tx) => {
    const claimed: Generated[] = [];
    for (const g of generated) if (await claimSeries(tx, g.series, g.next)) claimed.push(g);
    const rows = claimed.flatMap((g) => g.points);
    await insertPoints(tx, rows);
    points = rows.length;
    await evaluateThresholds(tx, claimed);
  });
  return { series: generated.length, points, behind: generated.length < due.length };
}

/** Collect until nothing is due (tests and the benchmark; the runner collects a budget per pass). */
export async function collectAll(now: Date): Promise<number> {
  let points = 0;
  for (;;) {
    const r = await collectMetrics(now, { budgetMs: 2000, maxPoints: 20_000 });
    points += r.points;
    if (r.series === 0) return points;
  }
}

/** The sweep: new sources get series, gone ones end, each tier drops what it no longer keeps. */
export async function syncMetricSeries(now: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    await syncSeries(tx, now);
    await expirePoints(tx, now);
  });
}

// ------------------------------------------------------------------------------- thresholds

export const thresholdAlarmSource = (kind: string, sourceId: string, ruleId: string) => `${kind}:${sourceId}#${ruleId}`;
export const thresholdScope = (ruleId: string) => `threshold:${ruleId}`;

/**
 * Feed the raw samples just written through the rules of their kind: a rule's state per source
 * is kept while it is not quiet; reaching the duration raises the rule's alarm on the source, the
 * condition ending clears it (lib/cloud/operations/thresholds.ts).
 */
async function evaluateThresholds(tx: Tx, batch: readonly Generated[]): Promise<void> {
  const rules = (await tx.thresholdRule.findMany({ where: { enabled: true } })) as ThresholdRuleRecord[];
  if (rules.length === 0) return;
  for (const rule of rules) {
    const sources = batch.filter((g) => g.series.kind === rule.kind && g.points.some((p) => p.tier === "raw"));
    if (sources.length === 0) continue;
    // Only sources that are breaching or firing have a state: few, read whole rather than by a long IN list.
    const states = await tx.thresholdState.findMany({ where: { ruleId: rule.id } });
    const stateOf = new Map(states.map((s) => [s.sourceId, { breachingSince: s.breachingSince.getTime(), firing: s.firing } as ThresholdState]));
    for (const g of sources) {
      const before = stateOf.get(g.series.sourceId) ?? QUIET;
      let state = before;
      const source = thresholdAlarmSource(rule.kind, g.series.sourceId, rule.id);
      for (const p of g.points) {
        if (p.tier !== "raw") continue;
        const value = p.data[rule.metric];
        if (value === undefined) continue;
        const step = evaluateSample(rule, state, { at: p.at.getTime(), value });
        state = step.state;
        if (step.outcome === "raise") {
          await raiseAlarm(tx, { source, type: "threshold", severity: rule.severity as Severity, at: p.at.getTime(), sourceName: `${g.name} · ${rule.metric}`, scope: thresholdScope(rule.id), detail: { kind: rule.kind, sourceId: g.series.sourceId, metric: rule.metric, comparison: rule.comparison, threshold: rule.value, value, durationSeconds: rule.durationSeconds } });
        } else if (step.outcome === "clear") {
          await clearAlarm(tx, alarmKey({ source, type: "threshold" }), p.at, "auto");
        }
      }
      if (state.breachingSince === before.breachingSince && state.firing === before.firing) continue;
      if (state.breachingSince === null) await tx.thresholdState.deleteMany({ where: { ruleId: rule.id, sourceId: g.series.sourceId } });
      else await sqlRun(tx, Prisma.sql`INSERT INTO "ThresholdState" ("ruleId", "sourceId", "breachingSince", "firing") VALUES (${rule.id}, ${g.series.sourceId}, ${new Date(state.breachingSince)}, ${state.firing}) ON CONFLICT ("ruleId", "sourceId") DO UPDATE SET "breachingSince" = excluded."breachingSince", "firing" = excluded."firing"`);
    }
  }
}
