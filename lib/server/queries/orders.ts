import "server-only";
import type { ApproverSpec, SignMode } from "@/lib/cloud/approval";
import { NotFoundError } from "@/lib/cloud/shared";
import type { Demand } from "@/lib/cloud/quota";
import type { EipOrderItem, OrderItem, VolumeOrderItem, VpcOrderItem } from "@/lib/schemas/orders";
import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { InboxListParams, OrderListParams } from "@/lib/schemas/orders";
import { orderByFrom, pageInMemory, skipTake, type Dir, type Page } from "./paging";
import { approvalOf, levelsOf } from "../repositories/approvals";
import { vdcChain } from "../repositories/quota";
import { offeredAzs, visibleTo, type OrderEvent, type ReleaseItem, type ResizeItem } from "../services/orders";

export interface ProductDto {
  id: string;
  name: string;
  description: string;
  category: string;
  serviceType: string;
  regionId: string | null;
  azId: string | null;
  /** The AZs it provisions in (its lock, or those offered); empty = any. */
  azIds: string[];
  icon: string;
  needsApproval: boolean;
  process: string | null;
}

/** The catalog a tenant sees: published products visible to their VDC. */
export async function listCatalog(actor: Actor): Promise<ProductDto[]> {
  requirePermission(actor, "ecs:create");
  const project = actor.defaultProjectId ? await db.project.findUnique({ where: { id: actor.defaultProjectId } }) : null;
  if (!project) return [];
  const rows = await db.product.findMany({ where: { published: true }, orderBy: [{ category: "asc" }, { name: "asc" }] });
  const processes = new Map((await db.approvalProcess.findMany()).map((p) => [p.id, p.name]));
  const chain = (await vdcChain(db, project.vdcId)).map((v) => v.id);
  // The process that applies here: an override on the nearest VDC of the chain, else the product's.
  const overrides = await db.productProcessOverride.findMany({ where: { vdcId: { in: chain } } });
  const processOf = (p: { id: string; processId: string | null }) => chain.map((v) => overrides.find((o) => o.productId === p.id && o.vdcId === v)).find(Boolean)?.processId ?? p.processId;
  const out: ProductDto[] = [];
  for (const p of rows)
    if (visibleTo(p, chain))
      out.push({
        id: p.id,
        name: p.name,
        description: p.description,
        category: p.category,
        serviceType: p.serviceType,
        regionId: p.regionId,
        azId: p.azId,
        azIds: offeredAzs(p),
        icon: p.icon,
        needsApproval: p.needsApproval,
        process: processes.get(processOf(p) ?? "") ?? null,
      });
  return out;
}

export async function getProduct(actor: Actor, id: string): Promise<ProductDto> {
  const p = (await listCatalog(actor)).find((x) => x.id === id);
  if (!p) throw new NotFoundError("product", id);
  return p;
}

export interface OrderRowDto {
  id: string;
  orderNo: string;
  productId: string;
  product: string;
  applicant: string;
  vdcId: string;
  vdc: string;
  status: string;
  /** create | resize | release */
  kind: string;
  /** The level waiting (1-based) and its name, while pending. */
  level: { no: number; name: string } | null;
  summary: string;
  createdAt: string;
}

/** An order's lines in one shape, whatever its kind (a create's ECS items, a resize, a release). */
function linesOf(o: { kind: string; items: unknown }): { name: string; az: string | null; flavorId: string | null; fromFlavorId: string | null; imageId: string | null; count: number; instanceId: string | null; volumeTypeId: string | null; sizeGb: number | null; cidr: string | null; bandwidthMbit: number | null }[] {
  const items = (Array.isArray(o.items) ? o.items : []) as Partial<OrderItem & ResizeItem & ReleaseItem & VolumeOrderItem & Omit<VpcOrderItem, "name"> & Omit<EipOrderItem, "name" | "count">>[];
  return items.map((i) => ({ name: i.name ?? "-", az: i.az ?? null, flavorId: i.flavorId ?? null, fromFlavorId: i.fromFlavorId ?? null, imageId: i.imageId ?? null, count: i.count ?? 1, instanceId: i.instanceId ?? null, volumeTypeId: i.volumeTypeId ?? null, sizeGb: i.sizeGb ?? null, cidr: i.cidr ?? null, bandwidthMbit: i.bandwidthMbit ?? null }));
}

