// What a compute host reports to the scheduler, in Nova's own shapes (Zed, libvirt driver), and
// the small pieces of Python semantics the filters depend on: how a value prints (`str()`), how
// image properties are canonicalized, how a hypervisor version is compared.

/** (architecture, hypervisor type, vm mode), as `supported_instances` lists them. */
export type SupportedInstance = readonly [arch: string, hvType: string, vmMode: string];

/** The libvirt driver's cpu_info (Nova stores it as a JSON string; the filters read into it). */
export interface CpuInfo {
  arch: string;
  vendor: string;
  model: string;
  topology: { cells: number; sockets: number; cores: number; threads: number };
  features: string[];
}

/** libvirt reports "QEMU" as the hypervisor type whether the guests run on KVM or emulated (TCG). */
export const LIBVIRT_HYPERVISOR_TYPE = "QEMU";

/** The virtualization a host offers: KVM hosts run kvm and qemu (TCG) guests, TCG-only hosts qemu only. */
export const VIRT_TYPES = ["kvm", "qemu"] as const;
export type VirtType = (typeof VIRT_TYPES)[number];

export function supportedInstancesFor(arch: string, virtType: string): SupportedInstance[] {
  return virtType === "kvm" ? [[arch, "kvm", "hvm"], [arch, "qemu", "hvm"]] : [[arch, "qemu", "hvm"]];
}

/** nova's versionutils.convert_version_to_str: 7002000 -> "7.2.0". */
export function versionToString(v: number): string {
  const parts: number[] = [];
  let n = Math.trunc(v);
  while (n !== 0) {
    parts.unshift(n % 1000);
    n = Math.trunc(n / 1000);
  }
  return parts.join(".");
}

/** "7.2.0" -> 7002000 (the inverse, for forms). */
export function versionToInt(s: string): number | null {
  if (!/^\d{1,3}(\.\d{1,3}){0,2}$/.test(s)) return null;
  const [a = 0, b = 0, c = 0] = s.split(".").map(Number);
  return a * 1_000_000 + b * 1000 + c;
}

// fields.Architecture / HVType / VMMode.canonicalize (lower-case, and the old aliases).
const ARCH_ALIASES: Record<string, string> = { i386: "i686", i486: "i686", i586: "i686", x86_32: "i686", x86_32p: "i686", amd64: "x86_64" };
export const canonicalArch = (a: string) => ARCH_ALIASES[a.toLowerCase()] ?? a.toLowerCase();
export const canonicalHvType = (h: string) => (h.toLowerCase() === "xapi" ? "xen" : h.toLowerCase());
const VM_MODE_ALIASES: Record<string, string> = { pv: "xen", hv: "hvm", baremetal: "hvm" };
export const canonicalVmMode = (m: string) => VM_MODE_ALIASES[m.toLowerCase()] ?? m.toLowerCase();

/** The architectures, hypervisor types and vm modes Nova accepts (a subset of its enums this cloud offers). */
export const ARCHITECTURES = ["x86_64", "aarch64", "i686", "ppc64le", "s390x"] as const;
export const HV_TYPES = ["kvm", "qemu", "xen", "vmware", "hyperv", "lxc", "ironic"] as const;
export const VM_MODES = ["hvm", "xen", "exe", "uml"] as const;

// distutils' StrictVersion and VersionPredicate, as ImagePropertiesFilter reads
// img_hv_requested_version: "op version" comparisons separated by commas, all of which must hold.
type Version = [number, number, number];
function strictVersion(s: string): Version | null {
  const m = /^(\d+)\.(\d+)(\.(\d+))?$/.exec(s);
  return m ? [Number(m[1]), Number(m[2]), Number(m[4] ?? 0)] : null;
}
function cmp(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return 0;
}
const COMPARE: Record<string, (c: number) => boolean> = {
  "<": (c) => c < 0,
  "<=": (c) => c <= 0,
  "==": (c) => c === 0,
  ">": (c) => c > 0,
  ">=": (c) => c >= 0,
  "!=": (c) => c !== 0,
};

