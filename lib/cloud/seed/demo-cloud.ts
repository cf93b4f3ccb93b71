// The demo cloud as plain data, derived from one seed value and sized by the number of compute
// hosts. Pure: the same (seed, size) always yields the same cloud, so a lab is reproducible and
// the seed script can upsert it idempotently.
import type { LevelDef } from "../approval";
import { seededRandom } from "../shared/random";
import type { Role } from "../identity/permissions";
import type { QuotaResource } from "../quota/quota";

export interface DemoCloudOptions {
  seed: number;
  computeHosts: number;
}

export const REGION = { id: "cn-south-1", name: "CN South-Guangzhou" } as const;
export const AZS = [
  { id: "az1", name: "az1", description: "SSD-backed general compute" },
  { id: "az2", name: "az2", description: "HDD-backed compute with the Kunpeng (arm64) pool" },
] as const;

export interface HostSpec {
  id: string;
  name: string;
  azId: string;
  ip: string;
  cpuModel: string;
  architecture: "x86_64" | "aarch64";
  hypervisorType: "kvm";
  /** QEMU's version as Nova's hypervisor_version (7.2.0 -> 7002000). */
  hypervisorVersion: number;
  /** libvirt's cpu_info without arch (vendor, model, topology, features), as JSON text. */
  cpuInfo: string;
  /** Placement traits, comma-separated. */
  traits: string;
  vcpus: number;
  memoryMb: number;
  localDiskGb: number;
  hugePageMemoryMb: number;
  serialNo: string;
  model: string;
  groupId: string;
}

export interface HostGroupSpec {
  id: string;
  name: string;
  azId: string;
  metadata: Record<string, string>;
}

interface HostKind {
  group: string;
  cpuModel: string;
  /** What libvirt calls the CPU (its CPU map model), the vendor, the guest-visible features. */
  libvirtModel: string;
  vendor: string;
  features: readonly string[];
  traits: readonly string[];
  hypervisorVersion: number;
  architecture: "x86_64" | "aarch64";
  model: string;
  vcpus: readonly number[];
  memoryGb: readonly number[];
  diskGb: readonly number[];
  hugePagesGb: number;
}

const X86_FEATURES = ["sse4.2", "avx", "avx2", "avx512f", "aes", "pclmuldq", "vmx"] as const;
const X86_TRAITS = ["HW_CPU_X86_SSE42", "HW_CPU_X86_AVX", "HW_CPU_X86_AVX2", "HW_CPU_X86_AVX512F", "COMPUTE_NET_ATTACH_INTERFACE", "COMPUTE_VOLUME_EXTEND"] as const;

// Per AZ: most hosts are general purpose; every fourth is special (huge pages in az1,
// Kunpeng arm64 in az2), and az2's general hosts are a newer CPU generation than az1's.
const KINDS: Record<string, { general: HostKind; special: HostKind }> = {
  az1: {
    general: { group: "az1-general", cpuModel: "Intel Xeon Gold 6248", libvirtModel: "Cascadelake-Server", vendor: "Intel", features: X86_FEATURES, traits: X86_TRAITS, hypervisorVersion: 6002000, architecture: "x86_64", model: "FusionServer 2288H V5", vcpus: [64, 80], memoryGb: [256, 384], diskGb: [1200, 1800], hugePagesGb: 0 },
    special: { group: "az1-hugepage", cpuModel: "Intel Xeon Platinum 8260", libvirtModel: "Cascadelake-Server", vendor: "Intel", features: X86_FEATURES, traits: [...X86_TRAITS, "CUSTOM_HUGEPAGES"], hypervisorVersion: 6002000, architecture: "x86_64", model: "FusionServer 2288H V5", vcpus: [96], memoryGb: [512], diskGb: [1800], hugePagesGb: 256 },
  },
  az2: {
    general: { group: "az2-general", cpuModel: "Intel Xeon Gold 6348", libvirtModel: "Icelake-Server", vendor: "Intel", features: [...X86_FEATURES, "avx512vnni", "vaes"], traits: [...X86_TRAITS, "HW_CPU_X86_AVX512VNNI"], hypervisorVersion: 7002000, architecture: "x86_64", model: "FusionServer 2288H V6", vcpus: [56, 112], memoryGb: [256, 512], diskGb: [2400], hugePagesGb: 0 },
    special: { group: "az2-kunpeng", cpuModel: "Kunpeng 920-4826", libvirtModel: "Kunpeng-920", vendor: "HiSilicon", features: ["fp", "asimd", "aes", "pmull", "sha1", "sha2", "crc32", "atomics"], traits: ["HW_ARCH_AARCH64", "HW_CPU_AARCH64_ASIMD", "COMPUTE_NET_ATTACH_INTERFACE", "COMPUTE_VOLUME_EXTEND"], hypervisorVersion: 7002000, architecture: "aarch64", model: "TaiShan 200 2280", vcpus: [96, 128], memoryGb: [256, 512], diskGb: [2400], hugePagesGb: 0 },
  },
};

