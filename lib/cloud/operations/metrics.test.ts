import { describe, expect, it } from "vitest";
import { seededRandom } from "../shared/random";
import { bucketsOf, bucketStart, chooseTier, daysUntilFull, downsample, generate, generatePoint, oldestKept, pointBudget, pointsPerSource, tierNamed, tierPlan, TIERS, type Sample, type TierSegment } from "./metrics";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 11, 2, 10, 7, 0);

describe("metric tiers", () => {
  it("keep 402 points per source: 5,000 hosts stay within about 2 million", () => {
    expect(pointsPerSource()).toBe(144 + 168 + 90);
    expect(pointBudget(5000)).toBe(2_010_000);
  });

  it("average a finer series into buckets, and averaging in steps gives what averaging at once does", () => {
    const r = seededRandom(7);
    const raw: Sample[] = Array.from({ length: 6 * 24 * 2 }, (_, i) => ({ at: Date.UTC(2026, 0, 1) + i * 10 * MIN, values: { cpu: r.int(0, 100), memory: r.int(0, 100) } }));
    const hourly = downsample(raw, 3600);
    expect(hourly).toHaveLength(48);
    const first6 = raw.slice(0, 6).map((s) => s.values.cpu as number);
    expect(hourly[0]?.values.cpu).toBeCloseTo(first6.reduce((a, b) => a + b, 0) / 6, 2);
    const daily = downsample(hourly, 86400);
    const direct = downsample(raw, 86400);
    expect(daily.map((d) => d.at)).toEqual(direct.map((d) => d.at));
    daily.forEach((d, i) => expect(d.values.cpu).toBeCloseTo(direct[i]?.values.cpu as number, 1));
  });

  it("read the finest tier that reaches back far enough and fits the chart", () => {
    expect(chooseTier(NOW - 6 * HOUR, NOW, NOW).name).toBe("raw");
    expect(chooseTier(NOW - 2 * DAY, NOW, NOW).name).toBe("hour");
    expect(chooseTier(NOW - 30 * DAY, NOW, NOW).name).toBe("day");
    // A day's chart asked to draw at most 100 points cannot take 144 raw ones.
    expect(chooseTier(NOW - DAY, NOW, NOW, 100).name).toBe("hour");
    // A range older than every retention still reads the coarsest.
    expect(chooseTier(NOW - 200 * DAY, NOW - 150 * DAY, NOW).name).toBe("day");
  });
});

describe("filling a gap after the clock moves", () => {
  const raw = tierNamed("raw");
  const hour = tierNamed("hour");
  const day = tierNamed("day");

  it("writes only the next raw bucket when sampling keeps up, and an hour once it has passed", () => {
    const last = bucketStart(NOW, 600) - 600_000;
    expect(tierPlan(raw, last, NOW)).toEqual({ tier: "raw", fromMs: bucketStart(NOW, 600), toMs: bucketStart(NOW, 600) });
    expect(tierPlan(raw, bucketStart(NOW, 600), NOW)).toBeNull();
    // 10:07: the 09:00 hour is complete, the 10:00 one is not.
    expect(tierPlan(hour, bucketStart(NOW, 3600) - 2 * HOUR, NOW)).toEqual({ tier: "hour", fromMs: bucketStart(NOW, 3600) - HOUR, toMs: bucketStart(NOW, 3600) - HOUR });
    expect(tierPlan(hour, bucketStart(NOW, 3600) - HOUR, NOW)).toBeNull();
  });

  it("writes a 30-day jump as 29 daily (the 30th was written before), 168 hourly and 144 raw points: every tier whole over its retention", () => {
    const count = (s: TierSegment | null) => (s ? bucketsOf(s).length : 0);
    expect(count(tierPlan(day, NOW - 30 * DAY, NOW))).toBe(29);
    expect(count(tierPlan(hour, NOW - 30 * DAY, NOW))).toBe(168);
    expect(count(tierPlan(raw, NOW - 30 * DAY, NOW))).toBe(144);
    // Never sampled: each tier's whole retention, 402 points in all.
    expect(TIERS.reduce((n, t) => n + count(tierPlan(t, null, NOW)), 0)).toBe(pointsPerSource());
    // A source created 3 hours ago has no point before it existed.
    expect(count(tierPlan(raw, null, NOW, NOW - 3 * HOUR))).toBe(18);
    expect(count(tierPlan(day, null, NOW, NOW - 3 * HOUR))).toBe(0);
  });

  it("never overlaps, goes back, or writes what the tier would delete, on seeded random gaps", () => {
    const r = seededRandom(99);
    for (let i = 0; i < 500; i++) {
      const now = NOW + r.int(0, 10 * DAY);
      const last = r.next() < 0.1 ? null : now - r.int(1, 120 * 24 * 6) * 10 * MIN;
      for (const tier of TIERS) {
        const plan = tierPlan(tier, last, now);
        if (!plan) continue;
        const step = tier.stepSeconds * 1000;
        expect(plan.fromMs % step).toBe(0);
        if (last !== null) expect(plan.fromMs).toBeGreaterThan(last);
        expect(plan.fromMs).toBeGreaterThanOrEqual(oldestKept(tier, now));
        expect(plan.toMs + (tier.name === "raw" ? 0 : step)).toBeLessThanOrEqual(now);
        expect(bucketsOf(plan).length).toBeLessThanOrEqual(tier.retentionSeconds / tier.stepSeconds);
      }
    }
  });
});

