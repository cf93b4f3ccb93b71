// Service OM's storage administration against the real database: a pool's ratio override moves
// its thin limit and what the scheduler accepts, a disabled or stopped backend takes no volume, a
// pool with volumes cannot change AZ, and volume types' access and deletion rules.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { createVolumes } from "@/lib/server/services/volumes";
import { createVolumeType, deleteVolumeType, movePool, setPoolRatio, setPoolState, setVolumeTypeAccess } from "@/lib/server/services/storage-admin";
import { getPool, listVolumeTypes } from "@/lib/server/queries/storage";
import { ForbiddenError, NotFoundError } from "@/lib/cloud/shared";
import { actor, later, resetCompute } from "./helpers";
import { cloudNow } from "@/lib/server/services/clock";

const POOL = "pool-az2-sas";

describe("storage administration", () => {
  beforeEach(async () => {
    await resetCompute();
    await db.storagePool.updateMany({ data: { ratioOverride: null, disabledReason: null } });
    await db.storagePool.update({ where: { id: POOL }, data: { azId: "az2" } });
  });
  afterAll(async () => {
    await resetCompute();
    await db.storagePool.updateMany({ data: { ratioOverride: null, disabledReason: null } });
    await db.storagePool.update({ where: { id: POOL }, data: { azId: "az2" } });
    await db.volumeType.deleteMany({ where: { name: { startsWith: "t-admin" } } });
  });

  it("a pool's ratio override moves its thin limit and what thin volumes it accepts; empty follows CPS again", async () => {
    const admin = await actor("cloud_admin");
    const before = await getPool(admin, POOL);
    expect(before.ratioOverride).toBeNull();
    const tenant = await actor("tenant");
    await setPoolRatio(admin, POOL, "10");
    const raised = await getPool(admin, POOL);
    expect(raised.ratio).toBe(10);
    expect(raised.thinLimitGb as number).toBeCloseTo(((before.thinLimitGb as number) / before.ratio) * 10, 6);
    await setPoolRatio(admin, POOL, null);
    expect((await getPool(admin, POOL)).ratio).toBe(before.ratio);

    // A small pool: 1,000 GB, 5 % reserved, so (1000 - 50) x 3 = 2,850 GB of thin volumes at the CPS ratio.
    const { totalGb } = await db.storagePool.findUniqueOrThrow({ where: { id: POOL } });
    await db.storagePool.update({ where: { id: POOL }, data: { totalGb: 1000 } });
    try {
      await expect(createVolumes(tenant, { name: "big", az: "az2", volumeTypeId: "vt-high", sizeGb: 3000 })).rejects.toMatchObject({ code: "NO_VALID_BACKEND", params: { reason: "no_backend_virtual_free" } });
      await setPoolRatio(admin, POOL, "4");
      expect((await createVolumes(tenant, { name: "big", az: "az2", volumeTypeId: "vt-high", sizeGb: 3000 })).ids).toHaveLength(1);
    } finally {
      await db.storagePool.update({ where: { id: POOL }, data: { totalGb } });
    }
    await expect(setPoolRatio(tenant, POOL, "10")).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("a disabled pool or a stopped volume service takes no volume, with the reason", async () => {
    const admin = await actor("cloud_admin");
    const tenant = await actor("tenant");
    await setPoolState(admin, POOL, "disable", "maintenance");
    await expect(createVolumes(tenant, { name: "x", az: "az2", volumeTypeId: "vt-high", sizeGb: 10 })).rejects.toMatchObject({ params: { reason: "no_backend_service_disabled" } });
    expect((await db.storagePool.findUniqueOrThrow({ where: { id: POOL } })).disabledReason).toBe("maintenance");
    await setPoolState(admin, POOL, "enable");
    await setPoolState(admin, POOL, "stop");
    // Down once the volume services' shared report is older than the down time, as seen from then.
    const now = await cloudNow();
    await db.serviceReport.update({ where: { service: "volume" }, data: { reportedAt: later(now, -120) } });
    await expect(createVolumes(tenant, { name: "x", az: "az2", volumeTypeId: "vt-high", sizeGb: 10 })).rejects.toMatchObject({ params: { reason: "no_backend_service_down" } });
    await setPoolState(admin, POOL, "start");
    await db.serviceReport.update({ where: { service: "volume" }, data: { reportedAt: now } });
    expect((await createVolumes(tenant, { name: "x", az: "az2", volumeTypeId: "vt-high", sizeGb: 10 })).ids).toHaveLength(1);
  });

  it("a pool is bound to one AZ and cannot move while it holds volumes", async () => {
    const admin = await actor("cloud_admin");
    const tenant = await actor("tenant");
    const { ids } = await createVolumes(tenant, { name: "anchor", az: "az2", volumeTypeId: "vt-high", sizeGb: 10 });
    await expect(movePool(admin, POOL, "az1")).rejects.toMatchObject({ params: { reason: "pool_has_volumes", volumes: 1 } });
    await expect(movePool(admin, POOL, "az-nowhere")).rejects.toBeInstanceOf(NotFoundError);
    await db.volume.update({ where: { id: ids[0] as string }, data: { deletedAt: new Date(), status: "deleted" } });
    await movePool(admin, POOL, "az1");
    expect((await db.storagePool.findUniqueOrThrow({ where: { id: POOL } })).azId).toBe("az1");
  });

  it("private types are offered to the VDCs they are shared with only; a type in use cannot be deleted, and its name is free once it is", async () => {
    const admin = await actor("cloud_admin");
    const tenant = await actor("tenant");
    const fin = await actor("tenant_fin");
    const { id } = await createVolumeType(admin, { name: "t-admin-gold", description: "gold", backendName: "oceanstor-sas", provisioning: "thick", azIds: ["az2"], specs: [{ key: "QoS_support", value: "<is> True" }], qosIops: 5000, qosMbps: 200, isPublic: false, vdcIds: [tenant.vdcId as string] });
    const type = await db.volumeType.findUniqueOrThrow({ where: { id } });
    expect(type.extraSpecs).toEqual({ volume_backend_name: "oceanstor-sas", "provisioning:type": "thick", "RESKEY:availability_zones": "az2", QoS_support: "<is> True" });
    expect((await listVolumeTypes(tenant)).map((t) => t.name)).toContain("t-admin-gold");
    expect((await listVolumeTypes(fin)).map((t) => t.name)).not.toContain("t-admin-gold");
    await expect(createVolumes(fin, { name: "nope", az: "az2", volumeTypeId: id, sizeGb: 10 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(createVolumes(tenant, { name: "az1", az: "az1", volumeTypeId: id, sizeGb: 10 })).rejects.toMatchObject({ params: { reason: "volume_type_az" } });
    const { ids } = await createVolumes(tenant, { name: "gold", az: "az2", volumeTypeId: id, sizeGb: 10 });
    expect(await db.volume.findUniqueOrThrow({ where: { id: ids[0] as string } })).toMatchObject({ poolId: POOL, thin: false });

    await setVolumeTypeAccess(admin, id, true, []);
    expect((await listVolumeTypes(fin)).map((t) => t.name)).toContain("t-admin-gold");
    await expect(createVolumeType(admin, { name: "t-admin-gold", isPublic: true })).rejects.toMatchObject({ params: { reason: "volume_type_name_taken" } });
    await expect(deleteVolumeType(admin, id)).rejects.toMatchObject({ params: { reason: "volume_type_in_use", volumes: 1 } });
    await db.volume.update({ where: { id: ids[0] as string }, data: { deletedAt: new Date(), status: "deleted" } });
    await deleteVolumeType(admin, id);
    expect((await listVolumeTypes(tenant)).map((t) => t.name)).not.toContain("t-admin-gold");
    expect((await createVolumeType(admin, { name: "t-admin-gold", isPublic: true })).id).not.toBe(id);
    await expect(createVolumeType(tenant, { name: "t-admin-x", isPublic: true })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
