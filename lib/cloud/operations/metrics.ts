// Metrics on the cloud clock. Values are generated, deterministically: a source's metric at a time
// is a function of the seed, the source, the time and what is really allocated on the source
// (a host's vCPUs and RAM in use, a pool's written space), so the same cloud gives the same charts
// and a gap filled after the clock jumps holds what continuous sampling would have held.
//
// Stored in tiers, each kept for its retention: raw samples every 10 minutes for 24 hours, hourly
// averages for 7 days, daily averages for 90 days; one point holds every metric of its source at
// that time. A source keeps 144 + 168 + 90 = 402 points, so 5,000 hosts stay within about 2
// million (`pointBudget`). A chart reads the finest tier that still covers its range within the
// points it can draw.

import { hashString, seededRandom } from "../shared/random";

export type TierName = "raw" | "hour" | "day";

export interface Tier {
  name: TierName;
  stepSeconds: number;
  retentionSeconds: number;
}

const HOUR = 3600;
const DAY = 24 * HOUR;

/** Finest first. Each tier's step is a multiple of the previous one's, so buckets nest. */
export const TIERS: readonly Tier[] = [
  { name: "raw", stepSeconds: 600, retentionSeconds: DAY },
  { name: "hour", stepSeconds: HOUR, retentionSeconds: 7 * DAY },
  { name: "day", stepSeconds: DAY, retentionSeconds: 90 * DAY },
];

export function tierNamed(name: TierName): Tier {
  return TIERS.find((t) => t.name === name) as Tier;
}

/** Points one source keeps once every tier is full. */
export function pointsPerSource(tiers: readonly Tier[] = TIERS): number {
  return tiers.reduce((n, t) => n + Math.floor(t.retentionSeconds / t.stepSeconds), 0);
}

export function pointBudget(sources: number, tiers: readonly Tier[] = TIERS): number {
  return sources * pointsPerSource(tiers);
}

/** The start of the bucket of `stepSeconds` that holds `atMs` (buckets align to the epoch, in UTC). */
export function bucketStart(atMs: number, stepSeconds: number): number {
  const step = stepSeconds * 1000;
  return Math.floor(atMs / step) * step;
}

/**
 * The tier a chart of [fromMs, toMs] reads at `nowMs`: the finest whose retention reaches back to
 * `fromMs` and that draws at most `maxPoints` points; the coarsest when none fits.
 */
export function chooseTier(fromMs: number, toMs: number, nowMs: number, maxPoints = 500, tiers: readonly Tier[] = TIERS): Tier {
  const span = Math.max(0, toMs - fromMs) / 1000;
  for (const t of tiers) {
    const reaches = nowMs - fromMs <= t.retentionSeconds * 1000;
    if (reaches && span / t.stepSeconds <= maxPoints) return t;
  }
  return tiers[tiers.length - 1] as Tier;
}

export interface Sample {
  at: number;
  values: Record<string, number>;
}

/** Averages of a finer series per bucket of `stepSeconds` (each bucket stamped with its start; empty buckets left out). */
export function downsample(samples: readonly Sample[], stepSeconds: number): Sample[] {
  const buckets = new Map<number, { n: Map<string, number>; sum: Map<string, number> }>();
  for (const s of samples) {
    const b = bucketStart(s.at, stepSeconds);
    const acc = buckets.get(b) ?? { n: new Map(), sum: new Map() };
    for (const [k, v] of Object.entries(s.values)) {
      acc.n.set(k, (acc.n.get(k) ?? 0) + 1);
      acc.sum.set(k, (acc.sum.get(k) ?? 0) + v);
    }
    buckets.set(b, acc);
  }
  return [...buckets.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([at, acc]) => ({ at, values: Object.fromEntries([...acc.sum].map(([k, sum]) => [k, round2(sum / (acc.n.get(k) as number))])) }));
}

export interface GapSegment {
  tier: TierName;
  /** The first and last bucket start to write, inclusive. */
  fromMs: number;
  toMs: number;
}

/**
 * What to write when sampling resumes at `nowMs` after the last raw sample at `lastMs` (null: never
 * sampled): every bucket still inside some tier's retention, each in the finest tier that keeps it
 * (older than a day: hourly; older than a week: daily), never a bucket a tier would delete at once.
 * A clock moved 30 days forward writes 30 daily points per source, not 4,320 raw ones.
 */
export function gapPlan(lastMs: number | null, nowMs: number, tiers: readonly Tier[] = TIERS): GapSegment[] {
  const oldest = nowMs - (tiers[tiers.length - 1] as Tier).retentionSeconds * 1000;
  let cursor = Math.max(lastMs === null ? oldest : lastMs + 1, oldest);
  const segments: GapSegment[] = [];
  for (let i = tiers.length - 1; i >= 0; i--) {
    const t = tiers[i] as Tier;
    const finer = tiers[i - 1];
    // This tier writes the buckets older than the finer tier's retention.
    const until = finer ? nowMs - finer.retentionSeconds * 1000 : nowMs;
    if (cursor >= until && finer) continue;
    const first = bucketStart(cursor, t.stepSeconds) < cursor ? bucketStart(cursor, t.stepSeconds) + t.stepSeconds * 1000 : bucketStart(cursor, t.stepSeconds);
    // A bucket is written once it is complete; the raw tier writes up to now.
    const last = finer ? bucketStart(until, t.stepSeconds) - t.stepSeconds * 1000 : bucketStart(nowMs, t.stepSeconds);
    if (last >= first) segments.push({ tier: t.name, fromMs: first, toMs: last });
    cursor = Math.max(cursor, last + t.stepSeconds * 1000);
  }
  return segments;
}

