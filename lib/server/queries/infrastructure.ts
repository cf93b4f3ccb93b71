import "server-only";
import { db } from "../db";
import { cloudSeed } from "../env";
import { can, requirePermission, type Actor } from "../auth/actor";
import { isUp, lastComputeReport } from "../repositories/hosts";
import { cloudNow } from "../services/clock";
import { loadSettings } from "../repositories/settings";
import { lastServiceReport } from "../repositories/service-reports";
import { cloudRatioOf, poolFigures, poolStateFromRow } from "../repositories/pools";
import type { DeviceListParams } from "@/lib/schemas/compute";
import { pageInMemory, type Page } from "./paging";
import { CHUNK_MB, classicRaidHealth, raid20Health, raid20Layout, type ClassicRaidLevel } from "@/lib/cloud/storage";
import { NotFoundError } from "@/lib/cloud/shared";
import { componentDrillAllowed, healthRank, rollUpHealth, SERVER_NEEDS, serverFirmware, SWITCH_NEEDS, type ComponentKind, type ComponentSpec, type ComponentStatus, type Health, type HealthReason } from "@/lib/cloud/operations";

export async function deploymentTopology(actor: Actor) {
  requirePermission(actor, "deploy:view");
  const [nodes, computeByAz, azs] = await Promise.all([
    db.deployNode.findMany({ orderBy: { name: "asc" } }),
    db.host.groupBy({ by: ["azId", "architecture"], _count: { _all: true } }),
    db.availabilityZone.findMany({ orderBy: { name: "asc" } }),
  ]);
  return {
    controllers: nodes.filter((n) => n.role === "controller"),
    networkNodes: nodes.filter((n) => n.role === "network"),
    compute: azs.map((az) => ({
      az: az.id,
      byArch: computeByAz.filter((c) => c.azId === az.id).map((c) => ({ architecture: c.architecture, count: c._count._all })),
    })),
  };
}

export type DeviceHealth = Health;

/** A RAID group's state from its member disks, by the RAID math of its kind. */
function raidGroupState(g: { kind: string; level: string; dataColumns: number | null; parityColumns: number | null; hotSpareDisks: number }, disks: readonly { health: string }[]) {
  const failed = disks.filter((d) => d.health !== "normal").length;
  const policy = { data: g.dataColumns ?? 1, parity: g.parityColumns ?? 0, hotSpareDisks: g.hotSpareDisks };
  return g.kind === "raid20" ? raid20Health(policy, failed) : classicRaidHealth(g.level as ClassicRaidLevel, disks.length, disks.flatMap((d, i) => (d.health !== "normal" ? [i] : [])));
}

/** The parts of the devices that have a failed one (few), by device: what their roll-up needs. */
async function partsOfFaultyDevices(): Promise<Map<string, ComponentStatus[]>> {
  const faulty = await db.deviceComponent.findMany({ where: { health: { not: "normal" } }, select: { deviceId: true }, distinct: ["deviceId"] });
  if (faulty.length === 0) return new Map();
  const parts = await db.deviceComponent.findMany({ where: { deviceId: { in: faulty.map((f) => f.deviceId) } }, select: { deviceId: true, slot: true, kind: true, health: true, redundancyGroup: true, uplink: true } });
  const out = new Map<string, ComponentStatus[]>();
  for (const p of parts) out.set(p.deviceId, [...(out.get(p.deviceId) ?? []), toStatus(p)]);
  return out;
}

const toStatus = (p: { slot: string; kind: string; health: string; redundancyGroup: string | null; uplink: boolean }): ComponentStatus => ({ id: p.slot, kind: p.kind as ComponentKind, failed: p.health !== "normal", redundancyGroup: p.redundancyGroup ?? undefined, uplink: p.uplink });

