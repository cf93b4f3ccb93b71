// The hardware behind the cloud, as eSight inventories it: each server's CPUs, memory DIMMs,
// disks, power supplies, fans and NICs, each switch's ports, power supplies and fans, with slots,
// models, serial numbers and firmware. Generated deterministically from the seed and the device,
// so the same cloud always has the same parts; the rack layout cables every compute host's service
// NIC to one access-switch port, so a port that goes down cuts that host off (cascade.ts).

import { hashString, seededRandom } from "../shared/random";
import type { ComponentKind } from "./health";

export interface ComponentSpec {
  /** Stable within the device: "CPU1", "DIMM000", "PSU2", "GE1/0/7". */
  slot: string;
  kind: ComponentKind;
  model: string;
  serialNo: string;
  firmware: string | null;
  /** Capacity where it has one: GB for DIMMs and disks, W for PSUs, Gbit/s for NICs and ports. */
  capacity: number | null;
  redundancyGroup: string | null;
  uplink: boolean;
}

export interface ServerShape {
  /** Physical cores (the host's vCPUs before over-commit, for compute hosts). */
  cores: number;
  memoryMb: number;
  architecture: "x86_64" | "aarch64";
}

/** How many members of each redundant set a device needs to keep running (N of N+M). */
export const SERVER_NEEDS: Readonly<Record<string, number>> = { psu: 1, fans: 5, "nic-bond": 1 };
export const SWITCH_NEEDS: Readonly<Record<string, number>> = { psu: 1, fans: 3 };

function serial(seed: number, device: string, slot: string, prefix: string): string {
  const r = seededRandom(hashString(`${seed}|${device}|${slot}`));
  const digits = Array.from({ length: 10 }, () => r.int(0, 35).toString(36).toUpperCase()).join("");
  return `${prefix}${digits}`;
}

/** A server's parts: two CPU sockets, DIMMs summing to its memory, a RAID 1 system-disk pair, two PSUs, six fans, two bonded NICs. */
export function serverComponents(seed: number, deviceId: string, shape: ServerShape): ComponentSpec[] {
  const arm = shape.architecture === "aarch64";
  const cpuModel = arm ? "Kunpeng 920 7260" : "Intel Xeon Gold 6348";
  const perSocket = Math.max(1, Math.round(shape.cores / 2));
  const dimmGb = shape.memoryMb >= 1_048_576 ? 64 : 32;
  const dimms = Math.max(2, Math.round(shape.memoryMb / 1024 / dimmGb));
  const out: ComponentSpec[] = [];
  const add = (slot: string, kind: ComponentKind, model: string, prefix: string, extra: Partial<ComponentSpec> = {}) =>
    out.push({ slot, kind, model, serialNo: serial(seed, deviceId, slot, prefix), firmware: null, capacity: null, redundancyGroup: null, uplink: false, ...extra });
  for (let s = 1; s <= 2; s++) add(`CPU${s}`, "cpu", `${cpuModel} (${perSocket} cores)`, "CPU", { capacity: perSocket });
  for (let d = 0; d < dimms; d++) add(`DIMM${String(d).padStart(3, "0")}`, "dimm", `${dimmGb} GB DDR4-3200 RDIMM`, "DM", { capacity: dimmGb });
  for (let d = 0; d < 2; d++) add(`Disk${d}`, "disk", "960 GB SATA SSD (RAID 1 system disk)", "SD", { capacity: 960, firmware: "HXT7904Q" });
  for (let p = 1; p <= 2; p++) add(`PSU${p}`, "psu", "900 W AC Platinum", "PS", { capacity: 900, redundancyGroup: "psu", firmware: "1.12" });
  for (let f = 1; f <= 6; f++) add(`FAN${f}`, "fan", "8056 hot-swap fan", "FN", { redundancyGroup: "fans" });
  for (let n = 1; n <= 2; n++) add(`NIC${n}`, "nic", arm ? "Hi1822 2 x 25GE" : "Mellanox CX-5 2 x 25GE", "NC", { capacity: 25, redundancyGroup: "nic-bond", firmware: arm ? "1.8.0.0" : "16.31.1014" });
  return out;
}

/** A server's firmware as eSight lists it. */
export function serverFirmware(seed: number, deviceId: string): { bios: string; bmc: string } {
  const r = seededRandom(hashString(`${seed}|${deviceId}|fw`));
  return { bios: `6.${r.int(20, 59)}`, bmc: `3.${r.int(1, 9)}.${r.int(0, 30)}.${r.int(10, 99)}` };
}

export const SWITCH_MODEL = "CloudEngine 6881-48S6CQ";
/** Access ports per switch; the six 100GE ports are uplinks to the aggregation layer. */
export const ACCESS_PORTS = 48;
const UPLINKS = 6;

