import "server-only";
import { allowedActions, consoleLog, displayStatus, isTransitional, type InstanceAction } from "@/lib/cloud/compute";
import { NotFoundError } from "@/lib/cloud/shared";
import type { TimelineEntry } from "@/lib/cloud/tasks";
import type { ListParams } from "@/lib/schemas/instances";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db";
import { inScope, projectFilter, requirePermission, type Actor } from "../auth/actor";
import { orderByFrom, skipTake, type Page } from "./paging";

const include = { flavor: true, image: true, host: true, project: true, az: true } satisfies Prisma.InstanceInclude;
type Row = Prisma.InstanceGetPayload<{ include: typeof include }>;

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
  image: string;
  osType: string;
  ipAddress: string | null;
  macAddress: string | null;
  project: string;
  /** Only for callers who may see the physical layer. */
  host: string | null;
  createdAt: string;
  launchedAt: string | null;
  fault: { code?: string; message?: string } | null;
  locked: boolean;
  lockedBy: string | null;
  /** Set when the hypervisor disagrees with power_state until the next sync. */
  guestPowerState: string | null;
  actions: Record<InstanceAction, boolean>;
}

/** `showHost` doubles as "the viewer is an operator": operators see hosts and bypass locks. */
export function toInstanceDto(i: Row, showHost: boolean): InstanceDto {
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
    image: i.image.name,
    osType: i.image.osType,
    ipAddress: i.ipAddress,
    macAddress: i.macAddress,
    project: i.project.name,
    host: showHost ? (i.host?.name ?? null) : null,
    createdAt: i.createdAt.toISOString(),
    launchedAt: i.launchedAt?.toISOString() ?? null,
    fault: (i.fault as InstanceDto["fault"]) ?? null,
    locked: i.locked,
    lockedBy: i.lockedBy,
    guestPowerState: i.guestPowerState,
    actions: allowedActions(i, { admin: showHost }),
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
  const { key, orderBy } = orderByFrom(params, SORTS, "createdAt");
  const [rows, total] = await Promise.all([
    db.instance.findMany({ where, include, orderBy: [orderBy, { id: "asc" }], ...skipTake(params) }),
    db.instance.count({ where }),
  ]);
  return { rows: rows.map((r) => toInstanceDto(r, showHost)), total, page: params.page, pageSize: params.pageSize, sort: key, dir: params.dir };
}

export interface InstanceDetail extends InstanceDto {
  hostId: string | null;
  tasks: { id: string; type: string; status: string; createdAt: string; finishedAt: string | null; error: string | null; timeline: TimelineEntry[] }[];
}

/** One instance, or not-found when it is outside the caller's scope (never "forbidden"). */
export async function getInstance(actor: Actor, id: string): Promise<InstanceDetail> {
  requirePermission(actor, "ecs:view");
  const i = await db.instance.findFirst({ where: { id, deletedAt: null }, include: { ...include, tasks: { orderBy: { createdAt: "desc" }, take: 20 } } });
  if (!i || !inScope(actor, i.projectId)) throw new NotFoundError("instance", id);
  const showHost = actor.permissions.has("ecs:view_all");
  return {
    ...toInstanceDto(i, showHost),
    hostId: showHost ? i.hostId : null,
    tasks: i.tasks.map((t) => ({
      id: t.id,
      type: t.type,
      status: t.status,
      createdAt: t.createdAt.toISOString(),
      finishedAt: t.finishedAt?.toISOString() ?? null,
      error: t.error,
      timeline: (t.timeline as unknown as TimelineEntry[]) ?? [],
    })),
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
  const rows = await db.instance.findMany({ where: { id: { in: ids.slice(0, 100) }, deletedAt: null, ...projectFilter(actor) }, include });
  return rows.map((r) => toInstanceDto(r, showHost));
}

/** The instance's console output (its scope checked as for reading it). */
export async function instanceConsoleLog(actor: Actor, id: string, lines: number): Promise<string> {
  requirePermission(actor, "ecs:view");
  const i = await db.instance.findFirst({ where: { id, deletedAt: null }, include: { image: true } });
  if (!i || !inScope(actor, i.projectId)) throw new NotFoundError("instance", id);
  return consoleLog({ id: i.id, name: i.name, osType: i.image.osType, osVersion: i.image.osVersion, architecture: i.image.architecture, ipAddress: i.ipAddress, macAddress: i.macAddress, vmState: i.vmState, powerState: i.powerState, launchedAt: i.launchedAt }, lines);
}
