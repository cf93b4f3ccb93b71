import "server-only";
import { randomUUID } from "node:crypto";
import { decide, startApproval, tick, timeoutAt, waitingOn, type ApprovalState, type Outcome } from "@/lib/cloud/approval";
import { DomainError, InvalidStateError, NotFoundError } from "@/lib/cloud/shared";
import { allowed } from "@/lib/cloud/compute";
import { addDemand, instanceDemand, interfaceDemand, resizeDelta, volumeDemand, type Demand } from "@/lib/cloud/quota";
import { eipOrderItem, orderItem, volumeOrderItem, vpcOrderItem, type ChangeOrderInput, type EipOrderItem, type OrderItem, type SubmitOrderInput, type VolumeOrderItem, type VpcOrderItem } from "@/lib/schemas/orders";
import { db, type Tx } from "../db";
import { assertInScope, loadActor, requirePermission, type Actor } from "../auth/actor";
import { approvalOf, approverContext, levelsOf, processVersionFor } from "../repositories/approvals";
import { releaseQuota, reserveQuota, vdcChain } from "../repositories/quota";
import { audited } from "./audit";
import { cloudNow } from "./clock";
import { checkResizeTarget, resizeInstance } from "./instance-ops";
import { launchInstance, planLaunch, requestInstanceAction, usableFlavor } from "./instances";
import { checkVpcRequest, createVpc } from "./vpcs";
import { allocateEips } from "./eips";
import { networkRegionId } from "../repositories/network";
import { createVolumes, planVolumes } from "./volumes";

// Orders: every resource a tenant asks for passes the approval process bound to its product and
// VDC. Quota is reserved at submission (so an approver never approves what cannot fit), consumed
// when provisioning succeeds, and given back on rejection, cancellation or failure. Every status
// change is an update conditional on the order's `version`: concurrent decisions make exactly one.

export type OrderKind = "create" | "resize" | "release";

export type OrderStatus = "pending_approval" | "approved" | "provisioning" | "completed" | "partially_failed" | "failed" | "rejected" | "cancelled";

export interface OrderEvent {
  at: string;
  event: "submitted" | "level_approved" | "approved" | "rejected" | "timed_out" | "cancelled" | "provisioning" | "item_done" | "item_failed" | "completed" | "partially_failed" | "failed";
  by?: string | null;
  level?: number;
  /** The order line an item event is about (0-based). */
  item?: number;
  comment?: string | null;
}

/** A lost race on an order's version: the caller reads again and re-decides (never audited). */
class StaleOrder extends Error {}

const orderNo = (now: Date) => `ORD${now.toISOString().slice(0, 10).replace(/-/g, "")}-${randomUUID().slice(0, 8).toUpperCase()}`;

/** May a VDC (given as its chain of ids) order this product: published, and visible to a VDC of its chain (or to every VDC). */
export function visibleTo(product: { published: boolean; visibleVdcIds: string }, chainIds: readonly string[]): boolean {
  if (!product.published) return false;
  const visible = product.visibleVdcIds.split(",").filter(Boolean);
  return visible.length === 0 || chainIds.some((id) => visible.includes(id));
}

/** The AZs a product provisions in: its AZ lock, else the AZs it offers; empty = any AZ (of its region lock). */
export function offeredAzs(product: { azId: string | null; offeredAzIds: string }): string[] {
  return product.azId ? [product.azId] : product.offeredAzIds.split(",").filter(Boolean);
}

/**
 * Submit an order: every item is checked as a launch would be (flavor, image, resource set, the
 * product's region/AZ lock), the whole demand is reserved on the VDC chain, and the approval
 * starts at level 1 (or, for a product that needs none, the order goes straight to provisioning).
 */