export const HOST_GROUPS: readonly HostGroupSpec[] = [
  { id: "hg-az1-general", name: "az1-general", azId: "az1", metadata: { tag: "general", cpu: "cascadelake" } },
  // Dedicated groups (Placement's isolated aggregates): only requests that require the trait land here.
  { id: "hg-az1-hugepage", name: "az1-hugepage", azId: "az1", metadata: { tag: "hugepage", hugepages: "true", "trait:CUSTOM_HUGEPAGES": "required" } },
  { id: "hg-az2-general", name: "az2-general", azId: "az2", metadata: { tag: "general", cpu: "icelake" } },
  { id: "hg-az2-kunpeng", name: "az2-kunpeng", azId: "az2", metadata: { tag: "arm", arch: "aarch64", "trait:HW_ARCH_AARCH64": "required" } },
];

const pad = (n: number, w = 3) => String(n).padStart(w, "0");

export function demoHosts(opts: DemoCloudOptions): HostSpec[] {
  const rng = seededRandom(opts.seed);
  const hosts: HostSpec[] = [];
  const perAz: Record<string, number> = { az1: 0, az2: 0 };
  for (let i = 0; i < opts.computeHosts; i++) {
    const azId = i % 2 === 0 ? "az1" : "az2";
    const n = ++perAz[azId]!;
    const kinds = KINDS[azId]!;
    const kind = n % 4 === 0 ? kinds.special : kinds.general;
    const octet3 = Math.floor(n / 250);
    hosts.push({
      id: `cmp-${azId}-${pad(n, 4)}`,
      name: `cmp-${azId}-${pad(n, 4)}`,
      azId,
      ip: `10.${azId === "az1" ? 10 : 20}.${octet3}.${(n % 250) + 1}`,
      cpuModel: kind.cpuModel,
      architecture: kind.architecture,
      hypervisorType: "kvm",
      hypervisorVersion: kind.hypervisorVersion,
      cpuInfo: "",
      traits: kind.traits.join(","),
      vcpus: rng.pick(kind.vcpus),
      memoryMb: rng.pick(kind.memoryGb) * 1024,
      localDiskGb: rng.pick(kind.diskGb),
      hugePageMemoryMb: kind.hugePagesGb * 1024,
      serialNo: `2102${pad(rng.int(0, 999999), 6)}${pad(i, 5)}`,
      model: kind.model,
      groupId: `hg-${kind.group}`,
    });
    const h = hosts[hosts.length - 1] as HostSpec;
    // Two sockets, two threads per core: the topology libvirt reports for these servers.
    h.cpuInfo = JSON.stringify({ vendor: kind.vendor, model: kind.libvirtModel, topology: { cells: 2, sockets: 2, cores: h.vcpus / (kind.architecture === "aarch64" ? 2 : 4), threads: kind.architecture === "aarch64" ? 1 : 2 }, features: kind.features });
  }
  return hosts;
}

export const DEPLOY_NODES = [
  { id: "ctrl-01", name: "ctrl-01", role: "controller", haRole: "active", ip: "10.0.0.11", services: "cps-server,zookeeper,nova-api,nova-scheduler,cinder-api,neutron-server,glance,keystone,service-om", serialNo: "2102311TFH10M1000001", model: "FusionServer 2288H V6" },
  { id: "ctrl-02", name: "ctrl-02", role: "controller", haRole: "standby", ip: "10.0.0.12", services: "cps-server,zookeeper,nova-api,nova-scheduler,cinder-api,neutron-server,glance,keystone,service-om", serialNo: "2102311TFH10M1000002", model: "FusionServer 2288H V6" },
  { id: "ctrl-03", name: "ctrl-03", role: "controller", haRole: "standby", ip: "10.0.0.13", services: "cps-server,zookeeper,nova-api,nova-scheduler,cinder-api,neutron-server,glance,keystone", serialNo: "2102311TFH10M1000003", model: "FusionServer 2288H V6" },
  { id: "net-01", name: "net-01", role: "network", haRole: "active", ip: "10.0.0.21", services: "neutron-l3-agent,neutron-dhcp-agent,neutron-metadata-agent", serialNo: "2102311TFH10M1000011", model: "FusionServer 2288H V6" },
  { id: "net-02", name: "net-02", role: "network", haRole: "standby", ip: "10.0.0.22", services: "neutron-l3-agent,neutron-dhcp-agent,neutron-metadata-agent", serialNo: "2102311TFH10M1000012", model: "FusionServer 2288H V6" },
] as const;