/** A switch's parts: 48 x 10GE access ports, 6 x 100GE uplinks, two PSUs, four fans. */
export function switchComponents(seed: number, deviceId: string): ComponentSpec[] {
  const out: ComponentSpec[] = [];
  for (let p = 1; p <= ACCESS_PORTS; p++) out.push({ slot: `10GE1/0/${p}`, kind: "port", model: "10GE SFP+", serialNo: serial(seed, deviceId, `port${p}`, "OP"), firmware: null, capacity: 10, redundancyGroup: null, uplink: false });
  for (let p = 1; p <= UPLINKS; p++) out.push({ slot: `100GE1/0/${p}`, kind: "port", model: "100GE QSFP28", serialNo: serial(seed, deviceId, `up${p}`, "OP"), firmware: null, capacity: 100, redundancyGroup: null, uplink: true });
  for (let p = 1; p <= 2; p++) out.push({ slot: `PWR${p}`, kind: "psu", model: "600 W AC", serialNo: serial(seed, deviceId, `PWR${p}`, "PS"), firmware: null, capacity: 600, redundancyGroup: "psu", uplink: false });
  for (let f = 1; f <= 4; f++) out.push({ slot: `FAN${f}`, kind: "fan", model: "FAN-40SB-F", serialNo: serial(seed, deviceId, `FAN${f}`, "FN"), firmware: null, capacity: null, redundancyGroup: "fans", uplink: false });
  return out;
}

export interface Cabling {
  switches: { id: string; name: string; az: string; index: number }[];
  /** Host id -> the access switch and port its service NIC is cabled to. */
  links: Map<string, { switchId: string; port: string }>;
}

/**
 * The access layer of each AZ: hosts in name order fill one switch's 48 access ports, then the
 * next switch's. Switch names follow the AZ ("az1-access-01").
 */
export function cableHosts(hosts: readonly { id: string; name: string; az: string }[]): Cabling {
  const byAz = new Map<string, { id: string; name: string }[]>();
  for (const h of hosts) byAz.set(h.az, [...(byAz.get(h.az) ?? []), h]);
  const switches: Cabling["switches"] = [];
  const links: Cabling["links"] = new Map();
  for (const az of [...byAz.keys()].sort()) {
    const members = (byAz.get(az) ?? []).sort((a, b) => a.name.localeCompare(b.name));
    members.forEach((h, i) => {
      const index = Math.floor(i / ACCESS_PORTS) + 1;
      const name = `${az}-access-${String(index).padStart(2, "0")}`;
      const id = `sw-${name}`;
      if (!switches.some((s) => s.id === id)) switches.push({ id, name, az, index });
      links.set(h.id, { switchId: id, port: `10GE1/0/${(i % ACCESS_PORTS) + 1}` });
    });
  }
  return { switches, links };
}

export interface ComponentRow extends ComponentSpec {
  id: string;
  deviceId: string;
  deviceKind: "server" | "switch";
  peerId: string | null;
}

export interface SwitchRow {
  id: string;
  name: string;
  azId: string;
  model: string;
  serialNo: string;
  managementIp: string;
  firmware: string;
}

/**
 * The whole inventory of a cloud: every server's parts (compute hosts and deploy nodes), the
 * access switches of each AZ with their parts, and each access port's peer (the host cabled to it).
 */
export function cloudInventory(
  seed: number,
  hosts: readonly { id: string; name: string; azId: string; vcpus: number; memoryMb: number; architecture: string }[],
  nodes: readonly { id: string }[],
): { components: ComponentRow[]; switches: SwitchRow[] } {
  const components: ComponentRow[] = [];
  const server = (deviceId: string, shape: ServerShape) => {
    for (const c of serverComponents(seed, deviceId, shape)) components.push({ ...c, id: `${deviceId}:${c.slot}`, deviceId, deviceKind: "server", peerId: null });
  };
  for (const h of hosts) server(h.id, { cores: h.vcpus, memoryMb: h.memoryMb, architecture: h.architecture === "aarch64" ? "aarch64" : "x86_64" });
  // Controllers and network nodes: two-socket x86 servers with 256 GB.
  for (const n of nodes) server(n.id, { cores: 48, memoryMb: 262_144, architecture: "x86_64" });
  const cabling = cableHosts(hosts.map((h) => ({ id: h.id, name: h.name, az: h.azId })));
  const peers = new Map<string, string>();
  for (const [hostId, link] of cabling.links) peers.set(`${link.switchId}:${link.port}`, hostId);
  const switches = cabling.switches.map((s, i) => {
    const r = seededRandom(hashString(`${seed}|${s.id}|switch`));
    return { id: s.id, name: s.name, azId: s.az, model: SWITCH_MODEL, serialNo: serial(seed, s.id, "chassis", "2102"), managementIp: `10.30.${i >> 8}.${(i % 254) + 1}`, firmware: `V200R0${r.int(19, 23)}C10SPC${r.int(5, 8)}00` };
  });
  for (const s of switches) for (const c of switchComponents(seed, s.id)) components.push({ ...c, id: `${s.id}:${c.slot}`, deviceId: s.id, deviceKind: "switch", peerId: peers.get(`${s.id}:${c.slot}`) ?? null });
  return { components, switches };
}

/** The parts a drill may fail or repair (the drills: a PSU, a fan, a switch port). */
export const DRILLABLE_KINDS: readonly ComponentKind[] = ["psu", "fan", "port"];

/** Whether a part can be failed or repaired now: shared by the drill service and the device page. */
export function componentDrillAllowed(c: { kind: string; health: string }, op: "fail" | "repair"): boolean {
  if (!(DRILLABLE_KINDS as readonly string[]).includes(c.kind)) return false;
  return op === "fail" ? c.health === "normal" : c.health !== "normal";
}