export async function submitOrder(actor: Actor, input: SubmitOrderInput): Promise<{ id: string; orderNo: string; status: OrderStatus }> {
  requirePermission(actor, "ecs:create");
  const projectId = actor.defaultProjectId;
  if (!projectId) throw new DomainError("INVALID_INPUT", "no project", { reason: "no_project" });
  const product = await db.product.findUnique({ where: { id: input.productId } });
  const project = await db.project.findUniqueOrThrow({ where: { id: projectId } });
  const chain = await vdcChain(db, project.vdcId);
  if (!product || !visibleTo(product, chain.map((v) => v.id))) throw new NotFoundError("product", input.productId);

  // EVS products order volumes, VPC and EIP products networks and addresses (the caller must be
  // allowed to create them), the rest ECSs.
  const evs = product.serviceType === "evs";
  const network = product.serviceType === "vpc" || product.serviceType === "eip";
  if (evs) requirePermission(actor, "evs:create");
  if (network) requirePermission(actor, "vpc:manage");
  let demand: Demand = {};
  let regionId: string | null = null;
  const items: (OrderItem | VolumeOrderItem | VpcOrderItem | EipOrderItem)[] = [];
  for (const raw of input.items) {
    if (network) {
      // A VPC's CIDR and first subnet are checked now, as its creation will check them; networks are the region's.
      const item = product.serviceType === "vpc" ? vpcOrderItem.parse(raw) : eipOrderItem.parse(raw);
      if ("cidr" in item) checkVpcRequest(item);
      const networkRegion = await networkRegionId();
      if (product.regionId && networkRegion !== product.regionId) throw new DomainError("INVALID_INPUT", "region locked", { reason: "product_region_locked", region: product.regionId });
      regionId = networkRegion;
      demand = addDemand(demand, "cidr" in item ? { vpcs: 1, subnets: 1 } : { eips: item.count ?? 1 });
      items.push(item);
      continue;
    }
    const item = evs ? volumeOrderItem.parse(raw) : orderItem.parse(raw);
    const offered = offeredAzs(product);
    if (offered.length && !offered.includes(item.az)) throw new DomainError("INVALID_INPUT", "AZ not offered", product.azId ? { reason: "product_az_locked", az: product.azId } : { reason: "product_az_not_offered", az: item.az });
    const plan = "sizeGb" in item ? { az: (await planVolumes(projectId, item)).az, demand: volumeDemand(item.sizeGb, item.count ?? 1) } : await planLaunch(actor, item);
    if (product.regionId && plan.az.regionId !== product.regionId) throw new DomainError("INVALID_INPUT", "region locked", { reason: "product_region_locked", region: product.regionId });
    if (regionId && plan.az.regionId !== regionId) throw new DomainError("INVALID_INPUT", "one region per order", { reason: "order_one_region" });
    regionId = plan.az.regionId;
    demand = addDemand(demand, plan.demand);
    items.push(item);
  }
  if (!regionId) throw new DomainError("INVALID_INPUT", "no items", { reason: "items_required" });

  return openOrder(actor, { kind: "create", product, projectId, vdcId: project.vdcId, regionId, chain, items, demand, resourceIds: [] });
}

/**
 * Write a new order: the approval started from the process version that applies to its product
 * and VDC (or straight to "approved" when the product needs none), the demand reserved on the
 * VDC chain (refused with the resource and amounts when it does not fit: nothing is written).
 */
async function openOrder(
  actor: Actor,
  o: { kind: OrderKind; product: { id: string; name: string; needsApproval: boolean; processId: string | null }; projectId: string; vdcId: string; regionId: string; chain: Awaited<ReturnType<typeof vdcChain>>; items: unknown[]; demand: Demand; resourceIds: string[] },
): Promise<{ id: string; orderNo: string; status: OrderStatus }> {
  const { product } = o;
  const now = await cloudNow();
  const version = product.needsApproval ? await processVersionFor(db, product, o.vdcId) : null;
  if (product.needsApproval && !version) throw new DomainError("INVALID_STATE", "no process bound", { reason: "no_process_bound", product: product.name });
  const approval = version ? startApproval(levelsOf(version), await approverContext(db, actor.userId, o.vdcId), now) : null;
  const status: OrderStatus = approval ? "pending_approval" : "approved";
  return audited(actor, { action: o.kind === "create" ? "order.submit" : `order.submit_${o.kind}`, targetType: "order", vdcId: o.vdcId }, async (tx, record) => {
    record({ after: { product: product.name, kind: o.kind, items: o.items.length, demand: o.demand } });
    if (Object.keys(o.demand).length) await reserveQuota(tx, o.chain, o.regionId, o.demand);
    const order = await tx.order.create({
      data: {
        orderNo: orderNo(now),
        productId: product.id,
        kind: o.kind,
        applicantId: actor.userId,
        projectId: o.projectId,
        vdcId: o.vdcId,
        regionId: o.regionId,
        items: o.items as never,
        demand: o.demand as never,
        quotaHeld: Object.keys(o.demand).length > 0,
        status,
        processVersionId: version?.id ?? null,
        approval: (approval ?? undefined) as never,
        waitingOn: waitingOn(approval ?? null),
        timeoutAt: approval && version ? timeoutAt(levelsOf(version), approval) : null,
        // A change or release names its instances from the start (one open change per instance).
        resourceIds: o.resourceIds.join(","),
        timeline: [
          { at: now.toISOString(), event: "submitted", by: actor.username },
          ...(approval ? [] : [{ at: now.toISOString(), event: "approved", comment: "no approval needed" }]),
        ] as never,
        createdAt: now,
        updatedAt: now,
      },
    });
    record({ targetId: order.id, after: { orderNo: order.orderNo, product: product.name, kind: o.kind, status, demand: o.demand } });
    return { id: order.id, orderNo: order.orderNo, status };
  });
}

