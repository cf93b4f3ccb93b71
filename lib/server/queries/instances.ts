import "server-only";
import { novaHostId } from "../nova-host-id";
import { allowedActions, consoleLog, displayStatus, isTransitional, type InstanceAction } from "@/lib/cloud/compute";
import { NotFoundError } from "@/lib/cloud/shared";
import { instanceTakesVolumes, ROOT_DEVICE, TRANSITIONAL, volumeAllowed } from "@/lib/cloud/storage";
import type { TimelineEntry } from "@/lib/cloud/tasks";
import type { InstanceListParams as ListParams } from "@/lib/schemas/instances";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db";
import { inScope, projectFilter, requirePermission, type Actor } from "../auth/actor";
import { orderByFrom, skipTake, type Page } from "./paging";
import { isUp, lastComputeReport } from "../repositories/hosts";
import { loadSettings } from "../repositories/settings";
import { cloudNow } from "../services/clock";

export const instanceInclude = { flavor: true, image: true, host: true, project: true, az: true, serverGroup: { include: { serverGroup: true } }, product: { select: { needsApproval: true } } } satisfies Prisma.InstanceInclude;
type Row = Prisma.InstanceGetPayload<{ include: typeof instanceInclude }>;

export interface InstanceDto {
  id: string;
  name: string;
  status: string;
  vmState: string;
  taskState: string | null;
  powerState: string;
  transitional: boolean;
  az: string;
  flavor: string;
  vcpus: number;
  memoryMb: number;
  rootGb: number;
  /** Booted from an EVS volume (the system disk is on a storage pool; see the Disks tab). */
  volumeBacked: boolean;
  image: string;
  osType: string;
  ipAddress: string | null;
  macAddress: string | null;
  /** keypair | password | none; with the key pair's name and fingerprint. */
  loginMethod: string;
  keyName: string | null;
  keyFingerprint: string | null;
  project: string;
  /** Only for callers who may see the physical layer. */
  host: string | null;
  createdAt: string;
  launchedAt: string | null;
  fault: { code?: string | undefined; message?: string | undefined; details?: string | undefined } | null;
  locked: boolean;
  lockedBy: string | null;
  /** Set when the hypervisor disagrees with power_state until the next sync. */
  guestPowerState: string | null;
  /** Whether the host's compute service is down (only for operators, who may evacuate). */
  hostDown: boolean;
  serverGroup: { id: string; name: string; policy: string } | null;
  actions: Record<InstanceAction, boolean>;
  /** Resize and delete go through an order: it came from a product that needs approval (tenants only). */
  changesByOrder: boolean;
  /** The viewer may not act on instances at all (the auditor, an approver): no action is offered. */
  readOnly: boolean;
}

/** What the viewer may do to instances at all: the states allow an action, the permission must too. */
export interface ActionRights {
  operate: boolean;
  delete: boolean;
}
export const ALL_RIGHTS: ActionRights = { operate: true, delete: true };

export function rightsOf(actor: Actor): ActionRights {
  const all = actor.permissions.has("ecs:operate_all");
  return { operate: all || actor.permissions.has("ecs:operate"), delete: all || actor.permissions.has("ecs:delete") };
}

/**
 * `showHost` doubles as "the viewer is an operator": operators see hosts and bypass locks.
 * `changesDirect`: the viewer resizes and deletes directly even what came through an approval (operators).
 * `rights`: a reader (the auditor, an approver) is offered no action, however the states stand.
 */
export function toInstanceDto(i: Row, showHost: boolean, now: Date, reportedAt: Date | null, changesDirect = true, rights: ActionRights = ALL_RIGHTS): InstanceDto {
  const hostDown = showHost && i.host !== null && !isUp(i.host, now, reportedAt);
  const group = i.serverGroup?.serverGroup ?? null;
  return {
    id: i.id,
    name: i.name,
    status: displayStatus(i),
    vmState: i.vmState,
    taskState: i.taskState,
    powerState: i.powerState,
    transitional: isTransitional(i),
    az: i.azId,
    flavor: i.flavor.name,
    vcpus: i.vcpus,
    memoryMb: i.memoryMb,
    rootGb: i.rootGb,
    volumeBacked: i.volumeBacked,
    image: i.image.name,
    osType: i.image.osType,
    ipAddress: i.ipAddress,
    macAddress: i.macAddress,
    loginMethod: i.loginMethod,
    keyName: i.keyName,
    keyFingerprint: i.keyFingerprint,
    project: i.project.name,
    host: showHost ? (i.host?.name ?? null) : null,
    createdAt: i.createdAt.toISOString(),
    launchedAt: i.launchedAt?.toISOString() ?? null,
    fault: faultFor(i.fault, showHost),
    locked: i.locked,
    lockedBy: i.lockedBy,
    guestPowerState: i.guestPowerState,
    hostDown,
    serverGroup: group ? { id: group.id, name: group.name, policy: group.policy } : null,
    actions: Object.fromEntries(Object.entries(allowedActions({ ...i, hostDown }, { admin: showHost })).map(([a, ok]) => [a, ok && (a === "delete" ? rights.delete : rights.operate)])) as Record<InstanceAction, boolean>,
    readOnly: !rights.operate && !rights.delete,
    changesByOrder: !changesDirect && i.product?.needsApproval === true,
  };
}

