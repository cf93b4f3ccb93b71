import "server-only";
import { capacityOf, LIBVIRT_HYPERVISOR_TYPE, supportedInstancesFor, versionToString, type CpuInfo } from "@/lib/cloud/compute";
import { NotFoundError } from "@/lib/cloud/shared";
import type { InstanceListParams } from "@/lib/schemas/instances";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db, dbReader } from "../db";
import { cachedHostStates } from "../repositories/host-cache";
import { requirePermission, type Actor } from "../auth/actor";
import { hostWithGroups, lastComputeReport, lastHeartbeat, toHostState, type HostRow } from "../repositories/hosts";
import { loadSettings } from "../repositories/settings";
import { cloudNow } from "../services/clock";
import { instanceInclude, rightsOf, toInstanceDto, type InstanceDto } from "./instances";
import { orderByFrom, skipTake, type Page } from "./paging";

export interface HostDto {
  id: string;
  name: string;
  az: string;
  ip: string;
  cpuModel: string;
  architecture: string;
  hypervisorType: string;
  enabled: boolean;
  disabledReason: string | null;
  up: boolean;
  serviceRunning: boolean;
  lastHeartbeatAt: string | null;
  groups: string[];
  vcpus: number;
  vcpusUsed: number;
  vcpuLimit: number;
  memoryMb: number;
  memoryMbUsed: number;
  memoryMbLimit: number;
  reservedMemoryMb: number;
  diskGb: number;
  diskGbUsed: number;
  diskGbLimit: number;
  hugePageMemoryMb: number;
  hugePagesUsedMb: number;
  cpuRatio: number;
  ramRatio: number;
  diskRatio: number;
  instanceCount: number;
  /** What the compute service reports to the scheduler, in Nova's terms. */
  reported: { hypervisorType: string; hypervisorVersion: string; supportedInstances: string[]; cpuInfo: CpuInfo; traits: string[]; reservedVcpus: number };
  /** The host's own overrides (null = the cloud default applies). */
  overrides: { cpuAllocationRatio: number | null; ramAllocationRatio: number | null; diskAllocationRatio: number | null; reservedMemoryMb: number | null };
  defaults: { cpuAllocationRatio: number; ramAllocationRatio: number; diskAllocationRatio: number; reservedMemoryMb: number };
}

function toHostDto(h: HostRow, settings: Awaited<ReturnType<typeof loadSettings>>, now: Date, reportedAt: Date | null): HostDto {
  const s = toHostState(h, settings, now, reportedAt);
  const cap = capacityOf(s);
  return {
    id: h.id,
    name: h.name,
    az: h.azId,
    ip: h.ip,
    cpuModel: h.cpuModel,
    architecture: h.architecture,
    hypervisorType: h.hypervisorType,
    enabled: h.enabled,
    disabledReason: h.disabledReason,
    up: s.up,
    serviceRunning: h.serviceRunning,
    lastHeartbeatAt: lastHeartbeat(h, reportedAt)?.toISOString() ?? null,
    groups: h.groups.map((g) => g.hostGroup.name),
    vcpus: h.vcpus,
    vcpusUsed: h.vcpusUsed,
    vcpuLimit: cap.vcpuLimit,
    memoryMb: h.memoryMb,
    memoryMbUsed: h.memoryMbUsed,
    memoryMbLimit: cap.memoryMbLimit,
    reservedMemoryMb: s.reservedMemoryMb,
    diskGb: h.localDiskGb,
    diskGbUsed: h.diskGbUsed,
    diskGbLimit: cap.diskGbLimit,
    hugePageMemoryMb: h.hugePageMemoryMb,
    hugePagesUsedMb: h.hugePagesUsedMb,
    cpuRatio: s.cpuRatio,
    ramRatio: s.ramRatio,
    diskRatio: s.diskRatio,
    reported: {
      hypervisorType: LIBVIRT_HYPERVISOR_TYPE,
      hypervisorVersion: `${versionToString(s.hypervisorVersion)} (${s.hypervisorVersion})`,
      supportedInstances: supportedInstancesFor(s.cpuInfo.arch, s.virtType).map((t) => t.join(" / ")),
      cpuInfo: s.cpuInfo,
      traits: [...s.traits],
      reservedVcpus: s.reservedVcpus,
    },
    instanceCount: h.instanceCount,
    overrides: { cpuAllocationRatio: h.cpuAllocationRatio, ramAllocationRatio: h.ramAllocationRatio, diskAllocationRatio: h.diskAllocationRatio, reservedMemoryMb: h.reservedMemoryMb },
    defaults: { cpuAllocationRatio: settings.cpuAllocationRatio, ramAllocationRatio: settings.ramAllocationRatio, diskAllocationRatio: settings.diskAllocationRatio, reservedMemoryMb: settings.reservedHostMemoryMb },
  };
}