/** A resize line of an order: the instance, its flavor before and the one asked for. */
export interface ResizeItem {
  instanceId: string;
  name: string;
  fromFlavorId: string;
  flavorId: string;
}
/** A release line of an order. */
export interface ReleaseItem {
  instanceId: string;
  name: string;
}

const OPEN_STATUSES: OrderStatus[] = ["pending_approval", "approved", "provisioning"];

/**
 * A change (resize) or release of instances obtained through a product, as an order through that
 * product's approval. The instance must be in the caller's scope and allow the operation now; an
 * instance has at most one open change. A resize reserves its upsize delta, as Nova's resize
 * does, and holds it while the order waits; a release reserves nothing (the delete frees quota).
 */
export async function submitChangeOrder(actor: Actor, input: ChangeOrderInput): Promise<{ id: string; orderNo: string; status: OrderStatus }> {
  requirePermission(actor, input.kind === "resize" ? "ecs:operate" : "ecs:delete");
  const ids = input.kind === "resize" ? [input.instanceId] : [...new Set(input.instanceIds)];
  const instances = await db.instance.findMany({ where: { id: { in: ids }, deletedAt: null }, include: { az: true } });
  for (const id of ids) assertInScope(actor, "instance", id, instances.find((i) => i.id === id) ?? null);
  const first = instances[0] as (typeof instances)[number];
  const productIds = [...new Set(instances.map((i) => i.productId))];
  if (productIds.length !== 1 || productIds[0] === null) throw new DomainError("INVALID_INPUT", "not from one product", { reason: productIds.includes(null) ? "instance_not_ordered" : "release_one_product" });
  if (new Set(instances.map((i) => i.projectId)).size !== 1) throw new DomainError("INVALID_INPUT", "one project per order", { reason: "release_one_product" });
  // Unpublishing a product touches no resource: its instances are still changed through it.
  const product = await db.product.findUniqueOrThrow({ where: { id: productIds[0] } });
  const action = input.kind === "resize" ? "resize" : "delete";
  for (const i of instances) {
    if (!allowed({ ...i, hostDown: false }, action, { admin: false })) {
      if (i.locked) throw new DomainError("INVALID_STATE", "locked", { reason: "instance_locked", action });
      throw new InvalidStateError(action, i.vmState, i.taskState);
    }
  }
  const open = await db.order.findMany({ where: { status: { in: OPEN_STATUSES }, kind: { not: "create" }, projectId: first.projectId }, select: { orderNo: true, resourceIds: true } });
  const busy = open.find((o) => o.resourceIds.split(",").some((r) => ids.includes(r)));
  if (busy) throw new DomainError("CONFLICT", "open change", { reason: "instance_has_open_order", order: busy.orderNo });

  const project = await db.project.findUniqueOrThrow({ where: { id: first.projectId } });
  const chain = await vdcChain(db, project.vdcId);
  let items: (ResizeItem | ReleaseItem)[];
  let demand: Demand = {};
  if (input.kind === "resize") {
    const flavor = await usableFlavor(input.flavorId, project.vdcId);
    checkResizeTarget(first, flavor, await db.image.findUniqueOrThrow({ where: { id: first.imageId } }));
    demand = resizeDelta({ vcpus: first.vcpus, ramMb: first.memoryMb }, { vcpus: flavor.vcpus, ramMb: flavor.ramMb }).up;
    items = [{ instanceId: first.id, name: first.name, fromFlavorId: first.flavorId, flavorId: flavor.id }];
  } else {
    items = instances.map((i) => ({ instanceId: i.id, name: i.name }));
  }
  return openOrder(actor, { kind: input.kind, product, projectId: first.projectId, vdcId: project.vdcId, regionId: first.az.regionId, chain, items, demand, resourceIds: ids });
}

