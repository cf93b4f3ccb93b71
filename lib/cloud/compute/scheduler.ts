// A filter scheduler that decides as Nova's (Zed) does, proven against Nova's own classes by the
// differential test (tests/differential/nova-scheduler.test.ts). The order of a decision:
//
//  1. Placement (a separate service in Nova, emulated here): only hosts whose inventory has room
//     for the non-zero amounts of VCPU, MEMORY_MB and DISK_GB, that have every required trait
//     and no forbidden one, and that are in no isolated host group, become candidates.
//  2. The host manager drops ignored hosts, or keeps only a forced or requested one.
//  3. The filters, in the configured order (a forced host skips them all).
//  4. The RAM, CPU and disk weighers: raw values clamped at 0, normalized between 0 and the
//     largest, times a multiplier (a host group's metadata may set it per host).
//  5. One of the best `hostSubsetSize` at random; for further instances of the same request the
//     filters that run once per request are not run again, the survivors are weighed again on the
//     consumed state, and the first in weight order that Placement still accepts takes it.
//
// HCS mode adds one rule Nova does not have: among host groups carrying the flavor's tag, the
// less utilized group first (`hcsHostGroupPreference`, documented as HCS behaviour). With it
// off, every decision equals Nova's.
import type { Random } from "../shared/random";
import { extraSpecMatcher, type SpecMatcher } from "./extra-specs-ops";
import {
  canonicalArch,
  canonicalHvType,
  canonicalVmMode,
  cpuInfoValue,
  LIBVIRT_HYPERVISOR_TYPE,
  parseCpuInfo,
  pyStr,
  supportedInstancesFor,
  versionPredicate,
  versionToString,
  type CpuInfo,
  type PyValue,
  type SupportedInstance,
} from "./host-facts";

export interface HostGroupInfo {
  name: string;
  /** Aggregate metadata; the HCS host-group tag is the key "tag" (comma-separated values). */
  metadata: Record<string, string>;
}

export interface HostState {
  id: string;
  name: string;
  /** The host's AZ; null for a host in no AZ (Nova's default AZ, "nova"). */
  az: string | null;
  enabled: boolean;
  up: boolean;
  /** The libvirt virt type the host runs guests with: kvm, or qemu for a TCG-only host. */
  virtType: string;
  hypervisorVersion: number;
  cpuInfo: CpuInfo;
  /** Placement traits on the host's resource provider. */
  traits: readonly string[];
  vcpus: number;
  memoryMb: number;
  diskGb: number;
  hugePageMemoryMb: number;
  reservedVcpus: number;
  reservedMemoryMb: number;
  reservedDiskGb: number;
  cpuRatio: number;
  ramRatio: number;
  diskRatio: number;
  /** Placement usage: what the instances on the host were given. */
  vcpusUsed: number;
  memoryMbUsed: number;
  diskGbUsed: number;
  hugePagesUsedMb: number;
  instanceCount: number;
  groups: HostGroupInfo[];
}

export interface ImageRequest {
  /** hw_architecture */
  architecture: string | null;
  /** img_hv_type */
  hypervisorType: string | null;
  /** hw_vm_mode */
  vmMode?: string | null;
  /** img_hv_requested_version, e.g. ">= 6.0" */
  hvRequestedVersion?: string | null;
  /** traits_required */
  traitsRequired?: readonly string[];
  minRamMb: number;
  minDiskGb: number;
}