// --- Generation -------------------------------------------------------------------------------

export type SourceKind = "host" | "instance" | "pool" | "eip" | "server";

export const METRICS: Record<SourceKind, readonly string[]> = {
  // Utilizations in %, network in Mbit/s, temperature in °C, power in W.
  host: ["cpu", "memory", "disk", "netIn", "netOut", "temperature", "power"],
  server: ["cpu", "temperature", "power"],
  instance: ["cpu", "memory"],
  // Space in %, and written GB.
  pool: ["used", "writtenGb"],
  eip: ["bandwidthIn", "bandwidthOut"],
};

/** What is really allocated on a source, which the generated values follow. */
export interface Load {
  /** 0..1: a host's vCPUs in use over its usable vCPUs, an instance's share of busy, a pool's written over its capacity. */
  cpu?: number;
  memory?: number;
  disk?: number;
  /** A pool's written GB; an EIP's bandwidth limit in Mbit/s. */
  writtenGb?: number;
  bandwidthMbit?: number;
  /** A fan failed: the server runs hotter. */
  coolingLost?: boolean;
}

/** 0.75..1.25 over a day: busiest mid-afternoon, quietest before dawn (UTC). */
function diurnal(atMs: number): number {
  const hour = (atMs / 1000 / HOUR) % 24;
  return 1 + 0.25 * Math.sin(((hour - 9) / 24) * 2 * Math.PI);
}

/** Noise in [-1, 1) for one source, metric and raw bucket: the same inputs always give the same value. */
function noise(seed: number, source: string, metric: string, atMs: number): number {
  const r = seededRandom(hashString(`${seed}|${source}|${metric}|${bucketStart(atMs, (TIERS[0] as Tier).stepSeconds)}`));
  return r.next() * 2 - 1;
}

const clampPct = (v: number) => Math.min(100, Math.max(0, v));
const round2 = (v: number) => Math.round(v * 100) / 100;

/** Every metric of a source at one time. */
export function generate(kind: SourceKind, seed: number, source: string, atMs: number, load: Load): Record<string, number> {
  const d = diurnal(atMs);
  const n = (metric: string) => noise(seed, source, metric, atMs);
  const cpu = clampPct((load.cpu ?? 0) * 70 * d + 5 + 4 * n("cpu"));
  switch (kind) {
    case "host":
    case "server": {
      const temperature = 32 + cpu * 0.3 + (load.coolingLost ? 18 : 0) + 1.5 * n("temperature");
      const power = 140 + cpu * 2.6 + 8 * n("power");
      if (kind === "server") return { cpu: round2(cpu), temperature: round2(temperature), power: round2(power) };
      return {
        cpu: round2(cpu),
        memory: round2(clampPct((load.memory ?? 0) * 88 + 6 + 2 * n("memory"))),
        disk: round2(clampPct((load.disk ?? 0) * 100 + 0.5 * n("disk"))),
        netIn: round2(Math.max(0, cpu * 9 * d + 40 * n("netIn") + 40)),
        netOut: round2(Math.max(0, cpu * 7 * d + 30 * n("netOut") + 30)),
        temperature: round2(temperature),
        power: round2(power),
      };
    }
    case "instance":
      return { cpu: round2(cpu), memory: round2(clampPct((load.memory ?? 0.5) * 80 + 10 + 3 * n("memory"))) };
    case "pool":
      return { used: round2(clampPct((load.disk ?? 0) * 100)), writtenGb: round2(load.writtenGb ?? 0) };
    case "eip": {
      const limit = load.bandwidthMbit ?? 5;
      return { bandwidthIn: round2(Math.min(limit, Math.max(0, limit * 0.35 * d + limit * 0.1 * n("bandwidthIn")))), bandwidthOut: round2(Math.min(limit, Math.max(0, limit * 0.25 * d + limit * 0.1 * n("bandwidthOut")))) };
    }
  }
}

/**
 * A bucket's point in a tier: for raw, the sample at the bucket's start; for a coarser tier, the
 * average of the raw samples the bucket would have held, taken at the next finer tier's step
 * (what downsampling the stored finer points gives).
 */
export function generatePoint(kind: SourceKind, seed: number, source: string, tier: TierName, bucketMs: number, load: Load): Record<string, number> {
  const index = TIERS.findIndex((t) => t.name === tier);
  if (index <= 0) return generate(kind, seed, source, bucketMs, load);
  const t = TIERS[index] as Tier;
  const finer = TIERS[index - 1] as Tier;
  const samples: Sample[] = [];
  for (let at = bucketMs; at < bucketMs + t.stepSeconds * 1000; at += finer.stepSeconds * 1000) samples.push({ at, values: generatePoint(kind, seed, source, finer.name, at, load) });
  return (downsample(samples, t.stepSeconds)[0] as Sample).values;
}

/**
 * Days until a pool fills, from a linear trend through its daily points (least squares on used %),
 * or null when usage is flat or falling, or there are fewer than 3 points.
 */
export function daysUntilFull(points: readonly { at: number; used: number }[], nowMs: number): number | null {
  if (points.length < 3) return null;
  const xs = points.map((p) => p.at / (DAY * 1000));
  const ys = points.map((p) => p.used);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += ((xs[i] as number) - mx) * ((ys[i] as number) - my);
    den += ((xs[i] as number) - mx) ** 2;
  }
  if (den === 0) return null;
  const slope = num / den;
  if (slope <= 1e-9) return null;
  const nowDays = nowMs / (DAY * 1000);
  const usedNow = my + slope * (nowDays - mx);
  return Math.max(0, (100 - usedNow) / slope);
}
