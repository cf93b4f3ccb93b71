import "server-only";
import { available, QUOTA_RESOURCES, subtreeIds, UNLIMITED, type QuotaResource } from "@/lib/cloud/quota";
import { NotFoundError } from "@/lib/cloud/shared";
import type { Permission } from "@/lib/cloud/identity";
import type { AuditFilters } from "@/lib/schemas/organizations";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { quotaTable, vdcChain } from "../repositories/quota";
import { isGlobalAdmin, managedVdcIds, readableVdcIds } from "../auth/org-scope";
import type { UserListParams } from "@/lib/schemas/organizations";
import { orderByFrom, skipTake, type Page } from "./paging";
import { csvOf } from "../csv";

export interface VdcNodeDto {
  id: string;
  name: string;
  level: number;
  parentId: string | null;
  children: VdcNodeDto[];
}

/** The tree as a list, each parent before its children (`level` 1 = first-level VDC). */
export function flattenVdcTree(nodes: readonly VdcNodeDto[]): { id: string; name: string; level: number }[] {
  return nodes.flatMap((n) => [{ id: n.id, name: n.name, level: n.level }, ...flattenVdcTree(n.children)]);
}

/** The VDCs the caller may see: all for global roles, else the subtrees they administer or belong to. */
async function visibleVdcIds(actor: Actor): Promise<{ vdcs: { id: string; name: string; parentId: string | null; level: number; description: string }[]; visible: Set<string> | "all" }> {
  requirePermission(actor, "vdc:view");
  const vdcs = await db.vdc.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, parentId: true, level: true, description: true } });
  // Global roles (operation admin, auditor) see the whole tree.
  if (actor.scope.all && actor.vdcId === null) return { vdcs, visible: "all" };
  const roots = actor.adminVdcIds.length ? actor.adminVdcIds : actor.vdcId ? [actor.vdcId] : [];
  const visible = new Set<string>();
  for (const r of roots) for (const id of subtreeIds(vdcs, r)) visible.add(id);
  return { vdcs, visible };
}