export async function hardwareInventory(actor: Actor) {
  requirePermission(actor, "hardware:view");
  const [nodes, hosts, arrays, switches, parts, now, reportedAt] = await Promise.all([
    db.deployNode.findMany({ orderBy: { name: "asc" } }),
    db.host.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, ip: true, model: true, serialNo: true, cpuModel: true, azId: true, serviceRunning: true, networkLost: true, lastHeartbeatAt: true, enabled: true } }),
    db.storageArray.findMany({ include: { pools: true, raidGroups: true, disks: { select: { id: true, health: true, raidGroupId: true } }, controllers: { select: { name: true, health: true } } }, orderBy: { name: "asc" } }),
    db.networkSwitch.findMany({ orderBy: { name: "asc" } }),
    partsOfFaultyDevices(),
    cloudNow(),
    lastComputeReport(db),
  ]);
  // eSight's roll-up (lib/cloud/operations/health.ts): failed parts count through their redundant
  // sets; a compute service down (stopped, or cut off by its switch ports) is red; a host an
  // administrator disabled is in maintenance, which is not a fault: it stays green, marked.
  const servers = [
    ...nodes.map((n) => {
      const view = rollUpHealth({ components: parts.get(n.id) ?? [], needed: SERVER_NEEDS });
      return { id: n.id, name: n.name, ip: n.ip, model: n.model, serialNo: n.serialNo, role: n.role, az: null as string | null, health: n.healthy ? view.health : ("critical" as DeviceHealth), maintenance: false };
    }),
    ...hosts.map((h) => {
      const view = rollUpHealth({ components: parts.get(h.id) ?? [], needed: SERVER_NEEDS, serviceDown: !isUp(h, now, reportedAt), maintenance: !h.enabled });
      return { id: h.id, name: h.name, ip: h.ip, model: h.model, serialNo: h.serialNo, role: "compute", az: h.azId as string | null, health: view.health, maintenance: view.maintenance };
    }),
  ];
  const switchRows = switches.map((sw) => ({ id: sw.id, name: sw.name, az: sw.azId, model: sw.model, serialNo: sw.serialNo, ip: sw.managementIp, health: rollUpHealth({ components: parts.get(sw.id) ?? [], needed: SWITCH_NEEDS }).health }));
  const storage = arrays.map((a) => ({
    id: a.id,
    name: a.name,
    model: a.model,
    serialNo: a.serialNo,
    raidLevel: [...new Set(a.raidGroups.map((g) => (g.kind === "raid20" ? `RAID 2.0+ (${g.level} ${g.dataColumns}D+${g.parityColumns}P)` : g.level)))].join(", "),
    diskCount: a.disks.length,
    // The controllers are a redundant pair; a disk counts through its RAID group (degraded: yellow, failed: red).
    health: rollUpHealth({
      components: [...a.controllers.map((c) => ({ id: c.name, kind: "controller" as const, failed: c.health !== "normal", redundancyGroup: "controllers" })), ...a.disks.map((d) => ({ id: d.id, kind: "disk" as const, failed: d.health !== "normal" }))],
      disksInGroups: new Set(a.disks.filter((d) => d.raidGroupId).map((d) => d.id)),
      raidGroups: a.raidGroups.map((g) => ({ name: g.name, state: raidGroupState(g, a.disks.filter((d) => d.raidGroupId === g.id)) })),
    }).health,
    pools: a.pools.map((p) => ({ name: p.name, az: p.azId, totalGb: p.totalGb, writtenGb: p.writtenGb, allocatedGb: p.allocatedGb, diskType: p.diskType })),
  }));
  return { servers, storage, switches: switchRows };
}

export type ServerDeviceDto = Awaited<ReturnType<typeof hardwareInventory>>["servers"][number];

/**
 * One page of eSight's servers (controllers, network and compute nodes) and switches. Health is rolled up from
 * the heartbeat at read time, so the page is cut on the server after it is computed.
 */
export async function pageDevices(actor: Actor, p: DeviceListParams): Promise<Page<ServerDeviceDto>> {
  const q = p.q?.toLowerCase();
  const inv = await hardwareInventory(actor);
  // Switches are devices of the same list (role "switch"), paged and filtered with the servers.
  const switches: ServerDeviceDto[] = inv.switches.map((sw) => ({ id: sw.id, name: sw.name, ip: sw.ip, model: sw.model, serialNo: sw.serialNo, role: "switch", az: sw.az, health: sw.health, maintenance: false }));
  const rows = [...inv.servers, ...switches].filter(
    (s) => (!p.health || s.health === p.health) && (!p.role || s.role === p.role) && (!p.az || s.az === p.az) && (!q || s.name.toLowerCase().includes(q) || s.ip.includes(q) || s.serialNo.toLowerCase().includes(q)),
  );
  return pageInMemory(rows, p, { name: (s) => s.name, health: (s) => healthRank(s.health), role: (s) => s.role, model: (s) => s.model, az: (s) => s.az ?? "" }, "name", "asc");
}

/** Every storage pool with Cinder's figures (physical, allocated, the thin limit at its ratio) and its service state. */
export async function storagePools(actor: Actor) {
  requirePermission(actor, "capacity:view");
  return poolRows();
}

