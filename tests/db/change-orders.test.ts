import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { cloudNow } from "@/lib/server/services/clock";
import { resizeInstance } from "@/lib/server/services/instance-ops";
import { launchInstance, requestInstanceAction } from "@/lib/server/services/instances";
import { cancelOrder, decideOrder, provisionApproved, submitChangeOrder, submitOrder } from "@/lib/server/services/orders";
import { actor, newRunner, resetCompute, runUntilIdle } from "./helpers";

const item = (name: string) => ({ name, az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79", count: 1 });
const used = async (resource: string) => (await db.quota.findFirstOrThrow({ where: { vdcId: "vdc-rd-platform", resource } })).used;

/** Approve an order of the standard process (VDC admin, then operation admin) and provision it. */
async function approveAndProvision(id: string): Promise<void> {
  await decideOrder(await actor("vdc_admin"), id, "approve");
  await decideOrder(await actor("op_admin"), id, "approve");
  expect(await provisionApproved(await cloudNow())).toBe(1);
}

/** An ACTIVE instance obtained through the ECS product (which needs approval). */
async function orderedInstance(name: string): Promise<string> {
  const tenant = await actor("tenant");
  const { id } = await submitOrder(tenant, { productId: "prod-ecs", items: [item(name)] });
  await approveAndProvision(id);
  await runUntilIdle(await newRunner(), await cloudNow());
  const instance = await db.instance.findFirstOrThrow({ where: { name } });
  expect(instance).toMatchObject({ vmState: "active", productId: "prod-ecs" });
  return instance.id;
}

describe("changes and releases through orders", () => {
  beforeEach(async () => {
    await resetCompute();
    await db.order.deleteMany();
  });

  it("an instance obtained through an approval is resized through one: delta reserved at submit, one open change, the resize runs once approved", async () => {
    const id = await orderedInstance("grow-me");
    const tenant = await actor("tenant");
    // Directly: refused for the tenant, who must apply.
    await expect(resizeInstance(tenant, id, "s6.xlarge.2")).rejects.toMatchObject({ params: { reason: "change_through_order" } });
    await expect(requestInstanceAction(tenant, id, "delete")).rejects.toMatchObject({ params: { reason: "change_through_order" } });

    const cores = await used("cores");
    const order = await submitChangeOrder(tenant, { kind: "resize", instanceId: id, flavorId: "s6.xlarge.2" });
    expect(order.status).toBe("pending_approval");
    // s6.large.2 (2 vCPU) -> s6.xlarge.2 (4 vCPU): the upsize delta is held while the order waits.
    expect(await used("cores")).toBe(cores + 2);
    await expect(submitChangeOrder(tenant, { kind: "release", instanceIds: [id] })).rejects.toMatchObject({ params: { reason: "instance_has_open_order" } });
    // Another tenant's instance does not exist for them.
    await expect(submitChangeOrder(await actor("tenant_fin"), { kind: "resize", instanceId: id, flavorId: "s6.xlarge.2" })).rejects.toMatchObject({ code: "NOT_FOUND" });

    await approveAndProvision(order.id);
    expect(await db.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "completed", kind: "resize", quotaHeld: false, resourceIds: id });
    // The resize took over the reservation: nothing reserved twice.
    expect(await used("cores")).toBe(cores + 2);
    await runUntilIdle(await newRunner(), await cloudNow());
    expect(await db.instance.findUniqueOrThrow({ where: { id } })).toMatchObject({ vmState: "resized", flavorId: "s6.xlarge.2" });
  });

  it("a rejected or cancelled resize gives its delta back", async () => {
    const id = await orderedInstance("stay-small");
    const tenant = await actor("tenant");
    const cores = await used("cores");
    const a = await submitChangeOrder(tenant, { kind: "resize", instanceId: id, flavorId: "s6.xlarge.2" });
    expect(await used("cores")).toBe(cores + 2);
    await decideOrder(await actor("approver"), a.id, "reject", "not needed");
    expect(await used("cores")).toBe(cores);
    const b = await submitChangeOrder(tenant, { kind: "resize", instanceId: id, flavorId: "s6.xlarge.2" });
    await cancelOrder(tenant, b.id);
    expect(await used("cores")).toBe(cores);
    expect((await db.instance.findUniqueOrThrow({ where: { id } })).flavorId).toBe("s6.large.2");
  });

  it("a release deletes the instance once approved and frees its quota", async () => {
    const id = await orderedInstance("let-go");
    const tenant = await actor("tenant");
    const cores = await used("cores");
    const order = await submitChangeOrder(tenant, { kind: "release", instanceIds: [id] });
    // Nothing is reserved for a release, and nothing happens until it is approved.
    expect(await used("cores")).toBe(cores);
    expect((await db.instance.findUniqueOrThrow({ where: { id } })).deletedAt).toBeNull();
    await approveAndProvision(order.id);
    await runUntilIdle(await newRunner(), await cloudNow());
    expect((await db.instance.findUniqueOrThrow({ where: { id } })).deletedAt).not.toBeNull();
    expect(await used("cores")).toBe(cores - 2);
    expect(await db.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "completed", kind: "release" });
  });

  it("an instance launched directly is changed directly; operators act directly on ordered ones", async () => {
    const tenant = await actor("tenant");
    const direct = await launchInstance(tenant, { ...item("direct"), projectId: "prj-platform" });
    await expect(submitChangeOrder(tenant, { kind: "resize", instanceId: direct.id, flavorId: "s6.xlarge.2" })).rejects.toMatchObject({ params: { reason: "instance_not_ordered" } });
    const ordered = await orderedInstance("ops-may");
    await requestInstanceAction(await actor("cloud_admin"), ordered, "delete");
    expect((await db.instance.findUniqueOrThrow({ where: { id: ordered } })).taskState).toBe("deleting");
  });
});
