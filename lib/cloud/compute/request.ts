// What the scheduler reads: a host as Nova's host manager holds it (HostState), a request as
// Nova's RequestSpec carries it, and the settings that shape a decision.
import { parseCpuInfo } from "./host-facts";
import type { CpuInfo } from "./host-facts";

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

/**
 * What a flavor asks of its host. A volume-backed instance (Nova's is_bfv) boots from an EVS
 * volume, so its root disk is not on the host: Placement is asked for ephemeral and swap only
 * (nova/scheduler/utils.py, ResourceRequest.from_request_spec).
 */
export function onHost<F extends { diskGb: number }>(flavor: F, volumeBacked: boolean): F {
  return volumeBacked ? { ...flavor, diskGb: 0 } : flavor;
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

// What the weighers read, as the resource tracker reports it: free RAM and disk are physical
// (no over-commit) after the reservation; free vCPUs are over-committed.
export const freeRamMb = (h: HostState) => h.memoryMb - h.reservedMemoryMb - h.memoryMbUsed;
export const freeDiskMb = (h: HostState) => (h.diskGb - h.reservedDiskGb - h.diskGbUsed) * 1024;
export const freeVcpus = (h: HostState) => h.vcpus * h.cpuRatio - (h.reservedVcpus + h.vcpusUsed);


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
