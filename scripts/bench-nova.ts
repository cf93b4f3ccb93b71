// npm run bench:nova -- [sizes=100,1000,10000] [requests=200]
// The same requests on the same cloud through Nova Zed's own filter and weigher classes (Debian's
// python3-nova, driven by tests/differential/nova_harness.py) and through this scheduler; prints
// the time per decision of each and the ratio. Placement's answer is taken as given on both
// sides (Nova asks a separate service): what is timed is filtering and weighing. A benchmark: it
// asserts nothing.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { NOVA_ZED_DEFAULTS, schedule } from "../lib/cloud/compute";
import { seededRandom } from "../lib/cloud/shared";
import { novaCloud, toHostStates, toRequestSpec } from "../tests/differential/nova-cases";

const sizes = (process.argv[2] ?? "100,1000,10000").split(",").map(Number);
const count = Number(process.argv[3] ?? 200);
const python = process.env.NOVA_PYTHON ?? "/usr/bin/python3";

for (const size of sizes) {
  const { cloud, requests } = novaCloud(7, size, count);
  const run = spawnSync(python, [path.join(import.meta.dirname, "../tests/differential/nova_harness.py"), "--bench"], { input: JSON.stringify({ cloud, requests }), encoding: "utf8", maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(run.stderr);
  const nova = JSON.parse(run.stdout) as { seconds: number; requests: number };

  const hosts = toHostStates(cloud);
  const settings = { ...NOVA_ZED_DEFAULTS, ...cloud.settings };
  const specs = requests.map(toRequestSpec);
  const rng = seededRandom(1);
  for (let i = 0; i < 3; i++) for (const spec of specs) schedule(hosts, spec, settings, rng); // warm up: the JIT, and each host class's first answer
  const t = performance.now();
  for (const spec of specs) schedule(hosts, spec, settings, rng);
  const ours = (performance.now() - t) / 1000;
  const perNova = (nova.seconds / nova.requests) * 1000;
  const perOurs = (ours / specs.length) * 1000;
  console.log(`hosts=${size} requests=${count}: Nova ${perNova.toFixed(3)} ms/decision, this scheduler ${perOurs.toFixed(3)} ms/decision, ${(perNova / perOurs).toFixed(0)}x`);
}
