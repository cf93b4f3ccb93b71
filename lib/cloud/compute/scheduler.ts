// A filter scheduler after Nova's (Zed): every host passes a chain of filters, the survivors are
// weighed, and one of the best `hostSubsetSize` is picked at random (seeded). Capacity is checked
// as Placement checks it: used + requested <= (total - reserved) x allocation ratio, and no single
// request may exceed the physical total (Placement's max_unit).
//
// Deviation from Nova: Nova asks Placement for candidates and then filters; here the capacity
// check is itself a filter so that "explain placement" can name it for every rejected host.
import type { Random } from "../shared/random";
import { extraSpecMatcher, type SpecMatcher } from "./extra-specs-ops";

export interface HostGroupInfo {
  name: string;
  /** Aggregate metadata; the HCS host-group tag is the key "tag" (comma-separated values). */
  metadata: Record<string, string>;
}

export interface HostState {
  id: string;
  name: string;
  az: string;
  enabled: boolean;
  up: boolean;
  architecture: string;
  cpuModel: string;
  hypervisorType: string;
  vcpus: number;
  memoryMb: number;
  diskGb: number;
  hugePageMemoryMb: number;
  reservedMemoryMb: number;
  reservedDiskGb: number;
  cpuRatio: number;
  ramRatio: number;
  diskRatio: number;
  vcpusUsed: number;
  memoryMbUsed: number;
  diskGbUsed: number;
  hugePagesUsedMb: number;
  groups: HostGroupInfo[];
}

export interface RequestSpec {
  az: string | null;
  vcpus: number;
  memoryMb: number;
  diskGb: number;
  /** Flavor extra specs (hw:mem_page_size, aggregate_instance_extra_specs:*, tag...). */
  extraSpecs: Record<string, string>;
  image: { architecture: string; hypervisorType: string | null; minRamMb: number; minDiskGb: number };
  /** The server group the instance joins, with the hosts its other members are on. */
  serverGroup?: { name: string; policy: ServerGroupPolicy; hostIds: readonly string[] } | null;
  /** An administrator's `az:host`: only this host (by name), and only capacity is checked. */
  forceHost?: string | null;
  /** A destination an administrator names for a migration or evacuation: every filter still runs. */
  requestedHost?: string | null;
  /** Hosts never to choose (Nova's ignore_hosts): the source of a migration or resize. */
  ignoreHosts?: readonly string[];
}

export const SERVER_GROUP_POLICIES = ["affinity", "anti-affinity"] as const;
export type ServerGroupPolicy = (typeof SERVER_GROUP_POLICIES)[number];