type OrderRow = NonNullable<Awaited<ReturnType<typeof db.order.findUnique>>>;

/** Give back what an order still holds, and mark it so it is never given back twice. */
async function releaseHeld(tx: Tx, order: OrderRow, demand: Demand = order.demand as Demand): Promise<void> {
  const flipped = await tx.order.updateMany({ where: { id: order.id, quotaHeld: true }, data: { quotaHeld: false } });
  if (flipped.count === 1) await releaseQuota(tx, await vdcChain(tx, order.vdcId), order.regionId, demand);
}

/** Apply an approval outcome to the order, conditional on the version read. */
async function applyOutcome(tx: Tx, order: OrderRow, outcome: Outcome, now: Date, events: OrderEvent[]): Promise<void> {
  const version = order.processVersionId ? await tx.processVersion.findUniqueOrThrow({ where: { id: order.processVersionId } }) : null;
  const status: OrderStatus = outcome.state.status === "approved" ? "approved" : outcome.state.status === "rejected" ? "rejected" : "pending_approval";
  const changed = await tx.order.updateMany({
    where: { id: order.id, version: order.version, status: "pending_approval" },
    data: {
      approval: outcome.state as never,
      waitingOn: waitingOn(outcome.state),
      status,
      timeoutAt: version ? timeoutAt(levelsOf(version), outcome.state) : null,
      timeline: [...(order.timeline as unknown as OrderEvent[]), ...events] as never,
      version: { increment: 1 },
      updatedAt: now,
      ...(status === "rejected" ? { finishedAt: now } : {}),
    },
  });
  if (changed.count !== 1) throw new StaleOrder();
  if (status === "rejected") await releaseHeld(tx, order);
}

function eventsFor(before: ApprovalState, outcome: Outcome, by: string | null): OrderEvent[] {
  const fresh = outcome.state.decisions.slice(before.decisions.length);
  const out: OrderEvent[] = fresh.map((d) => ({
    at: d.at,
    event: d.userId === null && d.comment?.startsWith("timed out") ? "timed_out" : d.verdict === "reject" ? "rejected" : "level_approved",
    by: d.userId === null ? null : by,
    level: d.level,
    comment: d.comment,
  }));
  if (outcome.transition === "approved") out.push({ at: fresh.at(-1)?.at ?? new Date(0).toISOString(), event: "approved" });
  return out;
}

/**
 * An approver's decision on one order. Exactly-once: the decision is computed from the order as
 * read, and written only if nobody changed it meanwhile; a lost race reads again, where a repeat
 * of the same decision is a no-op (no transition, no audit entry).
 */