export async function vdcTree(actor: Actor): Promise<VdcNodeDto[]> {
  const { vdcs, visible } = await visibleVdcIds(actor);
  const shown = vdcs.filter((v) => visible === "all" || visible.has(v.id));
  const nodes = new Map(shown.map((v) => [v.id, { id: v.id, name: v.name, level: v.level, parentId: v.parentId, children: [] as VdcNodeDto[] }]));
  const roots: VdcNodeDto[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentId ? nodes.get(n.parentId) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  return roots;
}

export interface QuotaRowDto {
  resource: QuotaResource;
  limit: number;
  used: number;
  available: number | null;
}

export interface VdcDetailDto {
  id: string;
  name: string;
  description: string;
  level: number;
  parent: { id: string; name: string } | null;
  path: { id: string; name: string }[];
  children: { id: string; name: string; projects: number; users: number }[];
  projects: { id: string; name: string; instances: number }[];
  users: { id: string; username: string; displayName: string; roles: string[]; disabled: boolean }[];
  regions: { id: string; name: string; azs: { id: string; name: string }[]; quotas: QuotaRowDto[]; resourceSet: string[] | null }[];
  /** What the caller may do here. */
  can: { createChild: boolean; editLimits: boolean; manageUsers: boolean; delete: boolean; edit: boolean };
}

export async function vdcDetail(actor: Actor, id: string): Promise<VdcDetailDto> {
  const { vdcs, visible } = await visibleVdcIds(actor);
  const vdc = vdcs.find((v) => v.id === id);
  if (!vdc || (visible !== "all" && !visible.has(id))) throw new NotFoundError("vdc", id);
  const [children, projects, users, regions, chain] = await Promise.all([
    db.vdc.findMany({ where: { parentId: id }, orderBy: { name: "asc" }, include: { _count: { select: { projects: true, users: true } } } }),
    db.project.findMany({ where: { vdcId: id }, orderBy: { name: "asc" }, include: { _count: { select: { instances: { where: { deletedAt: null } } } } } }),
    db.user.findMany({ where: { vdcId: id }, orderBy: { username: "asc" }, include: { roles: true } }),
    db.region.findMany({ include: { azs: { orderBy: { name: "asc" } } }, orderBy: { name: "asc" } }),
    vdcChain(db, id),
  ]);
  const regionDtos = await Promise.all(
    regions.map(async (r) => {
      const table = await quotaTable(db, id, r.id);
      const rs = await db.resourceSet.findUnique({ where: { vdcId_regionId: { vdcId: id, regionId: r.id } } });
      return {
        id: r.id,
        name: r.name,
        azs: r.azs.map((a) => ({ id: a.id, name: a.name })),
        quotas: QUOTA_RESOURCES.map((res) => ({ resource: res, limit: table[res].limit, used: table[res].used, available: available(table[res].limit, table[res].used) })),
        resourceSet: rs ? rs.azIds.split(",").filter(Boolean) : null,
      };
    }),
  );
  const managed = actor.permissions.has("vdc:manage") ? managedVdcIds(actor, vdcs) : new Set<string>();
  const manages = (vid: string) => managed === "all" || managed.has(vid);
  const governsLimits = actor.permissions.has("vdc:manage") && (isGlobalAdmin(actor) || (manages(id) && !actor.adminVdcIds.includes(id)));
  return {
    id: vdc.id,
    name: vdc.name,
    description: vdc.description,
    level: vdc.level,
    parent: vdc.parentId ? { id: vdc.parentId, name: vdcs.find((v) => v.id === vdc.parentId)?.name ?? "" } : null,
    path: [...chain].reverse().map((c) => ({ id: c.id, name: c.name })),
    children: children.map((c) => ({ id: c.id, name: c.name, projects: c._count.projects, users: c._count.users })),
    projects: projects.map((p) => ({ id: p.id, name: p.name, instances: p._count.instances })),
    users: users.map((u) => ({ id: u.id, username: u.username, displayName: u.displayName, roles: u.roles.map((r) => r.role), disabled: u.disabled })),
    regions: regionDtos,
    can: {
      createChild: manages(id) && vdc.level < 5,
      editLimits: governsLimits,
      manageUsers: actor.permissions.has("user:manage") && manages(id),
      delete: vdc.parentId ? manages(vdc.parentId) : isGlobalAdmin(actor),
      edit: vdc.parentId ? manages(vdc.parentId) : isGlobalAdmin(actor),
    },
  };
}

export interface UserDto {
  id: string;
  username: string;
  displayName: string;
  email: string;
  vdc: string | null;
  vdcId: string | null;
  roles: { id: string; role: string; scope: string | null }[];
  disabled: boolean;
  locked: boolean;
  lastLoginAt: string | null;
}

const USER_SORTS: Record<"username" | "vdc" | "lastLoginAt" | "createdAt", (d: "asc" | "desc") => Prisma.UserOrderByWithRelationInput> = {
  username: (d: "asc" | "desc") => ({ username: d }),
  vdc: (d: "asc" | "desc") => ({ vdc: { name: d } }),
  lastLoginAt: (d: "asc" | "desc") => ({ lastLoginAt: { sort: d, nulls: "last" } }),
  createdAt: (d: "asc" | "desc") => ({ createdAt: d }),
};

/** Users the caller administers (or, for the auditor, every user): searched, filtered, paged. */
export async function listUsers(actor: Actor, params: UserListParams): Promise<Page<UserDto>> {
  requirePermission(actor, "user:view");
  const vdcs = await db.vdc.findMany({ select: { id: true, name: true, parentId: true, level: true } });
  const visible = readableVdcIds(actor, vdcs);
  const now = new Date();
  const state: Prisma.UserWhereInput =
    params.state === "disabled" ? { disabled: true } : params.state === "locked" ? { disabled: false, lockedUntil: { gt: now } } : params.state === "enabled" ? { disabled: false, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] } : {};
  const where: Prisma.UserWhereInput = {
    AND: [
      visible === "all" ? {} : { vdcId: { in: [...visible] } },
      params.q ? { OR: [{ username: { contains: params.q } }, { displayName: { contains: params.q } }, { email: { contains: params.q } }] } : {},
      params.role ? { roles: { some: { role: params.role } } } : {},
      params.vdc ? { vdcId: params.vdc } : {},
      state,
    ],
  };
  const { key, dir, orderBy } = orderByFrom(params, USER_SORTS, "createdAt", "desc");
  const [rows, total] = await Promise.all([
    db.user.findMany({ where, include: { roles: { include: { vdc: true, project: true } }, vdc: true }, orderBy: [orderBy, { username: "asc" }], ...skipTake(params) }),
    db.user.count({ where }),
  ]);
  return {
    rows: rows.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      email: u.email,
      vdc: u.vdc?.name ?? null,
      vdcId: u.vdcId,
      roles: u.roles.map((r) => ({ id: r.id, role: r.role, scope: r.project?.name ?? r.vdc?.name ?? null })),
      disabled: u.disabled,
      locked: Boolean(u.lockedUntil && u.lockedUntil > now),
      lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    })),
    total,
    page: params.page,
    pageSize: params.pageSize,
    sort: key,
    dir,
  };
}

