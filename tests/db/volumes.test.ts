// EVS volumes against the real database: the volume scheduler's choice claimed on its pool with a
// conditional update, the volumes and gigabytes quota on the VDC chain, creation and deletion as
// persisted tasks on the cloud clock, and a restart in the middle of a creation.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { attachVolume, createSnapshot, createVolumes, deleteSnapshot, deleteVolume, detachVolume, extendVolume } from "@/lib/server/services/volumes";
import { launchInstance } from "@/lib/server/services/instances";
import { growThinWrites } from "@/lib/server/worker/storage";
import { thinWrittenGb } from "@/lib/cloud/storage";
import { NoValidBackendError } from "@/lib/cloud/storage";
import { QuotaExceededError } from "@/lib/cloud/quota";
import { type DomainError, NotFoundError } from "@/lib/cloud/shared";
import { cloudNow } from "@/lib/server/services/clock";
import { REGION as SEED_REGION } from "@/lib/cloud/seed";
import { actor, later, newRunner, resetCompute, runUntilIdle } from "./helpers";


const REGION = SEED_REGION.id;
const LEAF = "vdc-rd-platform";
const PARENT = "vdc-rd";

async function pool(id: string) {
  return db.storagePool.findUniqueOrThrow({ where: { id } });
}
async function quotaUsed(vdcId: string, resource: string) {
  return (await db.quota.findUniqueOrThrow({ where: { vdcId_regionId_resource: { vdcId, regionId: REGION, resource } } })).used;
}

let saved: { pools: { id: string; totalGb: number; reservedPercentage: number }[]; quotas: { vdcId: string; resource: string; hardLimit: number }[] } = { pools: [], quotas: [] };

