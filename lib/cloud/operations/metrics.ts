// Metrics on the cloud clock. Values are generated, deterministically: a source's metric at a time
// is a function of the seed, the source, the time and what is really allocated on the source
// (a host's vCPUs and RAM in use, a pool's written space), so the same cloud gives the same charts
// and a gap filled after the clock jumps holds what sampling all along would have held (to the
// load as it is when the gap is filled).
//
// Stored in tiers, each kept for its retention: raw samples every 10 minutes for 24 hours, hourly
// averages for 7 days, daily averages for 90 days; one point holds every metric of its source at
// that time. A source keeps 144 + 168 + 90 = 402 points, so 5,000 hosts stay within about 2
// million (`pointBudget`). A chart reads the finest tier that still covers its range within the
// points it can draw.

import { hashString } from "../shared/random";

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

/** The first bucket a tier still keeps at `nowMs`: every tier holds exactly retention / step buckets. */
export function oldestKept(tier: Tier, nowMs: number): number {
  return lastComplete(tier, nowMs) - (Math.floor(tier.retentionSeconds / tier.stepSeconds) - 1) * tier.stepSeconds * 1000;
}

/**
 * The last bucket of a tier that is complete at `nowMs`: a raw sample is taken at its bucket's
 * start, a coarser bucket is written once its whole span has passed.
 */
export function lastComplete(tier: Tier, nowMs: number): number {
  const start = bucketStart(nowMs, tier.stepSeconds);
  return tier.name === "raw" ? start : start - tier.stepSeconds * 1000;
}

export interface TierSegment {
  tier: TierName;
  /** The first and last bucket start to write, inclusive; every bucket between them, a step apart. */
  fromMs: number;
  toMs: number;
}

/**
 * What one series writes in one tier when collection runs at `nowMs`, its last written bucket in
 * that tier being `lastMs` (null: never) and the source existing since `sinceMs`: the complete
 * buckets after the last one, never one the tier would delete at once, never one before the
 * source existed. Null when nothing is due. A clock moved 30 days forward writes 30 daily, 168
 * hourly and 144 raw points per series, not 4,320 raw ones: every tier stays whole over its own
 * retention, so a chart of any range reads one tier.
 */
export function tierPlan(tier: Tier, lastMs: number | null, nowMs: number, sinceMs: number | null = null): TierSegment | null {
  const step = tier.stepSeconds * 1000;
  const toMs = lastComplete(tier, nowMs);
  let fromMs = oldestKept(tier, nowMs);
  if (lastMs !== null) fromMs = Math.max(fromMs, bucketStart(lastMs, tier.stepSeconds) + step);
  if (sinceMs !== null) fromMs = Math.max(fromMs, Math.ceil(sinceMs / step) * step);
  return toMs >= fromMs ? { tier: tier.name, fromMs, toMs } : null;
}

/** The bucket starts of a segment, in order. */
export function bucketsOf(segment: TierSegment): number[] {
  const step = tierNamed(segment.tier).stepSeconds * 1000;
  const out: number[] = [];
  for (let at = segment.fromMs; at <= segment.toMs; at += step) out.push(at);
  return out;
}

// --- Generation -------------------------------------------------------------------------------

export type SourceKind = "host" | "instance" | "pool" | "eip" | "server" | "az";
export const SOURCE_KINDS: readonly SourceKind[] = ["host", "instance", "pool", "eip", "server", "az"];

export const METRICS: Record<SourceKind, readonly string[]> = {
  // Utilizations in %, network in Mbit/s, temperature in °C, power in W.
  host: ["cpu", "memory", "disk", "netIn", "netOut", "temperature", "power"],
  server: ["cpu", "temperature", "power"],
  instance: ["cpu", "memory"],
  // Space in %, and written GB.
  pool: ["used", "writtenGb"],
  eip: ["bandwidthIn", "bandwidthOut"],
  // An AZ's compute as a whole (OC's trends): its hosts' load summed, so a chart reads one series.
  az: ["cpu", "memory", "disk"],
};

/** How a source's metrics are charted: those sharing a unit on one chart. */
export const METRIC_PANELS: Record<SourceKind, readonly { metrics: readonly string[]; unit: string }[]> = {
  host: [
    { metrics: ["cpu", "memory", "disk"], unit: "%" },
    { metrics: ["netIn", "netOut"], unit: "Mbit/s" },
    { metrics: ["temperature"], unit: "°C" },
    { metrics: ["power"], unit: "W" },
  ],
  server: [
    { metrics: ["cpu"], unit: "%" },
    { metrics: ["temperature"], unit: "°C" },
    { metrics: ["power"], unit: "W" },
  ],
  instance: [{ metrics: ["cpu", "memory"], unit: "%" }],
  pool: [
    { metrics: ["used"], unit: "%" },
    { metrics: ["writtenGb"], unit: "GB" },
  ],
  eip: [{ metrics: ["bandwidthIn", "bandwidthOut"], unit: "Mbit/s" }],
  az: [{ metrics: ["cpu", "memory", "disk"], unit: "%" }],
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

/** A 32-bit integer mixer (MurmurHash3's finalizer): nearby inputs give unrelated outputs. */
function mix(x: number): number {
  let h = x | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Noise in [-1, 1) per metric for one source and raw bucket: the same inputs always give the same
 * value. The source's string is hashed once per sample and mixed with integers per metric, since a
 * 90-day fill at 5,000 hosts generates some 15 million samples.
 */
function noiseFor(seed: number, source: string, atMs: number): (metric: string) => number {
  const base = hashString(`${seed}|${source}`);
  const bucket = mix(base ^ mix(Math.floor(atMs / ((TIERS[0] as Tier).stepSeconds * 1000))));
  return (metric) => (mix(bucket ^ hashString(metric)) / 4294967296) * 2 - 1;
}

const clampPct = (v: number) => Math.min(100, Math.max(0, v));
const round2 = (v: number) => Math.round(v * 100) / 100;

/** Every metric of a source at one time. */
export function generate(kind: SourceKind, seed: number, source: string, atMs: number, load: Load): Record<string, number> {
  const d = diurnal(atMs);
  const n = noiseFor(seed, source, atMs);
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
    case "az":
      return { cpu: round2(cpu), memory: round2(clampPct((load.memory ?? 0) * 88 + 6 + n("memory"))), disk: round2(clampPct((load.disk ?? 0) * 100)) };
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
 * A bucket's point in a tier when no finer points were stored for it (a gap after the clock moved,
 * a source seen for the first time): for raw, the sample at the bucket's start; for a coarser
 * tier, the average of the raw samples taken at each step of the next finer tier in the bucket.
 * An hour is exactly the average of its six raw samples (what downsampling them gives); a day
 * averages the raw sample at the start of each of its 24 hours, one sample in six, because a
 * 90-day fill at 5,000 hosts would otherwise generate 65 million samples.
 */
export function generatePoint(kind: SourceKind, seed: number, source: string, tier: TierName, bucketMs: number, load: Load): Record<string, number> {
  const index = TIERS.findIndex((t) => t.name === tier);
  if (index <= 0) return generate(kind, seed, source, bucketMs, load);
  const t = TIERS[index] as Tier;
  const finer = TIERS[index - 1] as Tier;
  const samples: Sample[] = [];
  for (let at = bucketMs; at < bucketMs + t.stepSeconds * 1000; at += finer.stepSeconds * 1000) samples.push({ at, values: generate(kind, seed, source, at, load) });
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
