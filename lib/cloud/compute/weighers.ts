// The RAM, CPU and disk weighers as Nova's: raw values clamped at 0, normalized between 0 and
// the largest, times a signed multiplier (a host group's metadata may set it per host); and HCS's
// host-group preference, which Nova does not have.
import { cloudIndex, groupFacts, hostsInAz, type RequestPlan } from "./filters";
import { capacityOf, freeDiskMb, freeRamMb, freeVcpus, type HostState, type SchedulerSettings } from "./request";

export interface Weights {
  ram: number;
  cpu: number;
  disk: number;
  /** HCS host-group preference: higher for the tagged group with the lower utilization. */
  group: number;
  total: number;
}

/**
 * nova.scheduler.utils.get_weight_multiplier: the smallest value any of the host's groups sets
 * for the key (as a float), else the configured one. A value that is not a number is ignored
 * with the others, as Nova logs a warning and falls back.
 */
export function weightMultiplier(host: HostState, key: string, configured: number): number {
  if (host.groups.length === 0) return configured;
  const m = groupFacts(host).multipliers.get(key);
  return m === undefined || Number.isNaN(m) ? configured : m;
}

/** Extra free disk (MB) each host shows the disk weigher during a multi-instance request (swap Nova does not take off). */
export type DiskBonus = ReadonlyMap<HostState, number>;

interface WeigherColumns {
  ram: Float64Array | null;
  cpu: Float64Array | null;
  disk: Float64Array | null;
}

// Each weigher's score per host (multiplier x normalized value), or null when every host
// multiplies it by 0 (Nova adds 0.0 then: the pass is skipped).
function weigherColumns(hosts: readonly HostState[], settings: SchedulerSettings, keys: ReadonlySet<string>, diskBonus?: DiskBonus): WeigherColumns {
  const n = hosts.length;
  // Plain loops: Float64Array.from with a mapping function is several times slower at this size.
  const weigher = (key: string, configured: number, value: (h: HostState) => number) => {
    // Per-host multipliers only where some host group sets this one.
    let mult: Float64Array | null = null;
    if (keys.has(key)) {
      mult = new Float64Array(n);
      for (let i = 0; i < n; i++) mult[i] = weightMultiplier(hosts[i] as HostState, key, configured);
    }
    if (mult ? mult.every((m) => m === 0) : configured === 0) return null;
    // weigh_objects (raw values clamped at minval 0), then normalize and the multiplier, fused
    // into two passes with Nova's arithmetic: multiplier x ((value - 0) / max).
    const col = new Float64Array(n);
    let max = 0;
    for (let i = 0; i < n; i++) {
      const v = value(hosts[i] as HostState);
      const clamped = v < 0 ? 0 : v;
      col[i] = clamped;
      if (clamped > max) max = clamped;
    }
    for (let i = 0; i < n; i++) col[i] = max === 0 ? (mult ? (mult[i] as number) : configured) * 0 : (mult ? (mult[i] as number) : configured) * (((col[i] as number) - 0) / max);
    return col;
  };
  return {
    ram: weigher("ram_weight_multiplier", settings.ramWeightMultiplier, freeRamMb),
    cpu: weigher("cpu_weight_multiplier", settings.cpuWeightMultiplier, freeVcpus),
    disk: weigher("disk_weight_multiplier", settings.diskWeightMultiplier, diskBonus ? (h) => freeDiskMb(h) + (diskBonus.get(h) ?? 0) : freeDiskMb),
  };
}

/** Totals summed in Nova's order (0.0 + RAM + CPU + disk) so that floating-point ties fall alike; one host is not weighed. */
export function weighTotals(hosts: readonly HostState[], settings: SchedulerSettings, keys: ReadonlySet<string>, diskBonus?: DiskBonus): { totals: Float64Array; columns: WeigherColumns | null } {
  const n = hosts.length;
  const totals = new Float64Array(n);
  if (n <= 1) return { totals, columns: null };
  const columns = weigherColumns(hosts, settings, keys, diskBonus);
  for (const col of [columns.ram, columns.cpu, columns.disk]) if (col) for (let i = 0; i < n; i++) totals[i] = (totals[i] as number) + (col[i] as number);
  return { totals, columns };
}

/** Weigh hosts as Nova's RAM, CPU and disk weighers do; one host is not weighed at all. */
export function weigh(hosts: readonly HostState[], settings: SchedulerSettings, diskBonus?: DiskBonus): Weights[] {
  const { totals, columns } = weighTotals(hosts, settings, cloudIndex(hosts).metadataKeys, diskBonus);
  return hosts.map((_, i) => ({ ram: columns?.ram?.[i] ?? 0, cpu: columns?.cpu?.[i] ?? 0, disk: columns?.disk?.[i] ?? 0, group: 0, total: totals[i] as number }));
}

/**
 * HCS: where several host groups carry the flavor's tag, the scheduler prefers the group with the
 * lower overall CPU and RAM utilization (allocated / limit over all its hosts, averaged). Returns a
 * group score per host group name in [0, 1] (1 = least utilized), or null when the request has no
 * tag or the setting is off. Not a Nova weigher: Nova has no notion of preferring one aggregate.
 */
export function tagGroupScores(all: readonly HostState[], plan: RequestPlan): Map<string, number> | null {
  if (!plan.settings.hcsHostGroupPreference) return null;
  const tag = plan.aggregateSpecs.find(([key]) => key === "tag")?.[1];
  if (tag === undefined) return null;
  // A host group lies in one AZ: for a request in an AZ, its hosts are all the groups there have.
  if (plan.req.az) all = hostsInAz(all, plan.req.az);
  // Decide once per distinct group whether it carries the tag (hosts share a handful of groups).
  const carries = new Map<string, boolean>();
  for (const h of all)
    for (const g of h.groups)
      if (!carries.has(g.name)) carries.set(g.name, (g.metadata.tag ?? "").split(",").some((v) => v.trim() === tag));
  let tagged = 0;
  for (const c of carries.values()) if (c) tagged++;
  if (tagged < 2) return null;
  const usage = new Map<string, { cpuUsed: number; cpuLimit: number; ramUsed: number; ramLimit: number }>();
  for (const h of all)
    for (const g of h.groups) {
      if (!carries.get(g.name)) continue;
      const u = usage.get(g.name) ?? { cpuUsed: 0, cpuLimit: 0, ramUsed: 0, ramLimit: 0 };
      const c = capacityOf(h);
      u.cpuUsed += h.vcpusUsed;
      u.cpuLimit += c.vcpuLimit;
      u.ramUsed += h.memoryMbUsed;
      u.ramLimit += c.memoryMbLimit;
      usage.set(g.name, u);
    }
  const score = new Map<string, number>();
  for (const [name, u] of usage) {
    const util = ((u.cpuLimit ? u.cpuUsed / u.cpuLimit : 1) + (u.ramLimit ? u.ramUsed / u.ramLimit : 1)) / 2;
    score.set(name, 1 - Math.min(1, util));
  }
  return score;
}

/** Dominates the other weighers (whose sum is bounded by their multipliers). */
export const GROUP_PREFERENCE_SCALE = 1e6;

