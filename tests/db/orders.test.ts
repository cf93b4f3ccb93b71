import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { cancelOrder, decideOrder, provisionApproved, submitOrder, sweepApprovalTimeouts } from "@/lib/server/services/orders";
import { launchInstance } from "@/lib/server/services/instances";
import { DomainError, NotFoundError } from "@/lib/cloud/shared";
import { listInbox, pendingApprovalCount } from "@/lib/server/queries/orders";
import { actor, later, resetCompute } from "./helpers";

const item = (name: string, over: Record<string, unknown> = {}) => ({ name, az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79", count: 1, ...over });

async function used(vdcId: string, resource: string): Promise<number> {
  return (await db.quota.findFirstOrThrow({ where: { vdcId, resource } })).used;
}

async function resetOrders(): Promise<void> {
  await resetCompute();
  await db.order.deleteMany();
}

describe("orders and approvals", () => {
  beforeEach(resetOrders);

  it("reserves quota at submission, walks two levels, then provisions with the quota it holds", async () => {
    const tenant = await actor("tenant");
    const before = { platform: await used("vdc-rd-platform", "cores"), rd: await used("vdc-rd", "cores") };
    const { id, status } = await submitOrder(tenant, { productId: "prod-ecs", items: [item("ordered", { count: 2 })] });
    expect(status).toBe("pending_approval");
    // Held on every level of the chain while it waits.
    expect(await used("vdc-rd-platform", "cores")).toBe(before.platform + 4);
    expect(await used("vdc-rd", "cores")).toBe(before.rd + 4);

    // Level 1 belongs to the first-level VDC's admin or approver; the operation admin must wait.
    await expect(decideOrder(await actor("op_admin"), id, "approve")).rejects.toBeInstanceOf(NotFoundError);
    expect((await decideOrder(await actor("vdc_admin"), id, "approve")).transition).toBe("level_advanced");
    // The same person never decides level 2 (they are not its approver, and not twice anyway).
    expect((await decideOrder(await actor("vdc_admin"), id, "approve")).transition).toBe("none");
    expect((await decideOrder(await actor("op_admin"), id, "approve", "ok")).transition).toBe("approved");

    const now = later(new Date(), 1);
    expect(await provisionApproved(now)).toBe(1);
    const order = await db.order.findUniqueOrThrow({ where: { id } });
    expect(order).toMatchObject({ status: "completed", quotaHeld: false });
    expect(order.resourceIds.split(",")).toHaveLength(2);
    // Provisioning consumed the reservation instead of reserving again.
    expect(await used("vdc-rd-platform", "cores")).toBe(before.platform + 4);
    expect(await db.instance.count({ where: { name: { startsWith: "ordered-" } } })).toBe(2);
  });

  it("an EVS product orders volumes: read as volume lines, approved by its process, created with the quota held", async () => {
    const tenant = await actor("tenant");
    const gb = await used("vdc-rd-platform", "gigabytes");
    // An ECS line is no volume line: the missing fields are named.
    await expect(submitOrder(tenant, { productId: "prod-evs", items: [item("not-a-volume")] })).rejects.toMatchObject({ issues: expect.arrayContaining([expect.objectContaining({ path: ["volumeTypeId"] })]) });
    const { id, status } = await submitOrder(tenant, { productId: "prod-evs", items: [{ name: "ordered-vol", az: "az2", volumeTypeId: "vt-common", sizeGb: 200, count: 2 }] });
    expect(status).toBe("pending_approval");
    expect(await used("vdc-rd-platform", "gigabytes")).toBe(gb + 400);
    expect((await decideOrder(await actor("vdc_admin"), id, "approve")).transition).toBe("approved");
    expect(await provisionApproved(later(new Date(), 1))).toBe(1);
    const order = await db.order.findUniqueOrThrow({ where: { id } });
    expect(order).toMatchObject({ status: "completed", quotaHeld: false });
    const volumes = await db.volume.findMany({ where: { id: { in: order.resourceIds.split(",") } } });
    expect(volumes.map((v) => [v.name, v.sizeGb, v.azId]).sort()).toEqual([["ordered-vol-0001", 200, "az2"], ["ordered-vol-0002", 200, "az2"]]);
    expect(await used("vdc-rd-platform", "gigabytes")).toBe(gb + 400);
  });

  it("VPC and EIP products: checked and reserved at submission, created on approval through the same services", async () => {
    const tenant = await actor("tenant");
    const vpcs = await used("vdc-rd-platform", "vpcs");
    const eips = await used("vdc-rd-platform", "eips");
    // A host address for a CIDR is refused at submission, as the creation would refuse it.
    await expect(submitOrder(tenant, { productId: "prod-vpc", items: [{ name: "ordered-vpc", cidr: "10.60.0.1/16", subnet: { name: "s", cidr: "10.60.0.0/24" } }] })).rejects.toMatchObject({ params: { reason: "cidr_not_canonical" } });
    const v = await submitOrder(tenant, { productId: "prod-vpc", items: [{ name: "ordered-vpc", cidr: "10.60.0.0/16", subnet: { name: "s", cidr: "10.60.0.0/24" } }] });
    const e = await submitOrder(tenant, { productId: "prod-eip", items: [{ name: "ordered-eips", bandwidthMbit: 20, count: 2 }] });
    expect(await used("vdc-rd-platform", "vpcs")).toBe(vpcs + 1);
    expect(await used("vdc-rd-platform", "eips")).toBe(eips + 2);
    for (const o of [v, e]) expect((await decideOrder(await actor("vdc_admin"), o.id, "approve")).transition).toBe("approved");
    expect(await provisionApproved(later(new Date(), 1))).toBe(2);
    const vo = await db.order.findUniqueOrThrow({ where: { id: v.id } });
    expect(vo.status).toBe("completed");
    expect(await db.vpc.findUniqueOrThrow({ where: { id: vo.resourceIds } })).toMatchObject({ name: "ordered-vpc", cidr: "10.60.0.0/16", projectId: "prj-platform" });
    const eo = await db.order.findUniqueOrThrow({ where: { id: e.id } });
    expect(eo.status).toBe("completed");
    expect(await db.eip.count({ where: { id: { in: eo.resourceIds.split(",") }, bandwidthMbit: 20 } })).toBe(2);
    // Held once: the order's reservation became the resources' own.
    expect(await used("vdc-rd-platform", "vpcs")).toBe(vpcs + 1);
    expect(await used("vdc-rd-platform", "eips")).toBe(eips + 2);
  });

  it("a submission that does not fit is refused with the resource and amounts, and nothing is written", async () => {
    const tenant = await actor("tenant");
    await expect(submitOrder(tenant, { productId: "prod-ecs", items: [item("huge", { flavorId: "m6.4xlarge.8", count: 20 })] })).rejects.toMatchObject({ code: "QUOTA_EXCEEDED" });
    expect(await db.order.count()).toBe(0);
  });

  it("rejection needs a reason and gives the quota back; cancellation too", async () => {
    const tenant = await actor("tenant");
    const cores = await used("vdc-rd-platform", "cores");
    const a = await submitOrder(tenant, { productId: "prod-ecs", items: [item("no")] });
    const approver = await actor("approver");
    await expect(decideOrder(approver, a.id, "reject")).rejects.toMatchObject({ params: { reason: "reject_reason_required" } });
    expect((await decideOrder(approver, a.id, "reject", "not this quarter")).transition).toBe("rejected");
    expect(await db.order.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ status: "rejected", quotaHeld: false });
    expect(await used("vdc-rd-platform", "cores")).toBe(cores);

    const b = await submitOrder(tenant, { productId: "prod-ecs", items: [item("changed-mind")] });
    expect(await used("vdc-rd-platform", "cores")).toBe(cores + 2);
    await expect(cancelOrder(await actor("tenant_fin"), b.id)).rejects.toBeInstanceOf(NotFoundError);
    await cancelOrder(tenant, b.id);
    expect(await used("vdc-rd-platform", "cores")).toBe(cores);
    await expect(cancelOrder(tenant, b.id)).rejects.toMatchObject({ params: { reason: "order_not_pending" } });
    expect(await used("vdc-rd-platform", "cores")).toBe(cores);
  });

  it("the applicant never approves their own order", async () => {
    const vdcAdmin = await actor("vdc_admin");
    // The VDC admin applies (they hold ecs:create in their VDC's projects).
    const own = { ...vdcAdmin, defaultProjectId: "prj-platform" };
    const { id } = await submitOrder(own, { productId: "prod-ecs", items: [item("self")] });
    // Level 1 resolves to the approver only: the applicant is never among the approvers.
    await expect(decideOrder(vdcAdmin, id, "approve")).rejects.toMatchObject({ params: { reason: "self_approval" } });
    expect((await decideOrder(await actor("approver"), id, "approve")).transition).toBe("level_advanced");
  });

  it("50 concurrent approvals of one order make exactly one transition and one audit entry", async () => {
    const tenant = await actor("tenant");
    const { id } = await submitOrder(tenant, { productId: "prod-ecs", items: [item("race")] });
    const approvers = [await actor("vdc_admin"), await actor("approver")];
    const auditBefore = await db.auditLog.count({ where: { action: "order.approve", targetId: id, result: "success" } });
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, n) => decideOrder(approvers[n % 2]!, id, "approve")));
    const transitions = results.filter((r) => r.status === "fulfilled" && r.value.transition !== "none");
    expect(transitions).toHaveLength(1);
    // The loser approver arrives after the level moved on: not an approver of level 2.
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(DomainError);
    expect(await db.auditLog.count({ where: { action: "order.approve", targetId: id, result: "success" } })).toBe(auditBefore + 1);
    const order = await db.order.findUniqueOrThrow({ where: { id } });
    expect(order.status).toBe("pending_approval");
    expect((order.approval as { level: number; decisions: unknown[] }).decisions).toHaveLength(1);
  });

  it("countersign: the first approval is recorded and the order waits for the second", async () => {
    const tenant = await actor("tenant");
    const { id } = await submitOrder(tenant, { productId: "prod-ecs-large", items: [item("joint")] });
    // The top bar's counter (in SQL) agrees with each approver's inbox as the order moves on.
    const agree = async (username: string, count: number) => {
      const who = await actor(username);
      expect(await pendingApprovalCount(who)).toBe(count);
      expect((await listInbox(who, { page: 1, pageSize: 50, tab: "pending" })).total).toBe(count);
    };
    await agree("vdc_admin", 1);
    await agree("approver", 1);
    expect((await decideOrder(await actor("vdc_admin"), id, "approve")).transition).toBe("recorded");
    await agree("vdc_admin", 0);
    await agree("approver", 1);
    const mid = await db.order.findUniqueOrThrow({ where: { id } });
    expect(mid.status).toBe("pending_approval");
    expect((mid.approval as { decisions: unknown[] }).decisions).toHaveLength(1);
    expect((await decideOrder(await actor("vdc_admin"), id, "approve")).transition).toBe("none");
    expect((await decideOrder(await actor("approver"), id, "approve")).transition).toBe("approved");
    await agree("approver", 0);
  });

  it("a level with a timeout decides itself when the cloud clock passes it; a locked AZ is enforced", async () => {
    const tenant = await actor("tenant");
    await expect(submitOrder(tenant, { productId: "prod-ecs-az1", items: [item("elsewhere", { az: "az2" })] })).rejects.toMatchObject({ params: { reason: "product_az_locked" } });
    const { id } = await submitOrder(tenant, { productId: "prod-ecs-az1", items: [item("patient")] });
    const order = await db.order.findUniqueOrThrow({ where: { id } });
    expect(order.timeoutAt).not.toBeNull();
    expect(await sweepApprovalTimeouts(later(order.timeoutAt!, -1))).toBe(0);
    expect(await sweepApprovalTimeouts(later(order.timeoutAt!, 1))).toBe(1);
    const after = await db.order.findUniqueOrThrow({ where: { id } });
    expect(after.status).toBe("approved");
    expect(JSON.stringify(after.timeline)).toContain("timed_out");
  });

  it("an item whose checks no longer pass at provisioning fails alone and gives back exactly its share", async () => {
    const tenant = await actor("tenant");
    const cores = await used("vdc-rd-platform", "cores");
    const { id } = await submitOrder(tenant, { productId: "prod-ecs-dev", items: [item("kept"), item("stale", { imageId: "img-ubuntu-2204", flavorId: "s6.xlarge.2" })] });
    expect(await used("vdc-rd-platform", "cores")).toBe(cores + 2 + 4);
    // The second item's image is deactivated before the runner gets to it.
    await db.image.update({ where: { id: "img-ubuntu-2204" }, data: { status: "deactivated" } });
    try {
      await provisionApproved(new Date());
    } finally {
      await db.image.update({ where: { id: "img-ubuntu-2204" }, data: { status: "active" } });
    }
    expect(await db.order.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "partially_failed", quotaHeld: false });
    // The created ECS keeps its 2 cores; the failed item's 4 are back.
    expect(await used("vdc-rd-platform", "cores")).toBe(cores + 2);
  });

  it("an ordered ECS's EVS disks are reserved at submission, created at provisioning, and given back when its item fails", async () => {
    const tenant = await actor("tenant");
    const gb = await used("vdc-rd-platform", "gigabytes");
    const disks = { systemDisk: { volumeTypeId: "vt-high", sizeGb: 40 }, dataDisks: [{ volumeTypeId: "vt-common", sizeGb: 60 }] };
    const { id } = await submitOrder(tenant, { productId: "prod-ecs-dev", items: [item("disked", disks), item("doomed", { ...disks, imageId: "img-ubuntu-2204" })] });
    expect(await used("vdc-rd-platform", "gigabytes")).toBe(gb + 2 * 100);
    await db.image.update({ where: { id: "img-ubuntu-2204" }, data: { status: "deactivated" } });
    try {
      await provisionApproved(new Date());
    } finally {
      await db.image.update({ where: { id: "img-ubuntu-2204" }, data: { status: "active" } });
    }
    expect(await db.order.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "partially_failed", quotaHeld: false });
    const created = await db.instance.findFirstOrThrow({ where: { name: "disked" } });
    expect(created.volumeBacked).toBe(true);
    expect(await db.volumeAttachment.count({ where: { instanceId: created.id } })).toBe(2);
    // The created ECS's 100 GB stay counted once; the failed item's are back.
    expect(await used("vdc-rd-platform", "gigabytes")).toBe(gb + 100);
  });

  it("a product without approval provisions straight away; a failed item gives its quota back", async () => {
    const tenant = await actor("tenant");
    const cores = await used("vdc-rd-platform", "cores");
    const { id, status } = await submitOrder(tenant, { productId: "prod-ecs-dev", items: [item("quick")] });
    expect(status).toBe("approved");
    // Every az1 host disabled: the launch cannot be placed, the order fails whole.
    await db.host.updateMany({ where: { azId: "az1" }, data: { enabled: false } });
    try {
      await provisionApproved(new Date());
    } finally {
      await db.host.updateMany({ data: { enabled: true } });
    }
    expect(await db.order.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "failed", quotaHeld: false });
    expect(await used("vdc-rd-platform", "cores")).toBe(cores);
  });

  it("an order whose runner died mid-provisioning is resumed by a live runner from its next item, never twice", async () => {
    const tenant = await actor("tenant");
    const cores = await used("vdc-rd-platform", "cores");
    // No approval: straight to approved.
    const { id } = await submitOrder(tenant, { productId: "prod-ecs-dev", items: [item("first"), item("second")] });
    expect(await used("vdc-rd-platform", "cores")).toBe(cores + 4);
    // A runner claimed it, launched the first item (recording it with the launch), then died.
    await db.order.update({ where: { id }, data: { status: "provisioning", provisionedBy: "runner-dead" } });
    const first = await launchInstance(tenant, { ...item("first"), projectId: "prj-platform" }, { quotaHeld: true, productId: "prod-ecs-dev" });
    await db.order.update({ where: { id }, data: { itemsDone: 1, resourceIds: first.id } });

    // A live runner leaves an order another live runner holds alone.
    const now = later(new Date(), 1);
    expect(await provisionApproved(now, { id: "runner-b", alive: ["runner-a", "runner-dead"] })).toBe(0);
    // Once its runner is gone, it is taken over and resumed at the second item.
    expect(await provisionApproved(now, { id: "runner-b", alive: ["runner-b"] })).toBe(1);
    const order = await db.order.findUniqueOrThrow({ where: { id } });
    expect(order).toMatchObject({ status: "completed", itemsDone: 2, provisionedBy: "runner-b", quotaHeld: false });
    expect(order.resourceIds.split(",")).toHaveLength(2);
    expect(await db.instance.count({ where: { name: { in: ["first", "second"] } } })).toBe(2);
    expect(JSON.stringify(order.timeline)).toContain("resumed at item 2");
    // The quota was reserved once at submission and consumed, not reserved again.
    expect(await used("vdc-rd-platform", "cores")).toBe(cores + 4);
  });
});