export async function decideOrder(actor: Actor, orderId: string, verdict: "approve" | "reject", comment?: string): Promise<{ transition: Outcome["transition"] }> {
  requirePermission(actor, "order:approve");
  for (let attempt = 0; attempt < 20; attempt++) {
    const order = await db.order.findUnique({ where: { id: orderId } });
    if (!order) throw new NotFoundError("order", orderId);
    const state = approvalOf(order);
    // Only the applicant and the order's approvers see it; to anyone else it does not exist,
    // whatever its state (a state refusal would tell a stranger that it exists).
    const involved = order.applicantId === actor.userId || (state !== null && (state.approvers.includes(actor.userId) || state.decisions.some((d) => d.userId === actor.userId)));
    if (!involved) throw new NotFoundError("order", orderId);
    const version = order.processVersionId ? await db.processVersion.findUnique({ where: { id: order.processVersionId } }) : null;
    if (!state || !version) throw new DomainError("INVALID_STATE", "order needs no approval", { reason: "order_not_pending", status: order.status });
    const now = await cloudNow();
    const ctx = await approverContext(db, order.applicantId, order.vdcId);
    const meta = { action: verdict === "approve" ? "order.approve" : "order.reject", targetType: "order", targetId: order.id, vdcId: order.vdcId };
    let outcome: Outcome;
    try {
      outcome = decide(levelsOf(version), state, { userId: actor.userId, verdict, comment: comment ?? null }, ctx, now);
    } catch (err) {
      // A refusal (own order, not this level's approver, no reason) is recorded like any other.
      await audited(actor, meta, async (_tx, record) => {
        record({ before: { orderNo: order.orderNo, status: order.status, level: state.level + 1 } });
        throw err;
      });
      throw err;
    }
    if (outcome.transition === "none") return { transition: "none" };
    try {
      await audited(actor, meta, async (tx, record) => {
        record({ before: { orderNo: order.orderNo, status: order.status, level: state.level + 1 }, after: { status: outcome.state.status, level: outcome.state.level + 1, transition: outcome.transition, comment: comment ?? null } });
        await applyOutcome(tx, order, outcome, now, eventsFor(state, outcome, actor.username));
      });
      return { transition: outcome.transition };
    } catch (err) {
      if (err instanceof StaleOrder) continue;
      throw err;
    }
  }
  throw new DomainError("CONFLICT", "order busy", { reason: "order_busy" });
}

/** Decide many orders at once (the inbox's batch approve); each is its own exactly-once decision. */
export async function decideOrders(actor: Actor, ids: string[], verdict: "approve" | "reject", comment?: string): Promise<{ id: string; ok: boolean; code?: string }[]> {
  const out: { id: string; ok: boolean; code?: string }[] = [];
  for (const id of ids) {
    try {
      await decideOrder(actor, id, verdict, comment);
      out.push({ id, ok: true });
    } catch (err) {
      out.push({ id, ok: false, code: err instanceof DomainError ? String(err.params.reason ?? err.code) : "INTERNAL" });
    }
  }
  return out;
}

/** The applicant withdraws an order still waiting for approval; its quota is given back. */
export async function cancelOrder(actor: Actor, orderId: string): Promise<void> {
  const order = await db.order.findUnique({ where: { id: orderId } });
  if (!order || order.applicantId !== actor.userId) throw new NotFoundError("order", orderId);
  const now = await cloudNow();
  await audited(actor, { action: "order.cancel", targetType: "order", targetId: orderId, vdcId: order.vdcId }, async (tx, record) => {
    record({ before: { orderNo: order.orderNo, status: order.status } });
    const changed = await tx.order.updateMany({
      where: { id: orderId, status: "pending_approval" },
      data: {
        status: "cancelled",
        timeoutAt: null,
        finishedAt: now,
        updatedAt: now,
        version: { increment: 1 },
        timeline: [...(order.timeline as unknown as OrderEvent[]), { at: now.toISOString(), event: "cancelled", by: actor.username }] as never,
      },
    });
    if (changed.count !== 1) throw new DomainError("INVALID_STATE", "not pending", { reason: "order_not_pending", status: order.status });
    await releaseHeld(tx, order);
    record({ after: { status: "cancelled" } });
  });
}

/** The runner's sweep: levels whose timeout the cloud clock has passed decide themselves. */
export async function sweepApprovalTimeouts(now: Date): Promise<number> {
  const due = await db.order.findMany({ where: { status: "pending_approval", timeoutAt: { lte: now } }, take: 50 });
  let decided = 0;
  for (const order of due) {
    const state = approvalOf(order);
    const version = order.processVersionId ? await db.processVersion.findUnique({ where: { id: order.processVersionId } }) : null;
    if (!state || !version) continue;
    const outcome = tick(levelsOf(version), state, await approverContext(db, order.applicantId, order.vdcId), now);
    if (outcome.transition === "none") continue;
    try {
      await db.$transaction((tx) => applyOutcome(tx, order, outcome, now, eventsFor(state, outcome, null)));
      decided++;
    } catch (err) {
      if (!(err instanceof StaleOrder)) throw err;
    }
  }
  return decided;
}

