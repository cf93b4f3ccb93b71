// Random clouds and requests for the differential test against Nova's own classes: seeded, so a
// failing case can be replayed by its number. The mix aims at the rules where an emulation goes
// wrong: used amounts around the limits, reservations, ratios, hosts in no AZ, disabled and down
// services, host groups with metadata, weight multipliers (signed, per group), isolation and
// tenant filters, traits, capabilities of every shape, image properties, 1-3 instances.
import { seededRandom, type Random } from "@/lib/cloud/shared";
import type { HostState, RequestSpec } from "@/lib/cloud/compute";

/** A host as the harness receives it: this scheduler's HostState, named by `name`, in groups named by name. */
export type CaseHost = Omit<HostState, "id" | "hugePageMemoryMb" | "hugePagesUsedMb" | "groups"> & { groups: string[] };

export interface CaseRequest {
  az: string | null;
  projectId: string;
  vcpus: number;
  memoryMb: number;
  rootGb: number;
  ephemeralGb: number;
  swapMb: number;
  extraSpecs: Record<string, string>;
  image: { hw_architecture: string | null; img_hv_type: string | null; hw_vm_mode: string | null; img_hv_requested_version: string | null; traits_required: string[] };
  serverGroup: { policy: "affinity" | "anti-affinity"; hosts: string[] } | null;
  forceHost: string | null;
  ignoreHosts: string[];
  count: number;
}

export interface NovaCase {
  settings: { ramWeightMultiplier: number; cpuWeightMultiplier: number; diskWeightMultiplier: number; isolatedAggregateFiltering: boolean };
  groups: { name: string; metadata: Record<string, string> }[];
  hosts: CaseHost[];
  request: CaseRequest;
}

const chance = (rng: Random, p: number) => rng.next() < p;
const some = <T>(rng: Random, items: readonly T[], p: number) => items.filter(() => chance(rng, p));

const X86_FEATURES = ["sse4.2", "avx", "avx2", "avx512f", "aes", "vmx", "pdpe1gb"];
const ARM_FEATURES = ["fp", "asimd", "aes", "sha2", "crc32", "atomics"];
const TRAITS = ["CUSTOM_HUGEPAGES", "CUSTOM_GPU", "CUSTOM_SSD", "HW_CPU_X86_AVX2", "HW_ARCH_AARCH64"];
const MULTIPLIERS = ["-2", "-1", "-0.5", "0", "0.5", "1", "2.5", "10"];

function group(rng: Random, i: number): { name: string; metadata: Record<string, string> } {
  const md: Record<string, string> = {};
  if (chance(rng, 0.5)) md.tag = rng.pick(["general", "hugepage", "arm", "general, arm"]);
  if (chance(rng, 0.4)) md.ssd = rng.pick(["true", "false"]);
  if (chance(rng, 0.2)) md.cpu = rng.pick(["cascadelake", "icelake", "kunpeng"]);
  if (chance(rng, 0.25)) md.ram_weight_multiplier = rng.pick(MULTIPLIERS);
  if (chance(rng, 0.2)) md.cpu_weight_multiplier = rng.pick(MULTIPLIERS);
  if (chance(rng, 0.2)) md.disk_weight_multiplier = rng.pick(MULTIPLIERS);
  if (chance(rng, 0.1)) md[`trait:${rng.pick(TRAITS)}`] = "required";
  if (chance(rng, 0.07)) md.filter_tenant_id = rng.pick(["p1", "p2", "p1,p3"]);
  return { name: `g${i}`, metadata: md };
}

