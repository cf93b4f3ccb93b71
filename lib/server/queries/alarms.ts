import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { alarmAllowed, alarmKey, groupByRootCause, type AlarmState, type Severity } from "@/lib/cloud/operations";
import { NotFoundError } from "@/lib/cloud/shared";
import type { AlarmListParams } from "@/lib/schemas/operations";
import { db } from "../db";
import { can, requirePermission, type Actor } from "../auth/actor";
import { orderByFrom, skipTake, type Page } from "./paging";

// Alarms as OC and eSight list them (alarm:view). Alarms are about the cloud's infrastructure, never
// a tenant's business: only operators hold the permission.

export interface AlarmDto {
  id: string;
  source: string;
  sourceName: string;
  /** Where the source's own page is, for the operator who may open it. */
  sourceHref: string | null;
  type: string;
  severity: Severity;
  state: AlarmState;
  count: number;
  firstAt: string;
  lastAt: string;
  clearedAt: string | null;
  clearedBy: string | null;
  acknowledgedBy: string | null;
  /** The root cause's "source|type", or null for a root. */
  rootKey: string | null;
  key: string;
  can: { acknowledge: boolean; clear: boolean; comment: boolean };
}

type AlarmRow = Prisma.AlarmGetPayload<object>;

function sourceHref(actor: Actor, source: string, detail: unknown): string | null {
  // A threshold alarm's source is "<kind>:<id>#<rule>": the page is the source's.
  const [kind, rest] = source.split(":", 2) as [string, string | undefined];
  const id = rest?.split("#")[0];
  if (!id) return null;
  const array = (detail as { arrayId?: string } | null)?.arrayId;
  if (kind === "pool" && can(actor, "storage:view")) return `/service-om/storage-pools/${id}`;
  if (kind === "volume" && can(actor, "evs:view_all")) return `/sc/evs/${id}`;
  if (kind === "instance" && can(actor, "ecs:view_all")) return `/sc/ecs/${id}`;
  if (kind === "host" && can(actor, "host:view") && can(actor, "portal:service-om")) return `/service-om/hosts/${id}`;
  if ((kind === "host" || kind === "port" || kind === "psu" || kind === "fan") && can(actor, "hardware:view")) return `/esight/devices/${id}`;
  if ((kind === "disk" || kind === "raid") && array && can(actor, "hardware:view")) return `/esight/arrays/${array}`;
  return null;
}

function toDto(actor: Actor, a: AlarmRow): AlarmDto {
  const handle = can(actor, "alarm:handle");
  const state = a.state as AlarmState;
  return {
    id: a.id,
    source: a.source,
    sourceName: a.sourceName,
    sourceHref: sourceHref(actor, a.source, a.detail),
    type: a.type,
    severity: a.severity as Severity,
    state,
    count: a.count,
    firstAt: a.firstAt.toISOString(),
    lastAt: a.lastAt.toISOString(),
    clearedAt: a.clearedAt?.toISOString() ?? null,
    clearedBy: a.clearedBy,
    acknowledgedBy: a.acknowledgedBy,
    rootKey: a.rootKey,
    key: alarmKey(a),
    can: { acknowledge: handle && alarmAllowed({ state }, "acknowledge"), clear: handle && alarmAllowed({ state }, "clear"), comment: handle },
  };
}

// Severity sorts by its name: critical < major < minor < warning is also the order of gravity.
const SORTS = {
  lastAt: (dir: "asc" | "desc") => ({ lastAt: dir }),
  firstAt: (dir: "asc" | "desc") => ({ firstAt: dir }),
  severity: (dir: "asc" | "desc") => ({ severity: dir }),
  count: (dir: "asc" | "desc") => ({ count: dir }),
  sourceName: (dir: "asc" | "desc") => ({ sourceName: dir }),
  type: (dir: "asc" | "desc") => ({ type: dir }),
} satisfies Record<string, (dir: "asc" | "desc") => Prisma.AlarmOrderByWithRelationInput>;

export function alarmWhere(params: Pick<AlarmListParams, "q" | "severity" | "state" | "type">): Prisma.AlarmWhereInput {
  const state = params.state ?? "open";
  return {
    ...(state === "open" ? { openKey: { not: null } } : { state }),
    ...(params.severity ? { severity: params.severity } : {}),
    ...(params.type ? { type: params.type } : {}),
    ...(params.q ? { OR: [{ sourceName: { contains: params.q } }, { source: { contains: params.q } }] } : {}),
  };
}

