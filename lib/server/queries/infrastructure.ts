import "server-only";
import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { isUp, lastComputeReport } from "../repositories/hosts";
import { cloudNow } from "../services/clock";
import { loadSettings } from "../repositories/settings";
import { lastServiceReport } from "../repositories/service-reports";
import { cloudRatioOf, poolFigures, poolStateFromRow } from "../repositories/pools";
import type { DeviceListParams } from "@/lib/schemas/compute";
import { pageInMemory, type Page } from "./paging";
import { CHUNK_MB, classicRaidHealth, raid20Health, raid20Layout, type ClassicRaidLevel } from "@/lib/cloud/storage";
import { NotFoundError } from "@/lib/cloud/shared";
import { healthRank, rollUpHealth, type Health } from "@/lib/cloud/operations";

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

export async function hardwareInventory(actor: Actor) {
  requirePermission(actor, "hardware:view");
  const [nodes, hosts, arrays, now, reportedAt] = await Promise.all([
    db.deployNode.findMany({ orderBy: { name: "asc" } }),
    db.host.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, ip: true, model: true, serialNo: true, cpuModel: true, azId: true, serviceRunning: true, lastHeartbeatAt: true, enabled: true } }),
    db.storageArray.findMany({ include: { pools: true, raidGroups: true, disks: { select: { id: true, health: true, raidGroupId: true } }, controllers: { select: { name: true, health: true } } }, orderBy: { name: "asc" } }),
    cloudNow(),
    lastComputeReport(db),
  ]);
  // eSight's roll-up (lib/cloud/operations/health.ts): a compute service down is red; a host an
  // administrator disabled is in maintenance, which is not a fault: it stays green, marked.
  const servers = [
    ...nodes.map((n) => ({ id: n.id, name: n.name, ip: n.ip, model: n.model, serialNo: n.serialNo, role: n.role, az: null as string | null, health: (n.healthy ? "normal" : "critical") as DeviceHealth, maintenance: false })),
    ...hosts.map((h) => {
      const view = rollUpHealth({ components: [], serviceDown: !isUp(h, now, reportedAt), maintenance: !h.enabled });
      return { id: h.id, name: h.name, ip: h.ip, model: h.model, serialNo: h.serialNo, role: "compute", az: h.azId as string | null, health: view.health, maintenance: view.maintenance };
    }),
  ];
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
  return { servers, storage };
}

export type ServerDeviceDto = Awaited<ReturnType<typeof hardwareInventory>>["servers"][number];

/**
 * One page of eSight's servers (controllers, network and compute nodes). Health is rolled up from
 * the heartbeat at read time, so the page is cut on the server after it is computed.
 */
export async function pageDevices(actor: Actor, p: DeviceListParams): Promise<Page<ServerDeviceDto>> {
  const q = p.q?.toLowerCase();
  const rows = (await hardwareInventory(actor)).servers.filter(
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