/** One create line as the lists summarize it: volumes, a VPC, EIPs or ECSs. */
function createSummary(i: ReturnType<typeof linesOf>[number]): string {
  if (i.cidr !== null) return `${i.name} · ${i.cidr}`;
  if (i.bandwidthMbit !== null) return `${i.name} · ${i.bandwidthMbit} Mbit/s x${i.count}`;
  return `${i.name} · ${i.sizeGb !== null ? `${i.sizeGb} GB ${i.volumeTypeId}` : i.flavorId} x${i.count} · ${i.az}`;
}

async function toRows(orders: Awaited<ReturnType<typeof db.order.findMany>>): Promise<OrderRowDto[]> {
  const [products, users, vdcs, versions] = await Promise.all([
    db.product.findMany({ select: { id: true, name: true } }),
    db.user.findMany({ where: { id: { in: [...new Set(orders.map((o) => o.applicantId))] } }, select: { id: true, username: true } }),
    db.vdc.findMany({ select: { id: true, name: true } }),
    db.processVersion.findMany({ where: { id: { in: orders.map((o) => o.processVersionId).filter((v): v is string => v !== null) } } }),
  ]);
  return orders.map((o) => {
    const a = approvalOf(o);
    const version = versions.find((v) => v.id === o.processVersionId);
    const levelDef = a && version ? levelsOf(version)[a.level] : undefined;
    return {
      id: o.id,
      kind: o.kind,
      orderNo: o.orderNo,
      productId: o.productId,
      vdcId: o.vdcId,
      product: products.find((p) => p.id === o.productId)?.name ?? o.productId,
      applicant: users.find((u) => u.id === o.applicantId)?.username ?? o.applicantId,
      vdc: vdcs.find((v) => v.id === o.vdcId)?.name ?? o.vdcId,
      status: o.status,
      level: o.status === "pending_approval" && a && levelDef ? { no: a.level + 1, name: levelDef.name } : null,
      summary: linesOf(o)
        .map((i) => (o.kind === "create" ? createSummary(i) : o.kind === "resize" ? `${i.name} · ${i.fromFlavorId} → ${i.flavorId}` : i.name))
        .join("; "),
      createdAt: o.createdAt.toISOString(),
    };
  });
}

const ORDER_SORTS: Record<"createdAt" | "orderNo" | "status" | "product", (d: Dir) => Prisma.OrderOrderByWithRelationInput> = {
  createdAt: (d) => ({ createdAt: d }),
  orderNo: (d) => ({ orderNo: d }),
  status: (d) => ({ status: d }),
  product: (d) => ({ product: { name: d } }),
};

/** Whether the list shows every order (order:view_all, asked for or the reader has none of its own) or the caller's. */
export function readsAllOrders(actor: Actor, scope?: "mine" | "all"): boolean {
  if (!actor.permissions.has("order:view_all")) return false;
  return scope === "all" || (scope !== "mine" && !actor.permissions.has("ecs:create"));
}

/**
 * The orders list: the caller's own (an applicant), or every order (order:view_all: the operation
 * admin, the auditor), searched by number or applicant, filtered, sorted and paged in the database.
 */
export async function listOrders(actor: Actor, params: OrderListParams): Promise<Page<OrderRowDto>> {
  const all = readsAllOrders(actor, params.scope);
  if (!all) requirePermission(actor, "ecs:create");
  const applicants = params.q ? (await db.user.findMany({ where: { username: { contains: params.q } }, select: { id: true }, take: 200 })).map((u) => u.id) : [];
  const where: Prisma.OrderWhereInput = {
    AND: [
      all ? {} : { applicantId: actor.userId },
      params.q ? { OR: [{ orderNo: { contains: params.q } }, { applicantId: { in: applicants } }] } : {},
      params.status ? { status: params.status } : {},
      params.kind ? { kind: params.kind } : {},
      params.product ? { productId: params.product } : {},
    ],
  };
  const { key, dir, orderBy } = orderByFrom(params, ORDER_SORTS, "createdAt", "desc");
  const [rows, total] = await Promise.all([db.order.findMany({ where, orderBy: [orderBy, { orderNo: "desc" }], ...skipTake(params) }), db.order.count({ where })]);
  return { rows: await toRows(rows), total, page: params.page, pageSize: params.pageSize, sort: key, dir };
}

const INBOX_SORTS: Record<string, (o: OrderRowDto) => string | number> = {
  createdAt: (o) => o.createdAt,
  orderNo: (o) => o.orderNo,
  product: (o) => o.product,
  applicant: (o) => o.applicant,
  status: (o) => o.status,
};