function host(rng: Random, i: number, groups: string[]): CaseHost {
  const arm = chance(rng, 0.25);
  const arch = arm ? "aarch64" : "x86_64";
  const vcpus = rng.pick([8, 16, 32, 48, 64, 96, 128]);
  const memoryMb = rng.pick([16, 32, 64, 128, 256, 512, 1024]) * 1024;
  const diskGb = rng.pick([100, 200, 500, 1200, 2400, 4000]);
  const reservedVcpus = chance(rng, 0.3) ? rng.int(1, 4) : 0;
  const reservedMemoryMb = rng.pick([0, 512, 512, 2048, 8192]);
  const reservedDiskGb = rng.pick([0, 0, 10, 50]);
  const cpuRatio = rng.pick([1, 1.5, 2, 4, 8, 16]);
  const ramRatio = rng.pick([1, 1, 1.2, 1.5, 2]);
  const diskRatio = rng.pick([1, 1, 1.5, 2]);
  // Used amounts anywhere from empty to a little past the limit (a ratio lowered after the fact).
  const around = (limit: number) => Math.max(0, Math.floor(limit * (chance(rng, 0.75) ? rng.next() * 0.8 : rng.pick([0.9, 0.97, 1, 1.02])) - rng.int(0, 3)));
  return {
    name: `h${String(i).padStart(2, "0")}`,
    az: rng.pick(["az1", "az1", "az2", null]),
    enabled: chance(rng, 0.93),
    up: chance(rng, 0.93),
    virtType: chance(rng, 0.85) ? "kvm" : "qemu",
    hypervisorVersion: rng.pick([4002000, 6002000, 7002000, 8000000]),
    cpuInfo: {
      arch,
      vendor: arm ? "HiSilicon" : rng.pick(["Intel", "AMD"]),
      model: arm ? "Kunpeng-920" : rng.pick(["Cascadelake-Server", "Icelake-Server", "EPYC-Milan"]),
      topology: { cells: rng.pick([1, 2]), sockets: rng.pick([1, 2]), cores: rng.pick([8, 16, 24, 32]), threads: arm ? 1 : rng.pick([1, 2]) },
      features: some(rng, arm ? ARM_FEATURES : X86_FEATURES, 0.6),
    },
    traits: some(rng, TRAITS, 0.3),
    vcpus,
    memoryMb,
    diskGb,
    reservedVcpus,
    reservedMemoryMb,
    reservedDiskGb,
    cpuRatio,
    ramRatio,
    diskRatio,
    vcpusUsed: around((vcpus - reservedVcpus) * cpuRatio),
    memoryMbUsed: around((memoryMb - reservedMemoryMb) * ramRatio),
    diskGbUsed: around((diskGb - reservedDiskGb) * diskRatio),
    instanceCount: rng.int(0, 40),
    groups: some(rng, groups, 0.3).slice(0, 3),
  };
}

// Extra specs of every scope the filters read, with every operator.
const SPECS: readonly (readonly [string, readonly string[]])[] = [
  ["aggregate_instance_extra_specs:ssd", ["true", "<or> true <or> false", "s!= false"]],
  ["tag", ["general", "arm", "<in> gen"]],
  ["aggregate_instance_extra_specs:cpu", ["<or> icelake <or> kunpeng", "s>= d"]],
  ["capabilities:cpu_info:vendor", ["Intel", "s== AMD", "<in> Hi"]],
  ["capabilities:cpu_info:features", ["<all-in> avx2 aes", "<in> avx512", "<in> asimd"]],
  ["capabilities:cpu_info:model", ["<or> Icelake-Server <or> EPYC-Milan", "s< F"]],
  ["capabilities:cpu_info:arch", ["x86_64", "aarch64"]],
  ["capabilities:cpu_info:topology:cores", ["<= 16", ">= 24", "== 8"]],
  ["capabilities:vcpus_total", [">= 32", "== 64", "!= 128", "= 48"]],
  ["capabilities:hypervisor_version", [">= 6002000", "< 7000000", "s== 7002000"]],
  ["capabilities:hypervisor_type", ["QEMU", "s!= QEMU", "qemu"]],
  ["capabilities:cpu_allocation_ratio", ["16.0", ">= 4", "16"]],
  ["capabilities:total_usable_ram_mb", [">= 131072"]],
  ["capabilities:free_ram_mb", [">= 65536"]],
  ["capabilities:num_instances", ["<= 20"]],
  ["capabilities:io_workload", ["0"]],
  ["capabilities:no_such_attribute", ["x"]],
  ["capabilities:cpu_info:topology:sockets:x", ["1"]],
  ["free_disk_mb", [">= 100000"]],
  ["vcpus_total", [">= 16"]],
  ["trait:CUSTOM_SSD", ["required", "forbidden"]],
  ["trait:CUSTOM_HUGEPAGES", ["required", "forbidden"]],
  ["trait:HW_ARCH_AARCH64", ["required"]],
  ["trait:CUSTOM_GPU", ["forbidden", "bogus"]],
  ["hw:cpu_policy", ["shared", "dedicated"]],
];