export async function listAlarms(actor: Actor, params: AlarmListParams): Promise<Page<AlarmDto>> {
  requirePermission(actor, "alarm:view");
  const where = alarmWhere(params);
  const { key, dir, orderBy } = orderByFrom(params, SORTS, "lastAt", "desc");
  const [rows, total] = await Promise.all([db.alarm.findMany({ where, orderBy: [orderBy, { id: "asc" }], ...skipTake(params) }), db.alarm.count({ where })]);
  return { rows: rows.map((r) => toDto(actor, r)), total, page: params.page, pageSize: params.pageSize, sort: key, dir };
}

export interface AlarmDetailDto extends AlarmDto {
  comments: { id: string; userName: string; at: string; text: string }[];
  /** The open root this alarm derives from, if it is open. */
  root: AlarmDto | null;
  /** The open alarms that derive from this one, directly or through others. */
  derived: AlarmDto[];
}

export async function alarmDetail(actor: Actor, id: string): Promise<AlarmDetailDto> {
  requirePermission(actor, "alarm:view");
  const alarm = await db.alarm.findUnique({ where: { id }, include: { comments: { orderBy: { at: "asc" } } } });
  if (!alarm) throw new NotFoundError("alarm", id);
  // The open alarms of the same part of the cloud: where its root and its derived alarms are.
  const related = await db.alarm.findMany({ where: { scope: alarm.scope, openKey: { not: null } } });
  const all = alarm.openKey ? related : [...related, alarm];
  const group = groupByRootCause(all).find((g) => g.root.id === alarm.id || g.derived.some((d) => d.id === alarm.id));
  const root = group && group.root.id !== alarm.id ? toDto(actor, group.root) : null;
  const derived = group && group.root.id === alarm.id ? group.derived.map((d) => toDto(actor, d)) : [];
  return { ...toDto(actor, alarm), comments: alarm.comments.map((c) => ({ id: c.id, userName: c.userName, at: c.at.toISOString(), text: c.text })), root, derived };
}

/** Open alarms by severity, for the top bar; null for a user who may not see alarms. */
export async function openAlarmCounts(actor: Actor): Promise<Record<Severity, number> | null> {
  if (!can(actor, "alarm:view")) return null;
  const rows = await db.alarm.groupBy({ by: ["severity"], where: { openKey: { not: null } }, _count: { _all: true } });
  const out: Record<Severity, number> = { critical: 0, major: 0, minor: 0, warning: 0 };
  for (const r of rows) if (r.severity in out) out[r.severity as Severity] = r._count._all;
  return out;
}

export interface RootCauseDto {
  root: AlarmDto;
  derived: number;
  /** Derived alarms by type ("pool_offline": 1, "volume_error": 12...). */
  byType: Record<string, number>;
}

/** The open alarms grouped under their root causes, most recent first ("1 root cause, 14 derived alarms"). */
export async function openRootCauses(actor: Actor, limit = 20): Promise<{ groups: RootCauseDto[]; roots: number; alarms: number }> {
  requirePermission(actor, "alarm:view");
  const open = await db.alarm.findMany({ where: { openKey: { not: null } } });
  const groups = groupByRootCause(open);
  return {
    roots: groups.length,
    alarms: open.length,
    groups: groups.slice(0, limit).map((g) => ({
      root: toDto(actor, g.root),
      derived: g.derived.length,
      byType: g.derived.reduce<Record<string, number>>((m, d) => ({ ...m, [d.type]: (m[d.type] ?? 0) + 1 }), {}),
    })),
  };
}

/** The open alarms of a device: raised under its scope, or naming it as their source (a host down, a threshold). */
export async function deviceAlarms(actor: Actor, deviceId: string): Promise<AlarmDto[]> {
  requirePermission(actor, "alarm:view");
  const rows = await db.alarm.findMany({ where: { openKey: { not: null }, OR: [{ scope: `device:${deviceId}` }, { source: { startsWith: `host:${deviceId}` } }, { source: { contains: `:${deviceId}:` } }] }, orderBy: [{ severity: "asc" }, { lastAt: "desc" }], take: 100 });
  return rows.map((r) => toDto(actor, r));
}