const SORTS: Record<string, (d: "asc" | "desc") => Prisma.InstanceOrderByWithRelationInput> = {
  name: (d: "asc" | "desc") => ({ name: d }),
  createdAt: (d: "asc" | "desc") => ({ createdAt: d }),
  status: (d: "asc" | "desc") => ({ vmState: d }),
  az: (d: "asc" | "desc") => ({ azId: d }),
  flavor: (d: "asc" | "desc") => ({ flavor: { name: d } }),
  host: (d: "asc" | "desc") => ({ host: { name: d } }),
};

const STATUS_FILTERS: Record<string, Prisma.InstanceWhereInput> = {
  ACTIVE: { vmState: "active", taskState: null },
  SHUTOFF: { vmState: "stopped", taskState: null },
  BUILD: { vmState: "building" },
  ERROR: { vmState: "error" },
  TRANSITIONAL: { taskState: { not: null } },
};

/** Operators act directly on every instance; others change through orders what came through an approval. */
const changesDirect = (actor: Actor) => actor.permissions.has("ecs:operate_all");

/** Instances the caller may see: their scope's, or every tenant's for operators. */
export async function listInstances(actor: Actor, params: ListParams, opts: { allTenants?: boolean } = {}): Promise<Page<InstanceDto>> {
  requirePermission(actor, opts.allTenants ? "ecs:view_all" : "ecs:view");
  const showHost = actor.permissions.has("ecs:view_all");
  const where: Prisma.InstanceWhereInput = {
    deletedAt: null,
    ...(opts.allTenants ? {} : projectFilter(actor)),
    ...(params.q ? { OR: [{ name: { contains: params.q } }, { ipAddress: { contains: params.q } }, { id: params.q }] } : {}),
    ...(params.status && STATUS_FILTERS[params.status] ? STATUS_FILTERS[params.status] : {}),
    ...(params.az ? { azId: params.az } : {}),
  };
  // Newest first, as a console's lists are.
  const { key, dir, orderBy } = orderByFrom(params, SORTS, "createdAt", "desc");
  const [rows, total] = await Promise.all([
    db.instance.findMany({ where, include: instanceInclude, orderBy: [orderBy, { id: "asc" }], ...skipTake(params) }),
    db.instance.count({ where }),
  ]);
  const [now, reportedAt] = await Promise.all([cloudNow(), lastComputeReport(db)]);
  return { rows: rows.map((r) => toInstanceDto(r, showHost, now, reportedAt, changesDirect(actor), rightsOf(actor))), total, page: params.page, pageSize: params.pageSize, sort: key, dir };
}

/** An open resize or migration, shown while the user must confirm or revert it. */
export interface PendingMigrationDto {
  id: string;
  type: string;
  status: string;
  oldFlavor: string;
  newFlavor: string;
  /** Host names only for operators. */
  source: string | null;
  dest: string | null;
  finishedAt: string | null;
  /** When the runner will confirm it (resize_confirm_window), or null if never. */
  autoConfirmAt: string | null;
}

export interface InstanceDetail extends InstanceDto {
  /** The host's row id, for operators' links to the host page. */
  hostId: string | null;
  /** Nova's non-admin `hostId`: a hash of project and host (every viewer). */
  hostIdHash: string;
  migration: PendingMigrationDto | null;
  tasks: { id: string; type: string; status: string; createdAt: string; finishedAt: string | null; error: string | null; timeline: TimelineEntry[] }[];
  projectId: string;
  /** The EVS volumes attached to it (the system disk at /dev/vda when it boots from a volume). */
  disks: InstanceDisk[];
}

export interface InstanceDisk {
  volumeId: string;
  name: string;
  device: string;
  sizeGb: number;
  type: string;
  status: string;
  transitional: boolean;
  deleteOnTermination: boolean;
  /** The same rule detachVolume refuses with: in use, not the boot disk, the instance settled. */
  canDetach: boolean;
}

