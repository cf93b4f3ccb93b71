import "server-only";
import type { LevelDef } from "@/lib/cloud/approval";
import { APPROVER_ROLES } from "@/lib/cloud/identity";
import { NotFoundError } from "@/lib/cloud/shared";
import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { levelsOf } from "../repositories/approvals";
import { nameableApprovers, processScope } from "../services/approval-processes";
import { readableVdcIds } from "../auth/org-scope";
import type { ProcessListParams, ProductListParams } from "@/lib/schemas/catalog-admin";
import { pageInMemory, type Page } from "./paging";

// What the operation admin's catalog pages show: every product with its bindings, and the
// approval processes the caller may see (a VDC admin: their subtree's and, read-only, the global ones).

export interface AdminProductDto {
  id: string;
  name: string;
  description: string;
  icon: string;
  category: string;
  serviceType: string;
  regionId: string | null;
  azId: string | null;
  offeredAzIds: string[];
  needsApproval: boolean;
  processId: string | null;
  process: string | null;
  published: boolean;
  visibleVdcIds: string[];
  overrides: { vdcId: string; vdc: string; processId: string; process: string }[];
  orders: number;
  createdAt: string;
}

/** Every product with its bindings: the operation admin's to manage, the auditor's to read. */
export async function listProducts(actor: Actor): Promise<AdminProductDto[]> {
  requirePermission(actor, "catalog:view");
  const [rows, processes, vdcs, counts] = await Promise.all([
    db.product.findMany({ include: { overrides: true }, orderBy: [{ category: "asc" }, { name: "asc" }] }),
    db.approvalProcess.findMany({ select: { id: true, name: true } }),
    db.vdc.findMany({ select: { id: true, name: true } }),
    db.order.groupBy({ by: ["productId"], _count: { _all: true } }),
  ]);
  const processName = (id: string | null) => processes.find((p) => p.id === id)?.name ?? null;
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    description: p.description,
    icon: p.icon,
    category: p.category,
    serviceType: p.serviceType,
    regionId: p.regionId,
    azId: p.azId,
    offeredAzIds: p.offeredAzIds.split(",").filter(Boolean),
    needsApproval: p.needsApproval,
    processId: p.processId,
    process: processName(p.processId),
    published: p.published,
    visibleVdcIds: p.visibleVdcIds.split(",").filter(Boolean),
    overrides: p.overrides.map((o) => ({ vdcId: o.vdcId, vdc: vdcs.find((v) => v.id === o.vdcId)?.name ?? o.vdcId, processId: o.processId, process: processName(o.processId) ?? o.processId })),
    orders: counts.find((c) => c.productId === p.id)?._count._all ?? 0,
    createdAt: p.createdAt.toISOString(),
  }));
}

/** One page of the products, newest first; the catalog holds tens of products, cut on the server. */
export async function pageProducts(actor: Actor, p: ProductListParams): Promise<Page<AdminProductDto>> {
  const q = p.q?.toLowerCase();
  const rows = (await listProducts(actor)).filter(
    (x) =>
      (!p.category || x.category === p.category) &&
      (!p.published || (p.published === "yes") === x.published) &&
      (!p.approval || (p.approval === "yes") === x.needsApproval) &&
      (!q || x.name.toLowerCase().includes(q) || x.description.toLowerCase().includes(q)),
  );
  return pageInMemory(rows, p, { name: (x) => x.name, category: (x) => x.category, orders: (x) => x.orders, createdAt: (x) => x.createdAt }, "createdAt", "desc");
}

export async function getAdminProduct(actor: Actor, id: string): Promise<AdminProductDto> {
  const p = (await listProducts(actor)).find((x) => x.id === id);
  if (!p) throw new NotFoundError("product", id);
  return p;
}

export interface ProcessVersionDto {
  version: number;
  published: boolean;
  publishedAt: string | null;
  createdBy: string | null;
  levels: LevelDef[];
  orders: number;
}

export interface ProcessDto {
  id: string;
  name: string;
  description: string;
  owner: { id: string; name: string } | null;
  /** The newest version, published or draft. */
  latest: ProcessVersionDto;
  /** The version new orders get (null until first published). */
  publishedVersion: number | null;
  draft: boolean;
  /** Every version, newest first. */
  versions: ProcessVersionDto[];
  boundBy: string[];
  /** Per-VDC overrides that use it. */
  overrides: { productId: string; product: string; vdcId: string; vdc: string }[];
  editable: boolean;
  createdAt: string;
}

/**
 * Which processes the caller reads: a manager its subtree's and the global ones (processScope);
 * a reader without process:manage (the auditor) every one. `manages` is what it may edit.
 */
async function processReadScope(actor: Actor): Promise<{ read: Set<string> | "all"; manages: Set<string> | "none" | "all" }> {
  requirePermission(actor, "process:view");
  if (actor.permissions.has("process:manage")) {
    const scope = await processScope(db, actor);
    return { read: scope, manages: scope };
  }
  const vdcs = await db.vdc.findMany({ select: { id: true, parentId: true, level: true } });
  return { read: readableVdcIds(actor, vdcs), manages: "none" };
}