describe("EVS volumes", () => {
  beforeAll(async () => {
    saved = {
      pools: await db.storagePool.findMany({ select: { id: true, totalGb: true, reservedPercentage: true } }),
      quotas: await db.quota.findMany({ where: { vdcId: { in: [LEAF, PARENT] }, regionId: REGION, resource: { in: ["volumes", "gigabytes"] } }, select: { vdcId: true, resource: true, hardLimit: true } }),
    };
  });
  afterAll(async () => {
    await resetCompute();
    for (const p of saved.pools) await db.storagePool.update({ where: { id: p.id }, data: { totalGb: p.totalGb, reservedPercentage: p.reservedPercentage } });
    for (const q of saved.quotas) await db.quota.update({ where: { vdcId_regionId_resource: { vdcId: q.vdcId, regionId: REGION, resource: q.resource } }, data: { hardLimit: q.hardLimit } });
  });
  beforeEach(resetCompute);

  it("creates a volume on the pool the type asks for, then deletes it, giving capacity and quota back exactly once", async () => {
    const tenant = await actor("tenant");
    const before = { pool: await pool("pool-az1-sas"), gb: await quotaUsed(LEAF, "gigabytes"), parentGb: await quotaUsed(PARENT, "gigabytes") };
    const { ids } = await createVolumes(tenant, { name: "data-1", az: "az1", volumeTypeId: "vt-high", sizeGb: 100 });
    const created = await db.volume.findUniqueOrThrow({ where: { id: ids[0] as string } });
    // High I/O asks for volume_backend_name=oceanstor-sas: az1's SAS pool, thin.
    expect(created).toMatchObject({ status: "creating", poolId: "pool-az1-sas", thin: true, writtenGb: 0, allocated: true });
    expect((await pool("pool-az1-sas")).allocatedGb).toBe(before.pool.allocatedGb + 100);
    expect(await quotaUsed(LEAF, "gigabytes")).toBe(before.gb + 100);
    expect(await quotaUsed(PARENT, "gigabytes")).toBe(before.parentGb + 100);

    const runner = await newRunner();
    await runUntilIdle(runner, await cloudNow());
    expect((await db.volume.findUniqueOrThrow({ where: { id: created.id } })).status).toBe("available");

    // Two deletes at once: one starts the task, the other finds the volume deleting.
    const deletes = await Promise.allSettled([deleteVolume(tenant, created.id), deleteVolume(tenant, created.id)]);
    expect(deletes.filter((d) => d.status === "fulfilled")).toHaveLength(1);
    await runUntilIdle(runner, later(await cloudNow(), 5));
    const gone = await db.volume.findUniqueOrThrow({ where: { id: created.id } });
    expect(gone).toMatchObject({ status: "deleted", allocated: false });
    expect(gone.deletedAt).not.toBeNull();
    expect((await pool("pool-az1-sas")).allocatedGb).toBe(before.pool.allocatedGb);
    expect(await quotaUsed(LEAF, "gigabytes")).toBe(before.gb);
    expect(await quotaUsed(PARENT, "gigabytes")).toBe(before.parentGb);
  });

  it("writes a thick volume whole at creation, and refuses to delete one with a snapshot or an attachment", async () => {
    const tenant = await actor("tenant");
    const { ids } = await createVolumes(tenant, { name: "db-1", az: "az1", volumeTypeId: "vt-ultra", sizeGb: 200 });
    const v = await db.volume.findUniqueOrThrow({ where: { id: ids[0] as string } });
    expect(v).toMatchObject({ poolId: "pool-az1-ssd", thin: false, writtenGb: 200 });
    expect((await pool("pool-az1-ssd")).writtenGb).toBe(200);
    await runUntilIdle(await newRunner(), await cloudNow());
    const now = await cloudNow();
    const snap = await db.volumeSnapshot.create({ data: { name: "s1", volumeId: v.id, projectId: v.projectId, sizeGb: v.sizeGb, status: "available", createdAt: now, updatedAt: now } });
    await expect(deleteVolume(tenant, v.id)).rejects.toMatchObject({ code: "INVALID_STATE", params: { reason: "volume_has_snapshots" } });
    await db.volumeSnapshot.delete({ where: { id: snap.id } });
    expect((await db.volume.findUniqueOrThrow({ where: { id: v.id } })).status).toBe("available");
    // Refusals are audited and change nothing.
    const refused = await db.auditLog.findFirst({ where: { action: "evs.delete", targetId: v.id, result: "failure" } });
    expect(refused?.detail).toContain("volume_has_snapshots");
  });

  it("keeps other tenants' volumes and unknown types out of reach, and refuses a volume no pool can take with the reason", async () => {
    const tenant = await actor("tenant");
    const other = await actor("tenant_fin");
    const { ids } = await createVolumes(tenant, { name: "mine", az: "az1", volumeTypeId: "vt-high", sizeGb: 10 });
    await expect(deleteVolume(other, ids[0] as string)).rejects.toBeInstanceOf(NotFoundError);
    await expect(createVolumes(tenant, { name: "x", az: "az1", volumeTypeId: "vt-nope", sizeGb: 10 })).rejects.toBeInstanceOf(NotFoundError);
    // Common I/O wants NL-SAS or SAS pools: az1 has a SAS one, made small here.
    await db.storagePool.update({ where: { id: "pool-az1-sas" }, data: { totalGb: 1000 } });
    const refused = await createVolumes(tenant, { name: "huge2", az: "az1", volumeTypeId: "vt-common", sizeGb: 5000 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(NoValidBackendError);
    expect((refused as NoValidBackendError).explanation).toMatchObject({ azs: ["az1"], filter: "CapacityFilter", requested: 5000 });
    expect((refused as DomainError).params).toMatchObject({ az: "az1", filter: "CapacityFilter" });
  });

  it("500 concurrent creates never exceed a pool's thin or thick limit nor the quota of any level", async () => {
    const tenant = await actor("tenant");
    // az1: a 1,000 GB SAS pool (thin: (1000 - 5 %) x 3 = 2,850 GB of volumes) and a 1,000 GB SSD
    // pool (thick: 950 GB); the project's VDC may hold 3,000 GB.
    await db.storagePool.update({ where: { id: "pool-az1-sas" }, data: { totalGb: 1000, reservedPercentage: 5 } });
    await db.storagePool.update({ where: { id: "pool-az1-ssd" }, data: { totalGb: 1000, reservedPercentage: 5 } });
    await db.quota.update({ where: { vdcId_regionId_resource: { vdcId: LEAF, regionId: REGION, resource: "gigabytes" } }, data: { hardLimit: 3000 } });
    await db.quota.update({ where: { vdcId_regionId_resource: { vdcId: LEAF, regionId: REGION, resource: "volumes" } }, data: { hardLimit: -1 } });
    const results = await Promise.allSettled(
      Array.from({ length: 500 }, (_, i) => createVolumes(tenant, { name: `burst-${i}`, az: "az1", volumeTypeId: i % 2 ? "vt-ultra" : "vt-high", sizeGb: 10 })),
    );
    const ok = results.filter((r) => r.status === "fulfilled").length;
    for (const r of results) if (r.status === "rejected") expect(r.reason instanceof QuotaExceededError || r.reason instanceof NoValidBackendError, String(r.reason)).toBe(true);
    const sas = await pool("pool-az1-sas");
    const ssd = await pool("pool-az1-ssd");
    // Thin: all 250 fit (2,500 <= 2,850); thick: 95 of 250 (950 GB); the quota caps the sum at 300.
    expect(ssd.allocatedGb).toBeLessThanOrEqual(950);
    expect(ssd.writtenGb).toBeLessThanOrEqual(1000);
    expect(sas.allocatedGb).toBeLessThanOrEqual(2850);
    expect(ok).toBe(300);
    expect(await quotaUsed(LEAF, "gigabytes")).toBe(3000);
    expect(sas.allocatedGb + ssd.allocatedGb).toBe(3000);
    expect(await db.volume.count({ where: { deletedAt: null } })).toBe(300);
    expect(await db.task.count({ where: { type: "volume.create" } })).toBe(300);
  }, 120_000);

  it("a creation whose runner died goes to error, keeps its capacity until deleted, and deleting it gives it back", async () => {
    const tenant = await actor("tenant");
    const { ids } = await createVolumes(tenant, { name: "interrupted", az: "az2", volumeTypeId: "vt-high", sizeGb: 50 });
    const before = (await pool("pool-az2-sas")).allocatedGb;
    const dead = await newRunner();
    await dead.claimQueued();
    // Its runner stops beating: another runner takes the task over.
    await db.runner.update({ where: { id: dead.id }, data: { heartbeatAt: new Date(Date.now() - 3_600_000) } });
    const survivor = await newRunner();
    await survivor.recoverOrphans(await cloudNow());
    const v = await db.volume.findUniqueOrThrow({ where: { id: ids[0] as string } });
    expect(v.status).toBe("error");
    expect((v.fault as { code: string }).code).toBe("CREATE_INTERRUPTED");
    expect((await pool("pool-az2-sas")).allocatedGb).toBe(before);
    await deleteVolume(tenant, v.id);
    await runUntilIdle(survivor, later(await cloudNow(), 5));
    expect((await pool("pool-az2-sas")).allocatedGb).toBe(before - 50);
  });

  it("attaches to a running ECS of the same AZ as the next device, detaches, and refuses a delete while attached", async () => {
    const tenant = await actor("tenant");
    const runner = await newRunner();
    const { id: ecs } = await launchInstance(tenant, { name: "app-1", az: "az1", flavorId: "s6.small.1", imageId: "img-centos-79" });
    const { ids } = await createVolumes(tenant, { name: "d", az: "az1", volumeTypeId: "vt-high", sizeGb: 20, count: 2 });
    const [a, b] = ids as [string, string];
    const { ids: far } = await createVolumes(tenant, { name: "far", az: "az2", volumeTypeId: "vt-high", sizeGb: 20 });
    await runUntilIdle(runner, await cloudNow());
    expect(await attachVolume(tenant, a, ecs)).toEqual({ device: "/dev/vdb" });
    expect(await attachVolume(tenant, b, ecs)).toEqual({ device: "/dev/vdc" });
    await expect(attachVolume(tenant, far[0] as string, ecs)).rejects.toMatchObject({ params: { reason: "volume_other_az" } });
    // An attaching volume cannot be attached again.
    await expect(attachVolume(tenant, a, ecs)).rejects.toMatchObject({ code: "INVALID_STATE" });
    await runUntilIdle(runner, later(await cloudNow(), 5));
    expect((await db.volume.findUniqueOrThrow({ where: { id: a } })).status).toBe("in-use");
    expect((await db.volumeAttachment.findFirstOrThrow({ where: { volumeId: a } })).status).toBe("attached");
    await expect(deleteVolume(tenant, a)).rejects.toMatchObject({ params: { reason: "volume_attached" } });
    await detachVolume(tenant, a);
    await runUntilIdle(runner, later(await cloudNow(), 10));
    expect((await db.volume.findUniqueOrThrow({ where: { id: a } })).status).toBe("available");
    expect(await db.volumeAttachment.count({ where: { volumeId: a } })).toBe(0);
    // The freed device name is handed out again.
    expect(await attachVolume(tenant, a, ecs)).toEqual({ device: "/dev/vdb" });
  });

  it("creates from a snapshot on the snapshot's pool and AZ, and from an image through downloading, as Cinder does", async () => {
    const tenant = await actor("tenant");
    const runner = await newRunner();
    const { ids } = await createVolumes(tenant, { name: "src", az: "az2", volumeTypeId: "vt-high", sizeGb: 40 });
    const src = ids[0] as string;
    await runUntilIdle(runner, await cloudNow());
    const { id: snap } = await createSnapshot(tenant, src, "src-snap");
    // Not yet available: Cinder's InvalidSnapshot.
    await expect(createVolumes(tenant, { name: "early", sizeGb: 40, snapshotId: snap })).rejects.toMatchObject({ params: { reason: "snapshot_not_available" } });
    await runUntilIdle(runner, later(await cloudNow(), 5));
    await expect(createVolumes(tenant, { name: "small", sizeGb: 30, snapshotId: snap })).rejects.toMatchObject({ params: { reason: "volume_smaller_than_snapshot", minimum: 40 } });
    await expect(createVolumes(tenant, { name: "elsewhere", az: "az1", sizeGb: 40, snapshotId: snap })).rejects.toMatchObject({ params: { reason: "volume_source_other_az" } });
    // The source's AZ, type and pool, whatever another pool's free capacity.
    const { ids: cloned } = await createVolumes(tenant, { name: "clone", sizeGb: 60, snapshotId: snap });
    const clone = await db.volume.findUniqueOrThrow({ where: { id: cloned[0] as string } });
    expect(clone).toMatchObject({ azId: "az2", volumeTypeId: "vt-high", poolId: (await db.volume.findUniqueOrThrow({ where: { id: src } })).poolId, sourceSnapshotId: snap, bootable: false, status: "creating" });
    expect((await db.task.findFirstOrThrow({ where: { volumeId: clone.id } })).type).toBe("volume.create_from_snapshot");
    // Another tenant's snapshot does not exist for us.
    await expect(createVolumes(await actor("tenant_fin"), { name: "steal", sizeGb: 40, snapshotId: snap })).rejects.toBeInstanceOf(NotFoundError);

    // From an image: at least the image's size and min_disk; creating, then downloading, then available and bootable.
    const image = await db.image.findUniqueOrThrow({ where: { id: "img-centos-79" } });
    const minimum = Math.max(image.minDiskGb, Math.ceil(image.sizeMb / 1024));
    if (minimum > 10) await expect(createVolumes(tenant, { name: "tiny", az: "az1", volumeTypeId: "vt-high", sizeGb: 10, imageId: image.id })).rejects.toMatchObject({ params: { reason: "volume_smaller_than_image" } });
    const { ids: booted } = await createVolumes(tenant, { name: "boot", az: "az1", volumeTypeId: "vt-high", sizeGb: Math.max(40, minimum), imageId: image.id });
    const id = booted[0] as string;
    const t0 = await cloudNow();
    const seen = new Set<string>();
    for (let s = 0; s <= 12; s++) {
      await runner.claimQueued();
      await runner.advanceDue(later(t0, s));
      seen.add((await db.volume.findUniqueOrThrow({ where: { id } })).status);
    }
    expect([...seen]).toEqual(["creating", "downloading", "available"]);
    expect(await db.volume.findUniqueOrThrow({ where: { id } })).toMatchObject({ bootable: true, sourceImageId: image.id });
  });

  it("detaches only from a settled ECS, never its system disk, and names the volume's status in a refusal", async () => {
    const tenant = await actor("tenant");
    const runner = await newRunner();
    const { id: ecs } = await launchInstance(tenant, { name: "app-2", az: "az1", flavorId: "s6.small.1", imageId: "img-centos-79" });
    const { ids } = await createVolumes(tenant, { name: "dd", az: "az1", volumeTypeId: "vt-high", sizeGb: 20, count: 2 });
    const [a, root] = ids as [string, string];
    await expect(detachVolume(tenant, a)).rejects.toMatchObject({ code: "INVALID_STATE", params: { reason: "volume_status", status: "creating", action: "detach" } });
    await runUntilIdle(runner, await cloudNow());
    await attachVolume(tenant, a, ecs);
    await runUntilIdle(runner, later(await cloudNow(), 5));
    // A task on the ECS (a reboot) holds the detach back, as Nova's instance-state check does.
    await db.instance.update({ where: { id: ecs }, data: { taskState: "rebooting" } });
    await expect(detachVolume(tenant, a)).rejects.toMatchObject({ code: "INVALID_STATE", params: { action: "detach_volume" } });
    await db.instance.update({ where: { id: ecs }, data: { taskState: null } });
    // A volume at /dev/vda is the system disk.
    await db.volumeAttachment.create({ data: { volumeId: root, instanceId: ecs, device: "/dev/vda", status: "attached", createdAt: await cloudNow() } });
    await db.volume.update({ where: { id: root }, data: { status: "in-use" } });
    await expect(detachVolume(tenant, root)).rejects.toMatchObject({ params: { reason: "volume_is_root" } });
    await detachVolume(tenant, a);
  });

  it("extends a volume by claiming the growth on its pool and the quota, and snapshots count against both quotas", async () => {
    const tenant = await actor("tenant");
    const runner = await newRunner();
    const { ids } = await createVolumes(tenant, { name: "grow", az: "az1", volumeTypeId: "vt-ultra", sizeGb: 100 });
    const id = ids[0] as string;
    await runUntilIdle(runner, await cloudNow());
    const before = { pool: await pool("pool-az1-ssd"), gb: await quotaUsed(LEAF, "gigabytes") };
    await expect(extendVolume(tenant, id, 100)).rejects.toMatchObject({ params: { reason: "extend_not_larger" } });
    await extendVolume(tenant, id, 150);
    expect((await db.volume.findUniqueOrThrow({ where: { id } })).status).toBe("extending");
    expect((await pool("pool-az1-ssd")).allocatedGb).toBe(before.pool.allocatedGb + 50);
    expect(await quotaUsed(LEAF, "gigabytes")).toBe(before.gb + 50);
    await runUntilIdle(runner, later(await cloudNow(), 5));
    const grown = await db.volume.findUniqueOrThrow({ where: { id } });
    expect(grown).toMatchObject({ status: "available", sizeGb: 150, writtenGb: 150 });
    expect((await pool("pool-az1-ssd")).writtenGb).toBe(before.pool.writtenGb + 50);

    const snapsBefore = await quotaUsed(LEAF, "snapshots");
    const { id: snap } = await createSnapshot(tenant, id, "before-upgrade");
    expect(await quotaUsed(LEAF, "snapshots")).toBe(snapsBefore + 1);
    expect(await quotaUsed(LEAF, "gigabytes")).toBe(before.gb + 50 + 150);
    await runUntilIdle(runner, later(await cloudNow(), 10));
    expect((await db.volumeSnapshot.findUniqueOrThrow({ where: { id: snap } })).status).toBe("available");
    await expect(deleteVolume(tenant, id)).rejects.toMatchObject({ params: { reason: "volume_has_snapshots" } });
    await deleteSnapshot(tenant, snap);
    await runUntilIdle(runner, later(await cloudNow(), 15));
    expect(await quotaUsed(LEAF, "snapshots")).toBe(snapsBefore);
    expect(await quotaUsed(LEAF, "gigabytes")).toBe(before.gb + 50);
    await deleteVolume(tenant, id);
    await runUntilIdle(runner, later(await cloudNow(), 20));
    expect(await quotaUsed(LEAF, "gigabytes")).toBe(before.gb - 100);
    expect((await pool("pool-az1-ssd")).allocatedGb).toBe(before.pool.allocatedGb - 100);
  });

  it("thin volumes fill as their guests write, on the cloud clock, and their pool's written space with them", async () => {
    const tenant = await actor("tenant");
    const runner = await newRunner();
    const { ids } = await createVolumes(tenant, { name: "fills", az: "az2", volumeTypeId: "vt-high", sizeGb: 100 });
    const t = await runUntilIdle(runner, await cloudNow());
    const poolBefore = (await pool("pool-az2-sas")).writtenGb;
    const v = await db.volume.findUniqueOrThrow({ where: { id: ids[0] as string } });
    // Ten cloud hours later: between 5 % and 20 % written, the same figure on the volume and the pool.
    expect(await growThinWrites(later(t, 36_000))).toBe(1);
    const after = await db.volume.findUniqueOrThrow({ where: { id: v.id } });
    expect(after.writtenGb).toBe(thinWrittenGb(v, later(t, 36_000)));
    expect(after.writtenGb).toBeGreaterThanOrEqual(5);
    expect(after.writtenGb).toBeLessThanOrEqual(20);
    expect((await pool("pool-az2-sas")).writtenGb).toBeCloseTo(poolBefore + after.writtenGb, 6);
    // Again at the same time: nothing more; a month on: full, never more than its size.
    expect(await growThinWrites(later(t, 36_000))).toBe(0);
    await growThinWrites(later(t, 30 * 86_400));
    expect((await db.volume.findUniqueOrThrow({ where: { id: v.id } })).writtenGb).toBe(100);
    // Deleting gives back what it wrote.
    await deleteVolume(tenant, v.id);
    await runUntilIdle(runner, later(t, 30 * 86_400 + 5));
    expect((await pool("pool-az2-sas")).writtenGb).toBeCloseTo(poolBefore, 6);
  });
});