const SORTS: Record<string, (d: "asc" | "desc") => Prisma.HostOrderByWithRelationInput> = {
  name: (d: "asc" | "desc") => ({ name: d }),
  az: (d: "asc" | "desc") => ({ azId: d }),
  cpuModel: (d: "asc" | "desc") => ({ cpuModel: d }),
  vcpusUsed: (d: "asc" | "desc") => ({ vcpusUsed: d }),
  memoryMbUsed: (d: "asc" | "desc") => ({ memoryMbUsed: d }),
  instanceCount: (d: "asc" | "desc") => ({ instanceCount: d }),
};

export async function listHosts(actor: Actor, params: InstanceListParams): Promise<Page<HostDto>> {
  requirePermission(actor, "host:view");
  const where: Prisma.HostWhereInput = {
    ...(params.q ? { OR: [{ name: { contains: params.q } }, { ip: { contains: params.q } }, { cpuModel: { contains: params.q } }] } : {}),
    ...(params.az ? { azId: params.az } : {}),
    ...(params.status === "disabled" ? { enabled: false } : params.status === "enabled" ? { enabled: true } : {}),
    ...(params.arch ? { architecture: params.arch } : {}),
  };
  const { key, dir, orderBy } = orderByFrom(params, SORTS, "name", "asc");
  const [rows, total, settings, now, reportedAt] = await Promise.all([
    db.host.findMany({ where, include: hostWithGroups, orderBy: [orderBy, { name: "asc" }], ...skipTake(params) }),
    db.host.count({ where }),
    loadSettings(db),
    cloudNow(),
    lastComputeReport(db),
  ]);
  return { rows: rows.map((h) => toHostDto(h, settings, now, reportedAt)), total, page: params.page, pageSize: params.pageSize, sort: key, dir };
}

export async function getHost(actor: Actor, id: string): Promise<HostDto & { instances: InstanceDto[] }> {
  requirePermission(actor, "host:view");
  const [h, settings, now, reportedAt] = await Promise.all([db.host.findUnique({ where: { id }, include: hostWithGroups }), loadSettings(db), cloudNow(), lastComputeReport(db)]);
  if (!h) throw new NotFoundError("host", id);
  const instances = actor.permissions.has("ecs:view_all")
    ? await db.instance.findMany({
        where: { hostId: id, deletedAt: null },
        include: instanceInclude,
        orderBy: { createdAt: "desc" },
      })
    : [];
  return { ...toHostDto(h, settings, now, reportedAt), instances: instances.map((i) => toInstanceDto(i, true, now, reportedAt, true, rightsOf(actor))) };
}

export interface AzCapacity {
  az: string;
  hosts: number;
  hostsUp: number;
  hostsEnabled: number;
  vcpus: number;
  vcpuLimit: number;
  vcpusUsed: number;
  memoryMb: number;
  memoryMbLimit: number;
  memoryMbUsed: number;
  diskGb: number;
  diskGbLimit: number;
  diskGbUsed: number;
  instances: number;
}

/** Compute capacity per AZ: physical total, what the ratios allow, and what is allocated. */
export async function computeCapacity(actor: Actor): Promise<{ azs: AzCapacity[]; ratios: { cpu: number; ram: number; disk: number; reservedMemoryMb: number } }> {
  requirePermission(actor, "capacity:view");
  // From the scheduler's host cache: the same view the scheduler decides on, without a read of every host.
  const [settings, now] = await Promise.all([loadSettings(db), cloudNow()]);
  const hosts = await cachedHostStates(dbReader, settings, now);
  const byAz = new Map<string, AzCapacity>();
  for (const s of hosts) {
    const c = capacityOf(s);
    const az = s.az ?? "-";
    const a = byAz.get(az) ?? { az, hosts: 0, hostsUp: 0, hostsEnabled: 0, vcpus: 0, vcpuLimit: 0, vcpusUsed: 0, memoryMb: 0, memoryMbLimit: 0, memoryMbUsed: 0, diskGb: 0, diskGbLimit: 0, diskGbUsed: 0, instances: 0 };
    a.hosts++;
    if (s.up) a.hostsUp++;
    if (s.enabled) a.hostsEnabled++;
    a.vcpus += s.vcpus;
    a.vcpuLimit += c.vcpuLimit;
    a.vcpusUsed += s.vcpusUsed;
    a.memoryMb += s.memoryMb;
    a.memoryMbLimit += c.memoryMbLimit;
    a.memoryMbUsed += s.memoryMbUsed;
    a.diskGb += s.diskGb;
    a.diskGbLimit += c.diskGbLimit;
    a.diskGbUsed += s.diskGbUsed;
    a.instances += s.instanceCount;
    byAz.set(az, a);
  }
  return {
    azs: [...byAz.values()].sort((x, y) => x.az.localeCompare(y.az)),
    ratios: { cpu: settings.cpuAllocationRatio, ram: settings.ramAllocationRatio, disk: settings.diskAllocationRatio, reservedMemoryMb: settings.reservedHostMemoryMb },
  };
}
