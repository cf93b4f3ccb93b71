import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { createFlavor, createHostGroup, deleteFlavor, deleteHostGroup, deleteImage, registerImage, setImageActive, updateHostGroup } from "@/lib/server/services/compute-admin";
import { purgeDeletedImages } from "@/lib/server/worker/compute";
import { setHostAllocation } from "@/lib/server/services/settings";
import { listImages } from "@/lib/server/queries/catalog";
import { launchInstance } from "@/lib/server/services/instances";
import { getInstance } from "@/lib/server/queries/instances";
import { listFlavors } from "@/lib/server/queries/catalog";
import { type DomainError, ForbiddenError, NotFoundError } from "@/lib/cloud/shared";
import { actor, resetCompute } from "./helpers";

describe("flavors and host groups", () => {
  beforeEach(resetCompute);

  it("a private flavor is offered only to the VDCs it is shared with", async () => {
    const admin = await actor("cloud_admin");
    await createFlavor(admin, { name: "private.fin.1", category: "general", vcpus: 1, ramMb: 1024, diskGb: 20, ephemeralGb: 0, swapMb: 0, isPublic: false, extraSpecs: {}, vdcIds: ["vdc-finance-payments"] });
    const fin = await actor("tenant_fin");
    const rd = await actor("tenant");
    expect((await listFlavors(fin)).map((f) => f.name)).toContain("private.fin.1");
    expect((await listFlavors(rd)).map((f) => f.name)).not.toContain("private.fin.1");
    await launchInstance(fin, { name: "fin-private", az: "az1", flavorId: "private.fin.1", imageId: "img-centos-79" });
    await expect(launchInstance(rd, { name: "rd-private", az: "az1", flavorId: "private.fin.1", imageId: "img-centos-79" })).rejects.toBeInstanceOf(NotFoundError);
    // Tenants cannot manage flavors.
    await expect(createFlavor(rd, { name: "mine", category: "general", vcpus: 1, ramMb: 1024, diskGb: 20, ephemeralGb: 0, swapMb: 0, isPublic: true, extraSpecs: {}, vdcIds: [] })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("refuses extra specs Nova would refuse", async () => {
    const admin = await actor("cloud_admin");
    const err = await createFlavor(admin, { name: "bad.specs", category: "hugepage", vcpus: 1, ramMb: 1024, diskGb: 20, ephemeralGb: 0, swapMb: 0, isPublic: true, extraSpecs: { "hw:mem_page_size": "huge" }, vdcIds: [] }).catch((e: unknown) => e);
    expect((err as DomainError).params).toMatchObject({ reason: "spec_bad_value", key: "hw:mem_page_size" });
  });

  it("deleting a flavor hides it from launches but never breaks its instances", async () => {
    const admin = await actor("cloud_admin");
    const tenant = await actor("tenant");
    await createFlavor(admin, { name: "short.lived", category: "general", vcpus: 1, ramMb: 1024, diskGb: 20, ephemeralGb: 0, swapMb: 0, isPublic: true, extraSpecs: {}, vdcIds: [] });
    const { id } = await launchInstance(tenant, { name: "keeps-running", az: "az1", flavorId: "short.lived", imageId: "img-centos-79" });
    await deleteFlavor(admin, "short.lived");
    expect((await getInstance(tenant, id)).flavor).toBe("short.lived");
    await expect(launchInstance(tenant, { name: "too-late", az: "az1", flavorId: "short.lived", imageId: "img-centos-79" })).rejects.toBeInstanceOf(NotFoundError);
    expect((await listFlavors(tenant)).map((f) => f.name)).not.toContain("short.lived");
  });

  it("a host group holds hosts of its own AZ, and a tagged flavor lands only there", async () => {
    const admin = await actor("cloud_admin");
    const tenant = await actor("tenant");
    const wrongAz = await createHostGroup(admin, { name: "mixed", azId: "az1", metadata: { tag: "x" }, hostIds: ["cmp-az1-0002", "cmp-az2-0002"] }).catch((e: unknown) => e);
    expect((wrongAz as DomainError).params).toMatchObject({ reason: "host_other_az", host: "cmp-az2-0002" });
    const { id: groupId } = await createHostGroup(admin, { name: "tagged-db", azId: "az1", metadata: { tag: "db-tag" }, hostIds: ["cmp-az1-0003"] });
    await createFlavor(admin, { name: "tagged.db", category: "general", vcpus: 2, ramMb: 2048, diskGb: 20, ephemeralGb: 0, swapMb: 0, isPublic: true, extraSpecs: { "hcs:host_group_tag": "db-tag" }, vdcIds: [] });
    for (let i = 0; i < 3; i++) {
      const { id } = await launchInstance(tenant, { name: `tagged-${i}`, az: "az1", flavorId: "tagged.db", imageId: "img-centos-79" });
      expect((await db.instance.findUniqueOrThrow({ where: { id } })).hostId).toBe("cmp-az1-0003");
    }
    const notEmpty = await deleteHostGroup(admin, groupId).catch((e: unknown) => e);
    expect((notEmpty as DomainError).params).toMatchObject({ reason: "host_group_not_empty", count: 1 });
    await updateHostGroup(admin, { id: groupId, metadata: { tag: "db-tag" }, hostIds: [] });
    await deleteHostGroup(admin, groupId);
    expect(await db.hostGroup.findUnique({ where: { id: groupId } })).toBeNull();
  });

  it("images: register, deactivate (launch refused), reactivate, soft delete and purge when unused", async () => {
    const admin = await actor("cloud_admin");
    const tenant = await actor("tenant");
    const { id } = await registerImage(admin, { name: "Rocky 9 e2e", diskFormat: "qcow2", minDiskGb: 10, minRamMb: 512, architecture: "x86_64", osType: "linux", osVersion: "Rocky 9", sizeMb: 900, visibility: "public" });
    expect((await listImages(tenant)).map((i) => i.name)).toContain("Rocky 9 e2e");
    await setImageActive(admin, id, false);
    expect((await listImages(tenant)).map((i) => i.name)).not.toContain("Rocky 9 e2e");
    const refused = await launchInstance(tenant, { name: "from-deactivated", az: "az1", flavorId: "s6.small.1", imageId: id }).catch((e: unknown) => e);
    expect((refused as DomainError).params).toMatchObject({ reason: "image_deactivated" });
    await setImageActive(admin, id, true);
    const { id: vm } = await launchInstance(tenant, { name: "from-rocky", az: "az1", flavorId: "s6.small.1", imageId: id });
    const t0 = new Date();
    await deleteImage(admin, id, t0);
    expect((await db.image.findUniqueOrThrow({ where: { id } })).status).toBe("deleted");
    // In use: not purged, even long after.
    expect(await purgeDeletedImages(new Date(t0.getTime() + 7200_000))).toBe(0);
    await db.task.deleteMany({ where: { instanceId: vm } });
    await db.instance.delete({ where: { id: vm } });
    // Unused but deleted only a minute ago: kept; after an hour: purged.
    expect(await purgeDeletedImages(new Date(t0.getTime() + 60_000))).toBe(0);
    expect(await purgeDeletedImages(new Date(t0.getTime() + 3601_000))).toBe(1);
    expect(await db.image.findUnique({ where: { id } })).toBeNull();
    await expect(registerImage(tenant, { name: "nope", diskFormat: "raw", minDiskGb: 1, minRamMb: 1, architecture: "x86_64", osType: "linux", osVersion: "x", sizeMb: 1, visibility: "public" })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("per-host allocation ratios override the defaults, never below what is allocated", async () => {
    const admin = await actor("cloud_admin");
    const tenant = await actor("tenant");
    const host = await db.host.findUniqueOrThrow({ where: { id: "cmp-az1-0002" } });
    await db.host.updateMany({ where: { azId: "az1", id: { not: host.id } }, data: { enabled: false } });
    // cpu ratio 1.0: the host offers exactly its physical cores.
    await setHostAllocation(admin, { id: host.id, cpuAllocationRatio: 1, ramAllocationRatio: null, diskAllocationRatio: null, reservedMemoryMb: null });
    await db.host.update({ where: { id: host.id }, data: { vcpusUsed: host.vcpus - 2 } });
    await launchInstance(tenant, { name: "fits-exactly", az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79" });
    const full = await launchInstance(tenant, { name: "one-too-many", az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79" }).catch((e: unknown) => e);
    expect((full as DomainError).code).toBe("NO_VALID_HOST");
    // Lowering below the allocated amount is refused (say the host was over-committed at 16.0);
    // back to the default works.
    await db.host.update({ where: { id: host.id }, data: { vcpusUsed: host.vcpus + 10 } });
    const below = await setHostAllocation(admin, { id: host.id, cpuAllocationRatio: 1, ramAllocationRatio: null, diskAllocationRatio: null, reservedMemoryMb: null }).catch((e: unknown) => e);
    expect((below as DomainError).params).toMatchObject({ reason: "allocation_below_used", used: host.vcpus + 10, limit: host.vcpus });
    await setHostAllocation(admin, { id: host.id, cpuAllocationRatio: null, ramAllocationRatio: null, diskAllocationRatio: null, reservedMemoryMb: null });
    await launchInstance(tenant, { name: "room-again", az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79" });
  });
});
