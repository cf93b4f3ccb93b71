// The stages of a decision, in order: the AZ, the host manager (forced, requested and ignored
// hosts), ComputeFilter, Placement (resource classes, traits, isolated host groups), then the
// filters. Each stage is a function that names why it refused a host; `fastFilters` runs the same
// rules without reasons for the hot path, `explainFilters` keeps every host's first refusal.
import { extraSpecMatcher, pyFloat, type SpecMatcher } from "./extra-specs-ops";
import {
  canonicalArch,
  canonicalHvType,
  canonicalVmMode,
  cpuInfoValue,
  LIBVIRT_HYPERVISOR_TYPE,
  pyStr,
  supportedInstancesFor,
  versionPredicate,
  versionToString,
  type CpuInfo,
  type PyValue,
  type SupportedInstance,
} from "./host-facts";
import { DEFAULT_AZ, freeDiskMb, freeRamMb, NOVA_ZED_DEFAULTS, wantsHugePages, type HostGroupInfo, type HostState, type ImageRequest, type RequestSpec, type SchedulerSettings } from "./request";

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
export function groupFacts(host: HostState): GroupFacts {
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
    const nums = [...raw].map(pyFloat);
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
export const placementVcpu: Filter = (h, p) => placementCheck("VCPU", p.req.vcpus, h.vcpus, h.reservedVcpus, h.cpuRatio, h.vcpusUsed);
export const placementMemory: Filter = (h, p) => placementCheck("MEMORY_MB", p.req.memoryMb, h.memoryMb, h.reservedMemoryMb, h.ramRatio, h.memoryMbUsed);
export const placementDisk: Filter = (h, p) => placementCheck("DISK_GB", p.req.diskGb, h.diskGb, h.reservedDiskGb, h.diskRatio, h.diskGbUsed);

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

export interface Stage {
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

export type Chain = readonly Stage[];

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
export function hostsInAz(hosts: readonly HostState[], az: string): readonly HostState[] {
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
export function explainFilters(hosts: readonly HostState[], plan: RequestPlan, chain: Chain): Filtered {
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
export function fastFilters(hosts: readonly HostState[], plan: RequestPlan, chain: Chain): HostState[] {
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