/** Flavor extra specs as stored (JSON) -> string map, as the filters read them. */
export function flavorExtraSpecs(raw: unknown): Record<string, string> {
  if (!raw || typeof raw !== "object") return {};
  return Object.fromEntries(Object.entries(raw as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
}

/** The local disk a flavor takes on its host, as Placement's DISK_GB: root + ephemeral + swap. */
export function flavorDiskGb(flavor: { diskGb: number; ephemeralGb?: number; swapMb?: number }): number {
  return flavor.diskGb + (flavor.ephemeralGb ?? 0) + Math.ceil((flavor.swapMb ?? 0) / 1024);
}

/**
 * The scheduler's request for a flavor and image in an AZ (null = any). `resources` overrides the
 * flavor's amounts, for an instance rescheduled with the resources it was launched with.
 */
export function requestSpecFor(
  az: string | null,
  flavor: { vcpus: number; ramMb: number; diskGb: number; ephemeralGb?: number; swapMb?: number; extraSpecs: unknown },
  image: { architecture: string; hypervisorType: string | null; minRamMb: number; minDiskGb: number },
  resources?: { vcpus: number; memoryMb: number; diskGb: number },
): RequestSpec {
  return {
    az,
    vcpus: resources?.vcpus ?? flavor.vcpus,
    memoryMb: resources?.memoryMb ?? flavor.ramMb,
    diskGb: resources?.diskGb ?? flavorDiskGb(flavor),
    extraSpecs: flavorExtraSpecs(flavor.extraSpecs),
    image: { architecture: image.architecture, hypervisorType: image.hypervisorType, minRamMb: image.minRamMb, minDiskGb: image.minDiskGb },
  };
}

export interface SchedulerSettings {
  cpuAllocationRatio: number;
  ramAllocationRatio: number;
  diskAllocationRatio: number;
  reservedHostMemoryMb: number;
  reservedHostDiskMb: number;
  hostSubsetSize: number;
  ramWeightMultiplier: number;
  cpuWeightMultiplier: number;
  diskWeightMultiplier: number;
}

export const NOVA_ZED_DEFAULTS: SchedulerSettings = {
  cpuAllocationRatio: 16.0,
  ramAllocationRatio: 1.5,
  diskAllocationRatio: 1.0,
  reservedHostMemoryMb: 512,
  reservedHostDiskMb: 0,
  hostSubsetSize: 1,
  ramWeightMultiplier: 1.0,
  cpuWeightMultiplier: 0.0,
  diskWeightMultiplier: 0.0,
};

/** Why a filter rejected a host: a code and numbers, turned into words at the edge. */
export type Rejection =
  | { filter: "HostManager"; code: "not_requested_host"; requested: string }
  | { filter: "HostManager"; code: "ignored_host" }
  | { filter: "ComputeCapabilitiesFilter"; code: "capability_mismatch"; key: string; wanted: string; have: string }
  | { filter: "ServerGroupAntiAffinityFilter"; code: "anti_affinity_violation"; group: string }
  | { filter: "ServerGroupAffinityFilter"; code: "affinity_violation"; group: string }
  | { filter: "AvailabilityZoneFilter"; code: "az_mismatch"; hostAz: string; wantedAz: string }
  | { filter: "ComputeFilter"; code: "host_disabled" | "host_down" }
  | { filter: "ImagePropertiesFilter"; code: "arch_mismatch"; wanted: string; have: string }
  | { filter: "ImagePropertiesFilter"; code: "hypervisor_mismatch"; wanted: string; have: string }
  | { filter: "AggregateInstanceExtraSpecsFilter"; code: "extra_spec_mismatch"; key: string; wanted: string; have: string }
  | { filter: "NUMATopologyFilter"; code: "hugepages_insufficient"; requestedMb: number; freeMb: number }
  | { filter: "VCPU" | "MEMORY_MB" | "DISK_GB"; code: "exceeds_physical"; requested: number; physical: number }
  | { filter: "VCPU" | "MEMORY_MB" | "DISK_GB"; code: "insufficient"; requested: number; free: number };

export type FilterName = Rejection["filter"];

// Since Stein, capacity is not a filter: Placement answers for each resource class (VCPU,
// MEMORY_MB, DISK_GB) before the filters run, and Zed has no Core/Ram/DiskFilter.
const PLACEMENT_CLASSES: ReadonlySet<FilterName> = new Set(["VCPU", "MEMORY_MB", "DISK_GB"]);

/** How a stage of the funnel is named to a reader: a filter's class name, or "Placement VCPU". */
export function stageLabel(name: FilterName): string {
  return PLACEMENT_CLASSES.has(name) ? `Placement ${name}` : name;
}

export interface Capacity {
  /** What the host may hand out in total: (total - reserved) x ratio. */
  vcpuLimit: number;
  memoryMbLimit: number;
  diskGbLimit: number;
}

export function capacityOf(host: HostState): Capacity {
  return {
    vcpuLimit: Math.floor(host.vcpus * host.cpuRatio),
    memoryMbLimit: Math.floor((host.memoryMb - host.reservedMemoryMb) * host.ramRatio),
    diskGbLimit: Math.floor((host.diskGb - host.reservedDiskGb) * host.diskRatio),
  };
}

export function freeOf(host: HostState): { vcpus: number; memoryMb: number; diskGb: number; hugePagesMb: number } {
  const c = capacityOf(host);
  return {
    vcpus: c.vcpuLimit - host.vcpusUsed,
    memoryMb: c.memoryMbLimit - host.memoryMbUsed,
    diskGb: c.diskGbLimit - host.diskGbUsed,
    hugePagesMb: host.hugePageMemoryMb - host.hugePagesUsedMb,
  };
}

/** hw:mem_page_size asks for huge pages unless it is "small" (or absent). */
export function wantsHugePages(extraSpecs: Record<string, string>): boolean {
  const v = extraSpecs["hw:mem_page_size"];
  return v !== undefined && v !== "small";
}

type Filter = (host: HostState, req: RequestSpec) => Rejection | null;

const availabilityZoneFilter: Filter = (host, req) =>
  req.az !== null && host.az !== req.az ? { filter: "AvailabilityZoneFilter", code: "az_mismatch", hostAz: host.az, wantedAz: req.az } : null;

const computeFilter: Filter = (host) => {
  if (!host.enabled) return { filter: "ComputeFilter", code: "host_disabled" };
  if (!host.up) return { filter: "ComputeFilter", code: "host_down" };
  return null;
};

// Nova's host manager, before any filter: a forced or requested host leaves only that host, and
// ignore_hosts (the source of a migration) are dropped. Named here so explanations can say so.
const hostManagerFilter: Filter = (host, req) => {
  const only = req.forceHost ?? req.requestedHost;
  if (only && host.name !== only) return { filter: "HostManager", code: "not_requested_host", requested: only };
  if (req.ignoreHosts && req.ignoreHosts.includes(host.id)) return { filter: "HostManager", code: "ignored_host" };
  return null;
};

// ComputeCapabilitiesFilter: "capabilities:<attr>" specs matched (with extra_specs_ops) against
// what the compute service reports. Nova also reads unscoped keys here; we leave those to the
// aggregate filter, where HCS's tag and most operators' keys belong.
const CAPABILITIES = "capabilities:";
function capabilityOf(host: HostState, attr: string): string | null {
  switch (attr) {
    case "cpu_info:arch":
      return host.architecture;
    case "cpu_info:model":
      return host.cpuModel;
    case "hypervisor_type":
      return host.hypervisorType;
    case "vcpus_total":
      return String(host.vcpus);
    case "total_usable_ram_mb":
      return String(host.memoryMb - host.reservedMemoryMb);
    case "free_ram_mb":
      return String(host.memoryMb - host.reservedMemoryMb - host.memoryMbUsed);
    case "free_disk_mb":
      return String((host.diskGb - host.reservedDiskGb - host.diskGbUsed) * 1024);
    default:
      return null;
  }
}
const capabilitySpecsOf = new WeakMap<RequestSpec, [attr: string, wanted: string, match: SpecMatcher][]>();
function capabilitySpecs(req: RequestSpec): [string, string, SpecMatcher][] {
  let specs = capabilitySpecsOf.get(req);
  if (!specs) {
    specs = Object.entries(req.extraSpecs)
      .filter(([k]) => k.startsWith(CAPABILITIES))
      .map(([k, v]) => [k.slice(CAPABILITIES.length), v, extraSpecMatcher(v)] as [string, string, SpecMatcher]);
    capabilitySpecsOf.set(req, specs);
  }
  return specs;
}
const computeCapabilitiesFilter: Filter = (host, req) => {
  for (const [attr, wanted, match] of capabilitySpecs(req)) {
    const have = capabilityOf(host, attr);
    // Nova fails a host that lacks the capability altogether.
    if (have === null || !match(have)) return { filter: "ComputeCapabilitiesFilter", code: "capability_mismatch", key: attr, wanted, have: have ?? "-" };
  }
  return null;
};

// Server groups (hard policies, as Nova's filters): anti-affinity refuses a host that already
// runs a member; affinity, once the group has members, accepts only their host. Nova's soft
// policies are weighers and not offered here.
const serverGroupAntiAffinityFilter: Filter = (host, req) =>
  req.serverGroup?.policy === "anti-affinity" && req.serverGroup.hostIds.includes(host.id)
    ? { filter: "ServerGroupAntiAffinityFilter", code: "anti_affinity_violation", group: req.serverGroup.name }
    : null;
const serverGroupAffinityFilter: Filter = (host, req) =>
  req.serverGroup?.policy === "affinity" && req.serverGroup.hostIds.length > 0 && !req.serverGroup.hostIds.includes(host.id)
    ? { filter: "ServerGroupAffinityFilter", code: "affinity_violation", group: req.serverGroup.name }
    : null;

// Nova normalizes architecture names (arm64 -> aarch64, amd64 -> x86_64) before comparing.
const ARCH_ALIASES: Record<string, string> = { arm64: "aarch64", amd64: "x86_64", x64: "x86_64" };
const normArch = (a: string) => ARCH_ALIASES[a.toLowerCase()] ?? a.toLowerCase();

const imagePropertiesFilter: Filter = (host, req) => {
  // Fast path first: most hosts spell the architecture exactly as the image does.
  if (req.image.architecture && host.architecture !== req.image.architecture) {
    const wanted = normArch(req.image.architecture);
    const have = normArch(host.architecture);
    if (wanted !== have) return { filter: "ImagePropertiesFilter", code: "arch_mismatch", wanted, have };
  }
  const hv = req.image.hypervisorType;
  if (hv && hv.toLowerCase() !== host.hypervisorType.toLowerCase())
    return { filter: "ImagePropertiesFilter", code: "hypervisor_mismatch", wanted: hv, have: host.hypervisorType };
  return null;
};

// AggregateInstanceExtraSpecsFilter: scoped extra specs (aggregate_instance_extra_specs:key, or
// an unscoped key without ':') must match the metadata of an aggregate the host belongs to. The
// HCS flavor tag ("tag" or "hcs:host_group_tag") is one such key: a flavor tagged B lands only in
// host groups tagged B.
const SCOPE = "aggregate_instance_extra_specs:";
function aggregateKey(specKey: string): string | null {
  if (specKey.startsWith(SCOPE)) return specKey.slice(SCOPE.length);
  if (specKey === "hcs:host_group_tag") return "tag";
  if (!specKey.includes(":")) return specKey;
  return null;
}

function hostMetadataValues(host: HostState, key: string): string[] {
  const out: string[] = [];
  for (const g of host.groups) {
    const v = g.metadata[key];
    if (v !== undefined) for (const part of v.split(",")) out.push(part.trim());
  }
  return out;
}

// The request's aggregate keys, worked out once per request rather than once per host.
const aggregateSpecsOf = new WeakMap<RequestSpec, [key: string, wanted: string, match: SpecMatcher][]>();
function aggregateSpecs(req: RequestSpec): [string, string, SpecMatcher][] {
  let specs = aggregateSpecsOf.get(req);
  if (!specs) {
    specs = [];
    for (const [specKey, wanted] of Object.entries(req.extraSpecs)) {
      const key = aggregateKey(specKey);
      if (key !== null) specs.push([key, wanted, extraSpecMatcher(wanted)]);
    }
    aggregateSpecsOf.set(req, specs);
  }
  return specs;
}

const aggregateExtraSpecsFilter: Filter = (host, req) => {
  for (const [key, wanted, match] of aggregateSpecs(req)) {
    const have = hostMetadataValues(host, key);
    if (!have.some(match))
      return { filter: "AggregateInstanceExtraSpecsFilter", code: "extra_spec_mismatch", key, wanted, have: have.join(",") || "-" };
  }
  return null;
};

// Huge pages are never over-committed: the guest's whole memory must fit in free huge pages.
const numaTopologyFilter: Filter = (host, req) => {
  if (!wantsHugePages(req.extraSpecs)) return null;
  const freeMb = host.hugePageMemoryMb - host.hugePagesUsedMb;
  return req.memoryMb > freeMb ? { filter: "NUMATopologyFilter", code: "hugepages_insufficient", requestedMb: req.memoryMb, freeMb } : null;
};

const coreFilter: Filter = (host, req) => {
  if (req.vcpus > host.vcpus) return { filter: "VCPU", code: "exceeds_physical", requested: req.vcpus, physical: host.vcpus };
  const free = Math.floor(host.vcpus * host.cpuRatio) - host.vcpusUsed;
  return req.vcpus > free ? { filter: "VCPU", code: "insufficient", requested: req.vcpus, free } : null;
};

const ramFilter: Filter = (host, req) => {
  const mem = Math.max(req.memoryMb, req.image.minRamMb);
  if (mem > host.memoryMb) return { filter: "MEMORY_MB", code: "exceeds_physical", requested: mem, physical: host.memoryMb };
  const free = Math.floor((host.memoryMb - host.reservedMemoryMb) * host.ramRatio) - host.memoryMbUsed;
  return mem > free ? { filter: "MEMORY_MB", code: "insufficient", requested: mem, free } : null;
};

const diskFilter: Filter = (host, req) => {
  const disk = Math.max(req.diskGb, req.image.minDiskGb);
  if (disk > host.diskGb) return { filter: "DISK_GB", code: "exceeds_physical", requested: disk, physical: host.diskGb };
  const free = Math.floor((host.diskGb - host.reservedDiskGb) * host.diskRatio) - host.diskGbUsed;
  return disk > free ? { filter: "DISK_GB", code: "insufficient", requested: disk, free } : null;
};

/** The chain, cheapest and most selective first (Nova runs them in configured order). */
export const FILTER_CHAIN: readonly { name: FilterName; run: Filter }[] = [
  { name: "HostManager", run: hostManagerFilter },
  { name: "AvailabilityZoneFilter", run: availabilityZoneFilter },
  { name: "ComputeFilter", run: computeFilter },
  { name: "ComputeCapabilitiesFilter", run: computeCapabilitiesFilter },
  { name: "ImagePropertiesFilter", run: imagePropertiesFilter },
  { name: "ServerGroupAntiAffinityFilter", run: serverGroupAntiAffinityFilter },
  { name: "ServerGroupAffinityFilter", run: serverGroupAffinityFilter },
  { name: "AggregateInstanceExtraSpecsFilter", run: aggregateExtraSpecsFilter },
  { name: "NUMATopologyFilter", run: numaTopologyFilter },
  { name: "VCPU", run: coreFilter },
  { name: "MEMORY_MB", run: ramFilter },
  { name: "DISK_GB", run: diskFilter },
];

// Nova skips every filter for a forced host (get_filtered_hosts returns it at once), while
// Placement still refuses an allocation that does not fit: so only these run then.
const STILL_CHECKED_WHEN_FORCED: ReadonlySet<FilterName> = new Set(["HostManager", "NUMATopologyFilter", "VCPU", "MEMORY_MB", "DISK_GB"]);

// Filters that cannot reject anything for a given request are left out of its chain, once per
// request: at 5,000 hosts each skipped filter saves 5,000 calls per decision.
const IDLE_UNLESS: Partial<Record<FilterName, (req: RequestSpec) => boolean>> = {
  HostManager: (req) => Boolean(req.forceHost || req.requestedHost || req.ignoreHosts?.length),
  AvailabilityZoneFilter: (req) => req.az !== null,
  ComputeCapabilitiesFilter: (req) => capabilitySpecs(req).length > 0,
  ServerGroupAntiAffinityFilter: (req) => req.serverGroup?.policy === "anti-affinity",
  ServerGroupAffinityFilter: (req) => req.serverGroup?.policy === "affinity",
  AggregateInstanceExtraSpecsFilter: (req) => aggregateSpecs(req).length > 0,
  NUMATopologyFilter: (req) => wantsHugePages(req.extraSpecs),
};

type Chain = readonly { name: FilterName; run: Filter }[];

/** The filters that can matter for this request, in chain order. */
export function chainFor(req: RequestSpec): Chain {
  const forced = Boolean(req.forceHost);
  return FILTER_CHAIN.filter((f) => (!forced || STILL_CHECKED_WHEN_FORCED.has(f.name)) && (IDLE_UNLESS[f.name]?.(req) ?? true));
}

export function firstRejection(host: HostState, req: RequestSpec, chain: Chain = chainFor(req)): Rejection | null {
  for (const f of chain) {
    const r = f.run(host, req);
    if (r) return r;
  }
  return null;
}

export interface Weights {
  ram: number;
  cpu: number;
  disk: number;
  /** HCS host-group preference: higher for the tagged group with the lower utilization. */
  group: number;
  total: number;
}

// nova.weights.normalize: scale to [0, 1]; all-equal values normalize to 0.
function normalize(values: number[]): number[] {
  if (values.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === max) return values.map(() => 0);
  const range = max - min;
  return values.map((v) => (v - min) / range);
}

/** Weigh hosts as Nova's RAM, CPU and disk weighers do: free amount, normalized, x multiplier. */
export function weigh(hosts: readonly HostState[], settings: SchedulerSettings): Weights[] {
  // RAMWeigher uses free_ram_mb (physical free, before the ratio); CPUWeigher uses
  // vcpus x ratio - used; DiskWeigher uses free disk.
  // A weigher whose multiplier is 0 contributes nothing: skip its pass over the hosts.
  const none: number[] = [];
  const ram = settings.ramWeightMultiplier ? normalize(hosts.map((h) => h.memoryMb - h.reservedMemoryMb - h.memoryMbUsed)) : none;
  const cpu = settings.cpuWeightMultiplier ? normalize(hosts.map((h) => h.vcpus * h.cpuRatio - h.vcpusUsed)) : none;
  const disk = settings.diskWeightMultiplier ? normalize(hosts.map((h) => h.diskGb - h.reservedDiskGb - h.diskGbUsed)) : none;
  return hosts.map((_, i) => {
    const r = (ram[i] ?? 0) * settings.ramWeightMultiplier;
    const c = (cpu[i] ?? 0) * settings.cpuWeightMultiplier;
    const d = (disk[i] ?? 0) * settings.diskWeightMultiplier;
    return { ram: r, cpu: c, disk: d, group: 0, total: r + c + d };
  });
}

/**
 * HCS: where several host groups carry the flavor's tag, the scheduler prefers the group with the
 * lower overall CPU and RAM utilization (allocated / limit over all its hosts, averaged). Returns a
 * group score per host name in [0, 1] (1 = least utilized), or null when the request has no tag.
 * Not a Nova weigher: Nova has no notion of preferring one aggregate over another.
 */
export function tagGroupScores(all: readonly HostState[], req: RequestSpec): Map<string, number> | null {
  const tag = aggregateSpecs(req).find(([key]) => key === "tag")?.[1];
  if (tag === undefined) return null;
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
      u.cpuUsed += h.vcpusUsed;
      u.cpuLimit += Math.floor(h.vcpus * h.cpuRatio);
      u.ramUsed += h.memoryMbUsed;
      u.ramLimit += Math.floor((h.memoryMb - h.reservedMemoryMb) * h.ramRatio);
      usage.set(g.name, u);
    }
  const score = new Map<string, number>();
  for (const [name, u] of usage) {
    const util = ((u.cpuLimit ? u.cpuUsed / u.cpuLimit : 1) + (u.ramLimit ? u.ramUsed / u.ramLimit : 1)) / 2;
    score.set(name, 1 - Math.min(1, util));
  }
  return score;
}

/** Dominates the other weighers (whose sum is bounded by their multipliers, at most 300). */
const GROUP_PREFERENCE_SCALE = 1e6;

export interface HostVerdict {
  host: HostState;
  rejection: Rejection | null;
  weights: Weights | null;
}

export interface ScheduleResult {
  /** Hosts to try, best first: the pick, then up to `alternates` others in weight order. */
  ranked: HostState[];
  /** Every host with the filter that rejected it or its weights (only with `explain`). */
  verdicts: HostVerdict[];
  /** How many hosts each filter left, in chain order: the shape of the funnel. */
  funnel: { filter: FilterName; remaining: number }[];
}

export interface ScheduleOptions {
  /** Keep a verdict for every host ("explain placement"); costs an object per host. */
  explain?: boolean;
  /** How many hosts to rank after the pick (Nova's alternates, for reschedules and lost races). */
  alternates?: number;
}

/** Indexes of the `k` largest totals, largest first; ties keep input order (hosts come sorted by name). */
function topK(totals: Float64Array, k: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < totals.length; i++) {
    const w = totals[i] as number;
    if (best.length === k && w <= (totals[best[k - 1] as number] as number)) continue;
    let pos = best.length;
    while (pos > 0 && w > (totals[best[pos - 1] as number] as number)) pos--;
    best.splice(pos, 0, i);
    if (best.length > k) best.pop();
  }
  return best;
}

