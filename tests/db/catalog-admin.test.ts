import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LevelDef } from "@/lib/cloud/approval";
import { ForbiddenError, NotFoundError } from "@/lib/cloud/shared";
import { DEMO_PROCESSES, DEMO_PRODUCTS } from "@/lib/cloud/seed/demo-cloud";
import { db } from "@/lib/server/db";
import { listCatalog } from "@/lib/server/queries/orders";
import { createProcess, deleteProcess, publishProcess, saveProcess } from "@/lib/server/services/approval-processes";
import { decideOrder, submitOrder } from "@/lib/server/services/orders";
import { createProduct, setProcessOverride, setProductPublished, updateProduct } from "@/lib/server/services/products";
import type { ProductInput } from "@/lib/schemas/catalog-admin";
import { actor, resetCompute } from "./helpers";

const level = (name: string, over: Partial<LevelDef> = {}): LevelDef => ({ name, approvers: [{ kind: "vdc_role", role: "vdc_admin", depth: 1 }], mode: "or", timeoutSeconds: null, onTimeout: "reject", ...over });
const item = (name: string, az = "az1") => ({ name, az, flavorId: "s6.large.2", imageId: "img-centos-79", count: 1 });
const product = (over: Partial<ProductInput> = {}): ProductInput => ({
  name: "Test ECS",
  description: "for tests",
  icon: "server",
  category: "compute",
  serviceType: "ecs",
  regionId: null,
  offeredAzIds: [],
  azId: null,
  needsApproval: true,
  processId: "proc-standard",
  visibleVdcIds: [],
  ...over,
});

/** Leave the seeded catalog as it was: only the demo products and processes, no overrides. */
async function resetCatalog() {
  await resetCompute();
  await db.order.deleteMany();
  await db.productProcessOverride.deleteMany();
  await db.product.deleteMany({ where: { id: { notIn: DEMO_PRODUCTS.map((p) => p.id) } } });
  await db.approvalProcess.deleteMany({ where: { id: { notIn: DEMO_PROCESSES.map((p) => p.id) } } });
  await db.product.updateMany({ data: { published: true } });
}