export interface AuditRowDto {
  seq: number;
  at: string;
  actorName: string;
  roles: string;
  vdc: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  /** The target by its name (an instance's, a user's, an order's number), when it can be found. */
  targetName: string | null;
  before: unknown;
  after: unknown;
  result: string;
  detail: string | null;
  sourceIp: string | null;
  /** "api" for a call through the OpenStack-compatible API, null for the console. */
  channel: string | null;
}

/** An IPv4 client seen through an IPv6 socket ("::ffff:10.0.0.5") is the IPv4 address. */
export function plainAddress(ip: string | null): string | null {
  return ip ? ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "") : null;
}

/**
 * The names of the audited targets on a page of entries: one query per kind of target present.
 * Deleted instances keep their rows (soft delete), so their entries still name them.
 */
async function targetNames(rows: { targetType: string; targetId: string | null }[]): Promise<Map<string, string>> {
  const ids = (type: string) => [...new Set(rows.filter((r) => r.targetType === type && r.targetId).map((r) => r.targetId as string))];
  const lookups: Record<string, (ids: string[]) => Promise<{ id: string; name: string }[]>> = {
    instance: (ids) => db.instance.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    user: async (ids) => (await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, username: true } })).map((u) => ({ id: u.id, name: u.username })),
    vdc: (ids) => db.vdc.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    order: async (ids) => (await db.order.findMany({ where: { id: { in: ids } }, select: { id: true, orderNo: true } })).map((o) => ({ id: o.id, name: o.orderNo })),
    product: (ids) => db.product.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    approval_process: (ids) => db.approvalProcess.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    flavor: (ids) => db.flavor.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    image: (ids) => db.image.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    host: (ids) => db.host.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    host_group: (ids) => db.hostGroup.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    server_group: (ids) => db.serverGroup.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
  };
  const found = await Promise.all(Object.entries(lookups).map(async ([type, load]) => {
    const want = ids(type);
    return want.length ? (await load(want)).map((x) => [`${type}/${x.id}`, x.name] as const) : [];
  }));
  return new Map(found.flat());
}

async function auditWhere(actor: Actor, f: AuditFilters): Promise<Prisma.AuditLogWhereInput> {
  requirePermission(actor, "audit:view");
  const vdcs = await db.vdc.findMany({ select: { id: true, name: true, parentId: true, level: true } });
  // Operation admins and auditors see everything; a VDC admin sees their subtree's entries.
  const managed = readableVdcIds(actor, vdcs);
  const from = f.from ? new Date(f.from) : null;
  const to = f.to ? new Date(f.to) : null;
  return {
    ...(managed === "all" ? {} : { vdcId: { in: [...managed] } }),
    ...(f.action ? { action: { startsWith: f.action } } : {}),
    ...(f.actor ? { actorName: f.actor } : {}),
    ...(f.result ? { result: f.result } : {}),
    ...(from && !Number.isNaN(from.getTime()) ? { at: { gte: from, ...(to && !Number.isNaN(to.getTime()) ? { lte: to } : {}) } } : to && !Number.isNaN(to.getTime()) ? { at: { lte: to } } : {}),
  };
}

export async function listAudit(actor: Actor, f: AuditFilters): Promise<Page<AuditRowDto>> {
  const where = await auditWhere(actor, f);
  const [rows, total, vdcs] = await Promise.all([
    db.auditLog.findMany({ where, orderBy: { seq: f.dir ?? "desc" }, skip: (f.page - 1) * f.pageSize, take: f.pageSize }),
    db.auditLog.count({ where }),
    db.vdc.findMany({ select: { id: true, name: true } }),
  ]);
  const names = new Map(vdcs.map((v) => [v.id, v.name]));
  const targets = await targetNames(rows);
  return { rows: rows.map((r) => toAuditDto(r, names, targets)), total, page: f.page, pageSize: f.pageSize, sort: "seq", dir: f.dir ?? "desc" };
}