export function schedule(hosts: readonly HostState[], req: RequestSpec, settings: SchedulerSettings, rng: Random, opts: ScheduleOptions = {}): ScheduleResult {
  const explain = opts.explain ?? false;
  const rejections = explain ? new Map<string, Rejection>() : null;
  const survivors: HostState[] = [];
  const removedBy = new Map<FilterName, number>();
  const chain = chainFor(req);
  // When the AZ filter comes first and no verdicts are kept, a host of another AZ is counted
  // without building its rejection: half the hosts of a two-AZ cloud, on every decision.
  const azFirst = !explain && chain[0]?.name === "AvailabilityZoneFilter" ? req.az : null;
  let otherAz = 0;
  for (const host of hosts) {
    if (azFirst !== null && host.az !== azFirst) {
      otherAz++;
      continue;
    }
    const r = firstRejection(host, req, chain);
    if (r) {
      rejections?.set(host.id, r);
      removedBy.set(r.filter, (removedBy.get(r.filter) ?? 0) + 1);
    } else survivors.push(host);
  }
  if (otherAz) removedBy.set("AvailabilityZoneFilter", (removedBy.get("AvailabilityZoneFilter") ?? 0) + otherAz);
  let remaining = hosts.length;
  const funnel = FILTER_CHAIN.map((f) => {
    remaining -= removedBy.get(f.name) ?? 0;
    return { filter: f.name, remaining };
  });

  const weights = weigh(survivors, settings);
  const groupScores = tagGroupScores(hosts, req);
  if (groupScores) {
    survivors.forEach((h, i) => {
      let best = 0;
      // Only groups carrying the tag have a score.
      for (const g of h.groups) best = Math.max(best, groupScores.get(g.name) ?? 0);
      const w = weights[i] as Weights;
      w.group = best * GROUP_PREFERENCE_SCALE;
      w.total += w.group;
    });
  }
  const totals = Float64Array.from(weights, (w) => w.total);
  // host_subset_size: choose randomly among the best N; the rest of the top stay as alternates.
  const subset = Math.max(1, Math.min(settings.hostSubsetSize, survivors.length));
  const want = explain ? survivors.length : Math.min(survivors.length, subset + (opts.alternates ?? 4));
  const order = topK(totals, want);
  if (subset > 1) {
    const idx = Math.floor(rng.next() * subset);
    const [chosen] = order.splice(idx, 1);
    if (chosen !== undefined) order.unshift(chosen);
  }
  const ranked = order.map((i) => survivors[i] as HostState);
  let verdicts: HostVerdict[] = [];
  if (explain) {
    const weightById = new Map(survivors.map((h, i) => [h.id, weights[i] as Weights]));
    verdicts = hosts.map((host) => ({ host, rejection: rejections?.get(host.id) ?? null, weights: weightById.get(host.id) ?? null }));
  }
  return { ranked, verdicts, funnel };
}