/** One instance, or not-found when it is outside the caller's scope (never "forbidden"). */
export async function getInstance(actor: Actor, id: string): Promise<InstanceDetail> {
  requirePermission(actor, "ecs:view");
  const i = await db.instance.findFirst({
    where: { id, deletedAt: null },
    include: { ...instanceInclude, tasks: { orderBy: { createdAt: "desc" }, take: 20 }, volumeAttachments: { include: { volume: { include: { volumeType: { select: { name: true } } } } }, orderBy: { device: "asc" } } },
  });
  if (!i || !inScope(actor, i.projectId)) throw new NotFoundError("instance", id);
  const showHost = actor.permissions.has("ecs:view_all");
  const [now, settings, reportedAt] = await Promise.all([cloudNow(), loadSettings(db), lastComputeReport(db)]);
  return {
    ...toInstanceDto(i, showHost, now, reportedAt, changesDirect(actor), rightsOf(actor)),
    hostId: showHost ? i.hostId : null,
    hostIdHash: novaHostId(i.projectId, i.host?.name),
    projectId: i.projectId,
    migration: await pendingMigration(i.id, showHost, settings.resizeConfirmWindowSeconds),
    tasks: i.tasks.map((t) => ({
      id: t.id,
      type: t.type,
      status: t.status,
      createdAt: t.createdAt.toISOString(),
      finishedAt: t.finishedAt?.toISOString() ?? null,
      error: t.error,
      timeline: timelineFor((t.timeline as unknown as TimelineEntry[]) ?? [], showHost),
    })),
    disks: i.volumeAttachments.map((a) => ({
      volumeId: a.volume.id,
      name: a.volume.name,
      device: a.device,
      sizeGb: a.volume.sizeGb,
      type: a.volume.volumeType.name,
      status: a.volume.status,
      transitional: (TRANSITIONAL as readonly string[]).includes(a.volume.status),
      deleteOnTermination: a.deleteOnTermination,
      canDetach: operatesVolumes(actor) && a.device !== ROOT_DEVICE && volumeAllowed({ status: a.volume.status, attachments: 1, snapshots: 0 }, "detach") && instanceTakesVolumes(i),
    })),
  };
}

const operatesVolumes = (actor: Actor) => actor.permissions.has("evs:operate") || actor.permissions.has("evs:operate_all");

/**
 * The request flow as its viewer may read it. A step's detail is the physical side of the
 * operation (the host chosen, the host that went down, the claim moved): operators read it,
 * tenants see the steps and their times, and learn what went wrong from the fault message.
 */
function timelineFor(entries: TimelineEntry[], showHost: boolean): TimelineEntry[] {
  return showHost ? entries : entries.map(({ detail: _detail, ...rest }) => rest);
}

/** A fault as Nova shows it: code and message to everyone, the details to administrators only. */
function faultFor(raw: unknown, showHost: boolean): InstanceDto["fault"] {
  if (!raw || typeof raw !== "object") return null;
  const f = raw as { code?: string; message?: string; details?: string };
  return showHost ? { code: f.code, message: f.message, details: f.details } : { code: f.code, message: f.message };
}

async function pendingMigration(instanceId: string, showHost: boolean, windowSeconds: number): Promise<PendingMigrationDto | null> {
  const m = await db.migration.findFirst({ where: { instanceId, status: { in: ["pre-migrating", "finished", "confirming", "reverting", "accepted"] } }, orderBy: { createdAt: "desc" } });
  if (!m) return null;
  const [flavors, hosts] = await Promise.all([
    db.flavor.findMany({ where: { id: { in: [m.oldFlavorId, m.newFlavorId] } }, select: { id: true, name: true } }),
    showHost ? db.host.findMany({ where: { id: { in: [m.sourceHostId, m.destHostId] } }, select: { id: true, name: true } }) : Promise.resolve([]),
  ]);
  const flavor = (id: string) => flavors.find((f) => f.id === id)?.name ?? id;
  const host = (id: string) => (showHost ? (hosts.find((h) => h.id === id)?.name ?? id) : null);
  return {
    id: m.id,
    type: m.type,
    status: m.status,
    oldFlavor: flavor(m.oldFlavorId),
    newFlavor: flavor(m.newFlavorId),
    source: host(m.sourceHostId),
    dest: host(m.destHostId),
    finishedAt: m.finishedAt?.toISOString() ?? null,
    autoConfirmAt: m.status === "finished" && m.finishedAt && windowSeconds > 0 ? new Date(m.finishedAt.getTime() + windowSeconds * 1000).toISOString() : null,
  };
}