/** The pools as Cinder's scheduler sees them now, with the figures the pages show. */
export async function poolRows(where: { id?: string } = {}) {
  const [rows, settings, now, reportedAt, counts] = await Promise.all([
    db.storagePool.findMany({ where, include: { array: { select: { name: true } } }, orderBy: { name: "asc" } }),
    loadSettings(db),
    cloudNow(),
    lastServiceReport(db, "volume"),
    db.volume.groupBy({ by: ["poolId"], where: { deletedAt: null, ...(where.id ? { poolId: where.id } : {}) }, _count: { _all: true } }),
  ]);
  const cloudRatio = cloudRatioOf(settings);
  const volumes = new Map(counts.map((c) => [c.poolId, c._count._all]));
  return rows.map((row) => {
    const state = poolStateFromRow(row, cloudRatio, now, reportedAt);
    return {
      id: row.id,
      name: row.name,
      az: row.azId,
      arrayId: row.arrayId,
      array: row.array.name,
      raidGroupId: row.raidGroupId,
      backendName: row.backendName,
      protocol: row.protocol,
      diskType: row.diskType,
      tier: row.tier,
      thinSupport: row.thinSupport,
      thickSupport: row.thickSupport,
      reservedPercentage: row.reservedPercentage,
      ratioOverride: row.ratioOverride,
      cloudRatio: String(cloudRatio),
      enabled: row.enabled,
      disabledReason: row.disabledReason,
      serviceRunning: row.serviceRunning,
      lastHeartbeatAt: (row.serviceRunning ? reportedAt : row.lastHeartbeatAt)?.toISOString() ?? null,
      up: state.up,
      volumes: volumes.get(row.id) ?? 0,
      capabilities: row.capabilities as Record<string, unknown>,
      ...poolFigures(state),
    };
  });
}

export type StoragePoolDto = Awaited<ReturnType<typeof storagePools>>[number];

/**
 * One storage array as eSight shows it: controllers, enclosures with their disks by slot, RAID
 * groups (RAID 2.0+ disk domains or classic groups) with the capacity and health the RAID math
 * gives them, and the pools drawing on it.
 */
export async function arrayDetail(actor: Actor, id: string) {
  requirePermission(actor, "hardware:view");
  const a = await db.storageArray.findUnique({
    where: { id },
    include: {
      controllers: { orderBy: { name: "asc" } },
      enclosures: { orderBy: { name: "asc" }, include: { disks: { orderBy: { slot: "asc" } } } },
      raidGroups: { orderBy: { name: "asc" }, include: { disks: { select: { sizeGb: true, health: true, type: true } }, pools: { select: { id: true, name: true, azId: true } } } },
    },
  });
  if (!a) throw new NotFoundError("array", id);
  const groupName = new Map(a.raidGroups.map((g) => [g.id, g.name]));
  return {
    id: a.id,
    name: a.name,
    model: a.model,
    serialNo: a.serialNo,
    firmware: a.firmware,
    managementIp: a.managementIp,
    controllers: a.controllers.map((c) => ({ id: c.id, name: c.name, role: c.role, health: c.health, cacheGb: c.cacheGb })),
    enclosures: a.enclosures.map((e) => ({
      id: e.id,
      name: e.name,
      kind: e.kind,
      slots: e.slots,
      cascadePort: e.cascadePort,
      disks: e.disks.map((d) => ({ id: d.id, slot: d.slot, type: d.type, sizeGb: d.sizeGb, serialNo: d.serialNo, health: d.health, raidGroup: d.raidGroupId ? (groupName.get(d.raidGroupId) ?? d.raidGroupId) : null })),
    })),
    raidGroups: a.raidGroups.map((g) => {
      const failed = g.disks.filter((d) => d.health !== "normal").length;
      const raw = g.disks.reduce((s, d) => s + d.sizeGb, 0);
      const policy = { data: g.dataColumns ?? 1, parity: g.parityColumns ?? 0, hotSpareDisks: g.hotSpareDisks };
      const layout = g.kind === "raid20" ? raid20Layout(g.disks.map((d) => d.sizeGb), policy) : null;
      return {
        id: g.id,
        name: g.name,
        kind: g.kind,
        level: g.level,
        policy: g.kind === "raid20" ? `${g.dataColumns}D+${g.parityColumns}P` : null,
        hotSpareDisks: g.hotSpareDisks,
        disks: g.disks.length,
        diskTypes: [...new Set(g.disks.map((d) => d.type))].join(", "),
        rawGb: raw,
        usableGb: g.usableGb,
        chunkGroups: layout?.chunkGroups ?? null,
        spareGb: layout ? Math.round((layout.spareChunks * CHUNK_MB) / 1024) : null,
        failedDisks: failed,
        health: raidGroupState(g, g.disks),
        pools: g.pools.map((p) => ({ id: p.id, name: p.name, az: p.azId })),
      };
    }),
  };
}

export type ArrayDetailDto = Awaited<ReturnType<typeof arrayDetail>>;

