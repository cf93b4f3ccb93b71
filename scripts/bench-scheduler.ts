// npm run bench:scheduler -- [hosts=5000] [requests=10000]
// Builds a cloud of N hosts in memory and schedules R requests through the full filter and weigher
// chain, claiming each placement as the service would. Prints decisions per second and p50/p99
// per decision. A benchmark, not a test: it prints figures and asserts nothing.
import { performance } from "node:perf_hooks";
import { consume, HCS_DEFAULTS, hostStateOf, launchability, requestSpecFor, schedule, type HostState, type RequestSpec } from "../lib/cloud/compute";
import { demoHosts, FLAVORS, HOST_GROUPS, IMAGES } from "../lib/cloud/seed";
import { seededRandom } from "../lib/cloud/shared";

const hostCount = Number(process.argv[2] ?? 5000);
const requests = Number(process.argv[3] ?? 10000);
const settings = HCS_DEFAULTS;
const groups = new Map(HOST_GROUPS.map((g) => [g.id, g]));

const hosts: HostState[] = demoHosts({ seed: 1, computeHosts: hostCount }).map((h) => {
  const g = groups.get(h.groupId)!;
  return hostStateOf(h, settings, true, [{ name: g.name, metadata: g.metadata }]);
});

const rng = seededRandom(42);
const flavors = FLAVORS.filter((f) => f.vcpus <= 16);
const timings = new Float64Array(requests);
let placed = 0;
const t0 = performance.now();
for (let i = 0; i < requests; i++) {
  const flavor = rng.pick(flavors);
  const image = rng.pick(IMAGES);
  const req: RequestSpec = requestSpecFor(rng.next() < 0.5 ? "az1" : "az2", flavor, image);
  const s = performance.now();
  const result = schedule(hosts, req, settings, rng);
  const chosen = result.ranked[0];
  if (chosen) {
    consume(chosen, req);
    placed++;
  }
  timings[i] = performance.now() - s;
}
const total = (performance.now() - t0) / 1000;
const sorted = [...timings].sort((a, b) => a - b);
const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
console.log(`hosts=${hostCount} requests=${requests} placed=${placed}`);
console.log(`decisions/s=${Math.round(requests / total)} total=${total.toFixed(2)} s`);
console.log(`p50=${q(0.5).toFixed(3)} ms p99=${q(0.99).toFixed(3)} ms max=${sorted.at(-1)!.toFixed(3)} ms`);

// The purchase wizard's launchability: every flavor against every image signature in every AZ,
// on the hosts as if idle (what a wizard page load computes). Median of 5.
const runs: number[] = [];
for (let i = 0; i < 5; i++) {
  const s = performance.now();
  launchability(hosts, FLAVORS, IMAGES, settings);
  runs.push(performance.now() - s);
}
runs.sort((a, b) => a - b);
console.log(`launchability (${FLAVORS.length} flavors x ${IMAGES.length} images x 2 AZs): median ${runs[2]!.toFixed(1)} ms`);