function request(rng: Random, hosts: CaseHost[]): CaseRequest {
  const extraSpecs: Record<string, string> = {};
  const n = rng.pick([0, 0, 0, 1, 1, 2, 3]);
  for (let i = 0; i < n; i++) {
    const [key, values] = rng.pick(SPECS);
    extraSpecs[key] = rng.pick(values);
  }
  const policy = rng.pick(["affinity", "anti-affinity"] as const);
  const names = hosts.map((h) => h.name);
  return {
    az: rng.pick(["az1", "az2", null, null, null, "nova"]),
    projectId: rng.pick(["p1", "p2", "p3"]),
    vcpus: rng.pick([1, 1, 2, 4, 8, 16, 32]),
    memoryMb: rng.pick([512, 1024, 2048, 4096, 16384, 65536]),
    rootGb: rng.pick([0, 10, 40, 100, 200]),
    ephemeralGb: rng.pick([0, 0, 10, 50]),
    swapMb: rng.pick([0, 0, 512, 1024, 1500, 4096]),
    extraSpecs,
    image: {
      hw_architecture: rng.pick(["x86_64", "x86_64", "x86_64", "aarch64", null, null, "amd64"]),
      img_hv_type: rng.pick([null, null, null, null, "kvm", "qemu", "QEMU"]),
      hw_vm_mode: rng.pick([null, null, null, null, "hvm", "hvm", "xen"]),
      img_hv_requested_version: rng.pick([null, null, null, null, ">= 6.0", ">= 7.0, < 8.0", "== 6.2"]),
      traits_required: chance(rng, 0.08) ? [rng.pick(TRAITS)] : [],
    },
    serverGroup: chance(rng, 0.2) ? { policy, hosts: some(rng, names, 0.05).slice(0, 3) } : null,
    forceHost: chance(rng, 0.05) ? rng.pick(names) : null,
    ignoreHosts: chance(rng, 0.1) ? some(rng, names, 0.1).slice(0, 2) : [],
    count: rng.pick([1, 1, 2, 3]),
  };
}

/** One cloud of `size` hosts and `count` requests against it (the side-by-side benchmark). */
export function novaCloud(seed: number, size: number, count: number): { cloud: Omit<NovaCase, "request">; requests: CaseRequest[] } {
  const rng = seededRandom(seed);
  const groups = Array.from({ length: 4 }, (_, i) => group(rng, i));
  const hosts = Array.from({ length: size }, (_, i) => ({ ...host(rng, i, groups.map((g) => g.name)), name: `h${String(i).padStart(5, "0")}` }));
  const requests = Array.from({ length: count }, () => ({ ...request(rng, hosts), count: 1, forceHost: null, ignoreHosts: [], serverGroup: null }));
  return { cloud: { settings: { ramWeightMultiplier: 1, cpuWeightMultiplier: 0, diskWeightMultiplier: 0, isolatedAggregateFiltering: true }, groups, hosts }, requests };
}

export function novaCase(seed: number): NovaCase {
  const rng = seededRandom(seed);
  const groups = Array.from({ length: rng.int(0, 5) }, (_, i) => group(rng, i));
  const hosts = Array.from({ length: rng.int(5, 80) }, (_, i) => host(rng, i, groups.map((g) => g.name)));
  return {
    settings: {
      ramWeightMultiplier: rng.pick([1, 1, -1, 0, 2.5, -0.5]),
      cpuWeightMultiplier: rng.pick([0, 0, 1, -1, 3]),
      diskWeightMultiplier: rng.pick([0, 0, 1, -2, 0.5]),
      isolatedAggregateFiltering: chance(rng, 0.5),
    },
    groups,
    hosts,
    request: request(rng, hosts),
  };
}

/** A case's hosts as this scheduler's HostStates (the host name is its id). */
export function toHostStates(cloud: Pick<NovaCase, "groups" | "hosts">): HostState[] {
  const groups = new Map(cloud.groups.map((g) => [g.name, g.metadata]));
  return cloud.hosts.map((h) => ({ ...h, id: h.name, hugePageMemoryMb: 0, hugePagesUsedMb: 0, groups: h.groups.map((name) => ({ name, metadata: groups.get(name) ?? {} })) }));
}

/** A case's request as this scheduler's RequestSpec (Placement's DISK_GB, and root + ephemeral for the host manager). */
export function toRequestSpec(r: CaseRequest): RequestSpec {
  return {
    az: r.az,
    projectId: r.projectId,
    vcpus: r.vcpus,
    memoryMb: r.memoryMb,
    diskGb: r.rootGb + r.ephemeralGb + Math.ceil(r.swapMb / 1024),
    localGb: r.rootGb + r.ephemeralGb,
    extraSpecs: r.extraSpecs,
    image: {
      architecture: r.image.hw_architecture,
      hypervisorType: r.image.img_hv_type,
      vmMode: r.image.hw_vm_mode,
      hvRequestedVersion: r.image.img_hv_requested_version,
      traitsRequired: r.image.traits_required,
      minRamMb: 0,
      minDiskGb: 0,
    },
    serverGroup: r.serverGroup ? { name: "sg", policy: r.serverGroup.policy, hostIds: r.serverGroup.hosts } : null,
    forceHost: r.forceHost,
    ignoreHosts: r.ignoreHosts,
  };
}