function toAuditDto(r: Prisma.AuditLogGetPayload<object>, names: Map<string, string>, targets: Map<string, string>): AuditRowDto {
  return {
    seq: r.seq,
    at: r.at.toISOString(),
    actorName: r.actorName,
    roles: r.roles,
    vdc: r.vdcId ? (names.get(r.vdcId) ?? r.vdcId) : null,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    targetName: r.targetId ? (targets.get(`${r.targetType}/${r.targetId}`) ?? null) : null,
    before: r.before,
    after: r.after,
    result: r.result,
    detail: r.detail,
    sourceIp: plainAddress(r.sourceIp),
    channel: r.source,
  };
}

/** Every matching entry, oldest first, as CSV (RFC 4180 quoting). */
export async function auditCsv(actor: Actor, f: AuditFilters): Promise<string> {
  const where = await auditWhere(actor, f);
  const [rows, vdcs] = await Promise.all([db.auditLog.findMany({ where, orderBy: { seq: "asc" }, take: 100_000 }), db.vdc.findMany({ select: { id: true, name: true } })]);
  const names = new Map(vdcs.map((v) => [v.id, v.name]));
  const targets = await targetNames(rows);
  const header = ["seq", "time", "user", "roles", "vdc", "action", "target_type", "target_id", "target_name", "before", "after", "result", "detail", "source_ip", "channel", "hash"];
  return csvOf(
    header,
    rows.map((r) => {
      const d = toAuditDto(r, names, targets);
      return [d.seq, d.at, d.actorName, d.roles, d.vdc, d.action, d.targetType, d.targetId, d.targetName, d.before, d.after, d.result, d.detail, d.sourceIp, d.channel ?? "console", r.hash];
    }),
  );
}

export interface LaunchQuotaDto {
  vdc: string;
  rows: { resource: QuotaResource; limit: number; used: number; available: number | null; limitedBy: string | null }[];
}

/** The headroom a launch (or a volume creation) has: for each resource, the tightest level of the VDC chain. */
export async function launchQuota(actor: Actor, regionId: string, resources: readonly QuotaResource[] = ["instances", "cores", "ram_gb"], permission: Permission = "ecs:create"): Promise<LaunchQuotaDto | null> {
  requirePermission(actor, permission);
  if (!actor.defaultProjectId) return null;
  const project = await db.project.findUnique({ where: { id: actor.defaultProjectId } });
  if (!project) return null;
  const chain = await vdcChain(db, project.vdcId);
  const tables = await Promise.all(chain.map((c) => quotaTable(db, c.id, regionId)));
  const own = tables[0];
  if (!own) return null;
  const rows = resources.map((res) => {
    let best: number | null = null;
    let limitedBy: string | null = null;
    tables.forEach((t, i) => {
      const a = available(t[res].limit, t[res].used);
      if (a !== null && (best === null || a < best)) {
        best = a;
        limitedBy = chain[i]?.name ?? null;
      }
    });
    return { resource: res, limit: own[res].limit, used: own[res].used, available: best, limitedBy: own[res].limit === UNLIMITED && best === null ? null : limitedBy };
  });
  return { vdc: chain[0]?.name ?? "", rows };
}

/** Projects in the VDCs the caller administers, for role assignment. */
export async function managedProjects(actor: Actor): Promise<{ id: string; name: string; vdcId: string; vdc: string }[]> {
  requirePermission(actor, "user:manage");
  const vdcs = await db.vdc.findMany({ select: { id: true, name: true, parentId: true, level: true } });
  const managed = managedVdcIds(actor, vdcs);
  const projects = await db.project.findMany({ where: managed === "all" ? {} : { vdcId: { in: [...managed] } }, include: { vdc: true }, orderBy: { name: "asc" } });
  return projects.map((p) => ({ id: p.id, name: p.name, vdcId: p.vdcId, vdc: p.vdc.name }));
}


/** Whether the caller reads the whole audit log (and may verify its chain), not one subtree's. */
export async function readsWholeAuditLog(actor: Actor): Promise<boolean> {
  if (!actor.permissions.has("audit:view")) return false;
  return readableVdcIds(actor, await db.vdc.findMany({ select: { id: true, parentId: true, level: true } })) === "all";
}
