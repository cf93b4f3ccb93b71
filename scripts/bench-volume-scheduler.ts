// npm run bench:volume-scheduler -- [pools=1000,10000] [requests=20000] [azs=10]
// Builds a storage cloud of N pools in memory (spread over the AZs; each AZ has SSD, SAS and
// NL-SAS pools of a few OceanStor backends, thin and thick, mostly partly used) and schedules R
// volume requests of the three HCS volume types through the full filter and weigher chain,
// consuming each placement on its pool as Cinder's host manager does. Prints decisions per second
// and p50/p99 per decision, for each size, then the same with every pool in one AZ. A benchmark:
// it prints figures and asserts nothing.
import { performance } from "node:perf_hooks";
import { CINDER_ZED_DEFAULTS, poolStateOf, scheduleVolume, type PoolState, type VolumeRequest } from "../lib/cloud/storage";
import { seededRandom } from "../lib/cloud/shared";

const sizes = (process.argv[2] ?? "1000,10000").split(",").map(Number);
const requests = Number(process.argv[3] ?? 20_000);
const azCount = Number(process.argv[4] ?? 10);

const TIERS = [
  { disk: "ssd", backend: "oceanstor-ssd", tier: 0 },
  { disk: "sas", backend: "oceanstor-sas", tier: 1 },
  { disk: "nl_sas", backend: "oceanstor-nlsas", tier: 2 },
];
// The three HCS volume types, as their extra specs would read.
const TYPES: Record<string, string>[] = [
  { volume_backend_name: "oceanstor-nlsas" },
  { volume_backend_name: "oceanstor-sas", "capabilities:QoS_support": "<is> True" },
  { volume_backend_name: "oceanstor-ssd", "provisioning:type": "thick", "capabilities:QoS_support": "<is> True" },
];

function cloud(n: number, azs: number): PoolState[] {
  const rng = seededRandom(7);
  return Array.from({ length: n }, (_, i) => {
    const t = TIERS[i % TIERS.length] as (typeof TIERS)[number];
    const total = rng.int(20, 400) * 1024;
    const allocated = Math.floor(total * rng.next() * 0.9);
    return poolStateOf(
      { id: `pool-${i}`, host: `cinder-volume-${Math.floor(i / 8)}`, az: `az${(i % azs) + 1}`, enabled: true, up: rng.next() > 0.01 },
      { name: `pool${i}`, backendName: t.backend, totalGb: total, freeGb: total - Math.floor(allocated * 0.6), allocatedGb: allocated, reservedPercentage: 5, thinSupport: true, thickSupport: true, ratio: null, protocol: i % 2 ? "FC" : "iSCSI", capabilities: { disk_type: t.disk, tier: t.tier, QoS_support: true, multiattach: i % 3 === 0 } },
      3,
    );
  });
}

function run(n: number, azs: number): void {
  const pools = cloud(n, azs);
  const rng = seededRandom(42);
  const timings = new Float64Array(requests);
  let placed = 0;
  const t0 = performance.now();
  for (let i = 0; i < requests; i++) {
    const req: VolumeRequest = { sizeGb: rng.pick([10, 40, 100, 200, 500, 1024]), azs: [`az${rng.int(1, azs)}`], extraSpecs: rng.pick(TYPES) };
    const s = performance.now();
    const top = scheduleVolume(pools, req, CINDER_ZED_DEFAULTS).ranked[0];
    if (top) {
      // consume_from_volume, on the scheduler's own state as Cinder's host manager keeps it.
      top.allocatedGb += req.sizeGb;
      top.provisionedGb += req.sizeGb;
      if (typeof top.freeGb === "number") top.freeGb -= req.sizeGb;
      placed++;
    }
    timings[i] = performance.now() - s;
  }
  const total = (performance.now() - t0) / 1000;
  const sorted = [...timings].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
  console.log(`pools=${n} azs=${azs} requests=${requests} placed=${placed}  decisions/s=${Math.round(requests / total)}  p50=${q(0.5).toFixed(3)} ms p99=${q(0.99).toFixed(3)} ms`);
}

for (const n of sizes) run(n, azCount);
for (const n of sizes) run(n, 1);
