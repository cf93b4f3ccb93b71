// The scheduler against Nova Zed's own classes (Debian's python3-nova), on seeded random clouds
// and requests: the passing set, the no-valid-host verdict and the chosen host(s) where Nova's
// top weight is unique must agree on every case. The harness (nova_harness.py) runs Nova's
// HostState, filters, weighers and multi-instance loop; Placement is emulated there, as it is a
// separate service. A case number replays a case: novaCase(SEED + n).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { planRequest, schedule, scheduleBatch, NOVA_ZED_DEFAULTS, type HostState, type SchedulerSettings } from "@/lib/cloud/compute";
import { seededRandom } from "@/lib/cloud/shared";
import { novaCase, toHostStates, toRequestSpec, type NovaCase } from "./nova-cases";

const CASES = Number(process.env.NOVA_DIFF_CASES ?? 1200);
const SEED = Number(process.env.NOVA_DIFF_SEED ?? 20261130);
// Debian's interpreter: its dist-packages hold python3-nova (a version manager's python3 would not see them).
const PYTHON = process.env.NOVA_PYTHON ?? "/usr/bin/python3";

interface NovaAnswer {
  passing: string[] | null;
  placements: string[];
  unique: boolean[];
  failed: boolean;
  error?: string;
}

function ours(c: NovaCase): { passing: string[]; placements: string[]; failed: boolean } {
  const hosts = toHostStates(c);
  const req = toRequestSpec(c.request);
  const r = c.request;
  const settings: SchedulerSettings = { ...NOVA_ZED_DEFAULTS, ...c.settings, hostSubsetSize: 1, hcsHostGroupPreference: false };
  // The passing set through the explaining path, the placements through the fast one: both must agree with Nova.
  const explained = schedule(hosts, req, settings, seededRandom(1), { explain: true });
  const passing = explained.verdicts.filter((v) => !v.rejection).map((v) => v.host.name).sort();
  const batch = scheduleBatch(hosts, req, r.count, settings, seededRandom(1));
  return { passing, placements: batch.placements.map((p) => (p[0] as HostState).name), failed: batch.failedAt !== null };
}

function askNova(cases: NovaCase[]): NovaAnswer[] {
  const run = spawnSync(PYTHON, [path.join(import.meta.dirname, "nova_harness.py")], { input: JSON.stringify({ cases }), encoding: "utf8", maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`nova harness failed (is python3-nova installed?): ${run.stderr}`);
  return (JSON.parse(run.stdout) as { results: NovaAnswer[] }).results;
}

describe("the scheduler decides as Nova Zed does", () => {
  it(`agrees with Nova's own classes on ${CASES} random clouds and requests`, () => {
    const cases = Array.from({ length: CASES }, (_, i) => novaCase(SEED + i));
    const answers = askNova(cases);
    let sets = 0;
    let verdicts = 0;
    let picks = 0;
    let comparablePicks = 0;
    const disagreements: string[] = [];
    cases.forEach((c, i) => {
      const nova = answers[i] as NovaAnswer;
      expect(nova.error, `case ${i}: Nova could not answer`).toBeUndefined();
      const mine = ours(c);
      const sameSet = JSON.stringify(mine.passing) === JSON.stringify(nova.passing ?? []);
      const sameVerdict = mine.failed === nova.failed;
      if (sameSet) sets++;
      if (sameVerdict) verdicts++;
      // Chosen hosts are compared while Nova's top weight was unique at every earlier pick.
      let pickOk = true;
      for (let k = 0; k < nova.placements.length && nova.unique[k]; k++) {
        comparablePicks++;
        if (mine.placements[k] === nova.placements[k]) picks++;
        else pickOk = false;
      }
      if (!sameSet || !sameVerdict || !pickOk)
        disagreements.push(`case ${i} (seed ${SEED + i}): set ${sameSet ? "ok" : `ours ${mine.passing.join(",")} nova ${(nova.passing ?? []).join(",")}`}; verdict ours ${mine.failed} nova ${nova.failed}; picks ours ${mine.placements.join(",")} nova ${nova.placements.join(",")}`);
    });
    const pct = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(2)} %`;
    const refused = answers.filter((a) => a.failed).length;
    const batches = answers.filter((a) => a.placements.length > 1).length;
    console.log(`cases: ${CASES}, refused by Nova ${refused}, with more than one instance placed ${batches}`);
    console.log(`Nova differential: passing set ${pct(sets, CASES)}, verdict ${pct(verdicts, CASES)}, chosen host ${pct(picks, comparablePicks)} of ${comparablePicks} unique picks`);
    expect(disagreements.slice(0, 10)).toEqual([]);
    // The cases must exercise what they claim to: refusals, several instances, unique picks.
    expect(refused).toBeGreaterThan(CASES / 20);
    expect(batches).toBeGreaterThan(CASES / 10);
    expect(comparablePicks).toBeGreaterThan(CASES / 2);
  }, 180_000);

  it("plans each request once (filters read compiled specs, not the raw map)", () => {
    const plan = planRequest(
      { az: null, vcpus: 1, memoryMb: 1, diskGb: 1, localGb: 1, extraSpecs: { "trait:CUSTOM_SSD": "required", "capabilities:cpu_info:arch": "x86_64", tag: "general" }, image: { architecture: null, hypervisorType: null, minRamMb: 0, minDiskGb: 0 } },
      NOVA_ZED_DEFAULTS,
    );
    expect([...plan.requiredTraits]).toEqual(["CUSTOM_SSD"]);
    expect(plan.capabilitySpecs.map(([scope]) => scope.join(":"))).toEqual(["cpu_info:arch", "tag"]);
    expect(plan.aggregateSpecs.map(([k]) => k)).toEqual(["tag"]);
  });
});
