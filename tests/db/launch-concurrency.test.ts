import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { launchInstance } from "@/lib/server/services/instances";
import { NoValidHostError } from "@/lib/cloud/compute";
import { actor, resetCompute } from "./helpers";

const GiB = 1024;

describe("launching onto a nearly full host", () => {
  beforeEach(resetCompute);

  it("never over-commits it, whatever the concurrency", async () => {
    const tenant = await actor("tenant");
    // Leave exactly one host in az1 enabled, and fill it so that three 16 GiB guests still fit.
    const target = await db.host.findFirstOrThrow({ where: { azId: "az1", hugePageMemoryMb: 0 }, orderBy: { name: "asc" } });
    await db.host.updateMany({ where: { azId: "az1", id: { not: target.id } }, data: { enabled: false, disabledReason: "test" } });
    const limit = Math.floor((target.memoryMb - 512) * 1.5);
    const flavor = await db.flavor.findUniqueOrThrow({ where: { id: "m6.large.8" } });
    expect(flavor.ramMb).toBe(16 * GiB);
    const used = limit - 3 * flavor.ramMb - 100; // room for 3, not 4
    await db.host.update({ where: { id: target.id }, data: { memoryMbUsed: used } });

    const attempts = 40;
    const results = await Promise.allSettled(
      Array.from({ length: attempts }, (_, i) => launchInstance(tenant, { name: `race-${i}`, az: "az1", flavorId: flavor.id, imageId: "img-centos-79" })),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(3);
    expect(refused).toHaveLength(attempts - 3);
    for (const r of refused) expect(r.reason).toBeInstanceOf(NoValidHostError);

    const after = await db.host.findUniqueOrThrow({ where: { id: target.id } });
    expect(after.memoryMbUsed).toBe(used + 3 * flavor.ramMb);
    expect(after.memoryMbUsed).toBeLessThanOrEqual(limit);
    expect(after.instanceCount).toBe(3);
    // Refused launches leave nothing behind: no instance, no task.
    expect(await db.instance.count()).toBe(3);
    expect(await db.task.count()).toBe(3);
  });

  it("explains the refusal with the AZ, the RAM asked for and the most any host can give", async () => {
    const tenant = await actor("tenant");
    // Give every az2 host enough cores that RAM, not CPU, is what rules them all out.
    await db.host.updateMany({ where: { azId: "az2" }, data: { vcpus: 256 } });
    const err = await launchInstance(tenant, { name: "too-big", az: "az2", flavorId: "m6.32xlarge.8", imageId: "img-centos-79" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NoValidHostError);
    const e = (err as NoValidHostError).explanation;
    expect(e).toMatchObject({ az: "az2", filter: "MEMORY_MB", code: "exceeds_physical", requested: 1024 * GiB });
    const largest = await db.host.aggregate({ where: { azId: "az2" }, _max: { memoryMb: true } });
    expect(e.bestAvailable).toBe(largest._max.memoryMb);
    expect(await db.instance.count()).toBe(0);
  });

  it("places arm64 images only on Kunpeng hosts", async () => {
    const tenant = await actor("tenant");
    const { id } = await launchInstance(tenant, { name: "arm-1", az: "az2", flavorId: "s6.large.2", imageId: "img-openeuler-2203-arm" });
    const inst = await db.instance.findUniqueOrThrow({ where: { id }, include: { host: true } });
    expect(inst.host?.architecture).toBe("aarch64");
    const refused = await launchInstance(tenant, { name: "arm-2", az: "az1", flavorId: "s6.large.2", imageId: "img-openeuler-2203-arm" }).catch((e: unknown) => e);
    // The arm image requires HW_ARCH_AARCH64 (traits_required), which only the Kunpeng hosts have:
    // Placement answers before ImagePropertiesFilter is reached.
    expect((refused as NoValidHostError).explanation).toMatchObject({ filter: "TRAITS", code: "trait_missing", wanted: "HW_ARCH_AARCH64" });
  });

  it("spreads instances across hosts by free RAM", async () => {
    const tenant = await actor("tenant");
    const hosts = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const { id } = await launchInstance(tenant, { name: `spread-${i}`, az: "az1", flavorId: "m6.4xlarge.8", imageId: "img-centos-79" });
      hosts.add((await db.instance.findUniqueOrThrow({ where: { id } })).hostId ?? "");
    }
    expect(hosts.size).toBe(4);
  });

  it("launches a batch whole or not at all: spread over hosts, quota counted per instance", async () => {
    const tenant = await actor("tenant");
    const before = await db.quota.findUniqueOrThrow({ where: { vdcId_regionId_resource: { vdcId: "vdc-rd-platform", regionId: "cn-south-1", resource: "instances" } } });
    const { ids } = await launchInstance(tenant, { name: "batch", az: "az1", flavorId: "m6.4xlarge.8", imageId: "img-centos-79", count: 3 });
    expect(ids).toHaveLength(3);
    const made = await db.instance.findMany({ where: { id: { in: ids } }, orderBy: { name: "asc" } });
    expect(made.map((i) => i.name)).toEqual(["batch-0001", "batch-0002", "batch-0003"]);
    expect(new Set(made.map((i) => i.hostId)).size).toBe(3);
    const after = await db.quota.findUniqueOrThrow({ where: { vdcId_regionId_resource: { vdcId: "vdc-rd-platform", regionId: "cn-south-1", resource: "instances" } } });
    expect(after.used - before.used).toBe(3);

    // 12 x 512 GiB fit the quota (raised for this) but not az1, where few hosts are that large:
    // nothing is created or held.
    const limit = (resource: string, hardLimit: number) => db.quota.update({ where: { vdcId_regionId_resource: { vdcId: "vdc-rd-platform", regionId: "cn-south-1", resource } }, data: { hardLimit } });
    await limit("cores", 1000);
    await limit("ram_gb", 8192);
    const hostUse = await db.host.aggregate({ _sum: { memoryMbUsed: true } });
    const err = await launchInstance(tenant, { name: "too-many", az: "az1", flavorId: "m6.16xlarge.8", imageId: "img-centos-79", count: 12 }).catch((e: unknown) => e);
    await limit("cores", 200);
    await limit("ram_gb", 2048);
    expect(err).toBeInstanceOf(NoValidHostError);
    expect(await db.instance.count({ where: { name: { startsWith: "too-many" } } })).toBe(0);
    expect((await db.host.aggregate({ _sum: { memoryMbUsed: true } }))._sum.memoryMbUsed).toBe(hostUse._sum.memoryMbUsed);
    expect((await db.quota.findUniqueOrThrow({ where: { vdcId_regionId_resource: { vdcId: "vdc-rd-platform", regionId: "cn-south-1", resource: "instances" } } })).used).toBe(after.used);
  });
});
