// ECSs with EVS disks against the real database: the system disk is a volume created from the
// image on the AZ's pool (the host is asked for no root disk, as Nova's is_bfv), data disks are
// created with the ECS, the volumes are attached when they exist, and deleting the ECS deletes
// the disks marked delete-on-termination and leaves the others available; quota both ways.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { launchInstance, requestInstanceAction } from "@/lib/server/services/instances";
import { createVolumes, detachVolume } from "@/lib/server/services/volumes";
import { REGION } from "@/lib/cloud/seed";
import { cloudNow } from "@/lib/server/services/clock";
import { actor, later, newRunner, resetCompute, runUntilIdle } from "./helpers";

const LEAF = "vdc-rd-platform";
const used = async (resource: string) => (await db.quota.findUniqueOrThrow({ where: { vdcId_regionId_resource: { vdcId: LEAF, regionId: REGION.id, resource } } })).used;
const pool = async (id: string) => db.storagePool.findUniqueOrThrow({ where: { id } });

describe("ECSs with EVS disks", () => {
  beforeEach(resetCompute);

  it("boots from a volume on the AZ's pool, with data disks; the host holds no root disk; deletion keeps what was kept", async () => {
    const tenant = await actor("tenant");
    const runner = await newRunner();
    const before = { sas: (await pool("pool-az1-sas")).allocatedGb, ssd: (await pool("pool-az1-ssd")).allocatedGb };
    const { ids } = await launchInstance(tenant, {
      name: "bfv",
      az: "az1",
      flavorId: "s6.small.1",
      imageId: "img-centos-79",
      count: 2,
      systemDisk: { volumeTypeId: "vt-high", sizeGb: 40 },
      dataDisks: [
        { volumeTypeId: "vt-ultra", sizeGb: 100, deleteOnTermination: false },
        { volumeTypeId: "vt-high", sizeGb: 50 },
      ],
    });
    expect(ids).toHaveLength(2);
    const [first] = ids as [string, string];
    const instance = await db.instance.findUniqueOrThrow({ where: { id: first } });
    expect(instance).toMatchObject({ volumeBacked: true, rootGb: 0 });
    // s6.small.1 has a 20 GB root disk and nothing else: the host is asked for no disk at all.
    expect((await db.host.findUniqueOrThrow({ where: { id: instance.hostId! } })).diskGbUsed).toBe(0);
    const attachments = await db.volumeAttachment.findMany({ where: { instanceId: first }, include: { volume: true }, orderBy: { device: "asc" } });
    expect(attachments.map((a) => [a.device, a.volume.name, a.volume.sizeGb, a.deleteOnTermination, a.status])).toEqual([
      ["/dev/vda", "bfv-0001-sys", 40, true, "attaching"],
      ["/dev/vdb", "bfv-0001-data1", 100, false, "attaching"],
      ["/dev/vdc", "bfv-0001-data2", 50, true, "attaching"],
    ]);
    expect(attachments[0]?.volume).toMatchObject({ bootable: true, sourceImageId: "img-centos-79", poolId: "pool-az1-sas" });
    expect((await pool("pool-az1-sas")).allocatedGb).toBe(before.sas + 2 * (40 + 50));
    expect((await pool("pool-az1-ssd")).allocatedGb).toBe(before.ssd + 2 * 100);
    expect(await used("volumes")).toBe(6);
    expect(await used("gigabytes")).toBe(2 * 190);

    await runUntilIdle(runner, await cloudNow());
    expect((await db.instance.findUniqueOrThrow({ where: { id: first } })).vmState).toBe("active");
    const settled = await db.volumeAttachment.findMany({ where: { instanceId: first }, include: { volume: true } });
    expect(settled.every((a) => a.status === "attached" && a.volume.status === "in-use")).toBe(true);
    // The system disk stays with its ECS.
    await expect(detachVolume(tenant, attachments[0]!.volumeId)).rejects.toMatchObject({ params: { reason: "volume_is_root" } });

    await requestInstanceAction(tenant, first, "delete");
    await runUntilIdle(runner, later(await cloudNow(), 1), 90);
    const after = await db.volume.findMany({ where: { id: { in: attachments.map((a) => a.volumeId) } }, orderBy: { name: "asc" } });
    expect(after.map((v) => [v.name, v.status])).toEqual([
      ["bfv-0001-data1", "available"],
      ["bfv-0001-data2", "deleted"],
      ["bfv-0001-sys", "deleted"],
    ]);
    expect(await db.volumeAttachment.count({ where: { instanceId: first } })).toBe(0);
    expect(await used("volumes")).toBe(4);
    expect(await used("gigabytes")).toBe(2 * 190 - 90);
    expect((await pool("pool-az1-sas")).allocatedGb).toBe(before.sas + 90);
  });

  it("refuses a system disk smaller than the image, and needs the right to create volumes", async () => {
    const tenant = await actor("tenant");
    // Windows Server 2019 needs 40 GB (its min_disk).
    await expect(launchInstance(tenant, { name: "small", az: "az1", flavorId: "s6.large.2", imageId: "img-win-2019", systemDisk: { volumeTypeId: "vt-high", sizeGb: 30 } })).rejects.toMatchObject({ params: { reason: "volume_smaller_than_image", minimum: 40 } });
    const approver = await actor("approver");
    await expect(launchInstance(approver, { name: "x", az: "az1", flavorId: "s6.small.1", imageId: "img-centos-79", systemDisk: { volumeTypeId: "vt-high", sizeGb: 40 } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.volume.count()).toBe(0);
    expect(await db.instance.count()).toBe(0);
  });

  it("a batch whose disks do not fit is refused whole: no instance, volume or quota left behind", async () => {
    const tenant = await actor("tenant");
    const { totalGb } = await pool("pool-az1-ssd");
    await db.storagePool.update({ where: { id: "pool-az1-ssd" }, data: { totalGb: 300 } });
    try {
      // Thick SSD data disks: three of 100 GB cannot fit in 300 GB less the 5 % reserved.
      await expect(launchInstance(tenant, { name: "full", az: "az1", flavorId: "s6.small.1", imageId: "img-centos-79", count: 3, dataDisks: [{ volumeTypeId: "vt-ultra", sizeGb: 100 }] })).rejects.toMatchObject({ code: "NO_VALID_BACKEND" });
    } finally {
      await db.storagePool.update({ where: { id: "pool-az1-ssd" }, data: { totalGb } });
    }
    expect(await db.instance.count()).toBe(0);
    expect(await db.volume.count()).toBe(0);
    expect(await used("instances")).toBe(0);
    expect(await used("gigabytes")).toBe(0);
    expect((await pool("pool-az1-ssd")).allocatedGb).toBe(0);
  });
});

describe("a LUN creation that fails on its backend", () => {
  beforeEach(async () => {
    await resetCompute();
    await db.arrayController.updateMany({ data: { health: "normal" } });
  });
  afterAll(async () => {
    await db.arrayController.updateMany({ data: { health: "normal" } });
    await resetCompute();
    await db.storagePool.update({ where: { id: "pool-az1-sas" }, data: { azId: "az1" } });
  });

  it("is rescheduled to another pool, gives up past the pools that fit, and aborts the build of an ECS booting from it", async () => {
    const tenant = await actor("tenant");
    const runner = await newRunner();
    // Two SAS pools in az2, on different arrays.
    await db.storagePool.update({ where: { id: "pool-az1-sas" }, data: { azId: "az2" } });
    const { ids } = await createVolumes(tenant, { name: "moved", az: "az2", volumeTypeId: "vt-high", sizeGb: 10 });
    const first = await db.volume.findUniqueOrThrow({ where: { id: ids[0] as string }, include: { pool: true } });
    const other = first.poolId === "pool-az1-sas" ? "pool-az2-sas" : "pool-az1-sas";
    const before = (await pool(other)).allocatedGb;
    // The chosen pool's array loses both controllers before the LUN is created.
    await db.arrayController.updateMany({ where: { arrayId: first.pool!.arrayId }, data: { health: "faulty" } });
    await runUntilIdle(runner, await cloudNow());
    const moved = await db.volume.findUniqueOrThrow({ where: { id: first.id } });
    expect(moved).toMatchObject({ status: "available", poolId: other });
    expect((await pool(first.poolId!)).allocatedGb).toBe(0);
    expect((await pool(other)).allocatedGb).toBe(before + 10);
    const task = await db.task.findFirstOrThrow({ where: { volumeId: first.id } });
    expect(JSON.stringify(task.timeline)).toContain("rescheduled");
    expect(task.payload).toMatchObject({ attempted: [first.poolId] });

    // Both arrays down: every SAS pool of az2 fails in turn, then nothing is left: error, capacity back, quota held until deleted.
    await db.arrayController.updateMany({ data: { health: "faulty" } });
    const gb = await used("gigabytes");
    const { ids: doomed } = await createVolumes(tenant, { name: "doomed", az: "az2", volumeTypeId: "vt-high", sizeGb: 10 });
    await runUntilIdle(runner, later(await cloudNow(), 1));
    const failed = await db.volume.findUniqueOrThrow({ where: { id: doomed[0] as string } });
    expect(failed).toMatchObject({ status: "error", poolId: null });
    expect((failed.fault as { code: string }).code).toBe("NO_VALID_BACKEND");
    expect((await pool(other)).allocatedGb).toBe(before + 10);
    expect((await pool(first.poolId!)).allocatedGb).toBe(0);
    expect(await used("gigabytes")).toBe(gb + 10);

    // An ECS booting from a volume that ends in error: the build is aborted at its block device mapping.
    const { id } = await launchInstance(tenant, { name: "bfv-doomed", az: "az2", flavorId: "s6.small.1", imageId: "img-centos-79", systemDisk: { volumeTypeId: "vt-high", sizeGb: 40 } });
    await runUntilIdle(runner, later(await cloudNow(), 2), 90);
    const instance = await db.instance.findUniqueOrThrow({ where: { id } });
    expect(instance.vmState).toBe("error");
    expect((instance.fault as { code: string }).code).toBe("BUILD_ABORTED");
  });

  it("stops at scheduler_max_attempts", async () => {
    const tenant = await actor("tenant");
    const runner = await newRunner();
    await db.storagePool.update({ where: { id: "pool-az1-sas" }, data: { azId: "az2" } });
    const { maxAttempts } = await db.cloudSettings.findUniqueOrThrow({ where: { id: 1 } });
    await db.cloudSettings.update({ where: { id: 1 }, data: { maxAttempts: 1 } });
    try {
      await db.arrayController.updateMany({ data: { health: "faulty" } });
      const { ids } = await createVolumes(tenant, { name: "once", az: "az2", volumeTypeId: "vt-high", sizeGb: 10 });
      await runUntilIdle(runner, await cloudNow());
      const v = await db.volume.findUniqueOrThrow({ where: { id: ids[0] as string } });
      expect(v.status).toBe("error");
      expect((v.fault as { message: string }).message).toBe(`Exceeded max scheduling attempts 1 for resource ${v.id}`);
    } finally {
      await db.cloudSettings.update({ where: { id: 1 }, data: { maxAttempts } });
    }
  });
});