// Two OceanStor 5500 V5 arrays, one per AZ: a controller enclosure (two controllers, 25 disk
// slots) and a cascaded disk enclosure each; every enclosure's disks form one RAID 2.0+ disk
// domain, and each domain backs one pool (the array's capacity computed by lib/cloud/storage/raid.ts).
export interface SeedDiskDomain {
  id: string;
  enclosure: string;
  diskType: "SSD" | "SAS" | "NL-SAS";
  disks: number;
  diskGb: number;
  level: "RAID5" | "RAID6" | "RAID10";
  data: number;
  parity: number;
  hotSpareDisks: number;
  pool: { id: string; name: string; azId: string; tier: "performance" | "balanced" | "capacity"; backendName: string; protocol: "iSCSI" | "FC"; capabilities: Record<string, string | number | boolean> };
}

export const STORAGE_ARRAYS: readonly { id: string; name: string; model: string; serialNo: string; firmware: string; managementIp: string; domains: readonly SeedDiskDomain[] }[] = [
  {
    id: "array-a",
    name: "OceanStor-5500-A",
    model: "OceanStor 5500 V5",
    serialNo: "210235G7LN10K9000001",
    firmware: "V500R007C60SPC300",
    managementIp: "10.0.5.11",
    domains: [
      { id: "dd-a-ssd", enclosure: "CTE0", diskType: "SSD", disks: 25, diskGb: 3840, level: "RAID5", data: 8, parity: 1, hotSpareDisks: 1, pool: { id: "pool-az1-ssd", name: "az1-ssd-pool", azId: "az1", tier: "performance", backendName: "oceanstor-ssd", protocol: "FC", capabilities: { disk_type: "ssd", QoS_support: true, multiattach: true, compression: true, dedup: true } } },
      { id: "dd-a-sas", enclosure: "DAE010", diskType: "SAS", disks: 24, diskGb: 1800, level: "RAID6", data: 8, parity: 2, hotSpareDisks: 1, pool: { id: "pool-az1-sas", name: "az1-sas-pool", azId: "az1", tier: "balanced", backendName: "oceanstor-sas", protocol: "iSCSI", capabilities: { disk_type: "sas", QoS_support: true, multiattach: true, compression: false, dedup: false } } },
    ],
  },
  {
    id: "array-b",
    name: "OceanStor-5500-B",
    model: "OceanStor 5500 V5",
    serialNo: "210235G7LN10K9000002",
    firmware: "V500R007C60SPC300",
    managementIp: "10.0.5.12",
    domains: [
      { id: "dd-b-sas", enclosure: "CTE0", diskType: "SAS", disks: 25, diskGb: 1800, level: "RAID6", data: 8, parity: 2, hotSpareDisks: 1, pool: { id: "pool-az2-sas", name: "az2-sas-pool", azId: "az2", tier: "balanced", backendName: "oceanstor-sas", protocol: "iSCSI", capabilities: { disk_type: "sas", QoS_support: true, multiattach: true, compression: false, dedup: false } } },
      { id: "dd-b-nlsas", enclosure: "DAE010", diskType: "NL-SAS", disks: 24, diskGb: 8000, level: "RAID6", data: 8, parity: 2, hotSpareDisks: 2, pool: { id: "pool-az2-nlsas", name: "az2-nlsas-pool", azId: "az2", tier: "capacity", backendName: "oceanstor-nlsas", protocol: "iSCSI", capabilities: { disk_type: "nl_sas", QoS_support: false, multiattach: false, compression: false, dedup: false } } },
    ],
  },
];