/** Status counts for the tenant overview. */
export async function instanceCounts(actor: Actor): Promise<Record<string, number>> {
  requirePermission(actor, "ecs:view");
  const rows = await db.instance.groupBy({ by: ["vmState"], where: { deletedAt: null, ...projectFilter(actor) }, _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.vmState, r._count._all]));
}

/** Fresh state of the given instances (for polling), limited to the caller's scope. */
export async function instancesByIds(actor: Actor, ids: string[]): Promise<InstanceDto[]> {
  requirePermission(actor, "ecs:view");
  const showHost = actor.permissions.has("ecs:view_all");
  const [rows, now, reportedAt] = await Promise.all([db.instance.findMany({ where: { id: { in: ids.slice(0, 100) }, deletedAt: null, ...projectFilter(actor) }, include: instanceInclude }), cloudNow(), lastComputeReport(db)]);
  return rows.map((r) => toInstanceDto(r, showHost, now, reportedAt, changesDirect(actor), rightsOf(actor)));
}

/** The instance's console output (its scope checked as for reading it). */
export async function instanceConsoleLog(actor: Actor, id: string, lines: number): Promise<string> {
  requirePermission(actor, "ecs:view");
  const i = await db.instance.findFirst({ where: { id, deletedAt: null }, include: { image: true } });
  if (!i || !inScope(actor, i.projectId)) throw new NotFoundError("instance", id);
  return consoleLog({ id: i.id, name: i.name, osType: i.image.osType, osVersion: i.image.osVersion, architecture: i.image.architecture, ipAddress: i.ipAddress, macAddress: i.macAddress, vmState: i.vmState, powerState: i.powerState, launchedAt: i.launchedAt, loginMethod: i.loginMethod, keyName: i.keyName, keyFingerprint: i.keyFingerprint }, lines);
}

export interface InstanceOptionsDto {
  /** Flavors it may be resized to: usable by its VDC, another flavor, no smaller root disk. */
  flavors: { id: string; name: string; vcpus: number; ramMb: number; diskGb: number }[];
  /** Images it may be rebuilt from: public, or private images of its project. */
  images: { id: string; name: string; architecture: string; minDiskGb: number; minRamMb: number; private: boolean }[];
  /** Hosts of its AZ other than its own (operators only), for a migration or evacuation target. */
  hosts: { name: string; up: boolean; enabled: boolean }[];
}

/** What the resize, rebuild, migrate and evacuate dialogs offer for one instance. */
export async function instanceOptions(actor: Actor, id: string): Promise<InstanceOptionsDto> {
  requirePermission(actor, "ecs:view");
  const i = await db.instance.findFirst({ where: { id, deletedAt: null }, include: { project: true, image: true } });
  if (!i || !inScope(actor, i.projectId)) throw new NotFoundError("instance", id);
  const operator = actor.permissions.has("ecs:operate_all");
  const [flavors, images, hosts, now, reportedAt] = await Promise.all([
    db.flavor.findMany({
      where: { deletedAt: null, id: { not: i.flavorId }, ...(i.volumeBacked ? {} : { diskGb: { gte: Math.max(i.rootGb, i.image.minDiskGb) } }), ramMb: { gte: i.image.minRamMb }, OR: [{ isPublic: true }, { access: { some: { vdcId: i.project.vdcId } } }] },
      orderBy: [{ vcpus: "asc" }, { ramMb: "asc" }, { name: "asc" }],
    }),
    // A volume-backed ECS is rebuilt with its own image only (as rebuildInstance refuses others).
    db.image.findMany({ where: { status: "active", ...(i.volumeBacked ? { id: i.imageId } : { OR: [{ visibility: "public" }, { ownerProjectId: i.projectId }] }) }, orderBy: { name: "asc" } }),
    operator ? db.host.findMany({ where: { azId: i.azId, id: { not: i.hostId ?? "" } }, orderBy: { name: "asc" } }) : Promise.resolve([]),
    cloudNow(),
    lastComputeReport(db),
  ]);
  return {
    flavors: flavors.map((f) => ({ id: f.id, name: f.name, vcpus: f.vcpus, ramMb: f.ramMb, diskGb: f.diskGb })),
    images: images.map((m) => ({ id: m.id, name: m.name, architecture: m.architecture, minDiskGb: m.minDiskGb, minRamMb: m.minRamMb, private: m.visibility !== "public" })),
    hosts: hosts.map((h) => ({ name: h.name, up: isUp(h, now, reportedAt), enabled: h.enabled })),
  };
}