export interface RequestSpec {
  az: string | null;
  /** The project asking (AggregateMultiTenancyIsolation reads it). */
  projectId?: string | null;
  vcpus: number;
  memoryMb: number;
  /** Placement's DISK_GB: root + ephemeral + swap rounded up to GB. */
  diskGb: number;
  /** root + ephemeral: what the host manager takes off a chosen host's free disk (swap is not counted there). */
  localGb: number;
  /** Flavor extra specs (hw:mem_page_size, aggregate_instance_extra_specs:*, trait:*, capabilities:*...). */
  extraSpecs: Record<string, string>;
  image: ImageRequest;
  /** The server group the instance joins, with the hosts its other members are on. */
  serverGroup?: { name: string; policy: ServerGroupPolicy; hostIds: readonly string[] } | null;
  /** An administrator's `az:host`: only this host (by name), and only Placement is checked. */
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

/** The local disk a flavor takes on its host, as Placement's DISK_GB: root + ephemeral + swap (rounded up to GB). */
export function flavorDiskGb(flavor: { diskGb: number; ephemeralGb?: number; swapMb?: number }): number {
  return flavor.diskGb + (flavor.ephemeralGb ?? 0) + Math.ceil((flavor.swapMb ?? 0) / 1024);
}

export interface ImageFacts {
  architecture: string;
  hypervisorType: string | null;
  vmMode?: string | null;
  hvRequestedVersion?: string | null;
  traitsRequired?: readonly string[] | string | null;
  minRamMb: number;
  minDiskGb: number;
}

/** An image's scheduling properties (traits_required may come as the stored comma list). */
export function imageRequest(image: ImageFacts): ImageRequest {
  const traits = typeof image.traitsRequired === "string" ? image.traitsRequired.split(",").map((t) => t.trim()).filter(Boolean) : [...(image.traitsRequired ?? [])];
  return {
    architecture: image.architecture,
    hypervisorType: image.hypervisorType,
    vmMode: image.vmMode ?? null,
    hvRequestedVersion: image.hvRequestedVersion ?? null,
    traitsRequired: traits,
    minRamMb: image.minRamMb,
    minDiskGb: image.minDiskGb,
  };
}

/**
 * The scheduler's request for a flavor and image in an AZ (null = any). `resources` overrides the
 * flavor's amounts, for an instance rescheduled with the resources it was launched with.
 */
export function requestSpecFor(
  az: string | null,
  flavor: { vcpus: number; ramMb: number; diskGb: number; ephemeralGb?: number; swapMb?: number; extraSpecs: unknown },
  image: ImageFacts,
  resources?: { vcpus: number; memoryMb: number; diskGb: number },
  projectId: string | null = null,
): RequestSpec {
  return {
    az,
    projectId,
    vcpus: resources?.vcpus ?? flavor.vcpus,
    memoryMb: resources?.memoryMb ?? flavor.ramMb,
    diskGb: resources?.diskGb ?? flavorDiskGb(flavor),
    localGb: flavor.diskGb + (flavor.ephemeralGb ?? 0),
    extraSpecs: flavorExtraSpecs(flavor.extraSpecs),
    image: imageRequest(image),
  };
}

export interface SchedulerSettings {
  cpuAllocationRatio: number;
  ramAllocationRatio: number;
  diskAllocationRatio: number;
  reservedHostCpus: number;
  reservedHostMemoryMb: number;
  reservedHostDiskMb: number;
  hostSubsetSize: number;
  ramWeightMultiplier: number;
  cpuWeightMultiplier: number;
  diskWeightMultiplier: number;
  /** [scheduler] enable_isolated_aggregate_filtering: groups requiring a trait take only requests requiring it. */
  isolatedAggregateFiltering: boolean;
  /** HCS, not Nova: prefer the least utilized of the host groups carrying the flavor's tag. */
  hcsHostGroupPreference: boolean;
}

export const NOVA_ZED_DEFAULTS: SchedulerSettings = {
  cpuAllocationRatio: 16.0,
  ramAllocationRatio: 1.5,
  diskAllocationRatio: 1.0,
  reservedHostCpus: 0,
  reservedHostMemoryMb: 512,
  reservedHostDiskMb: 0,
  hostSubsetSize: 1,
  ramWeightMultiplier: 1.0,
  cpuWeightMultiplier: 0.0,
  diskWeightMultiplier: 0.0,
  isolatedAggregateFiltering: false,
  hcsHostGroupPreference: false,
};

/** What this cloud starts with: Nova's defaults, isolation on (the dedicated groups rely on it) and HCS's preference. */
export const HCS_DEFAULTS: SchedulerSettings = { ...NOVA_ZED_DEFAULTS, isolatedAggregateFiltering: true, hcsHostGroupPreference: true };

/** Why a filter rejected a host: a code and numbers, turned into words at the edge. */
export type Rejection =
  | { filter: "VCPU" | "MEMORY_MB" | "DISK_GB"; code: "exceeds_physical"; requested: number; physical: number }
  | { filter: "VCPU" | "MEMORY_MB" | "DISK_GB"; code: "insufficient"; requested: number; free: number }
  | { filter: "TRAITS"; code: "trait_missing" | "trait_forbidden"; trait: string }
  | { filter: "ISOLATED_AGGREGATES"; code: "isolated_aggregate"; group: string; trait: string }
  | { filter: "HostManager"; code: "not_requested_host"; requested: string }
  | { filter: "HostManager"; code: "ignored_host" }
  | { filter: "AvailabilityZoneFilter"; code: "az_mismatch"; hostAz: string; wantedAz: string }
  | { filter: "ComputeFilter"; code: "host_disabled" | "host_down" }
  | { filter: "AggregateMultiTenancyIsolation"; code: "tenant_isolation"; have: string }
  | { filter: "ComputeCapabilitiesFilter"; code: "capability_mismatch"; key: string; wanted: string; have: string }
  | { filter: "ImagePropertiesFilter"; code: "arch_mismatch" | "hypervisor_mismatch" | "vm_mode_mismatch" | "hypervisor_version_mismatch"; wanted: string; have: string }
  | { filter: "ServerGroupAntiAffinityFilter"; code: "anti_affinity_violation"; group: string }
  | { filter: "ServerGroupAffinityFilter"; code: "affinity_violation"; group: string }
  | { filter: "AggregateInstanceExtraSpecsFilter"; code: "extra_spec_mismatch"; key: string; wanted: string; have: string }
  | { filter: "NUMATopologyFilter"; code: "hugepages_insufficient"; requestedMb: number; freeMb: number };

export type FilterName = Rejection["filter"];

// Placement answers before any filter runs: per resource class, then traits, then the isolated
// aggregates. Named after what Placement checks, shown as "Placement VCPU" and so on.
const PLACEMENT_STAGES: ReadonlySet<FilterName> = new Set(["VCPU", "MEMORY_MB", "DISK_GB", "TRAITS", "ISOLATED_AGGREGATES"]);
/** How a stage is named where no translation says otherwise: a filter's class name, or "Placement VCPU". */
export function stageLabel(name: FilterName): string {
  return PLACEMENT_STAGES.has(name) ? `Placement ${name}` : name;
}

export interface Capacity {
  /** What the host may hand out in total: (total - reserved) x ratio (Placement's capacity). */
  vcpuLimit: number;
  memoryMbLimit: number;
  diskGbLimit: number;
}

export function capacityOf(host: HostState): Capacity {
  return {
    vcpuLimit: Math.floor((host.vcpus - host.reservedVcpus) * host.cpuRatio),
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

/** Nova's default_availability_zone: where a host in no AZ aggregate is. */
export const DEFAULT_AZ = "nova";

/** The fields Nova's HostState exposes to ComputeCapabilitiesFilter, from what this cloud holds. */
export function reportedAttribute(host: HostState, attr: string): PyValue | undefined {
  const int = (n: number) => ({ int: n });
  switch (attr) {
    case "host":
    case "nodename":
    case "hypervisor_hostname":
      return host.name;
    case "hypervisor_type":
      return LIBVIRT_HYPERVISOR_TYPE;
    case "hypervisor_version":
      return int(host.hypervisorVersion);
    case "cpu_info":
      return cpuInfoOf(host.cpuInfo);
    case "vcpus_total":
      return int(host.vcpus);
    // The resource tracker counts reserved_host_cpus as used.
    case "vcpus_used":
      return int(host.reservedVcpus + host.vcpusUsed);
    // total_usable_ram_mb is the physical memory, reserved memory included (resource tracker).
    case "total_usable_ram_mb":
      return int(host.memoryMb);
    case "free_ram_mb":
      return int(freeRamMb(host));
    case "total_usable_disk_gb":
      return int(host.diskGb);
    case "free_disk_mb":
      return int(freeDiskMb(host));
    case "disk_mb_used":
      return int((host.reservedDiskGb + host.diskGbUsed) * 1024);
    case "num_instances":
      return int(host.instanceCount);
    case "num_io_ops":
    case "failed_builds":
      return int(0);
    case "supported_instances":
      return supportedInstancesFor(host.cpuInfo.arch, host.virtType).map((t) => [...t]);
    case "cpu_allocation_ratio":
      return { float: host.cpuRatio };
    case "ram_allocation_ratio":
      return { float: host.ramRatio };
    case "disk_allocation_ratio":
      return { float: host.diskRatio };
    default:
      return undefined;
  }
}

/** The compute service's stats dict (string values, as Nova keeps them). */
/** One stat of the compute service's stats dict (string values, as Nova keeps them): num_instances and io_workload. */
function statOf(host: HostState, key: string): string | undefined {
  return key === "num_instances" ? String(host.instanceCount) : key === "io_workload" ? "0" : undefined;
}

// cpu_info as Python holds it, built once per reported cpu_info object.
const cpuInfoValues = new WeakMap<CpuInfo, PyValue>();
function cpuInfoOf(info: CpuInfo): PyValue {
  let v = cpuInfoValues.get(info);
  if (!v) cpuInfoValues.set(info, (v = cpuInfoValue(info)));
  return v;
}


// What the weighers read, as the resource tracker reports it: free RAM and disk are physical
// (no over-commit) after the reservation; free vCPUs are over-committed.
const freeRamMb = (h: HostState) => h.memoryMb - h.reservedMemoryMb - h.memoryMbUsed;
const freeDiskMb = (h: HostState) => (h.diskGb - h.reservedDiskGb - h.diskGbUsed) * 1024;
const freeVcpus = (h: HostState) => h.vcpus * h.cpuRatio - (h.reservedVcpus + h.vcpusUsed);

/** The request, read once: the specs each filter looks at, compiled, and the filters it needs. */
export interface RequestPlan {
  req: RequestSpec;
  aggregateSpecs: [key: string, wanted: string, match: SpecMatcher][];
  capabilitySpecs: [scope: string[], wanted: string, match: SpecMatcher, unscoped: boolean][];
  requiredTraits: Set<string>;
  forbiddenTraits: Set<string>;
  image: { props: [string | null, string | null, string | null]; any: boolean; version: ((v: string) => boolean) | null; versionOk: Map<number, boolean>; wanted: string };
  hugePages: boolean;
  settings: SchedulerSettings;
}

const AGGREGATE_SCOPE = "aggregate_instance_extra_specs";
const HCS_TAG_KEY = "hcs:host_group_tag";

export function planRequest(req: RequestSpec, settings: SchedulerSettings): RequestPlan {
  const aggregateSpecs: RequestPlan["aggregateSpecs"] = [];
  const capabilitySpecs: RequestPlan["capabilitySpecs"] = [];
  const requiredTraits = new Set<string>(req.image.traitsRequired ?? []);
  const forbiddenTraits = new Set<string>();
  for (const [key, wanted] of Object.entries(req.extraSpecs)) {
    // AggregateInstanceExtraSpecsFilter: unscoped keys and its own scope. HCS's flavor tag key
    // reads as the host-group "tag" in HCS mode; Nova ignores a key of an unknown scope.
    const colon = key.indexOf(":");
    if (colon < 0) aggregateSpecs.push([key, wanted, extraSpecMatcher(wanted)]);
    else if (key.slice(0, colon) === AGGREGATE_SCOPE) aggregateSpecs.push([key.slice(colon + 1), wanted, extraSpecMatcher(wanted)]);
    else if (key === HCS_TAG_KEY && settings.hcsHostGroupPreference) aggregateSpecs.push(["tag", wanted, extraSpecMatcher(wanted)]);
    // ComputeCapabilitiesFilter: "capabilities:a:b", or an unscoped key the host reports.
    const scope = key.split(":");
    if (scope.length === 1) capabilitySpecs.push([scope, wanted, extraSpecMatcher(wanted), true]);
    else if (scope[0] === "capabilities") capabilitySpecs.push([scope.slice(1), wanted, extraSpecMatcher(wanted), false]);
    // Placement traits: "trait:NAME" = required | forbidden (other values are ignored, as Nova does).
    const trait = /^trait:(.+)$/.exec(key);
    if (trait) {
      if (wanted === "required") requiredTraits.add(trait[1] as string);
      else if (wanted === "forbidden") forbiddenTraits.add(trait[1] as string);
    }
  }
  const img = req.image;
  const props: [string | null, string | null, string | null] = [
    img.architecture ? canonicalArch(img.architecture) : null,
    img.hypervisorType ? canonicalHvType(img.hypervisorType) : null,
    img.vmMode ? canonicalVmMode(img.vmMode) : null,
  ];
  const version = img.hvRequestedVersion ? versionPredicate(img.hvRequestedVersion) : null;
  return {
    req,
    aggregateSpecs,
    capabilitySpecs,
    requiredTraits,
    forbiddenTraits,
    image: { props, any: props.some(Boolean), version, versionOk: new Map(), wanted: props.map((p) => p ?? "*").join("/") },
    hugePages: wantsHugePages(req.extraSpecs),
    settings,
  };
}

type Filter = (host: HostState, plan: RequestPlan) => Rejection | null;

/**
 * What a host's host groups say, worked out once per host (its groups do not change while a
 * HostState lives; its usage does, and is never cached): every decision at 10,000 hosts reads
 * these for each host, so they must cost a lookup, not a walk through the metadata.
 */
interface GroupFacts {
  /** Per metadata key, every group's comma-split, trimmed values (aggregate_metadata_get_by_host). */
  values: Map<string, Set<string>>;
  /** trait:X=required keys: the traits an isolated group demands. */
  isolating: { group: string; trait: string }[];
  /** The smallest numeric multiplier per key, or NaN when a value is no number (Nova then uses the configured one). */
  multipliers: Map<string, number>;
}
// Kept on the host's groups array under a private symbol: a WeakMap lookup per host and check
// cost more than the checks themselves at this scale.
const FACTS = Symbol("groupFacts");
type WithFacts = readonly HostGroupInfo[] & { [FACTS]?: GroupFacts };
const MULTIPLIER_KEYS = ["ram_weight_multiplier", "cpu_weight_multiplier", "disk_weight_multiplier"] as const;
function groupFacts(host: HostState): GroupFacts {
  const groups = host.groups as WithFacts;
  let f = groups[FACTS];
  if (f) return f;
  const values = new Map<string, Set<string>>();
  const isolating: GroupFacts["isolating"] = [];
  for (const g of host.groups)
    for (const [k, v] of Object.entries(g.metadata)) {
      let set = values.get(k);
      if (!set) values.set(k, (set = new Set()));
      for (const part of v.split(",")) set.add(part.trim());
      if (v === "required" && k.startsWith("trait:")) isolating.push({ group: g.name, trait: k.slice(6) });
    }
  const multipliers = new Map<string, number>();
  for (const key of MULTIPLIER_KEYS) {
    // nova.scheduler.utils.get_weight_multiplier: min over the distinct values, float()-cast.
    const raw = new Set<string>();
    for (const g of host.groups) if (g.metadata[key] !== undefined) raw.add(g.metadata[key] as string);
    if (raw.size === 0) continue;
    const nums = [...raw].map(pyFloatOrNull);
    multipliers.set(key, nums.some((n) => n === null) ? NaN : Math.min(...(nums as number[])));
  }
  f = { values, isolating, multipliers };
  Object.defineProperty(groups, FACTS, { value: f, enumerable: false });
  return f;
}

// --- Placement ----------------------------------------------------------------------------

// Only non-zero amounts are asked for (a flavor with no disk does not check disk). Capacity is
// (total - reserved) x ratio >= used + amount, and no amount may exceed the inventory's total
// (max_unit).
// The rule itself, as a plain test (the scheduler's hot loop calls it directly); the stages below
// turn a failure into its reason.
function fitsInventory(amount: number, total: number, reserved: number, ratio: number, used: number): boolean {
  return amount <= 0 || (amount <= total && used + amount <= (total - reserved) * ratio);
}
function placementCheck(filter: "VCPU" | "MEMORY_MB" | "DISK_GB", amount: number, total: number, reserved: number, ratio: number, used: number): Rejection | null {
  if (fitsInventory(amount, total, reserved, ratio, used)) return null;
  if (amount > total) return { filter, code: "exceeds_physical", requested: amount, physical: total };
  return { filter, code: "insufficient", requested: amount, free: Math.floor((total - reserved) * ratio) - used };
}
const placementVcpu: Filter = (h, p) => placementCheck("VCPU", p.req.vcpus, h.vcpus, h.reservedVcpus, h.cpuRatio, h.vcpusUsed);
const placementMemory: Filter = (h, p) => placementCheck("MEMORY_MB", p.req.memoryMb, h.memoryMb, h.reservedMemoryMb, h.ramRatio, h.memoryMbUsed);
const placementDisk: Filter = (h, p) => placementCheck("DISK_GB", p.req.diskGb, h.diskGb, h.reservedDiskGb, h.diskRatio, h.diskGbUsed);

const placementTraits: Filter = (host, plan) => {
  for (const t of plan.requiredTraits) if (!host.traits.includes(t)) return { filter: "TRAITS", code: "trait_missing", trait: t };
  for (const t of plan.forbiddenTraits) if (host.traits.includes(t)) return { filter: "TRAITS", code: "trait_forbidden", trait: t };
  return null;
};

// Nova's isolate_aggregates request filter: a host group whose metadata has trait:X=required is
// forbidden to every request that does not itself require X.
const isolatedAggregates: Filter = (host, plan) => {
  if (!plan.settings.isolatedAggregateFiltering || host.groups.length === 0) return null;
  for (const { group, trait } of groupFacts(host).isolating) if (!plan.requiredTraits.has(trait)) return { filter: "ISOLATED_AGGREGATES", code: "isolated_aggregate", group, trait };
  return null;
};

// --- the host manager and the filters -------------------------------------------------------

const hostManagerFilter: Filter = (host, { req }) => {
  const only = req.forceHost ?? req.requestedHost;
  if (only && host.name.toLowerCase() !== only.toLowerCase()) return { filter: "HostManager", code: "not_requested_host", requested: only };
  if (req.ignoreHosts && (req.ignoreHosts.includes(host.id) || req.ignoreHosts.includes(host.name))) return { filter: "HostManager", code: "ignored_host" };
  return null;
};

const availabilityZoneFilter: Filter = (host, { req }) => {
  if (!req.az) return null;
  const hostAz = host.az ?? DEFAULT_AZ;
  return hostAz !== req.az ? { filter: "AvailabilityZoneFilter", code: "az_mismatch", hostAz, wantedAz: req.az } : null;
};

const computeFilter: Filter = (host) => {
  if (!host.enabled) return { filter: "ComputeFilter", code: "host_disabled" };
  if (!host.up) return { filter: "ComputeFilter", code: "host_down" };
  return null;
};

// AggregateMultiTenancyIsolation: a host in a group with filter_tenant_id takes only those projects.
const multiTenancyFilter: Filter = (host, { req }) => {
  if (host.groups.length === 0) return null;
  const allowed = metadataValues(host, "filter_tenant_id");
  if (allowed === null || allowed.size === 0) return null;
  return req.projectId && allowed.has(req.projectId) ? null : { filter: "AggregateMultiTenancyIsolation", code: "tenant_isolation", have: [...allowed].join(",") };
};

/** ComputeCapabilitiesFilter's walk down a scope ("cpu_info", "arch"): a missing step fails the host. */
function capabilityAt(host: HostState, scope: string[]): PyValue | null {
  let cap: PyValue | undefined;
  const first = scope[0] as string;
  cap = reportedAttribute(host, first);
  if (cap === undefined) {
    const stat = statOf(host, first);
    if (stat === undefined) return null;
    cap = stat;
  }
  for (let i = 1; i < scope.length; i++) {
    // Only a dict can be walked into (cpu_info is one); anything else has no such attribute.
    if (cap === null || typeof cap !== "object" || Array.isArray(cap) || "int" in cap || "float" in cap) return null;
    const next: PyValue | undefined = (cap as Record<string, PyValue>)[scope[i] as string];
    if (next === undefined) return null;
    cap = next;
  }
  return cap;
}

const computeCapabilitiesFilter: Filter = (host, plan) => {
  for (const [scope, wanted, match, unscoped] of plan.capabilitySpecs) {
    // An unscoped key is a capability only when the host reports such an attribute or stat.
    if (unscoped && reportedAttribute(host, scope[0] as string) === undefined && statOf(host, scope[0] as string) === undefined) continue;
    const cap = capabilityAt(host, scope);
    const have = cap === null ? null : pyStr(cap);
    if (have === null || !match(have)) return { filter: "ComputeCapabilitiesFilter", code: "capability_mismatch", key: scope.join(":"), wanted, have: have ?? "-" };
  }
  return null;
};

// ImagePropertiesFilter: (architecture, hypervisor type, vm mode) against the host's
// supported_instances triples; img_hv_requested_version against hypervisor_version.
// A handful of (arch, virt type) pairs and versions exist in a cloud: answer each once.
const supportedCache = new Map<string, SupportedInstance[]>();
const SUPPORTED = Symbol("supportedInstances");
function supportedOf(host: HostState): SupportedInstance[] {
  const h = host as HostState & { [SUPPORTED]?: SupportedInstance[] };
  const own = h[SUPPORTED];
  if (own) return own;
  const key = `${host.cpuInfo.arch}|${host.virtType}`;
  let s = supportedCache.get(key);
  if (!s) supportedCache.set(key, (s = supportedInstancesFor(host.cpuInfo.arch, host.virtType)));
  Object.defineProperty(h, SUPPORTED, { value: s, enumerable: false });
  return s;
}

const imagePropertiesFilter: Filter = (host, plan) => {
  const { props, version, wanted } = plan.image;
  if (!plan.image.any) return null;
  const supported = supportedOf(host);
  let versionOk = true;
  if (version && host.hypervisorVersion) {
    let ok = plan.image.versionOk.get(host.hypervisorVersion);
    if (ok === undefined) plan.image.versionOk.set(host.hypervisorVersion, (ok = version(versionToString(host.hypervisorVersion))));
    versionOk = ok;
  }
  for (const triple of supported) if (versionOk && (!props[0] || props[0] === triple[0]) && (!props[1] || props[1] === triple[1]) && (!props[2] || props[2] === triple[2])) return null;
  // No triple fits: name the first property that no triple offers.
  const have = supported.map((t) => t.join("/")).join(", ") || "-";
  const [arch, hv, mode] = props;
  if (arch && !supported.some((t) => t[0] === arch)) return { filter: "ImagePropertiesFilter", code: "arch_mismatch", wanted: arch, have: [...new Set(supported.map((t) => t[0]))].join(",") || "-" };
  if (hv && !supported.some((t) => (!arch || t[0] === arch) && t[1] === hv)) return { filter: "ImagePropertiesFilter", code: "hypervisor_mismatch", wanted: hv, have: [...new Set(supported.map((t) => t[1]))].join(",") };
  if (mode && !supported.some((t) => props.every((p, i) => !p || p === t[i]))) return { filter: "ImagePropertiesFilter", code: "vm_mode_mismatch", wanted, have };
  return { filter: "ImagePropertiesFilter", code: "hypervisor_version_mismatch", wanted: plan.req.image.hvRequestedVersion ?? "", have: versionToString(host.hypervisorVersion) };
};

/**
 * ImagePropertiesFilter alone, for a host already chosen: Nova runs it (RUN_ON_REBUILD) when a
 * rebuild changes the image, since the instance stays on its host.
 */
export function imageRejection(host: HostState, image: ImageRequest): Rejection | null {
  const req: RequestSpec = { az: null, vcpus: 0, memoryMb: 0, diskGb: 0, localGb: 0, extraSpecs: {}, image };
  return imagePropertiesFilter(host, planRequest(req, NOVA_ZED_DEFAULTS));
}

// Server groups (hard policies, as Nova's filters): anti-affinity refuses a host that already
// runs a member; affinity, once the group has members, accepts only their host.
const serverGroupAntiAffinityFilter: Filter = (host, { req }) =>
  req.serverGroup?.policy === "anti-affinity" && req.serverGroup.hostIds.includes(host.id)
    ? { filter: "ServerGroupAntiAffinityFilter", code: "anti_affinity_violation", group: req.serverGroup.name }
    : null;
const serverGroupAffinityFilter: Filter = (host, { req }) =>
  req.serverGroup?.policy === "affinity" && req.serverGroup.hostIds.length > 0 && !req.serverGroup.hostIds.includes(host.id)
    ? { filter: "ServerGroupAffinityFilter", code: "affinity_violation", group: req.serverGroup.name }
    : null;

/** nova.scheduler.filters.utils.aggregate_metadata_get_by_host for one key: every group's comma-split values. */
function metadataValues(host: HostState, key: string): Set<string> | null {
  return host.groups.length === 0 ? null : (groupFacts(host).values.get(key) ?? null);
}

const aggregateExtraSpecsFilter: Filter = (host, plan) => {
  for (const [key, wanted, match] of plan.aggregateSpecs) {
    const have = metadataValues(host, key);
    if (!have || have.size === 0 || ![...have].some(match))
      return { filter: "AggregateInstanceExtraSpecsFilter", code: "extra_spec_mismatch", key, wanted, have: have ? [...have].join(",") : "-" };
  }
  return null;
};

// Huge pages are never over-committed: the guest's whole memory must fit in free huge pages.
// (This cloud models a host's huge pages as one pool, not per NUMA cell as Nova does.)
const numaTopologyFilter: Filter = (host, plan) => {
  if (!plan.hugePages) return null;
  const freeMb = host.hugePageMemoryMb - host.hugePagesUsedMb;
  return plan.req.memoryMb > freeMb ? { filter: "NUMATopologyFilter", code: "hugepages_insufficient", requestedMb: plan.req.memoryMb, freeMb } : null;
};

interface Stage {
  name: FilterName;
  run: Filter;
  /**
   * The stage reads only what a host reports once and keeps (its groups' metadata, traits,
   * architecture, virt type, hypervisor version): hosts alike in those get one answer per decision.
   */
  static?: boolean;
  /** Nova's run_filter_once_per_request: not run again for the later instances of a request. */
  once: boolean;
  /** Whether the stage can reject anything for this request in this cloud (idle stages are left out of its chain). */
  active: (plan: RequestPlan, cloud: CloudIndex | null) => boolean;
}

/**
 * The AZ, the host manager, Placement, then the filters in the order this cloud configures them.
 * The AZ comes first because Zed maps it to a Placement aggregate (query_placement_for_availability_zone),
 * so hosts of another AZ are never candidates; the AvailabilityZoneFilter names that rule. A forced or
 * requested host is Placement's in_tree, so the others are "not requested" before any capacity check.
 * A disabled service is Placement's too in Zed (the COMPUTE_STATUS_DISABLED trait is forbidden in
 * every query), so ComputeFilter is named before the resource classes.
 */
export const FILTER_CHAIN: readonly Stage[] = [
  { name: "AvailabilityZoneFilter", run: availabilityZoneFilter, once: true, active: (p) => Boolean(p.req.az) },
  { name: "HostManager", run: hostManagerFilter, once: false, active: (p) => Boolean(p.req.forceHost || p.req.requestedHost || p.req.ignoreHosts?.length) },
  { name: "ComputeFilter", run: computeFilter, once: true, active: () => true },
  { name: "VCPU", run: placementVcpu, once: true, active: (p) => p.req.vcpus > 0 },
  { name: "MEMORY_MB", run: placementMemory, once: true, active: (p) => p.req.memoryMb > 0 },
  { name: "DISK_GB", run: placementDisk, once: true, active: (p) => p.req.diskGb > 0 },
  { name: "TRAITS", run: placementTraits, static: true, once: true, active: (p) => p.requiredTraits.size + p.forbiddenTraits.size > 0 },
  { name: "ISOLATED_AGGREGATES", run: isolatedAggregates, static: true, once: true, active: (p, c) => p.settings.isolatedAggregateFiltering && (!c || c.metadataKeys.has("trait:")) },
  { name: "AggregateMultiTenancyIsolation", run: multiTenancyFilter, static: true, once: true, active: (_, c) => !c || c.metadataKeys.has("filter_tenant_id") },
  { name: "ComputeCapabilitiesFilter", run: computeCapabilitiesFilter, once: true, active: (p) => p.capabilitySpecs.length > 0 },
  { name: "ImagePropertiesFilter", run: imagePropertiesFilter, static: true, once: true, active: (p) => p.image.any },
  { name: "ServerGroupAntiAffinityFilter", run: serverGroupAntiAffinityFilter, once: false, active: (p) => p.req.serverGroup?.policy === "anti-affinity" },
  { name: "ServerGroupAffinityFilter", run: serverGroupAffinityFilter, once: false, active: (p) => p.req.serverGroup?.policy === "affinity" },
  { name: "AggregateInstanceExtraSpecsFilter", run: aggregateExtraSpecsFilter, static: true, once: true, active: (p) => p.aggregateSpecs.length > 0 },
  { name: "NUMATopologyFilter", run: numaTopologyFilter, once: false, active: (p) => p.hugePages },
];

// Nova runs no filter for a forced host (get_filtered_hosts returns it at once), while Placement
// still refuses an allocation that does not fit.
const checkedWhenForced = (name: FilterName) => PLACEMENT_STAGES.has(name) || name === "HostManager" || name === "NUMATopologyFilter";

type Chain = readonly Stage[];

// Zed's compute_status_filter forbids the COMPUTE_STATUS_DISABLED trait in every Placement
// query, so even a forced host must be enabled (a down one is only found out at build time).
const disabledOnly: Stage = { name: "ComputeFilter", run: (h) => (h.enabled ? null : { filter: "ComputeFilter", code: "host_disabled" }), once: true, active: () => true };

/** The stages that can matter for this request (in this cloud, when its index is given), in chain order. */
export function chainFor(plan: RequestPlan, index = 0, cloud: CloudIndex | null = null): Chain {
  const forced = Boolean(plan.req.forceHost);
  return FILTER_CHAIN.filter((f) => (index === 0 || !f.once) && (!forced || checkedWhenForced(f.name) || f.name === "ComputeFilter") && f.active(plan, cloud)).map((f) =>
    forced && f.name === "ComputeFilter" ? disabledOnly : f,
  );
}

export function firstRejection(host: HostState, req: RequestSpec, settings: SchedulerSettings = NOVA_ZED_DEFAULTS, plan: RequestPlan = planRequest(req, settings), chain: Chain = chainFor(plan)): Rejection | null {
  for (const f of chain) {
    const r = f.run(host, plan);
    if (r) return r;
  }
  return null;
}

// --- weighers -------------------------------------------------------------------------------

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
function pyFloatOrNull(v: string): number | null {
  const t = v.trim();
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith("-") ? -Infinity : Infinity;
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) ? Number(t) : null;
}

/** Extra free disk (MB) each host shows the disk weigher during a multi-instance request (swap Nova does not take off). */
type DiskBonus = ReadonlyMap<HostState, number>;

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
function weighTotals(hosts: readonly HostState[], settings: SchedulerSettings, keys: ReadonlySet<string>, diskBonus?: DiskBonus): { totals: Float64Array; columns: WeigherColumns | null } {
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
const GROUP_PREFERENCE_SCALE = 1e6;

export interface HostVerdict {
  host: HostState;
  rejection: Rejection | null;
  weights: Weights | null;
}

export interface ScheduleResult {
  /** Hosts to try, best first: the pick, then up to `alternates` others in weight order. */
  ranked: HostState[];
  /** Every host with the stage that rejected it or its weights (only with `explain`). */
  verdicts: HostVerdict[];
  /** How many hosts each stage left, in chain order: the shape of the funnel (only with `explain`). */
  funnel: { filter: FilterName; remaining: number }[];
}

export interface ScheduleOptions {
  /** Keep a verdict for every host ("explain placement"); costs an object per host. */
  explain?: boolean;
  /** How many hosts to rank after the pick (Nova's alternates, for reschedules and lost races). */
  alternates?: number;
}

/** Indexes of the `k` largest totals, largest first; ties keep input order (Python's sort is stable). */
function topK(totals: Float64Array, k: number): number[] {
  if (k > 32) return Array.from(totals.keys()).sort((a, b) => (totals[b] as number) - (totals[a] as number) || a - b).slice(0, k);
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

// Hosts grouped by AZ once per host list (the list is reused while its hosts' usage changes).
/**
 * What a host list holds, worked out once per list (a list is reused while its hosts' usage
 * changes; whoever changes a host's groups hands out a new list): the hosts per AZ, and which
 * metadata keys any host group sets, so a filter no group can trip is left out of the chain.
 */
interface CloudIndex {
  byAz: Map<string, HostState[]>;
  metadataKeys: Set<string>;
  /** Per AZ (and for the whole list under ""), the hosts in order with each one's static class. */
  classes: Map<string, Int32Array>;
}
const cloudIndexCache = new WeakMap<readonly HostState[], CloudIndex>();
export function cloudIndex(hosts: readonly HostState[]): CloudIndex {
  let index = cloudIndexCache.get(hosts);
  if (!index) {
    index = { byAz: new Map(), metadataKeys: new Set(), classes: new Map() };
    const seenGroups = new Set<HostGroupInfo>();
    for (const h of hosts) {
      const key = h.az ?? DEFAULT_AZ;
      const list = index.byAz.get(key);
      if (list) list.push(h);
      else index.byAz.set(key, [h]);
      for (const g of h.groups) {
        if (seenGroups.has(g)) continue;
        seenGroups.add(g);
        for (const k of Object.keys(g.metadata)) index.metadataKeys.add(k.startsWith("trait:") ? "trait:" : k);
      }
    }
    cloudIndexCache.set(hosts, index);
  }
  return index;
}

/** The static class of each host of a list (of an AZ's hosts when `az` is given), in list order. */
function classesOf(hosts: readonly HostState[], index: CloudIndex, az: string | null): Int32Array {
  const key = az ?? "";
  let cls = index.classes.get(key);
  if (!cls) {
    const list = az ? (index.byAz.get(az) ?? []) : hosts;
    cls = new Int32Array(list.length);
    for (let i = 0; i < list.length; i++) cls[i] = staticClassOf(list[i] as HostState);
    index.classes.set(key, cls);
  }
  return cls;
}
function hostsInAz(hosts: readonly HostState[], az: string): readonly HostState[] {
  return cloudIndex(hosts).byAz.get(az) ?? [];
}

interface Filtered {
  survivors: HostState[];
  rejections: Map<HostState, Rejection> | null;
  removedBy: Map<FilterName, number>;
}

// Hosts alike in what the static stages read share a class; the class is kept on the host with
// the references it was worked out from, so a host whose groups or traits were replaced gets a new one.
const CLASS = Symbol("staticClass");
interface StaticClass {
  id: number;
  groups: readonly HostGroupInfo[];
  traits: readonly string[];
  cpuInfo: CpuInfo;
  virtType: string;
  hypervisorVersion: number;
}
const classIds = new Map<string, number>();
function staticClassOf(host: HostState): number {
  const h = host as HostState & { [CLASS]?: StaticClass };
  const c = h[CLASS];
  if (c && c.groups === host.groups && c.traits === host.traits && c.cpuInfo === host.cpuInfo && c.virtType === host.virtType && c.hypervisorVersion === host.hypervisorVersion) return c.id;
  const key = JSON.stringify([host.groups.map((g) => [g.name, g.metadata]), host.traits, host.cpuInfo.arch, host.virtType, host.hypervisorVersion]);
  let id = classIds.get(key);
  if (id === undefined) {
    if (classIds.size > 100_000) classIds.clear();
    classIds.set(key, (id = classIds.size));
  }
  Object.defineProperty(h, CLASS, { value: { id, groups: host.groups, traits: host.traits, cpuInfo: host.cpuInfo, virtType: host.virtType, hypervisorVersion: host.hypervisorVersion }, writable: true, configurable: true, enumerable: false });
  return id;
}

/** Every stage on every host, in chain order, keeping the first rejection of each (explain placement). */
function explainFilters(hosts: readonly HostState[], plan: RequestPlan, chain: Chain): Filtered {
  const rejections = new Map<HostState, Rejection>();
  const survivors: HostState[] = [];
  const removedBy = new Map<FilterName, number>();
  // One answer per (static stage, host class) in this decision; undefined = not asked yet.
  const memo = chain.map(() => [] as (Rejection | null | undefined)[]);
  for (const host of hosts) {
    let r: Rejection | null = null;
    const cls = staticClassOf(host);
    for (let i = 0; i < chain.length; i++) {
      const f = chain[i] as Stage;
      if (f.static) {
        const answers = memo[i] as (Rejection | null | undefined)[];
        let a = answers[cls];
        if (a === undefined) answers[cls] = a = f.run(host, plan);
        r = a;
      } else r = f.run(host, plan);
      if (r) break;
    }
    if (r) {
      rejections.set(host, r);
      removedBy.set(r.filter, (removedBy.get(r.filter) ?? 0) + 1);
    } else survivors.push(host);
  }
  return { survivors, rejections, removedBy };
}

// The stages tested inline in the hot loop (no reason is built when only the survivors matter).
const INLINE: ReadonlySet<FilterName> = new Set(["AvailabilityZoneFilter", "ComputeFilter", "VCPU", "MEMORY_MB", "DISK_GB"]);

/**
 * The survivors only, as fast as the rules allow (the scheduler's hot path at 10,000 hosts): a
 * request for an AZ reads that AZ's hosts from the list's index; the static stages answer once per
 * host class; ComputeFilter and Placement's resource checks run inline; the other stages as in
 * the chain. Which stage refused a host is not kept: explainFilters says that.
 */
function fastFilters(hosts: readonly HostState[], plan: RequestPlan, chain: Chain): HostState[] {
  const index = cloudIndex(hosts);
  const byAz = chain.some((f) => f.name === "AvailabilityZoneFilter") ? plan.req.az : null;
  const candidates = byAz ? (index.byAz.get(byAz) ?? []) : hosts;
  const cls = classesOf(hosts, index, byAz);
  const statics = chain.filter((f) => f.static);
  const compute = chain.some((f) => f.name === "ComputeFilter" && f.run === computeFilter);
  const rest = chain.filter((f) => !f.static && !(INLINE.has(f.name) && f.run !== disabledOnly.run));
  const [vcpu, mem, disk] = (["VCPU", "MEMORY_MB", "DISK_GB"] as const).map((n) => chain.some((f) => f.name === n));
  const { vcpus, memoryMb, diskGb } = plan.req;
  const verdict: (boolean | undefined)[] = [];
  const survivors: HostState[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const host = candidates[i] as HostState;
    const c = cls[i] as number;
    let ok = verdict[c];
    if (ok === undefined) {
      ok = true;
      for (const f of statics) if (f.run(host, plan)) ok = false;
      verdict[c] = ok;
    }
    if (!ok) continue;
    if (compute && (!host.enabled || !host.up)) continue;
    if (vcpu && !fitsInventory(vcpus, host.vcpus, host.reservedVcpus, host.cpuRatio, host.vcpusUsed)) continue;
    if (mem && !fitsInventory(memoryMb, host.memoryMb, host.reservedMemoryMb, host.ramRatio, host.memoryMbUsed)) continue;
    if (disk && !fitsInventory(diskGb, host.diskGb, host.reservedDiskGb, host.diskRatio, host.diskGbUsed)) continue;
    let r: Rejection | null = null;
    for (const f of rest) if ((r = f.run(host, plan))) break;
    if (!r) survivors.push(host);
  }
  return survivors;
}

/** The indexes ranked best first (with the HCS preference added), and per-host weights when explaining. */
function rank(
  survivors: readonly HostState[],
  keys: ReadonlySet<string>,
  all: () => readonly HostState[],
  plan: RequestPlan,
  want: number,
  explain: boolean,
  diskBonus?: DiskBonus,
): { weights: Weights[] | null; order: number[] } {
  const { totals, columns } = weighTotals(survivors, plan.settings, keys, diskBonus);
  const groupScores = survivors.length > 1 ? tagGroupScores(all(), plan) : null;
  const group = groupScores ? new Float64Array(survivors.length) : null;
  if (groupScores && group)
    survivors.forEach((h, i) => {
      let best = 0;
      for (const g of h.groups) best = Math.max(best, groupScores.get(g.name) ?? 0);
      group[i] = best * GROUP_PREFERENCE_SCALE;
      totals[i] = (totals[i] as number) + (group[i] as number);
    });
  const weights = explain
    ? survivors.map((_, i) => ({ ram: columns?.ram?.[i] ?? 0, cpu: columns?.cpu?.[i] ?? 0, disk: columns?.disk?.[i] ?? 0, group: group?.[i] ?? 0, total: totals[i] as number }))
    : null;
  return { weights, order: topK(totals, want) };
}

/** host_subset_size: choose randomly among the best N; the rest stay in weight order. */
function pickFromSubset(order: number[], survivors: number, settings: SchedulerSettings, rng: Random): void {
  const subset = Math.max(1, Math.min(settings.hostSubsetSize, survivors));
  if (subset > 1) {
    const idx = Math.floor(rng.next() * subset);
    const [chosen] = order.splice(idx, 1);
    if (chosen !== undefined) order.unshift(chosen);
  }
}

export function schedule(hosts: readonly HostState[], req: RequestSpec, settings: SchedulerSettings, rng: Random, opts: ScheduleOptions = {}): ScheduleResult {
  const explain = opts.explain ?? false;
  const plan = planRequest(req, settings);
  const cloud = cloudIndex(hosts);
  const chain = chainFor(plan, 0, cloud);
  const filtered = explain ? explainFilters(hosts, plan, chain) : null;
  const survivors = filtered ? filtered.survivors : fastFilters(hosts, plan, chain);
  const rejections = filtered?.rejections ?? null;
  // The funnel is an explanation: only an explaining run counts what each stage removed.
  let remaining = hosts.length;
  const funnel = filtered
    ? FILTER_CHAIN.map((f) => {
        remaining -= filtered.removedBy.get(f.name) ?? 0;
        return { filter: f.name, remaining };
      })
    : [];
  const subset = Math.max(1, Math.min(settings.hostSubsetSize, survivors.length));
  const want = explain ? survivors.length : Math.min(survivors.length, subset + (opts.alternates ?? 4));
  const { weights, order } = rank(survivors, cloud.metadataKeys, () => hosts, plan, want, explain);
  pickFromSubset(order, survivors.length, settings, rng);
  const ranked = order.map((i) => survivors[i] as HostState);
  let verdicts: HostVerdict[] = [];
  if (explain && weights) {
    const weightOf = new Map(survivors.map((h, i) => [h, weights[i] as Weights]));
    verdicts = hosts.map((host) => ({ host, rejection: rejections?.get(host) ?? null, weights: weightOf.get(host) ?? null }));
  }
  return { ranked, verdicts, funnel };
}

/** What a chosen host gives up for one instance, in Placement and in the host manager's view. */
export function consume(host: HostState, req: RequestSpec): void {
  host.vcpusUsed += req.vcpus;
  host.memoryMbUsed += req.memoryMb;
  host.diskGbUsed += req.diskGb;
  if (wantsHugePages(req.extraSpecs)) host.hugePagesUsedMb += req.memoryMb;
  host.instanceCount += 1;
}

export interface BatchResult {
  /** Per instance, the host chosen and then the others of its round in weight order (alternates). */
  placements: HostState[][];
  /** The instance that found no host (placements stop there), or null when all were placed. */
  failedAt: number | null;
}

/**
 * Several instances of one request, as Nova's FilterScheduler._schedule places them. The filters
 * run once; each later instance re-runs only the filters that are not once-per-request on the
 * previous round's hosts (in that round's order), weighs them on the state the earlier picks
 * consumed (hosts that no longer fit still count in the normalization), and takes the first host
 * in weight order that Placement still accepts. Works on copies: the hosts passed in are not changed.
 */
export function scheduleBatch(hosts: readonly HostState[], req: RequestSpec, count: number, settings: SchedulerSettings, rng: Random, alternates = 4): BatchResult {
  const plan = planRequest(req, settings);
  const cloud = cloudIndex(hosts);
  // Only a host this request consumed is copied (copy -> the caller's host); the rest are read as they are.
  const original = new Map<HostState, HostState>();
  const copyOf = new Map<HostState, HostState>();
  const diskBonus = new Map<HostState, number>();
  const placements: HostState[][] = [];
  let current: HostState[] = [];
  const swapGb = req.diskGb - req.localGb;
  const consumedView = () => (copyOf.size ? hosts.map((h) => copyOf.get(h) ?? h) : hosts);
  for (let index = 0; index < count; index++) {
    const chain = chainFor(plan, index, cloud);
    const survivors = fastFilters(index === 0 ? hosts : current, plan, chain);
    if (survivors.length === 0) return { placements, failedAt: index };
    // The whole order matters while later instances will start from it; for the last one, the best few do.
    const subset = Math.max(1, Math.min(settings.hostSubsetSize, survivors.length));
    let want = index < count - 1 ? survivors.length : Math.min(survivors.length, subset + alternates);
    const fits = (h: HostState) => !placementVcpu(h, plan) && !placementMemory(h, plan) && !placementDisk(h, plan);
    let sorted: HostState[];
    let claimed: HostState | undefined;
    for (;;) {
      const { order } = rank(survivors, cloud.metadataKeys, consumedView, plan, want, false, diskBonus);
      pickFromSubset(order, survivors.length, settings, rng);
      sorted = order.map((i) => survivors[i] as HostState);
      // The claim: the first host in this order that Placement still has room on.
      claimed = sorted.find(fits);
      if (claimed || want === survivors.length) break;
      want = survivors.length;
    }
    if (!claimed) return { placements, failedAt: index };
    let copy = copyOf.get(original.get(claimed) ?? claimed) ?? null;
    if (!copy) {
      copy = { ...claimed };
      original.set(copy, claimed);
      copyOf.set(claimed, copy);
    }
    consume(copy, req);
    // Nova's host manager takes root + ephemeral off the free disk, not the swap Placement counted.
    if (swapGb > 0) diskBonus.set(copy, (diskBonus.get(copy) ?? 0) + swapGb * 1024);
    const mine = original.get(copy) as HostState;
    if (req.serverGroup) req = { ...req, serverGroup: { ...req.serverGroup, hostIds: [...req.serverGroup.hostIds, mine.id] } };
    plan.req = req;
    placements.push([claimed, ...sorted.filter((h) => h !== claimed)].map((h) => original.get(h) ?? h));
    // The next round starts from this round's order (the pick first), as Nova's loop does.
    current = sorted.map((h) => (h === claimed ? (copy as HostState) : h));
  }
  return { placements, failedAt: null };
}

/**
 * The reason to give a person when no host fits: the stage that removed the last hosts, and
 * the nearest miss among the hosts it rejected (the most any host could still give).
 */
export interface NoHostExplanation {
  az: string | null;
  hostCount: number;
  filter: FilterName | null;
  /** For capacity stages: what was asked for and the best any host could offer. */
  requested: number | null;
  bestAvailable: number | null;
  code: Rejection["code"] | "no_hosts";
  /** For property filters: what the request wanted (an architecture, a key=value, a trait). */
  wanted: string | null;
  funnel: { filter: FilterName; remaining: number }[];
}

/** Takes a result scheduled with `explain: true` (it reads every host's verdict). */
export function explainNoHost(result: ScheduleResult, req: RequestSpec): NoHostExplanation {
  const inScope = result.verdicts.filter((v) => !req.az || (v.host.az ?? DEFAULT_AZ) === req.az);
  if (inScope.length === 0)
    return { az: req.az, hostCount: 0, filter: null, requested: null, bestAvailable: null, code: "no_hosts", wanted: null, funnel: result.funnel };
  // The decisive stage is the last one in the chain that rejected any host: the hosts it
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
    if (r.filter === "ImagePropertiesFilter") wanted = r.wanted;
    else if (r.code === "extra_spec_mismatch" || r.code === "capability_mismatch") wanted = `${r.key}=${r.wanted}`;
    else if (r.code === "not_requested_host") wanted = r.requested;
    else if (r.code === "affinity_violation" || r.code === "anti_affinity_violation") wanted = r.group;
    else if (r.code === "trait_missing" || r.code === "trait_forbidden" || r.code === "isolated_aggregate") wanted = r.trait;
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


/** A host as stored (a database row, or a seed's spec): the columns the scheduler reads. */
export interface HostRecord {
  id: string;
  name: string;
  azId: string | null;
  enabled?: boolean;
  architecture: string;
  cpuModel: string;
  hypervisorType: string;
  hypervisorVersion: number;
  cpuInfo: string;
  traits: string;
  vcpus: number;
  memoryMb: number;
  localDiskGb: number;
  hugePageMemoryMb: number;
  reservedVcpus?: number | null;
  reservedMemoryMb?: number | null;
  cpuAllocationRatio?: number | null;
  ramAllocationRatio?: number | null;
  diskAllocationRatio?: number | null;
  vcpusUsed?: number;
  memoryMbUsed?: number;
  diskGbUsed?: number;
  hugePagesUsedMb?: number;
  instanceCount?: number;
}

/** The scheduler's view of a stored host: per-host overrides, else the cloud's settings. */
export function hostStateOf(h: HostRecord, settings: SchedulerSettings, up: boolean, groups: HostGroupInfo[]): HostState {
  return {
    id: h.id,
    name: h.name,
    az: h.azId,
    enabled: h.enabled ?? true,
    up,
    virtType: h.hypervisorType,
    hypervisorVersion: h.hypervisorVersion,
    cpuInfo: parseCpuInfo(h.cpuInfo, h.architecture, h.cpuModel, h.vcpus),
    traits: h.traits.split(",").filter(Boolean),
    vcpus: h.vcpus,
    memoryMb: h.memoryMb,
    diskGb: h.localDiskGb,
    hugePageMemoryMb: h.hugePageMemoryMb,
    reservedVcpus: h.reservedVcpus ?? settings.reservedHostCpus,
    reservedMemoryMb: h.reservedMemoryMb ?? settings.reservedHostMemoryMb,
    reservedDiskGb: Math.ceil(settings.reservedHostDiskMb / 1024),
    cpuRatio: h.cpuAllocationRatio ?? settings.cpuAllocationRatio,
    ramRatio: h.ramAllocationRatio ?? settings.ramAllocationRatio,
    diskRatio: h.diskAllocationRatio ?? settings.diskAllocationRatio,
    vcpusUsed: h.vcpusUsed ?? 0,
    memoryMbUsed: h.memoryMbUsed ?? 0,
    diskGbUsed: h.diskGbUsed ?? 0,
    hugePagesUsedMb: h.hugePagesUsedMb ?? 0,
    instanceCount: h.instanceCount ?? 0,
    groups,
  };
}