// The three HCS volume types. provisioning:type picks thin or thick LUNs; volume_backend_name
// the pools of that tier; the QoS specs are what the array enforces per volume.
export const VOLUME_TYPES = [
  { id: "vt-common", name: "SATA", description: "Common I/O: capacity-tier NL-SAS and SAS pools, thin", extraSpecs: { "provisioning:type": "thin", "capabilities:disk_type": "<or> nl_sas <or> sas" }, qosIops: 1000, qosMbps: 100 },
  { id: "vt-high", name: "SAS", description: "High I/O: balanced-tier SAS pools, thin", extraSpecs: { "provisioning:type": "thin", volume_backend_name: "oceanstor-sas" }, qosIops: 5000, qosMbps: 150 },
  { id: "vt-ultra", name: "SSD", description: "Ultra-high I/O: performance-tier SSD pools, thick", extraSpecs: { "provisioning:type": "thick", volume_backend_name: "oceanstor-ssd", "capabilities:QoS_support": "<is> True" }, qosIops: 33000, qosMbps: 350 },
] as const;

export const EXTERNAL_NETWORKS = [
  // 203.0.113.0/24 is TEST-NET-3: documentation addresses that never collide with a real network.
  { id: "ext-public", name: "ext-net-public", kind: "public", cidr: "203.0.113.0/24", gateway: "203.0.113.1", poolStart: "203.0.113.10", poolEnd: "203.0.113.250", vlanId: null },
  { id: "ext-provider", name: "provider-vlan-2001", kind: "provider", cidr: "172.30.0.0/22", gateway: "172.30.0.1", poolStart: "172.30.0.10", poolEnd: "172.30.3.250", vlanId: 2001 },
] as const;

/** The Neutron agents each network node runs (the L3 agent's routers are active on one node, standby on the other). */
export const NETWORK_AGENTS = [
  { type: "L3 agent", binary: "neutron-l3-agent" },
  { type: "DHCP agent", binary: "neutron-dhcp-agent" },
  { type: "Metadata agent", binary: "neutron-metadata-agent" },
  { type: "Open vSwitch agent", binary: "neutron-openvswitch-agent" },
] as const;

export interface FlavorSpec {
  id: string;
  name: string;
  category: "general" | "compute" | "memory" | "hugepage";
  vcpus: number;
  ramMb: number;
  diskGb: number;
  extraSpecs: Record<string, string>;
}

const GB = 1024;
export const FLAVORS: readonly FlavorSpec[] = [
  { id: "s6.small.1", name: "s6.small.1", category: "general", vcpus: 1, ramMb: 1 * GB, diskGb: 20, extraSpecs: {} },
  { id: "s6.medium.2", name: "s6.medium.2", category: "general", vcpus: 1, ramMb: 2 * GB, diskGb: 40, extraSpecs: {} },
  { id: "s6.large.2", name: "s6.large.2", category: "general", vcpus: 2, ramMb: 4 * GB, diskGb: 40, extraSpecs: {} },
  { id: "s6.xlarge.2", name: "s6.xlarge.2", category: "general", vcpus: 4, ramMb: 8 * GB, diskGb: 40, extraSpecs: {} },
  { id: "c6.xlarge.2", name: "c6.xlarge.2", category: "compute", vcpus: 4, ramMb: 8 * GB, diskGb: 40, extraSpecs: { "hw:cpu_policy": "shared" } },
  { id: "c6.4xlarge.2", name: "c6.4xlarge.2", category: "compute", vcpus: 16, ramMb: 32 * GB, diskGb: 80, extraSpecs: {} },
  { id: "m6.large.8", name: "m6.large.8", category: "memory", vcpus: 2, ramMb: 16 * GB, diskGb: 40, extraSpecs: {} },
  { id: "m6.4xlarge.8", name: "m6.4xlarge.8", category: "memory", vcpus: 16, ramMb: 128 * GB, diskGb: 100, extraSpecs: {} },
  { id: "m6.16xlarge.8", name: "m6.16xlarge.8", category: "memory", vcpus: 64, ramMb: 512 * GB, diskGb: 200, extraSpecs: {} },
  { id: "m6.32xlarge.8", name: "m6.32xlarge.8", category: "memory", vcpus: 128, ramMb: 1024 * GB, diskGb: 200, extraSpecs: {} },
  { id: "hp.2xlarge.4", name: "hp.2xlarge.4", category: "hugepage", vcpus: 8, ramMb: 32 * GB, diskGb: 40, extraSpecs: { "hw:mem_page_size": "large", "hcs:host_group_tag": "hugepage", "trait:CUSTOM_HUGEPAGES": "required" } },
];

