import "server-only";
import { TRANSITIONAL, volumeAllowed, type VolumeAction } from "@/lib/cloud/storage";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { VolumeListParams } from "@/lib/schemas/volumes";
import { db } from "../db";
import { projectFilter, requirePermission, type Actor } from "../auth/actor";
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