describe("generated metrics", () => {
  it("are the same for the same seed, source and time, and differ across sources", () => {
    const load = { cpu: 0.5, memory: 0.6, disk: 0.3 };
    expect(generate("host", 1, "cmp-1", NOW, load)).toEqual(generate("host", 1, "cmp-1", NOW, load));
    expect(generate("host", 1, "cmp-1", NOW, load)).not.toEqual(generate("host", 1, "cmp-2", NOW, load));
    expect(generate("host", 2, "cmp-1", NOW, load)).not.toEqual(generate("host", 1, "cmp-1", NOW, load));
  });

  it("follow what is allocated: a busier host runs hotter and draws more power, a lost fan heats it", () => {
    const avg = (cpu: number, coolingLost = false) => {
      const pts = Array.from({ length: 144 }, (_, i) => generate("host", 3, "cmp-9", NOW + i * 10 * MIN, { cpu, memory: cpu, coolingLost }));
      const m = (k: string) => pts.reduce((n, p) => n + (p[k] as number), 0) / pts.length;
      return { cpu: m("cpu"), memory: m("memory"), temperature: m("temperature"), power: m("power") };
    };
    const idle = avg(0.05);
    const busy = avg(0.9);
    expect(busy.cpu).toBeGreaterThan(idle.cpu + 40);
    expect(busy.memory).toBeGreaterThan(idle.memory + 60);
    expect(busy.temperature).toBeGreaterThan(idle.temperature);
    expect(busy.power).toBeGreaterThan(idle.power);
    expect(avg(0.5, true).temperature - avg(0.5).temperature).toBeCloseTo(18, 0);
    for (const p of [idle, busy]) expect(p.cpu).toBeLessThanOrEqual(100);
  });

  it("give a coarse bucket the average of the raw samples it would have held", () => {
    const load = { cpu: 0.4, memory: 0.5 };
    const hourStart = bucketStart(NOW, 3600);
    const raw = Array.from({ length: 6 }, (_, i) => ({ at: hourStart + i * 10 * MIN, values: generatePoint("host", 5, "cmp-3", "raw", hourStart + i * 10 * MIN, load) }));
    const hour = generatePoint("host", 5, "cmp-3", "hour", hourStart, load);
    expect(hour.cpu).toBeCloseTo(downsample(raw, 3600)[0]?.values.cpu as number, 2);
    expect(Object.keys(generatePoint("pool", 5, "pool-1", "day", bucketStart(NOW, 86400), { disk: 0.5, writtenGb: 512 }))).toEqual(["used", "writtenGb"]);
  });

  it("keep an EIP's bandwidth within its limit", () => {
    for (let i = 0; i < 200; i++) {
      const v = generate("eip", 1, "eip-1", NOW + i * 10 * MIN, { bandwidthMbit: 10 });
      expect(v.bandwidthIn).toBeLessThanOrEqual(10);
      expect(v.bandwidthOut).toBeGreaterThanOrEqual(0);
    }
  });
});

describe("capacity forecast", () => {
  it("projects the days until a pool is full from its trend", () => {
    const pts = Array.from({ length: 10 }, (_, i) => ({ at: NOW - (9 - i) * DAY, used: 50 + i * 2 }));
    expect(daysUntilFull(pts, NOW)).toBeCloseTo(16, 5);
    expect(daysUntilFull(pts.map((p) => ({ ...p, used: 40 })), NOW)).toBeNull();
    expect(daysUntilFull(pts.slice(0, 2), NOW)).toBeNull();
  });
});