export const IMAGES = [
  { id: "img-centos-79", name: "CentOS 7.9 64bit", diskFormat: "qcow2", minDiskGb: 20, minRamMb: 512, architecture: "x86_64", hypervisorType: null, osType: "linux", osVersion: "CentOS 7.9", sizeMb: 1100 },
  { id: "img-ubuntu-2204", name: "Ubuntu 22.04 LTS 64bit", diskFormat: "qcow2", minDiskGb: 20, minRamMb: 1024, architecture: "x86_64", hypervisorType: null, osType: "linux", osVersion: "Ubuntu 22.04", sizeMb: 700 },
  { id: "img-euleros-210", name: "EulerOS 2.10 64bit", diskFormat: "raw", minDiskGb: 40, minRamMb: 1024, architecture: "x86_64", hypervisorType: "kvm", osType: "linux", osVersion: "EulerOS 2.10", sizeMb: 40960 },
  { id: "img-debian-12", name: "Debian 12 64bit", diskFormat: "vmdk", minDiskGb: 20, minRamMb: 512, architecture: "x86_64", hypervisorType: null, osType: "linux", osVersion: "Debian 12", sizeMb: 900 },
  { id: "img-openeuler-2203-arm", name: "openEuler 22.03 LTS arm64", diskFormat: "qcow2", minDiskGb: 20, minRamMb: 1024, architecture: "aarch64", hypervisorType: null, traitsRequired: "HW_ARCH_AARCH64", osType: "linux", osVersion: "openEuler 22.03", sizeMb: 850 },
  { id: "img-win-2019", name: "Windows Server 2019 Datacenter 64bit", diskFormat: "vhd", minDiskGb: 40, minRamMb: 2048, architecture: "x86_64", hypervisorType: null, osType: "windows", osVersion: "Windows Server 2019", sizeMb: 12288 },
] as const;

export const VDCS = [
  { id: "vdc-finance", name: "Finance Dept", parentId: null, level: 1, description: "First-level VDC of the finance department" },
  { id: "vdc-finance-payments", name: "Payments", parentId: "vdc-finance", level: 2, description: "Payment systems team" },
  { id: "vdc-finance-risk", name: "Risk Control", parentId: "vdc-finance", level: 2, description: "Risk control team" },
  { id: "vdc-rd", name: "R&D Center", parentId: null, level: 1, description: "First-level VDC of research and development" },
  { id: "vdc-rd-platform", name: "Platform", parentId: "vdc-rd", level: 2, description: "Platform engineering team" },
  { id: "vdc-rd-ai", name: "AI Lab", parentId: "vdc-rd", level: 2, description: "Machine learning team" },
] as const;

export const PROJECTS = [
  { id: "prj-finance", name: "finance_default", vdcId: "vdc-finance" },
  { id: "prj-payments", name: "payments_prod", vdcId: "vdc-finance-payments" },
  { id: "prj-risk", name: "risk_prod", vdcId: "vdc-finance-risk" },
  { id: "prj-rd", name: "rd_default", vdcId: "vdc-rd" },
  { id: "prj-platform", name: "platform_dev", vdcId: "vdc-rd-platform" },
  { id: "prj-ai", name: "ai_lab", vdcId: "vdc-rd-ai" },
] as const;

/** The demo users, one per role (plus a second tenant for isolation). Passwords are in the README. */
export const DEMO_PASSWORD = "Hcs@console1";
export const DEMO_USERS: readonly { username: string; displayName: string; role: Role; vdcId: string | null; projectId: string | null }[] = [
  { username: "op_admin", displayName: "Operation Admin", role: "operation_admin", vdcId: null, projectId: null },
  { username: "vdc_admin", displayName: "R&D VDC Admin", role: "vdc_admin", vdcId: "vdc-rd", projectId: null },
  { username: "tenant", displayName: "Platform Engineer", role: "tenant_user", vdcId: "vdc-rd-platform", projectId: "prj-platform" },
  { username: "tenant_fin", displayName: "Payments Engineer", role: "tenant_user", vdcId: "vdc-finance-payments", projectId: "prj-payments" },
  { username: "approver", displayName: "Resource Approver", role: "approver", vdcId: "vdc-rd", projectId: null },
  { username: "om_admin", displayName: "O&M Admin", role: "om_admin", vdcId: null, projectId: null },
  { username: "cloud_admin", displayName: "Cloud Admin", role: "cloud_admin", vdcId: null, projectId: null },
  { username: "auditor", displayName: "Auditor", role: "auditor", vdcId: null, projectId: null },
];