/** A part as the device page shows it: the inventory's fields (kind as stored), its health, its cable and the drills it allows. */
export interface DeviceComponentDto extends Omit<ComponentSpec, "kind"> {
  id: string;
  kind: string;
  health: string;
  /** A switch port's peer (the host cabled to it), or a server's switch port. */
  link: { name: string; href: string } | null;
  can: { fail: boolean; repair: boolean };
}

export interface DeviceDetailDto {
  id: string;
  kind: "server" | "switch";
  name: string;
  role: string;
  model: string;
  serialNo: string;
  ip: string;
  az: string | null;
  firmware: { bios: string; bmc: string } | string;
  health: DeviceHealth;
  maintenance: boolean;
  reasons: HealthReason[];
  /** A compute host: its Service OM page's id (metrics are the host's series). */
  hostId: string | null;
  components: DeviceComponentDto[];
}

/** A server (compute host or deploy node) or a switch, with every part, its health and why. */
export async function deviceDetail(actor: Actor, id: string): Promise<DeviceDetailDto> {
  requirePermission(actor, "hardware:view");
  const [host, node, sw, parts, now, reportedAt] = await Promise.all([
    db.host.findUnique({ where: { id } }),
    db.deployNode.findUnique({ where: { id } }),
    db.networkSwitch.findUnique({ where: { id } }),
    db.deviceComponent.findMany({ where: { deviceId: id } }),
    cloudNow(),
    lastComputeReport(db),
  ]);
  if (!host && !node && !sw) throw new NotFoundError("device", id);
  // Parts in slot order as a person reads them: CPU1 < CPU2, DIMM000 < DIMM001, 10GE1/0/2 < 10GE1/0/10.
  parts.sort((a, b) => a.kind.localeCompare(b.kind) || a.slot.localeCompare(b.slot, "en", { numeric: true }));
  const peers = [...new Set(parts.flatMap((p) => (p.peerId ? [p.peerId] : [])))];
  const [peerHosts, myPort] = await Promise.all([
    peers.length ? db.host.findMany({ where: { id: { in: peers } }, select: { id: true, name: true } }) : [],
    host ? db.deviceComponent.findFirst({ where: { peerId: id }, select: { deviceId: true, slot: true } }) : null,
  ]);
  const peerName = new Map(peerHosts.map((h) => [h.id, h.name]));
  const switchOfHost = myPort ? await db.networkSwitch.findUnique({ where: { id: myPort.deviceId }, select: { id: true, name: true } }) : null;
  const drills = can(actor, "drill:run");
  const components: DeviceComponentDto[] = parts.map((p) => ({
    id: p.id,
    slot: p.slot,
    kind: p.kind,
    model: p.model,
    serialNo: p.serialNo,
    firmware: p.firmware,
    capacity: p.capacity,
    redundancyGroup: p.redundancyGroup,
    uplink: p.uplink,
    health: p.health,
    link: p.peerId ? { name: peerName.get(p.peerId) ?? p.peerId, href: `/esight/devices/${p.peerId}` } : p.kind === "nic" && p.slot === "NIC1" && switchOfHost && myPort ? { name: `${switchOfHost.name} ${myPort.slot}`, href: `/esight/devices/${switchOfHost.id}` } : null,
    can: { fail: drills && componentDrillAllowed(p, "fail"), repair: drills && componentDrillAllowed(p, "repair") },
  }));
  const statuses = parts.map(toStatus);
  if (sw) {
    const view = rollUpHealth({ components: statuses, needed: SWITCH_NEEDS });
    return { id, kind: "switch", name: sw.name, role: "switch", model: sw.model, serialNo: sw.serialNo, ip: sw.managementIp, az: sw.azId, firmware: sw.firmware, health: view.health, maintenance: false, reasons: view.reasons, hostId: null, components };
  }
  if (host) {
    const view = rollUpHealth({ components: statuses, needed: SERVER_NEEDS, serviceDown: !isUp(host, now, reportedAt), maintenance: !host.enabled });
    return { id, kind: "server", name: host.name, role: "compute", model: host.model, serialNo: host.serialNo, ip: host.ip, az: host.azId, firmware: serverFirmware(cloudSeed(), id), health: view.health, maintenance: view.maintenance, reasons: view.reasons, hostId: host.id, components };
  }
  const n = node as NonNullable<typeof node>;
  const view = rollUpHealth({ components: statuses, needed: SERVER_NEEDS });
  return { id, kind: "server", name: n.name, role: n.role, model: n.model, serialNo: n.serialNo, ip: n.ip, az: null, firmware: serverFirmware(cloudSeed(), id), health: n.healthy ? view.health : "critical", maintenance: false, reasons: view.reasons, hostId: null, components };
}