/** Parses ">= 6.0, < 8.0" into a predicate; null when Nova's VersionPredicate would refuse it. */
export function versionPredicate(spec: string): ((version: string) => boolean) | null {
  const parts = spec.split(",").map((p) => /^\s*(<=|>=|<|>|!=|==)\s*([^\s,]+)\s*$/.exec(p));
  if (parts.some((p) => !p)) return null;
  const conds = parts.map((p) => ({ op: COMPARE[(p as RegExpExecArray)[1] as string] as (c: number) => boolean, v: strictVersion((p as RegExpExecArray)[2] as string) }));
  if (conds.some((c) => !c.v)) return null;
  return (version) => {
    const have = strictVersion(version);
    // StrictVersion raises on a version it cannot read; a host version always reads (x.y.z).
    return have !== null && conds.every((c) => c.op(cmp(have, c.v as Version)));
  };
}

/** Python's str() of a float: 16.0 prints "16.0", 1.5 "1.5". */
export function pyFloatStr(n: number): string {
  if (Number.isNaN(n)) return "nan";
  if (!Number.isFinite(n)) return n > 0 ? "inf" : "-inf";
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return `${n}.0`;
  const s = String(n);
  // JS writes 1e+21 and 1e-7 as Python does, except Python pads the exponent to two digits.
  return s.replace(/e([+-])(\d)$/, "e$10$2");
}

/** A value as Python's str() would print it (ComputeCapabilitiesFilter compares str(cap)). */
export type PyValue = string | { int: number } | { float: number } | boolean | PyValue[] | { [k: string]: PyValue };

function pyRepr(v: PyValue): string {
  if (typeof v === "string") return `'${v.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  return pyStr(v);
}

export function pyStr(v: PyValue): string {
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "True" : "False";
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(", ")}]`;
  if ("int" in v && typeof v.int === "number" && Object.keys(v).length === 1) return String(v.int);
  if ("float" in v && typeof v.float === "number" && Object.keys(v).length === 1) return pyFloatStr(v.float);
  return `{${Object.entries(v).map(([k, x]) => `'${k}': ${pyRepr(x)}`).join(", ")}}`;
}

/** cpu_info as Python holds it once json-decoded: numbers are ints, lists and dicts as they are. */
export function cpuInfoValue(info: CpuInfo): PyValue {
  return {
    arch: info.arch,
    model: info.model,
    vendor: info.vendor,
    topology: { cells: { int: info.topology.cells }, sockets: { int: info.topology.sockets }, cores: { int: info.topology.cores }, threads: { int: info.topology.threads } },
    features: [...info.features],
  };
}

/** A host's stored cpu_info (JSON text without arch) read back; what is missing is filled from the columns. */
export function parseCpuInfo(json: string, arch: string, model: string, vcpus: number): CpuInfo {
  let raw: Partial<CpuInfo> = {};
  try {
    const v: unknown = JSON.parse(json || "{}");
    if (v && typeof v === "object" && !Array.isArray(v)) raw = v as Partial<CpuInfo>;
  } catch {
    // A malformed value reads as nothing reported; the columns still give arch and model.
  }
  const t = raw.topology;
  return {
    arch,
    vendor: typeof raw.vendor === "string" ? raw.vendor : arch === "aarch64" ? "HiSilicon" : "Intel",
    model: typeof raw.model === "string" ? raw.model : model,
    topology: t && typeof t === "object" ? { cells: Number(t.cells) || 1, sockets: Number(t.sockets) || 1, cores: Number(t.cores) || vcpus, threads: Number(t.threads) || 1 } : { cells: 1, sockets: 1, cores: vcpus, threads: 1 },
    features: Array.isArray(raw.features) ? raw.features.map(String) : [],
  };
}