/** Quotas per VDC level in the region; second-level VDCs carve theirs out of the first level's. */
export const SEED_QUOTAS: Readonly<Record<1 | 2, Record<QuotaResource, number>>> = {
  1: { instances: 200, cores: 1000, ram_gb: 8192, volumes: 400, gigabytes: 40000, snapshots: 400, vpcs: 20, subnets: 60, ports: 2000, eips: 100, security_groups: 60, security_group_rules: 1000 },
  2: { instances: 50, cores: 200, ram_gb: 2048, volumes: 100, gigabytes: 10000, snapshots: 100, vpcs: 5, subnets: 15, ports: 500, eips: 20, security_groups: 15, security_group_rules: 200 },
};

/**
 * The demo approval processes: the usual two levels (the applicant's first-level VDC admin or
 * approver, then the operation admin), and a fast-track one level that auto-approves after an
 * hour of cloud time.
 */
export const DEMO_PROCESSES: readonly { id: string; name: string; description: string; levels: LevelDef[] }[] = [
  {
    id: "proc-standard",
    name: "Standard two-level approval",
    description: "Level 1: the first-level VDC's admin or approver. Level 2: the operation admin.",
    levels: [
      { name: "VDC approval", approvers: [{ kind: "vdc_role", role: "vdc_admin", depth: 1 }, { kind: "vdc_role", role: "approver", depth: 1 }], mode: "or", timeoutSeconds: null, onTimeout: "reject" },
      { name: "Operations approval", approvers: [{ kind: "global_role", role: "operation_admin" }], mode: "or", timeoutSeconds: null, onTimeout: "reject" },
    ],
  },
  {
    id: "proc-joint",
    name: "Joint approval",
    description: "One countersign level: the first-level VDC's admin and its approver must both approve.",
    levels: [{ name: "Joint VDC approval", approvers: [{ kind: "vdc_role", role: "vdc_admin", depth: 1 }, { kind: "vdc_role", role: "approver", depth: 1 }], mode: "countersign", timeoutSeconds: null, onTimeout: "reject" }],
  },
  {
    id: "proc-fast-track",
    name: "Fast track",
    description: "One level, the first-level VDC's admin; approved automatically after one hour.",
    levels: [{ name: "VDC approval", approvers: [{ kind: "vdc_role", role: "vdc_admin", depth: 1 }], mode: "or", timeoutSeconds: 3600, onTimeout: "approve" }],
  },
];

export const DEMO_PRODUCTS: readonly { id: string; name: string; description: string; serviceType: string; category: string; icon: string; regionId: string | null; azId: string | null; offeredAzIds: string; needsApproval: boolean; processId: string | null }[] = [
  { id: "prod-ecs", name: "Elastic Cloud Server", description: "General-purpose virtual machines in any AZ of the region.", serviceType: "ecs", category: "compute", icon: "server", regionId: null, azId: null, offeredAzIds: "", needsApproval: true, processId: "proc-standard" },
  { id: "prod-ecs-az1", name: "ECS (AZ1 only)", description: "Virtual machines provisioned only in az1, for workloads pinned to its storage.", serviceType: "ecs", category: "compute", icon: "disk", regionId: "cn-south-1", azId: "az1", offeredAzIds: "az1", needsApproval: true, processId: "proc-fast-track" },
  { id: "prod-ecs-large", name: "Large ECS (joint approval)", description: "Large machines: the VDC's admin and approver must both agree.", serviceType: "ecs", category: "compute", icon: "cpu", regionId: null, azId: null, offeredAzIds: "", needsApproval: true, processId: "proc-joint" },
  { id: "prod-ecs-dev", name: "Development ECS", description: "Small development machines, provisioned without approval.", serviceType: "ecs", category: "compute", icon: "server", regionId: null, azId: null, offeredAzIds: "", needsApproval: false, processId: null },
  { id: "prod-evs", name: "Elastic Volume Service", description: "Block storage volumes of a chosen type in any AZ, attached to ECSs of that AZ.", serviceType: "evs", category: "storage", icon: "disk", regionId: null, azId: null, offeredAzIds: "", needsApproval: true, processId: "proc-fast-track" },
  { id: "prod-vpc", name: "Virtual Private Cloud", description: "An isolated network with its own router and first subnet.", serviceType: "vpc", category: "network", icon: "network", regionId: null, azId: null, offeredAzIds: "", needsApproval: true, processId: "proc-fast-track" },
  { id: "prod-eip", name: "Elastic IP", description: "Public addresses with a bandwidth, bound to ECSs whose VPC reaches the public network.", serviceType: "eip", category: "network", icon: "globe", regionId: null, azId: null, offeredAzIds: "", needsApproval: true, processId: "proc-fast-track" },
];
