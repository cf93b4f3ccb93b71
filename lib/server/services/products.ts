import "server-only";
import { DomainError, NotFoundError } from "@/lib/cloud/shared";
import type { OverrideInput, ProductInput } from "@/lib/schemas/catalog-admin";
import { db, type Tx } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { vdcChain } from "../repositories/quota";
import { assertBindable, processScope } from "./approval-processes";
import { audited } from "./audit";
import { cloudNow } from "./clock";

// Products: what the operation admin publishes to the catalog. Publishing and unpublishing only
// decide what new orders may name; no existing order or resource is touched by either.

const slug = (name: string) =>
  `prod-${
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "product"
  }`;

/** Check the references a product makes (region, AZs, process, VDCs) and return its columns. */
async function productData(tx: Tx, input: ProductInput) {
  if (input.regionId && !(await tx.region.findUnique({ where: { id: input.regionId } }))) throw new NotFoundError("region", input.regionId);
  const azIds = input.azId ? [input.azId] : [...new Set(input.offeredAzIds)];
  if (azIds.length) {
    const azs = await tx.availabilityZone.findMany({ where: { id: { in: azIds } } });
    const missing = azIds.find((id) => !azs.some((a) => a.id === id));
    if (missing) throw new NotFoundError("az", missing);
    const outside = azs.find((a) => input.regionId && a.regionId !== input.regionId);
    if (outside) throw new DomainError("INVALID_INPUT", "AZ outside region", { reason: "product_az_outside_region", az: outside.id, region: input.regionId ?? "-" });
  }
  const vdcIds = [...new Set(input.visibleVdcIds)];
  if (vdcIds.length && (await tx.vdc.count({ where: { id: { in: vdcIds } } })) !== vdcIds.length) throw new NotFoundError("vdc", vdcIds.join(","));
  // A product's own process applies to every VDC that sees it, so it must be a global one.
  if (input.needsApproval && input.processId) await assertBindable(tx, input.processId, null);
  return {
    name: input.name,
    description: input.description,
    icon: input.icon,
    category: input.category,
    serviceType: input.serviceType,
    regionId: input.regionId,
    azId: input.azId,
    offeredAzIds: azIds.join(","),
    needsApproval: input.needsApproval,
    processId: input.needsApproval ? input.processId : null,
    visibleVdcIds: vdcIds.join(","),
  };
}

async function assertNameFree(tx: Tx, name: string, exceptId?: string) {
  const dup = await tx.product.findUnique({ where: { name } });
  if (dup && dup.id !== exceptId) throw new DomainError("CONFLICT", "name taken", { reason: "product_name_taken", name });
}

/** A new product starts unpublished: the admin reviews it, then publishes it. */
export async function createProduct(actor: Actor, input: ProductInput): Promise<{ id: string }> {
  requirePermission(actor, "catalog:manage");
  const now = await cloudNow();
  return audited(actor, { action: "product.create", targetType: "product" }, async (tx, record) => {
    await assertNameFree(tx, input.name);
    const data = await productData(tx, input);
    let id = slug(input.name);
    if (await tx.product.findUnique({ where: { id } })) id = `${id}-${now.getTime().toString(36)}`;
    await tx.product.create({ data: { id, ...data, published: false, createdAt: now, updatedAt: now } });
    record({ targetId: id, after: data });
    return { id };
  });
}

export async function updateProduct(actor: Actor, id: string, input: ProductInput): Promise<void> {
  requirePermission(actor, "catalog:manage");
  const now = await cloudNow();
  await audited(actor, { action: "product.update", targetType: "product", targetId: id }, async (tx, record) => {
    const before = await tx.product.findUnique({ where: { id } });
    if (!before) throw new NotFoundError("product", id);
    await assertNameFree(tx, input.name, id);
    const data = await productData(tx, input);
    // productData refuses an approval without a bound, published process: a published product stays orderable.
    await tx.product.update({ where: { id }, data: { ...data, updatedAt: now } });
    record({ before, after: data });
  });
}

/** Publish or unpublish. Unpublishing hides it from new orders; pending orders and their resources carry on. */
export async function setProductPublished(actor: Actor, id: string, published: boolean): Promise<void> {
  requirePermission(actor, "catalog:manage");
  const now = await cloudNow();
  await audited(actor, { action: published ? "product.publish" : "product.unpublish", targetType: "product", targetId: id }, async (tx, record) => {
    const p = await tx.product.findUnique({ where: { id } });
    if (!p) throw new NotFoundError("product", id);
    if (published && p.needsApproval) {
      if (!p.processId) throw new DomainError("INVALID_STATE", "no process", { reason: "no_process_bound", product: p.name });
      await assertBindable(tx, p.processId, null);
    }
    const changed = await tx.product.updateMany({ where: { id, published: !published }, data: { published, updatedAt: now } });
    if (changed.count !== 1) throw new DomainError("INVALID_STATE", "already so", { reason: published ? "product_already_published" : "product_already_unpublished", product: p.name });
    record({ before: { published: p.published }, after: { published } });
  });
}

/**
 * Bind another process for orders of this product from a VDC's subtree (null removes the
 * override). The operation admin sets any; a VDC admin sets them for VDCs of their subtree, with
 * global processes or processes of the VDC's own chain.
 */
export async function setProcessOverride(actor: Actor, input: OverrideInput): Promise<void> {
  const scope = await processScope(db, actor);
  if (scope !== "all" && !scope.has(input.vdcId)) throw new NotFoundError("vdc", input.vdcId);
  const product = await db.product.findUnique({ where: { id: input.productId } });
  if (!product) throw new NotFoundError("product", input.productId);
  const chain = await vdcChain(db, input.vdcId);
  await audited(actor, { action: "product.override", targetType: "product", targetId: product.id, vdcId: input.vdcId }, async (tx, record) => {
    const before = await tx.productProcessOverride.findUnique({ where: { productId_vdcId: { productId: product.id, vdcId: input.vdcId } } });
    record({ before: before ? { vdcId: input.vdcId, processId: before.processId } : null, after: { vdcId: input.vdcId, processId: input.processId } });
    if (input.processId === null) {
      if (before) await tx.productProcessOverride.delete({ where: { productId_vdcId: { productId: product.id, vdcId: input.vdcId } } });
      return;
    }
    await assertBindable(
      tx,
      input.processId,
      chain.map((v) => v.id),
    );
    await tx.productProcessOverride.upsert({
      where: { productId_vdcId: { productId: product.id, vdcId: input.vdcId } },
      create: { productId: product.id, vdcId: input.vdcId, processId: input.processId },
      update: { processId: input.processId },
    });
  });
}