/**
 * The reason to give a person when no host fits: the filter that removed the last hosts, and
 * the nearest miss among the hosts it rejected (the most any host could still give).
 */
export interface NoHostExplanation {
  az: string | null;
  hostCount: number;
  filter: FilterName | null;
  /** For capacity filters: what was asked for and the best any host could offer. */
  requested: number | null;
  bestAvailable: number | null;
  code: Rejection["code"] | "no_hosts";
  /** For property filters: what the request wanted (an architecture, a key=value). */
  wanted: string | null;
  funnel: { filter: FilterName; remaining: number }[];
}

/** Takes a result scheduled with `explain: true` (it reads every host's verdict). */
export function explainNoHost(result: ScheduleResult, req: RequestSpec): NoHostExplanation {
  const inScope = result.verdicts.filter((v) => req.az === null || v.host.az === req.az);
  if (inScope.length === 0)
    return { az: req.az, hostCount: 0, filter: null, requested: null, bestAvailable: null, code: "no_hosts", wanted: null, funnel: result.funnel };
  // The decisive filter is the last one in the chain that rejected any host: the hosts it
  // rejected had passed everything before it.
  const last = [...result.funnel].reverse().find((step, i, arr) => {
    const prev = arr[i + 1]?.remaining ?? result.verdicts.length;
    return step.remaining < prev;
  });
  let filter = last?.filter ?? null;
  let decisive = inScope.filter((v) => v.rejection?.filter === filter).map((v) => v.rejection as Rejection);
  // With a forced or requested host, only that host's own verdict matters (unless it does not exist).
  const only = req.forceHost ?? req.requestedHost;
  const own = only ? result.verdicts.find((v) => v.host.name === only)?.rejection : null;
  if (own) {
    filter = own.filter;
    decisive = [own];
  }
  let requested: number | null = null;
  let best: number | null = null;
  let code: Rejection["code"] | "no_hosts" = decisive[0]?.code ?? "no_hosts";
  let wanted: string | null = null;
  for (const r of decisive) {
    if (r.code === "arch_mismatch" || r.code === "hypervisor_mismatch") wanted = r.wanted;
    else if (r.code === "extra_spec_mismatch" || r.code === "capability_mismatch") wanted = `${r.key}=${r.wanted}`;
    else if (r.code === "not_requested_host") wanted = r.requested;
    else if (r.code === "affinity_violation" || r.code === "anti_affinity_violation") wanted = r.group;
    if (r.code === "insufficient") {
      requested = r.requested;
      best = Math.max(best ?? -Infinity, r.free);
    } else if (r.code === "exceeds_physical") {
      requested = r.requested;
      best = Math.max(best ?? -Infinity, r.physical);
    } else if (r.code === "hugepages_insufficient") {
      requested = r.requestedMb;
      best = Math.max(best ?? -Infinity, r.freeMb);
    }
  }
  // If some hosts were short of room and others too small outright, say "insufficient": room
  // may come back; a physical limit never will.
  if (decisive.some((r) => r.code === "insufficient")) code = "insufficient";
  return { az: req.az, hostCount: inScope.length, filter, requested, bestAvailable: best === null ? null : Math.max(0, best), code, wanted, funnel: result.funnel };
}
