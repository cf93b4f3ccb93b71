import "server-only";
import { ATTACHABLE_VM_STATES, TRANSITIONAL, volumeAllowed, type VolumeAction } from "@/lib/cloud/storage";
import { NotFoundError } from "@/lib/cloud/shared";
import type { TaskFlowEntry, TaskFlowTask } from "./task-flow";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { VolumeListParams } from "@/lib/schemas/volumes";
import { db } from "../db";
import { inScope, projectFilter, requirePermission, type Actor } from "../auth/actor";
import { orderByFrom, skipTake, type Page } from "./paging";

const volumeInclude = {
  volumeType: { select: { name: true, qosIops: true, qosMbps: true } },
  project: { select: { name: true } },
  attachments: { include: { instance: { select: { id: true, name: true } } } },
  _count: { select: { snapshots: { where: { deletedAt: null } } } },
} satisfies Prisma.VolumeInclude;

type VolumeRow = Prisma.VolumeGetPayload<{ include: typeof volumeInclude }>;

export interface VolumeDto {
  id: string;
  name: string;
  status: string;
  transitional: boolean;
  sizeGb: number;
  thin: boolean;
  type: string;
  qos: { iops: number | null; mbps: number | null };
  az: string;
  projectId: string;
  project: string;
  attachments: { instanceId: string; instance: string; device: string; status: string }[];
  snapshots: number;
  createdAt: string;
  /** The pool, for storage administrators only. */
  pool: string | null;
  /** What the caller may do now (the same predicate the services refuse with). */
  can: Record<VolumeAction, boolean>;
}

const ACTIONS: readonly VolumeAction[] = ["attach", "detach", "extend", "snapshot", "delete"];

function toVolumeDto(v: VolumeRow, actor: Actor): VolumeDto {
  const view = { status: v.status, attachments: v.attachments.length, snapshots: v._count.snapshots };
  const operate = actor.permissions.has("evs:operate") || actor.permissions.has("evs:operate_all");
  const remove = actor.permissions.has("evs:delete") || actor.permissions.has("evs:operate_all");
  return {
    id: v.id,
    name: v.name,
    status: v.status,
    transitional: (TRANSITIONAL as readonly string[]).includes(v.status),
    sizeGb: v.sizeGb,
    thin: v.thin,
    type: v.volumeType.name,
    qos: { iops: v.volumeType.qosIops, mbps: v.volumeType.qosMbps },
    az: v.azId,
    projectId: v.projectId,
    project: v.project.name,
    attachments: v.attachments.map((a) => ({ instanceId: a.instance.id, instance: a.instance.name, device: a.device, status: a.status })),
    snapshots: v._count.snapshots,
    createdAt: v.createdAt.toISOString(),
    pool: actor.permissions.has("storage:view") ? v.poolId : null,
    can: Object.fromEntries(ACTIONS.map((a) => [a, (a === "delete" ? remove : operate) && volumeAllowed(view, a)])) as Record<VolumeAction, boolean>,
  };
}

const STATUS_FILTERS: Record<string, Prisma.VolumeWhereInput> = {
  available: { status: "available" },
  "in-use": { status: "in-use" },
  error: { status: { in: ["error", "error_deleting", "error_extending"] } },
  transitional: { status: { in: [...TRANSITIONAL] } },
};

const SORTS = {
  createdAt: (dir: "asc" | "desc") => ({ createdAt: dir }),
  name: (dir: "asc" | "desc") => ({ name: dir }),
  sizeGb: (dir: "asc" | "desc") => ({ sizeGb: dir }),
  status: (dir: "asc" | "desc") => ({ status: dir }),
} satisfies Record<string, (dir: "asc" | "desc") => Prisma.VolumeOrderByWithRelationInput>;

/** One page of the caller's volumes (every tenant's for evs:view_all with `allTenants`), newest first. */
export async function listVolumes(actor: Actor, params: VolumeListParams, opts: { allTenants?: boolean } = {}): Promise<Page<VolumeDto>> {
  requirePermission(actor, opts.allTenants ? "evs:view_all" : "evs:view");
  const where: Prisma.VolumeWhereInput = {
    deletedAt: null,
    ...(opts.allTenants ? {} : projectFilter(actor)),
    ...(params.q ? { OR: [{ name: { contains: params.q } }, { id: params.q }] } : {}),
    ...(params.status && STATUS_FILTERS[params.status] ? STATUS_FILTERS[params.status] : {}),
    ...(params.az ? { azId: params.az } : {}),
    // Pools are the storage administrators' to know.
    ...(params.pool && actor.permissions.has("storage:view") ? { poolId: params.pool } : {}),
  };
  const { key, dir, orderBy } = orderByFrom(params, SORTS, "createdAt", "desc");
  const [rows, total] = await Promise.all([db.volume.findMany({ where, include: volumeInclude, orderBy: [orderBy, { id: "asc" }], ...skipTake(params) }), db.volume.count({ where })]);
  return { rows: rows.map((r) => toVolumeDto(r, actor)), total, page: params.page, pageSize: params.pageSize, sort: key, dir };
}

