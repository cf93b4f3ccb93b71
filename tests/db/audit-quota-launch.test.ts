import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { launchInstance, requestInstanceAction } from "@/lib/server/services/instances";
import { verifyAuditLog } from "@/lib/server/services/audit-verify";
import { QuotaExceededError } from "@/lib/cloud/quota";
import { type DomainError } from "@/lib/cloud/shared";
import { actor, resetCompute } from "./helpers";

const REGION = "cn-south-1";
const quota = (vdcId: string, resource: string) => db.quota.findUniqueOrThrow({ where: { vdcId_regionId_resource: { vdcId, regionId: REGION, resource } } });

describe("launching within VDC quotas and resource sets", () => {
  beforeEach(resetCompute);

  it("reserves on the VDC and every ancestor, and refuses beyond the nearest limit with the numbers", async () => {
    const tenant = await actor("tenant"); // project platform_dev in VDC Platform under R&D Center
    await db.quota.update({ where: { vdcId_regionId_resource: { vdcId: "vdc-rd-platform", regionId: REGION, resource: "cores" } }, data: { hardLimit: 10 } });
    await launchInstance(tenant, { name: "q-1", az: "az1", flavorId: "c6.xlarge.2", imageId: "img-centos-79" }); // 4 vCPU, 8 GB
    await launchInstance(tenant, { name: "q-2", az: "az1", flavorId: "c6.xlarge.2", imageId: "img-centos-79" });
    expect((await quota("vdc-rd-platform", "cores")).used).toBe(8);
    expect((await quota("vdc-rd", "cores")).used).toBe(8);
    expect((await quota("vdc-rd", "ram_gb")).used).toBe(16);
    expect((await quota("vdc-rd-ai", "cores")).used).toBe(0);

    const err = await launchInstance(tenant, { name: "q-3", az: "az1", flavorId: "c6.xlarge.2", imageId: "img-centos-79" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QuotaExceededError);
    expect((err as QuotaExceededError).shortfall).toMatchObject({ vdcName: "Platform", resource: "cores", requested: 4, available: 2 });
    // Nothing of the refused launch remains: no instance, no reservation, no host claim.
    expect(await db.instance.count({ where: { name: "q-3" } })).toBe(0);
    expect((await quota("vdc-rd-platform", "cores")).used).toBe(8);
    expect((await db.host.aggregate({ _sum: { vcpusUsed: true } }))._sum.vcpusUsed).toBe(8);
    await db.quota.update({ where: { vdcId_regionId_resource: { vdcId: "vdc-rd-platform", regionId: REGION, resource: "cores" } }, data: { hardLimit: 200 } });
  });

  it("a VDC without a resource set in the region can order nothing there; one limited to az1 cannot use az2", async () => {
    const tenant = await actor("tenant");
    await db.resourceSet.update({ where: { vdcId_regionId: { vdcId: "vdc-rd-platform", regionId: REGION } }, data: { azIds: "az1" } });
    const notAz2 = await launchInstance(tenant, { name: "rs-1", az: "az2", flavorId: "s6.small.1", imageId: "img-centos-79" }).catch((e: unknown) => e);
    expect((notAz2 as DomainError).code).toBe("AZ_NOT_ALLOWED");
    await db.resourceSet.delete({ where: { vdcId_regionId: { vdcId: "vdc-rd-platform", regionId: REGION } } });
    const none = await launchInstance(tenant, { name: "rs-2", az: "az1", flavorId: "s6.small.1", imageId: "img-centos-79" }).catch((e: unknown) => e);
    expect((none as DomainError).code).toBe("NO_RESOURCE_SET");
    expect((none as DomainError).params).toMatchObject({ vdc: "Platform", region: REGION });
    await db.resourceSet.create({ data: { vdcId: "vdc-rd-platform", regionId: REGION, azIds: "az1,az2" } });
  });
});

describe("the audit log", () => {
  beforeEach(resetCompute);

  it("records launches, actions and refusals in an intact chain, and detects tampering", async () => {
    const tenant = await actor("tenant");
    const before = await db.auditLog.count();
    const { id } = await launchInstance(tenant, { name: "audited-1", az: "az1", flavorId: "s6.small.1", imageId: "img-centos-79" });
    await requestInstanceAction(tenant, id, "delete");
    await launchInstance(tenant, { name: "audited-2", az: "az1", flavorId: "m6.32xlarge.8", imageId: "img-centos-79" }).catch(() => undefined);
    const entries = await db.auditLog.findMany({ where: { seq: { gt: before } }, orderBy: { seq: "asc" } });
    expect(entries.map((e) => [e.action, e.result])).toEqual([
      ["ecs.launch", "success"],
      ["ecs.delete", "success"],
      ["ecs.launch", "failure"],
    ]);
    expect(entries[0]).toMatchObject({ actorName: "tenant", roles: "tenant_user", targetId: id, vdcId: "vdc-rd-platform" });
    expect(entries[2]!.detail).toContain("NO_VALID_HOST");
    expect(await verifyAuditLog(db)).toMatchObject({ problem: null });

    // Edit one row behind the application's back: verification names it.
    const victim = entries[1]!;
    await db.auditLog.update({ where: { seq: victim.seq }, data: { actorName: "someone-else" } });
    expect((await verifyAuditLog(db)).problem).toEqual({ code: "hash_mismatch", seq: victim.seq });
    await db.auditLog.update({ where: { seq: victim.seq }, data: { actorName: victim.actorName } });
    expect((await verifyAuditLog(db)).problem).toBeNull();

    // Delete the last row: the anchor notices.
    const last = entries[2]!;
    await db.auditLog.delete({ where: { seq: last.seq } });
    expect((await verifyAuditLog(db)).problem).toMatchObject({ code: "tail_mismatch" });
    await db.auditLog.create({ data: { ...last, before: last.before ?? undefined, after: last.after ?? undefined } });
    expect((await verifyAuditLog(db)).problem).toBeNull();
  });

  it("concurrent appends never fork the chain", async () => {
    const tenant = await actor("tenant");
    await Promise.allSettled(Array.from({ length: 30 }, (_, i) => launchInstance(tenant, { name: `chain-${i}`, az: i % 2 ? "az1" : "az2", flavorId: "s6.small.1", imageId: "img-centos-79" })));
    const { problem, entries } = await verifyAuditLog(db);
    expect(problem).toBeNull();
    expect(entries).toBeGreaterThanOrEqual(30);
  });
});
