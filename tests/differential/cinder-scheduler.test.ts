// The volume scheduler against Cinder Zed's own classes (Debian's python3-cinder), on seeded
// random pools and requests: the passing set, the no-valid-backend verdict and the chosen pool of
// every volume must agree on every case. The harness (cinder_harness.py) builds Cinder's
// BackendState/PoolState from each pool's capability report and runs its default filters, its
// CapacityWeigher and the choice of the top backend with consume_from_volume. Pools are given in
// the same order to both, so even ties resolve alike (Python's sort and ours are stable); the
// agreement where the top weight is unique is reported too. A case number replays a case:
// cinderCase(SEED + n).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scheduleVolume, scheduleVolumes, type PoolState } from "@/lib/cloud/storage";
import { cinderCase, toPoolStates, type CinderCase } from "./cinder-cases";

const CASES = Number(process.env.CINDER_DIFF_CASES ?? 1500);
const SEED = Number(process.env.CINDER_DIFF_SEED ?? 20261201);
// Debian's interpreter: its dist-packages hold python3-cinder.
const PYTHON = process.env.NOVA_PYTHON ?? "/usr/bin/python3";

interface CinderAnswer {
  passing: string[] | null;
  /** The first volume's weighed candidates: pool id -> Cinder's final weight. */
  weights: Record<string, number>;
  placements: string[];
  unique: boolean[];
  failed: boolean;
  error?: string;
}

function ours(c: CinderCase): { passing: string[]; weights: Record<string, number>; placements: string[]; failed: boolean } {
  const pools = toPoolStates(c);
  const explained = scheduleVolume(pools, c.request, c.settings, { explain: true });
  const candidates = explained.verdicts.filter((v) => !v.rejection);
  const passing = candidates.map((v) => v.pool.id).sort();
  const weights = Object.fromEntries(candidates.map((v) => [v.pool.id, v.weight as number]));
  const batch = scheduleVolumes(pools, c.request, c.count, c.settings);
  return { passing, weights, placements: batch.placements.map((p) => (p[0] as PoolState).id), failed: batch.failedAt !== null };
}

/** The same weights, to the last bit (explain placement shows them). */
const sameWeights = (a: Record<string, number>, b: Record<string, number>) => Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, w]) => Object.is(w + 0, (b[k] ?? NaN) + 0));

function askCinder(cases: CinderCase[]): CinderAnswer[] {
  const run = spawnSync(PYTHON, [path.join(import.meta.dirname, "cinder_harness.py")], { input: JSON.stringify({ cases }), encoding: "utf8", maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`cinder harness failed (is python3-cinder installed?): ${run.stderr}`);
  return (JSON.parse(run.stdout) as { results: CinderAnswer[] }).results;
}

describe("the volume scheduler decides as Cinder Zed does", () => {
  it(`agrees with Cinder's own classes on ${CASES} random pools and requests`, () => {
    const cases = Array.from({ length: CASES }, (_, i) => cinderCase(SEED + i));
    const answers = askCinder(cases);
    let sets = 0;
    let verdicts = 0;
    let picks = 0;
    let weighed = 0;
    let uniquePicks = 0;
    let uniqueAgreed = 0;
    let failedCases = 0;
    const disagreements: string[] = [];
    cases.forEach((c, i) => {
      const cinder = answers[i] as CinderAnswer;
      expect(cinder.error, `case ${i}: Cinder could not answer`).toBeUndefined();
      const mine = ours(c);
      const sameSet = JSON.stringify(mine.passing) === JSON.stringify(cinder.passing ?? []);
      const sameVerdict = mine.failed === cinder.failed;
      const samePicks = JSON.stringify(mine.placements) === JSON.stringify(cinder.placements);
      const sameWeighing = sameWeights(mine.weights, cinder.weights);
      if (sameWeighing) weighed++;
      if (sameSet) sets++;
      if (sameVerdict) verdicts++;
      if (samePicks) picks++;
      if (cinder.failed) failedCases++;
      cinder.unique.forEach((u, k) => {
        if (!u) return;
        uniquePicks++;
        if (mine.placements[k] === cinder.placements[k]) uniqueAgreed++;
      });
      if (!(sameSet && sameVerdict && samePicks && sameWeighing) && disagreements.length < 5)
        disagreements.push(`case ${i} (seed ${SEED + i}): passing ours ${mine.passing.join(",")} cinder ${(cinder.passing ?? []).join(",")}; picks ours ${mine.placements.join(",")} cinder ${cinder.placements.join(",")}; weights ours ${JSON.stringify(mine.weights)} cinder ${JSON.stringify(cinder.weights)}`);
    });
    const pct = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(2)} %`;
    console.log(
      `Cinder agreement over ${CASES} cases: passing set ${pct(sets, CASES)}, no-valid-backend verdict ${pct(verdicts, CASES)} (${failedCases} refusals), every weight ${pct(weighed, CASES)}, every pick ${pct(picks, CASES)}, picks with a unique top weight ${pct(uniqueAgreed, uniquePicks)} of ${uniquePicks}`,
    );
    expect(disagreements).toEqual([]);
    // The cases must reach the interesting outcomes, or agreeing proves little.
    expect(failedCases).toBeGreaterThan(CASES / 20);
    expect(uniquePicks).toBeGreaterThan(CASES / 2);
  }, 120_000);
});