/**
 * The runner's provisioning: an approved order is claimed (approved -> provisioning, conditional)
 * and its items run one by one as its applicant, with the quota the order already holds. Each
 * item's outcome is recorded in the same transaction as its launch or change (conditional on
 * `itemsDone`), so an order whose runner died mid-way is taken over by a live runner and resumed
 * from the next item: no item runs twice, none is skipped. Items that fail fail alone; their
 * share of the quota is given back.
 */
export async function provisionApproved(now: Date, runner: { id: string; alive: readonly string[] } = { id: "inline", alive: [] }): Promise<number> {
  const ready = await db.order.findMany({
    // Also this runner's own unfinished ones: a tick never overlaps the previous one, so an order
    // it still holds was left by a pass that failed, and is resumed from its next item.
    where: { OR: [{ status: "approved" }, { status: "provisioning", OR: [{ provisionedBy: null }, { provisionedBy: { notIn: runner.alive.filter((id) => id !== runner.id) } }] }] },
    orderBy: { updatedAt: "asc" },
    take: 10,
  });
  let done = 0;
  for (const order of ready) {
    const resumed = order.status === "provisioning";
    const claimed = await db.order.updateMany({
      where: { id: order.id, version: order.version, status: order.status },
      data: {
        status: "provisioning",
        provisionedBy: runner.id,
        version: { increment: 1 },
        updatedAt: now,
        timeline: [...(order.timeline as unknown as OrderEvent[]), { at: now.toISOString(), event: "provisioning", ...(resumed ? { comment: `resumed at item ${order.itemsDone + 1}` } : {}) }] as never,
      },
    });
    if (claimed.count !== 1) continue;
    await provisionItems(order.id, runner.id, now);
    done++;
  }
  return done;
}

type ProvisionItem = OrderItem | VolumeOrderItem | VpcOrderItem | EipOrderItem | ResizeItem | ReleaseItem;

/** Record one item's outcome on the order, conditional on the progress read (else: another runner did it). */
async function recordItem(tx: Tx, orderId: string, runnerId: string, index: number, event: OrderEvent, ids: string[]): Promise<void> {
  const o = await tx.order.findUniqueOrThrow({ where: { id: orderId } });
  const changed = await tx.order.updateMany({
    where: { id: orderId, itemsDone: index, provisionedBy: runnerId, status: "provisioning" },
    data: {
      itemsDone: index + 1,
      ...(o.kind === "create" ? { resourceIds: [...o.resourceIds.split(",").filter(Boolean), ...ids].join(",") } : {}),
      timeline: [...(o.timeline as unknown as OrderEvent[]), event] as never,
    },
  });
  if (changed.count !== 1) throw new StaleOrder();
}

