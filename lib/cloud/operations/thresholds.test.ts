import { describe, expect, it } from "vitest";
import { seededRandom } from "../shared/random";
import { evaluateSample, evaluateSeries, QUIET, type ThresholdRule } from "./thresholds";

const rule: ThresholdRule = { id: "r1", metric: "cpu", comparison: ">", value: 85, durationSeconds: 300, severity: "major", enabled: true };
const at = (minutes: number) => minutes * 60_000;

describe("threshold rules with durations", () => {
  it("raises only once the condition has held for the duration, and clears when it ends", () => {
    const samples = [80, 90, 91, 92, 93, 94, 95, 96, 70].map((value, i) => ({ at: at(i), value }));
    const { events, state } = evaluateSeries(rule, QUIET, samples);
    // Breaching from minute 1: held 5 minutes at minute 6.
    expect(events).toEqual([
      { at: at(6), outcome: "raise", value: 95 },
      { at: at(8), outcome: "clear", value: 70 },
    ]);
    expect(state).toEqual(QUIET);
  });

  it("raises nothing for a spike shorter than the duration", () => {
    const samples = [90, 90, 90, 80, 90, 90, 90, 90, 80].map((value, i) => ({ at: at(i), value }));
    expect(evaluateSeries(rule, QUIET, samples).events).toEqual([]);
  });

  it("fires on the first breaching sample when the rule has no duration; equality does not breach '>'", () => {
    const instant = { ...rule, durationSeconds: 0 };
    expect(evaluateSample(instant, QUIET, { at: 0, value: 85 }).outcome).toBe("none");
    expect(evaluateSample(instant, QUIET, { at: 0, value: 85.01 }).outcome).toBe("raise");
    expect(evaluateSample({ ...instant, comparison: "<=", value: 10 }, QUIET, { at: 0, value: 10 }).outcome).toBe("raise");
  });

  it("clears a firing alarm when the rule is disabled", () => {
    const firing = { breachingSince: 0, firing: true };
    expect(evaluateSample({ ...rule, enabled: false }, firing, { at: at(10), value: 99 })).toEqual({ state: QUIET, outcome: "clear" });
  });

  it("agrees with a brute-force reading of the rule on seeded random series", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const r = seededRandom(seed);
      const duration = r.pick([0, 60, 300, 600]);
      const samples = Array.from({ length: 60 }, (_, i) => ({ at: at(i) + r.int(0, 30) * 1000, value: r.int(60, 100) }));
      const { events } = evaluateSeries({ ...rule, durationSeconds: duration }, QUIET, samples);
      // Reference: at each sample, firing iff the run of breaching samples ending here started at least `duration` ago.
      const expected: { at: number; outcome: string; value: number }[] = [];
      let runStart: number | null = null;
      let firing = false;
      for (const s of samples) {
        if (s.value > 85) runStart ??= s.at;
        else runStart = null;
        const now = runStart !== null && s.at - runStart >= duration * 1000;
        if (now && !firing) expected.push({ at: s.at, outcome: "raise", value: s.value });
        if (!now && firing && runStart === null) expected.push({ at: s.at, outcome: "clear", value: s.value });
        firing = runStart === null ? false : firing || now;
      }
      expect(events, `seed ${seed}`).toEqual(expected);
    }
  });
});
