import { HCS_DEFAULTS, hostStateOf, type HostState } from "../lib/cloud/compute";
import { demoHosts, HOST_GROUPS } from "../lib/cloud/seed";
const groups = new Map(HOST_GROUPS.map((g) => [g.id, g]));
const hosts = demoHosts({ seed: 1, computeHosts: 10000 }).map((h) => { const g = groups.get(h.groupId)!; return hostStateOf(h, HCS_DEFAULTS, true, [{ name: g.name, metadata: g.metadata }]); }).filter((h) => h.az === "az1");
function pass(hs: HostState[], vcpus: number, mem: number, disk: number) {
  const surv: HostState[] = [];
  for (const h of hs) {
    if (!h.enabled || !h.up) continue;
    if (vcpus > h.vcpus || h.vcpusUsed + vcpus > (h.vcpus - h.reservedVcpus) * h.cpuRatio) continue;
    if (mem > h.memoryMb || h.memoryMbUsed + mem > (h.memoryMb - h.reservedMemoryMb) * h.ramRatio) continue;
    if (disk > h.diskGb || h.diskGbUsed + disk > (h.diskGb - h.reservedDiskGb) * h.diskRatio) continue;
    surv.push(h);
  }
  let max = 0; const w = new Float64Array(surv.length);
  for (let i = 0; i < surv.length; i++) { const h = surv[i]!; const v = h.memoryMb - h.reservedMemoryMb - h.memoryMbUsed; w[i] = v; if (v > max) max = v; }
  let best = -1, bw = -Infinity;
  for (let i = 0; i < w.length; i++) { const x = w[i]! / max; if (x > bw) { bw = x; best = i; } }
  return best;
}
for (let k = 0; k < 3; k++) { const t = performance.now(); for (let i = 0; i < 2000; i++) pass(hosts, 2, 4096, 40); console.log(((performance.now() - t) / 2000 * 1000).toFixed(1), "µs per decision over", hosts.length); }