/**
 * An approver's inbox: "pending" = orders waiting at a level the caller may decide; "handled" =
 * orders the caller has decided. A reader of every order (the auditor) sees every order pending
 * approval, and every order someone decided. The approver lists live in the order's approval
 * state (JSON), so the candidates are read and matched here, then paged: an inbox holds hundreds,
 * not millions. Pending work is oldest first (who waits longest), handled newest first.
 */
export async function listInbox(actor: Actor, params: InboxListParams): Promise<Page<OrderRowDto> & { vdcs: [string, string][]; products: [string, string][] }> {
  const orders = await inboxOrders(actor, params.tab);
  const rows = await toRows(orders);
  const shown = rows.filter((o) => (!params.vdc || o.vdcId === params.vdc) && (!params.product || o.productId === params.product) && (!params.q || o.orderNo.includes(params.q) || o.applicant.includes(params.q)));
  return {
    ...pageInMemory(shown, params, INBOX_SORTS, "createdAt", params.tab === "pending" ? "asc" : "desc"),
    vdcs: [...new Map(rows.map((o) => [o.vdcId, o.vdc])).entries()],
    products: [...new Map(rows.map((o) => [o.productId, o.product])).entries()],
  };
}

async function inboxOrders(actor: Actor, tab: "pending" | "handled") {
  const decides = actor.permissions.has("order:approve");
  if (!decides) requirePermission(actor, "order:view_all");
  const candidates = await db.order.findMany({
    where: tab === "pending" ? { status: "pending_approval" } : { processVersionId: { not: null } },
    orderBy: { createdAt: "desc" },
    take: 2000,
  });
  return candidates.filter((o) => {
    const a = approvalOf(o);
    if (!a) return false;
    if (!decides) return tab === "pending" || a.decisions.length > 0;
    return tab === "pending" ? a.approvers.includes(actor.userId) && !a.decisions.some((d) => d.userId === actor.userId) : a.decisions.some((d) => d.userId === actor.userId);
  });
}

/** How many orders wait for the caller (the top bar's counter, on every page: no row shaping). */
export async function pendingApprovalCount(actor: Actor): Promise<number> {
  if (!actor.permissions.has("order:approve")) return 0;
  // Counted in SQL: the inbox's rule is kept in Order.waitingOn whenever an order's approval changes.
  return db.order.count({ where: { status: "pending_approval", waitingOn: { contains: `,${actor.userId},` } } });
}

export interface OrderDetailDto extends OrderRowDto {
  applicantId: string;
  /** The lines: ECS to create, an instance to resize (from a flavor to another) or to release. */
  items: { name: string; az: string | null; flavor: string | null; fromFlavor: string | null; image: string | null; count: number; instanceId: string | null; volumeType: string | null; sizeGb: number | null; cidr: string | null; bandwidthMbit: number | null }[];
  /** The product's service: ecs (instances), evs (volumes), vpc or eip. */
  serviceType: string;
  demand: Demand;
  quotaHeld: boolean;
  timeline: OrderEvent[];
  timeoutAt: string | null;
  resourceIds: string[];
  /** The process path: every level with its approvers and decisions. */
  path: { no: number; name: string; mode: SignMode; approvers: string[]; spec: ApproverSpec[]; decisions: { by: string; verdict: string; comment: string | null; at: string }[]; state: "done" | "current" | "waiting" }[];
  processName: string | null;
  processVersion: number | null;
  /** For the deciding approver: the VDC's quota for what the order asks (used includes the held reservation). */
  quota: { resource: string; limit: number; usedWith: number; usedWithout: number }[];
  canDecide: boolean;
  canCancel: boolean;
  /** Usernames of the users the process names as approvers. */
  userNames: Record<string, string>;
}