/** Fresh state of the volumes a page polls (the caller's scope only). */
export async function volumesByIds(actor: Actor, ids: string[]): Promise<VolumeDto[]> {
  requirePermission(actor, "evs:view");
  const rows = await db.volume.findMany({ where: { id: { in: ids.slice(0, 100) }, deletedAt: null, ...projectFilter(actor) }, include: volumeInclude });
  return rows.map((r) => toVolumeDto(r, actor));
}

export interface SnapshotDto {
  id: string;
  name: string;
  sizeGb: number;
  status: string;
  createdAt: string;
  can: { delete: boolean; createVolume: boolean };
}

export interface VolumeDetail extends VolumeDto {
  description: string;
  bootable: boolean;
  /** What the guest has written (a thin volume's real footprint on its pool). */
  writtenGb: number;
  source: { kind: "image" | "snapshot"; name: string } | null;
  fault: { code?: string; message?: string } | null;
  snapshotList: SnapshotDto[];
  tasks: TaskFlowTask[];
}

/**
 * One volume with its snapshots and request flow; not found outside the caller's scope. A step's
 * detail names the pool, so tenants see the steps without it.
 */
export async function getVolume(actor: Actor, id: string): Promise<VolumeDetail> {
  requirePermission(actor, "evs:view");
  const v = await db.volume.findFirst({
    where: { id, deletedAt: null },
    include: { ...volumeInclude, snapshots: { where: { deletedAt: null }, orderBy: { createdAt: "desc" } }, tasks: { orderBy: { createdAt: "desc" }, take: 20 } },
  });
  if (!v || !inScope(actor, v.projectId)) throw new NotFoundError("volume", id);
  const admin = actor.permissions.has("storage:view");
  const [image, sourceSnapshot] = await Promise.all([
    v.sourceImageId ? db.image.findUnique({ where: { id: v.sourceImageId }, select: { name: true } }) : null,
    v.sourceSnapshotId ? db.volumeSnapshot.findUnique({ where: { id: v.sourceSnapshotId }, select: { name: true } }) : null,
  ]);
  const remove = actor.permissions.has("evs:delete") || actor.permissions.has("evs:operate_all");
  const create = actor.permissions.has("evs:create");
  const fault = v.fault && typeof v.fault === "object" ? (v.fault as { code?: string; message?: string }) : null;
  return {
    ...toVolumeDto(v, actor),
    description: v.description,
    bootable: v.bootable,
    writtenGb: v.writtenGb,
    source: image ? { kind: "image", name: image.name } : sourceSnapshot ? { kind: "snapshot", name: sourceSnapshot.name } : null,
    fault: fault ? { code: fault.code, message: fault.message } : null,
    snapshotList: v.snapshots.map((s) => ({
      id: s.id,
      name: s.name,
      sizeGb: s.sizeGb,
      status: s.status,
      createdAt: s.createdAt.toISOString(),
      can: { delete: remove && (s.status === "available" || s.status === "error"), createVolume: create && s.status === "available" },
    })),
    tasks: v.tasks.map((t) => ({
      id: t.id,
      type: t.type,
      status: t.status,
      createdAt: t.createdAt.toISOString(),
      timeline: ((t.timeline as unknown as TaskFlowEntry[]) ?? []).map((e) => (admin ? e : { ...e, detail: undefined })),
    })),
  };
}

export interface AttachableInstance {
  id: string;
  name: string;
  status: string;
}

/** The caller's instances a volume could be attached to now: same project and AZ, settled in an attachable state. */
export async function attachableInstances(actor: Actor, volume: { projectId: string; azId: string }): Promise<AttachableInstance[]> {
  requirePermission(actor, "evs:view");
  if (!inScope(actor, volume.projectId)) return [];
  const rows = await db.instance.findMany({
    where: { projectId: volume.projectId, azId: volume.azId, deletedAt: null, vmState: { in: [...ATTACHABLE_VM_STATES] }, taskState: null },
    select: { id: true, name: true, vmState: true },
    orderBy: { name: "asc" },
    take: 200,
  });
  return rows.map((r) => ({ id: r.id, name: r.name, status: r.vmState }));
}

/** The caller's volumes that could be attached to an instance now: available, same project and AZ. */
export async function attachableVolumes(actor: Actor, instance: { projectId: string; azId: string }): Promise<{ id: string; name: string; sizeGb: number; type: string }[]> {
  requirePermission(actor, "evs:view");
  if (!inScope(actor, instance.projectId)) return [];
  const rows = await db.volume.findMany({
    where: { projectId: instance.projectId, azId: instance.azId, deletedAt: null, status: "available" },
    select: { id: true, name: true, sizeGb: true, volumeType: { select: { name: true } } },
    orderBy: { name: "asc" },
    take: 200,
  });
  return rows.map((r) => ({ id: r.id, name: r.name, sizeGb: r.sizeGb, type: r.volumeType.name }));
}