describe("products and approval processes", () => {
  beforeEach(resetCatalog);
  afterEach(resetCatalog);

  it("a process is bound only once published; editing a published one makes a new version and running orders keep theirs", async () => {
    const op = await actor("op_admin");
    const { id: processId } = await createProcess(op, { name: "Two steps", description: "", ownerVdcId: null, levels: [level("VDC")] });
    // A draft cannot be bound.
    await expect(createProduct(op, product({ processId }))).rejects.toMatchObject({ params: { reason: "process_not_published" } });
    expect((await publishProcess(op, processId)).version).toBe(1);
    await expect(publishProcess(op, processId)).rejects.toMatchObject({ params: { reason: "process_no_draft" } });
    const { id: productId } = await createProduct(op, product({ processId }));
    await setProductPublished(op, productId, true);

    const tenant = await actor("tenant");
    const first = await submitOrder(tenant, { productId, items: [item("v1")] });

    // Saving the published process opens v2 as a draft; v1 stays what new orders get until v2 is published.
    expect((await saveProcess(op, { id: processId, description: "now two levels", levels: [level("VDC"), level("Ops", { approvers: [{ kind: "global_role", role: "operation_admin" }] })] })).version).toBe(2);
    const stillV1 = await submitOrder(tenant, { productId, items: [item("still-v1")] });
    expect((await publishProcess(op, processId)).version).toBe(2);
    const second = await submitOrder(tenant, { productId, items: [item("v2")] });

    const versionOf = async (id: string) => (await db.order.findUniqueOrThrow({ where: { id }, include: { processVersion: true } })).processVersion?.version;
    expect(await versionOf(first.id)).toBe(1);
    expect(await versionOf(stillV1.id)).toBe(1);
    expect(await versionOf(second.id)).toBe(2);
    // The v1 order completes its approval with one level; the v2 order needs two.
    const vdcAdmin = await actor("vdc_admin");
    expect((await decideOrder(vdcAdmin, first.id, "approve")).transition).toBe("approved");
    expect((await decideOrder(vdcAdmin, second.id, "approve")).transition).toBe("level_advanced");

    // Every change is in the audit log.
    const actions = (await db.auditLog.findMany({ where: { targetId: processId }, select: { action: true } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["process.create", "process.publish", "process.save"]));
  });

  it("refuses a definition the engine would reject and approvers that are not approvers", async () => {
    const op = await actor("op_admin");
    const tenant = await db.user.findUniqueOrThrow({ where: { username: "tenant" } });
    await expect(createProcess(op, { name: "Nobody", description: "", ownerVdcId: null, levels: [level("L1", { approvers: [] })] })).rejects.toMatchObject({ params: { reason: "process_level_without_approvers" } });
    // A tenant user holds no approving role: naming them is refused.
    await expect(createProcess(op, { name: "Tenant decides", description: "", ownerVdcId: null, levels: [level("L1", { approvers: [{ kind: "user", userId: tenant.id }] })] })).rejects.toBeInstanceOf(NotFoundError);
    await expect(createProcess(op, { name: "Standard two-level approval", description: "", ownerVdcId: null, levels: [level("L1")] })).rejects.toMatchObject({ params: { reason: "process_name_taken" } });
  });

  it("a VDC admin manages processes of their subtree and overrides there, never global ones or another subtree's", async () => {
    const vdcAdmin = await actor("vdc_admin");
    const op = await actor("op_admin");
    await expect(createProcess(vdcAdmin, { name: "Global try", description: "", ownerVdcId: null, levels: [level("L1")] })).rejects.toMatchObject({ params: { reason: "process_owner_scope" } });
    await expect(createProcess(vdcAdmin, { name: "Finance try", description: "", ownerVdcId: "vdc-finance", levels: [level("L1")] })).rejects.toMatchObject({ params: { reason: "process_owner_scope" } });
    await expect(saveProcess(vdcAdmin, { id: "proc-standard", description: "", levels: [level("L1")] })).rejects.toBeInstanceOf(ForbiddenError);

    // Their own: the R&D approver decides, one level.
    const { id } = await createProcess(vdcAdmin, { name: "R&D quick", description: "", ownerVdcId: "vdc-rd", levels: [level("R&D", { approvers: [{ kind: "vdc_role", role: "approver", depth: 1 }] })] });
    await expect(setProcessOverride(vdcAdmin, { productId: "prod-ecs", vdcId: "vdc-rd-platform", processId: id })).rejects.toMatchObject({ params: { reason: "process_not_published" } });
    await publishProcess(vdcAdmin, id);
    // Outside their subtree the VDC does not exist for them; and their process never applies in another subtree.
    await expect(setProcessOverride(vdcAdmin, { productId: "prod-ecs", vdcId: "vdc-finance", processId: id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(setProcessOverride(op, { productId: "prod-ecs", vdcId: "vdc-finance", processId: id })).rejects.toMatchObject({ params: { reason: "process_not_applicable" } });
    await setProcessOverride(vdcAdmin, { productId: "prod-ecs", vdcId: "vdc-rd-platform", processId: id });

    // The tenant of that VDC now passes the override (one level, the approver); the catalog says so.
    const tenant = await actor("tenant");
    expect((await listCatalog(tenant)).find((p) => p.id === "prod-ecs")?.process).toBe("R&D quick");
    const order = await submitOrder(tenant, { productId: "prod-ecs", items: [item("override")] });
    expect((await decideOrder(await actor("approver"), order.id, "approve")).transition).toBe("approved");
    // Finance still gets the product's own process.
    expect((await listCatalog(await actor("tenant_fin"))).find((p) => p.id === "prod-ecs")?.process).toBe("Standard two-level approval");

    // Bound (and then run by an order): it cannot be deleted.
    await expect(deleteProcess(vdcAdmin, id)).rejects.toMatchObject({ params: { reason: "process_bound" } });
    await setProcessOverride(vdcAdmin, { productId: "prod-ecs", vdcId: "vdc-rd-platform", processId: null });
    await expect(deleteProcess(vdcAdmin, id)).rejects.toMatchObject({ params: { reason: "process_has_orders" } });
  });

  it("publishing decides what new orders may name; unpublishing touches no order already submitted", async () => {
    const op = await actor("op_admin");
    const tenant = await actor("tenant");
    const tenantFin = await actor("tenant_fin");
    const { id } = await createProduct(op, product({ name: "R&D only", visibleVdcIds: ["vdc-rd"], offeredAzIds: ["az2"] }));
    // Unpublished: nobody sees it or orders it.
    expect((await listCatalog(tenant)).some((p) => p.id === id)).toBe(false);
    await expect(submitOrder(tenant, { productId: id, items: [item("early", "az2")] })).rejects.toBeInstanceOf(NotFoundError);
    await setProductPublished(op, id, true);
    // Visible to R&D's subtree, not to finance.
    expect((await listCatalog(tenant)).find((p) => p.id === id)?.azIds).toEqual(["az2"]);
    expect((await listCatalog(tenantFin)).some((p) => p.id === id)).toBe(false);
    // Only the AZs it offers.
    await expect(submitOrder(tenant, { productId: id, items: [item("wrong-az", "az1")] })).rejects.toMatchObject({ params: { reason: "product_az_not_offered" } });
    const pending = await submitOrder(tenant, { productId: id, items: [item("pending", "az2")] });

    await setProductPublished(op, id, false);
    await expect(setProductPublished(op, id, false)).rejects.toMatchObject({ params: { reason: "product_already_unpublished" } });
    expect((await listCatalog(tenant)).some((p) => p.id === id)).toBe(false);
    await expect(submitOrder(tenant, { productId: id, items: [item("late", "az2")] })).rejects.toBeInstanceOf(NotFoundError);
    // The order already submitted carries on.
    expect((await decideOrder(await actor("vdc_admin"), pending.id, "approve")).transition).toBe("level_advanced");
    expect((await db.order.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("pending_approval");
  });

  it("checks a product's references: AZ in its region, a process when approval is on, only operation admins", async () => {
    const op = await actor("op_admin");
    await expect(createProduct(op, product({ regionId: "cn-south-1", azId: "az-nope" }))).rejects.toBeInstanceOf(NotFoundError);
    await expect(createProduct(await actor("vdc_admin"), product())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createProduct(op, product({ name: "Elastic Cloud Server" }))).rejects.toMatchObject({ params: { reason: "product_name_taken" } });
    const { id } = await createProduct(op, product({ needsApproval: false, processId: null }));
    await updateProduct(op, id, product({ name: "Renamed", regionId: "cn-south-1", azId: "az1" }));
    expect(await db.product.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: "Renamed", azId: "az1", offeredAzIds: "az1", processId: "proc-standard", published: false });
  });
});
