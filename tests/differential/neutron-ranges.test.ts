// Segmentation ranges against Neutron's own parsers (python3-neutron): seeded random config
// entries, well formed or not, read by ML2's tunnel driver and neutron_lib's VLAN range parser and
// by lib/cloud/network/segments.ts; the ranges or the refusal must agree on every entry.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/cloud/shared";
import { isRangeError, parseVlanRange, parseVniRange, type RangeError } from "@/lib/cloud/network/segments";

const CASES = 2000;
const PYTHON = process.env.NOVA_PYTHON ?? "/usr/bin/python3";

/** Neutron's exception for each refusal. */
const VNI_ERROR: Record<RangeError["code"], string> = { invalid_id: "NetworkTunnelRangeError", end_before_start: "NetworkTunnelRangeError", malformed: "NetworkTunnelRangeError", physical_network_name: "-" };
const VLAN_ERROR: Record<RangeError["code"], string> = { invalid_id: "NetworkVlanRangeError", end_before_start: "NetworkVlanRangeError", malformed: "NetworkVlanRangeError", physical_network_name: "PhysicalNetworkNameError" };

describe("segmentation ranges are read as Neutron reads them", () => {
  it(`agrees with ML2 and neutron_lib on ${CASES} random VNI and VLAN range entries`, () => {
    const r = seededRandom(20261201);
    const num = () => r.pick(["0", "1", "100", "4094", "4095", "1000", "16777215", "16777216", " 7 ", "-3", "x", "", "2000"]);
    const vniEntries = Array.from({ length: CASES }, () => (r.next() < 0.9 ? `${num()}:${num()}` : r.pick(["5", "1:2:3", ":", " 10:20 "])));
    const vlanEntries = Array.from({ length: CASES }, () => (r.next() < 0.85 ? `${r.pick(["physnet1", "physnet2", ""])}:${num()}:${num()}` : r.pick(["physnet1", " physnet3 ", "p:1", "p:1:2:3", ":5:6"])));
    const run = spawnSync(PYTHON, [path.join(import.meta.dirname, "neutron_ranges_harness.py")], { input: JSON.stringify({ vni: vniEntries, vlan: vlanEntries }), encoding: "utf8", maxBuffer: 1 << 26 });
    if (run.status !== 0) throw new Error(`neutron harness failed (is python3-neutron installed?): ${run.stderr}`);
    const theirs = JSON.parse(run.stdout) as { vni: unknown[]; vlan: unknown[] };
    const disagreements: string[] = [];
    for (const [i, e] of vniEntries.entries()) {
      const mine = parseVniRange(e);
      const out = isRangeError(mine) ? { error: VNI_ERROR[mine.code] } : mine;
      if (JSON.stringify(out) !== JSON.stringify(theirs.vni[i])) disagreements.push(`vni ${JSON.stringify(e)}: ours ${JSON.stringify(out)}, Neutron ${JSON.stringify(theirs.vni[i])}`);
    }
    for (const [i, e] of vlanEntries.entries()) {
      const mine = parseVlanRange(e);
      const out = isRangeError(mine) ? { error: VLAN_ERROR[mine.code] } : mine;
      if (JSON.stringify(out) !== JSON.stringify(theirs.vlan[i])) disagreements.push(`vlan ${JSON.stringify(e)}: ours ${JSON.stringify(out)}, Neutron ${JSON.stringify(theirs.vlan[i])}`);
    }
    expect(disagreements.slice(0, 10)).toEqual([]);
  }, 60_000);
});