async function provisionItems(orderId: string, runnerId: string, now: Date): Promise<void> {
  const order = await db.order.findUniqueOrThrow({ where: { id: orderId } });
  const applicant = await loadActor(db, order.applicantId);
  const items = order.items as unknown as ProvisionItem[];
  for (let index = order.itemsDone; index < items.length; index++) {
    const item = items[index] as ProvisionItem;
    const within = (ok: OrderEvent) => (tx: Tx, ids: string[]) => recordItem(tx, orderId, runnerId, index, ok, ids);
    try {
      if (!applicant) throw new DomainError("INVALID_STATE", "applicant gone", { reason: "applicant_disabled" });
      const ok: OrderEvent = { at: now.toISOString(), event: "item_done", item: index, comment: "instanceId" in item ? item.name : "cidr" in item ? `${item.name} ${item.cidr}` : `${item.name} x${item.count ?? 1}` };
      if ("sizeGb" in item) await createVolumes(applicant, { ...item, projectId: order.projectId }, { quotaHeld: true, within: within(ok) });
      else if ("cidr" in item) await createVpc(applicant, { ...item, projectId: order.projectId }, { quotaHeld: true, within: within(ok) });
      else if ("bandwidthMbit" in item) await allocateEips(applicant, { bandwidthMbit: item.bandwidthMbit, projectId: order.projectId }, item.count ?? 1, { quotaHeld: true, within: within(ok) });
      else if (!("instanceId" in item)) await launchInstance(applicant, { ...item, projectId: order.projectId }, { quotaHeld: true, productId: order.productId, within: within(ok), passwordLogin: "passwordLogin" in item && item.passwordLogin === true });
      // A change runs as its applicant through the instance's own checks, past the "change
      // through an order" rule; a resize with the upsize delta the order holds.
      else if ("flavorId" in item) await resizeInstance(applicant, item.instanceId, item.flavorId, { viaOrder: true, quotaHeld: order.quotaHeld, within: within(ok) });
      else await requestInstanceAction(applicant, item.instanceId, "delete", { viaOrder: true, within: within(ok) });
    } catch (err) {
      // Another runner took the order over: it carries on from here.
      if (err instanceof StaleOrder) return;
      const failed: OrderEvent = { at: now.toISOString(), event: "item_failed", item: index, comment: `${item.name}: ${err instanceof DomainError ? `${err.code} ${JSON.stringify(err.params)}` : String(err)}` };
      try {
        await db.$transaction((tx) => recordItem(tx, orderId, runnerId, index, failed, []));
      } catch (e) {
        if (e instanceof StaleOrder) return;
        throw e;
      }
    }
  }
  await finishProvisioning(orderId, runnerId, now);
}

/** Every item ran: the order's status from their outcomes, and the quota of failed create items given back. */
async function finishProvisioning(orderId: string, runnerId: string, now: Date): Promise<void> {
  const order = await db.order.findUniqueOrThrow({ where: { id: orderId } });
  const items = order.items as unknown as ProvisionItem[];
  const events = order.timeline as unknown as OrderEvent[];
  const failedIdx = new Set(events.filter((e) => e.event === "item_failed" && e.item !== undefined).map((e) => e.item as number));
  const status: OrderStatus = failedIdx.size === 0 ? "completed" : failedIdx.size === items.length ? "failed" : "partially_failed";
  // What a failed create item reserved at submission, from its flavor (a flavor row outlives its
  // deletion): the item may have failed because its checks no longer pass.
  let failedDemand: Demand = {};
  for (const i of failedIdx) {
    const item = items[i];
    if (!item || "instanceId" in item) continue;
    if ("sizeGb" in item) {
      failedDemand = addDemand(failedDemand, volumeDemand(item.sizeGb, item.count ?? 1));
      continue;
    }
    if ("cidr" in item || "bandwidthMbit" in item) {
      failedDemand = addDemand(failedDemand, "cidr" in item ? { vpcs: 1, subnets: 1 } : { eips: item.count ?? 1 });
      continue;
    }
    const flavor = await db.flavor.findUnique({ where: { id: item.flavorId } });
    if (flavor) failedDemand = addDemand(failedDemand, instanceDemand(flavor, item.count ?? 1));
    // Its ports and EIPs (one port per interface, the default network's one without any).
    failedDemand = addDemand(failedDemand, interfaceDemand(item.networks?.length ?? 0, item.count ?? 1, Boolean(item.eipBandwidthMbit)));
    // And the EVS disks it was to be created with (volumes and gigabytes, one set per ECS).
    for (const disk of [item.systemDisk, ...(item.dataDisks ?? [])]) if (disk) failedDemand = addDemand(failedDemand, volumeDemand(disk.sizeGb, item.count ?? 1));
  }
  await db.$transaction(async (tx) => {
    const changed = await tx.order.updateMany({
      where: { id: orderId, status: "provisioning", provisionedBy: runnerId, itemsDone: items.length },
      data: { status, finishedAt: now, updatedAt: now, version: { increment: 1 }, timeline: [...events, { at: now.toISOString(), event: status }] as never },
    });
    if (changed.count !== 1) return;
    // The instances now own what they consumed; what failed is given back.
    if (status === "failed") await releaseHeld(tx, order);
    else {
      await tx.order.update({ where: { id: orderId }, data: { quotaHeld: false } });
      if (status === "partially_failed" && order.quotaHeld) await releaseQuota(tx, await vdcChain(tx, order.vdcId), order.regionId, failedDemand);
    }
  });
}