async function toProcessDtos(actor: Actor, rows: Awaited<ReturnType<typeof loadProcesses>>): Promise<ProcessDto[]> {
  const { manages: scope } = await processReadScope(actor);
  const [vdcs, users, products, overrides, counts] = await Promise.all([
    db.vdc.findMany({ select: { id: true, name: true } }),
    db.user.findMany({ where: { id: { in: [...new Set(rows.flatMap((p) => p.versions.map((v) => v.createdBy)).filter((u): u is string => u !== null))] } }, select: { id: true, username: true } }),
    db.product.findMany({ select: { id: true, name: true, processId: true } }),
    db.productProcessOverride.findMany({ include: { product: { select: { name: true } } } }),
    db.order.groupBy({ by: ["processVersionId"], _count: { _all: true } }),
  ]);
  return rows.map((p) => {
    const versions = [...p.versions].sort((a, b) => b.version - a.version);
    const dto = (v: (typeof versions)[number]): ProcessVersionDto => ({
      version: v.version,
      published: v.published,
      publishedAt: v.publishedAt?.toISOString() ?? null,
      createdBy: users.find((u) => u.id === v.createdBy)?.username ?? null,
      levels: levelsOf(v),
      orders: counts.find((c) => c.processVersionId === v.id)?._count._all ?? 0,
    });
    const latest = versions[0];
    if (!latest) throw new NotFoundError("process_version", p.id);
    const owner = p.ownerVdcId ? { id: p.ownerVdcId, name: vdcs.find((v) => v.id === p.ownerVdcId)?.name ?? p.ownerVdcId } : null;
    return {
      id: p.id,
      name: p.name,
      description: p.description,
      owner,
      latest: dto(latest),
      publishedVersion: versions.find((v) => v.published)?.version ?? null,
      draft: !latest.published,
      versions: versions.map(dto),
      boundBy: [...products.filter((x) => x.processId === p.id).map((x) => x.name), ...overrides.filter((o) => o.processId === p.id).map((o) => `${o.product.name} @ ${vdcs.find((v) => v.id === o.vdcId)?.name ?? o.vdcId}`)],
      overrides: overrides.filter((o) => o.processId === p.id).map((o) => ({ productId: o.productId, product: o.product.name, vdcId: o.vdcId, vdc: vdcs.find((v) => v.id === o.vdcId)?.name ?? o.vdcId })),
      editable: scope === "all" || (scope !== "none" && p.ownerVdcId !== null && scope.has(p.ownerVdcId)),
      createdAt: p.createdAt.toISOString(),
    };
  });
}

async function loadProcesses(actor: Actor, id?: string) {
  const { read: scope } = await processReadScope(actor);
  return db.approvalProcess.findMany({
    where: { ...(id ? { id } : {}), ...(scope === "all" ? {} : { OR: [{ ownerVdcId: null }, { ownerVdcId: { in: [...scope] } }] }) },
    include: { versions: true },
    orderBy: { name: "asc" },
  });
}

/** The processes the caller may see: all (operation admin), or the global ones and their subtree's. */
export async function listProcesses(actor: Actor): Promise<ProcessDto[]> {
  return toProcessDtos(actor, await loadProcesses(actor));
}

/** One page of the processes the caller reads, newest first. */
export async function pageProcesses(actor: Actor, p: ProcessListParams): Promise<Page<ProcessDto>> {
  const q = p.q?.toLowerCase();
  const rows = (await listProcesses(actor)).filter(
    (x) =>
      (!p.owner || (p.owner === "global" ? x.owner === null : x.owner?.id === p.owner)) &&
      (!p.state || (p.state === "draft") === (x.publishedVersion === null)) &&
      (!q || x.name.toLowerCase().includes(q) || x.description.toLowerCase().includes(q)),
  );
  return pageInMemory(rows, p, { name: (x) => x.name, createdAt: (x) => x.createdAt, orders: (x) => x.versions.reduce((n, v) => n + v.orders, 0) }, "createdAt", "desc");
}

export async function getProcess(actor: Actor, id: string): Promise<ProcessDto> {
  const [dto] = await toProcessDtos(actor, await loadProcesses(actor, id));
  if (!dto) throw new NotFoundError("process", id);
  return dto;
}

/** Products a process may be bound to as a per-VDC override (any product: names only). */
export async function productNames(actor: Actor): Promise<{ id: string; name: string }[]> {
  await processScope(db, actor);
  return db.product.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}

/** Who a level may name: users holding an approving role (for "a named user"), and the roles. */
export async function approverChoices(actor: Actor): Promise<{ users: { id: string; username: string; displayName: string }[]; roles: readonly string[] }> {
  const users = await db.user.findMany({
    where: nameableApprovers((await processReadScope(actor)).read),
    select: { id: true, username: true, displayName: true },
    orderBy: { username: "asc" },
  });
  return { users, roles: APPROVER_ROLES };
}