/** One order, for its applicant, the approvers involved in it, and the catalog's administrators. */
export async function getOrder(actor: Actor, id: string): Promise<OrderDetailDto> {
  const o = await db.order.findUnique({ where: { id }, include: { processVersion: { include: { process: true } } } });
  if (!o) throw new NotFoundError("order", id);
  const a = approvalOf(o);
  const involved = a ? a.approvers.includes(actor.userId) || a.decisions.some((d) => d.userId === actor.userId) : false;
  if (o.applicantId !== actor.userId && !involved && !actor.permissions.has("order:view_all")) throw new NotFoundError("order", id);
  const [row] = await toRows([o]);
  const items = linesOf(o);
  const [flavors, images, types, product] = await Promise.all([
    db.flavor.findMany({ where: { id: { in: items.flatMap((i) => [i.flavorId, i.fromFlavorId]).filter((f): f is string => f !== null) } }, select: { id: true, name: true } }),
    db.image.findMany({ where: { id: { in: items.map((i) => i.imageId).filter((m): m is string => m !== null) } }, select: { id: true, name: true } }),
    db.volumeType.findMany({ where: { id: { in: items.map((i) => i.volumeTypeId).filter((m): m is string => m !== null) } }, select: { id: true, name: true } }),
    db.product.findUnique({ where: { id: o.productId }, select: { serviceType: true } }),
  ]);
  const flavorName = (f: string | null) => (f === null ? null : (flavors.find((x) => x.id === f)?.name ?? f));
  const levels = o.processVersion ? levelsOf(o.processVersion) : [];
  const named = levels.flatMap((l) => l.approvers.flatMap((s) => (s.kind === "user" ? [s.userId] : [])));
  const userIds = new Set<string>([...(a?.approvers ?? []), ...(a?.decisions.map((d) => d.userId).filter((u): u is string => u !== null) ?? []), ...named]);
  const users = new Map((await db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, username: true } })).map((u) => [u.id, u.username]));
  const name = (u: string | null) => (u === null ? "system" : (users.get(u) ?? u));
  const demand = o.demand as Demand;
  const quotaRows = await db.quota.findMany({ where: { vdcId: o.vdcId, regionId: o.regionId, resource: { in: Object.keys(demand) } } });
  const canDecide = o.status === "pending_approval" && !!a && a.approvers.includes(actor.userId) && !a.decisions.some((d) => d.userId === actor.userId) && actor.permissions.has("order:approve");
  return {
    ...(row as OrderRowDto),
    applicantId: o.applicantId,
    items: items.map((i) => ({
      name: i.name,
      az: i.az,
      count: i.count,
      instanceId: i.instanceId,
      flavor: flavorName(i.flavorId),
      fromFlavor: flavorName(i.fromFlavorId),
      image: i.imageId === null ? null : (images.find((m) => m.id === i.imageId)?.name ?? i.imageId),
      volumeType: i.volumeTypeId === null ? null : (types.find((x) => x.id === i.volumeTypeId)?.name ?? i.volumeTypeId),
      sizeGb: i.sizeGb,
      cidr: i.cidr,
      bandwidthMbit: i.bandwidthMbit,
    })),
    serviceType: product?.serviceType ?? "ecs",
    demand,
    quotaHeld: o.quotaHeld,
    timeline: o.timeline as unknown as OrderEvent[],
    timeoutAt: o.timeoutAt?.toISOString() ?? null,
    resourceIds: o.resourceIds.split(",").filter(Boolean),
    path: levels.map((l, i) => ({
      no: i + 1,
      name: l.name,
      mode: l.mode,
      approvers: a && i === a.level ? a.approvers.map(name) : [],
      spec: l.approvers,
      decisions: (a?.decisions ?? []).filter((d) => d.level === i + 1).map((d) => ({ by: name(d.userId), verdict: d.verdict, comment: d.comment, at: d.at })),
      state: !a ? "waiting" : i < a.level || (i === a.level && a.status !== "pending") ? "done" : i === a.level ? "current" : "waiting",
    })),
    userNames: Object.fromEntries(users),
    processName: o.processVersion?.process.name ?? null,
    processVersion: o.processVersion?.version ?? null,
    // While the order waits its reservation is part of `used`: show the VDC with and without it.
    quota: quotaRows.map((q) => ({ resource: q.resource, limit: q.hardLimit, usedWith: q.used, usedWithout: q.used - (o.quotaHeld ? (demand[q.resource as keyof Demand] ?? 0) : 0) })),
    canDecide,
    canCancel: o.applicantId === actor.userId && o.status === "pending_approval",
  };
}

/** Products for the orders list's filter: those of the caller's own orders, or every product for a reader of all orders. */
export async function orderProductNames(actor: Actor, all: boolean): Promise<{ id: string; name: string }[]> {
  if (all) {
    requirePermission(actor, "order:view_all");
    return db.product.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
  }
  requirePermission(actor, "ecs:create");
  const used = await db.order.findMany({ where: { applicantId: actor.userId }, select: { productId: true }, distinct: ["productId"] });
  return db.product.findMany({ where: { id: { in: used.map((o) => o.productId) } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}
