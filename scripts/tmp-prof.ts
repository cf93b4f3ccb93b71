import { HCS_DEFAULTS, hostStateOf, schedule, requestSpecFor } from "../lib/cloud/compute";
import { demoHosts, FLAVORS, HOST_GROUPS, IMAGES } from "../lib/cloud/seed";
import { seededRandom } from "../lib/cloud/shared";
const groups = new Map(HOST_GROUPS.map((g) => [g.id, g]));
const hosts = demoHosts({ seed: 1, computeHosts: 10000 }).map((h) => { const g = groups.get(h.groupId)!; return hostStateOf(h, HCS_DEFAULTS, true, [{ name: g.name, metadata: g.metadata }]); });
const rng = seededRandom(1);
const req = requestSpecFor("az1", FLAVORS[2]!, IMAGES[0]!);
for (let k = 0; k < 3; k++) {
  const t = performance.now();
  for (let i = 0; i < 1000; i++) schedule(hosts, req, HCS_DEFAULTS, rng);
  console.log("plain x86 az1:", ((performance.now() - t) / 1000).toFixed(3), "ms");
}
const syms = Object.getOwnPropertySymbols(hosts[0]!.groups);
console.log("symbols on groups:", syms.map(String), Object.getOwnPropertySymbols(hosts[0]!).map(String));
const sym = Object.getOwnPropertySymbols(hosts[0]!).find((s) => String(s) === "Symbol(staticClass)")!;
const c = (hosts[0] as unknown as Record<symbol, { id: number; groups: unknown; cpuInfo: unknown; traits: unknown }>)[sym]!;
console.log("class", c.id, c.groups === hosts[0]!.groups, c.cpuInfo === hosts[0]!.cpuInfo, c.traits === hosts[0]!.traits);
const t0 = performance.now();
for (let i = 0; i < 200; i++) schedule(hosts, req, HCS_DEFAULTS, rng, {});
console.log("again:", ((performance.now() - t0) / 200).toFixed(3));
const fresh = demoHosts({ seed: 1, computeHosts: 10000 }).map((h) => { const g = groups.get(h.groupId)!; return hostStateOf(h, HCS_DEFAULTS, true, [{ name: g.name, metadata: g.metadata }]); });
const t1 = performance.now();
for (let i = 0; i < 200; i++) schedule(fresh, req, HCS_DEFAULTS, rng, {});
console.log("fresh hosts:", ((performance.now() - t1) / 200).toFixed(3));
