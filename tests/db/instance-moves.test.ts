import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { launchInstance, requestInstanceAction } from "@/lib/server/services/instances";
import { evacuateHost, evacuateInstance, migrateInstance, rebuildInstance, resizeInstance, snapshotInstance } from "@/lib/server/services/instance-ops";
import { createServerGroup } from "@/lib/server/services/server-groups";
import { autoConfirmResizes } from "@/lib/server/worker/compute";
import type { TaskRunner } from "@/lib/server/worker/runner";
import { DomainError, ForbiddenError, InvalidStateError, NotFoundError } from "@/lib/cloud/shared";
import { NoValidHostError } from "@/lib/cloud/compute";
import { actor, later, newRunner, resetCompute, runUntilIdle } from "./helpers";

async function quotaUsed(vdcId: string, resource: string): Promise<number> {
  return (await db.quota.findUniqueOrThrow({ where: { vdcId_regionId_resource: { vdcId, regionId: (await db.region.findFirstOrThrow()).id, resource } } })).used;
}
const host = (id: string) => db.host.findUniqueOrThrow({ where: { id } });
const inst = (id: string) => db.instance.findUniqueOrThrow({ where: { id } });

async function launched(name: string, flavorId = "s6.large.2"): Promise<{ id: string; runner: TaskRunner; now: Date; hostId: string }> {
  const tenant = await actor("tenant");
  const runner = await newRunner();
  const { id } = await launchInstance(tenant, { name, az: "az1", flavorId, imageId: "img-centos-79" });
  const created = (await db.task.findFirstOrThrow({ where: { instanceId: id } })).createdAt;
  const now = await runUntilIdle(runner, created);
  const i = await inst(id);
  expect(i.vmState).toBe("active");
  return { id, runner, now, hostId: i.hostId as string };
}

describe("resize (VERIFY_RESIZE, confirm, revert)", () => {
  beforeEach(resetCompute);

  it("an upsize claims on a new host, reserves the quota delta, and confirm frees the source", async () => {
    const tenant = await actor("tenant");
    const { id, runner, now, hostId: source } = await launched("grow");
    const before = { cores: await quotaUsed("vdc-rd-platform", "cores"), ram: await quotaUsed("vdc-rd-platform", "ram_gb") };
    const sourceBefore = await host(source);

    await resizeInstance(tenant, id, "s6.xlarge.2");
    const m = await db.migration.findFirstOrThrow({ where: { instanceId: id } });
    expect(m).toMatchObject({ type: "resize", status: "pre-migrating", sourceHostId: source, oldVcpus: 2, newVcpus: 4 });
    expect(m.destHostId).not.toBe(source); // allow_resize_to_same_host = False
    // The destination's claim and the upsize quota are taken when the request is accepted.
    expect((await host(m.destHostId)).vcpusUsed).toBe(4);
    expect(await quotaUsed("vdc-rd-platform", "cores")).toBe(before.cores + 2);
    expect(await quotaUsed("vdc-rd-platform", "ram_gb")).toBe(before.ram + 4);

    let t = await runUntilIdle(runner, now);
    let i = await inst(id);
    expect(i).toMatchObject({ vmState: "resized", taskState: null, powerState: "running", hostId: m.destHostId, flavorId: "s6.xlarge.2", vcpus: 4, ipAddress: "192.168.0.2" });
    // Both hosts hold a claim while the user verifies.
    expect((await host(source)).vcpusUsed).toBe(sourceBefore.vcpusUsed);
    expect((await db.migration.findUniqueOrThrow({ where: { id: m.id } })).status).toBe("finished");
    await expect(requestInstanceAction(tenant, id, "stop")).rejects.toBeInstanceOf(InvalidStateError);

    await requestInstanceAction(tenant, id, "confirm_resize");
    t = await runUntilIdle(runner, t);
    i = await inst(id);
    expect(i).toMatchObject({ vmState: "active", taskState: null, hostId: m.destHostId, vcpus: 4 });
    expect((await host(source)).vcpusUsed).toBe(sourceBefore.vcpusUsed - 2);
    expect((await host(m.destHostId)).vcpusUsed).toBe(4);
    expect((await db.migration.findUniqueOrThrow({ where: { id: m.id } })).status).toBe("confirmed");
    expect(await quotaUsed("vdc-rd-platform", "cores")).toBe(before.cores + 2);

    // And the instance's delete gives back exactly the new flavor.
    await requestInstanceAction(tenant, id, "delete");
    await runUntilIdle(runner, t);
    expect((await host(m.destHostId)).vcpusUsed).toBe(0);
    expect(await quotaUsed("vdc-rd-platform", "cores")).toBe(before.cores - 2);
  });

  it("revert returns to the source host and the old flavor, and frees the destination and the quota delta", async () => {
    const tenant = await actor("tenant");
    const { id, runner, now, hostId: source } = await launched("undo");
    const cores = await quotaUsed("vdc-rd-platform", "cores");
    await resizeInstance(tenant, id, "s6.xlarge.2");
    let t = await runUntilIdle(runner, now);
    const m = await db.migration.findFirstOrThrow({ where: { instanceId: id } });
    await requestInstanceAction(tenant, id, "revert_resize");
    expect((await inst(id)).taskState).toBe("resize_reverting");
    t = await runUntilIdle(runner, t);
    expect(await inst(id)).toMatchObject({ vmState: "active", hostId: source, flavorId: "s6.large.2", vcpus: 2, memoryMb: 4096 });
    expect((await host(m.destHostId)).vcpusUsed).toBe(0);
    expect((await host(source)).vcpusUsed).toBe(2);
    expect(await quotaUsed("vdc-rd-platform", "cores")).toBe(cores);
    expect((await db.migration.findUniqueOrThrow({ where: { id: m.id } })).status).toBe("reverted");
    void t;
  });

  it("a stopped instance is resized without being started, and stays stopped after confirm", async () => {
    const tenant = await actor("tenant");
    const { id, runner, now } = await launched("cold");
    await requestInstanceAction(tenant, id, "stop");
    let t = await runUntilIdle(runner, now);
    await resizeInstance(tenant, id, "s6.xlarge.2");
    t = await runUntilIdle(runner, t);
    expect(await inst(id)).toMatchObject({ vmState: "resized", powerState: "shutdown" });
    await requestInstanceAction(tenant, id, "confirm_resize");
    await runUntilIdle(runner, t);
    expect(await inst(id)).toMatchObject({ vmState: "stopped", powerState: "shutdown", vcpus: 4 });
  });

  it("refuses the same flavor, a smaller disk, and an upsize beyond the quota, writing nothing", async () => {
    const tenant = await actor("tenant");
    const { id } = await launched("picky", "s6.xlarge.2");
    await expect(resizeInstance(tenant, id, "s6.xlarge.2")).rejects.toMatchObject({ params: { reason: "resize_same_flavor" } });
    await db.quota.update({ where: { vdcId_regionId_resource: { vdcId: "vdc-rd-platform", regionId: (await db.region.findFirstOrThrow()).id, resource: "cores" } }, data: { hardLimit: 6 } });
    try {
      await expect(resizeInstance(tenant, id, "c6.4xlarge.2")).rejects.toMatchObject({ code: "QUOTA_EXCEEDED" });
      expect(await db.migration.count()).toBe(0);
      expect(await inst(id)).toMatchObject({ vmState: "active", taskState: null, vcpus: 4 });
      expect(await db.host.aggregate({ _sum: { vcpusUsed: true } })).toEqual({ _sum: { vcpusUsed: 4 } });
    } finally {
      await db.quota.update({ where: { vdcId_regionId_resource: { vdcId: "vdc-rd-platform", regionId: (await db.region.findFirstOrThrow()).id, resource: "cores" } }, data: { hardLimit: 200 } });
    }
  });

  it("is confirmed automatically once resize_confirm_window has passed, through the same step", async () => {
    const tenant = await actor("tenant");
    const { id, runner, now } = await launched("forgotten");
    await resizeInstance(tenant, id, "s6.xlarge.2");
    const t = await runUntilIdle(runner, now);
    await db.cloudSettings.update({ where: { id: 1 }, data: { resizeConfirmWindowSeconds: 120 } });
    try {
      expect(await autoConfirmResizes(later(t, 60))).toBe(0);
      expect(await autoConfirmResizes(later(t, 130))).toBe(1);
      // A second pass (or the user's click) finds nothing left to confirm.
      expect(await autoConfirmResizes(later(t, 131))).toBe(0);
      await expect(requestInstanceAction(tenant, id, "confirm_resize")).rejects.toBeInstanceOf(DomainError);
      await runUntilIdle(runner, later(t, 131));
      expect((await inst(id)).vmState).toBe("active");
      const task = await db.task.findFirstOrThrow({ where: { instanceId: id, type: "instance.confirm_resize" } });
      expect(task.requestedBy).toBeNull();
      expect(JSON.stringify(task.timeline)).toContain("confirmed automatically after 120 s");
    } finally {
      await db.cloudSettings.update({ where: { id: 1 }, data: { resizeConfirmWindowSeconds: 86400 } });
    }
  });

  it("deleting an instance in VERIFY_RESIZE frees both hosts and all of its quota", async () => {
    const tenant = await actor("tenant");
    const cores = await quotaUsed("vdc-rd-platform", "cores");
    const { id, runner, now } = await launched("doomed");
    await resizeInstance(tenant, id, "s6.xlarge.2");
    const t = await runUntilIdle(runner, now);
    await requestInstanceAction(tenant, id, "delete");
    await runUntilIdle(runner, t);
    expect(await db.host.aggregate({ _sum: { vcpusUsed: true, memoryMbUsed: true, instanceCount: true } })).toEqual({ _sum: { vcpusUsed: 0, memoryMbUsed: 0, instanceCount: 0 } });
    expect(await quotaUsed("vdc-rd-platform", "cores")).toBe(cores);
    expect((await db.migration.findFirstOrThrow({ where: { instanceId: id } })).status).toBe("cancelled");
  });

  it("deleting during the resize steps also frees the destination's claim", async () => {
    const tenant = await actor("tenant");
    const cores = await quotaUsed("vdc-rd-platform", "cores");
    const { id, runner, now } = await launched("mid-flight");
    await resizeInstance(tenant, id, "s6.xlarge.2");
    await runner.claimQueued();
    await runner.advanceDue(later(now, 1.5));
    expect((await inst(id)).taskState).toBe("resize_migrating");
    await requestInstanceAction(tenant, id, "delete");
    await runUntilIdle(runner, later(now, 2));
    expect(await db.host.aggregate({ _sum: { vcpusUsed: true, instanceCount: true } })).toEqual({ _sum: { vcpusUsed: 0, instanceCount: 0 } });
    expect(await quotaUsed("vdc-rd-platform", "cores")).toBe(cores);
  });

  it("a destination that goes down mid-resize leaves the instance in ERROR on its source, never a stuck task", async () => {
    const tenant = await actor("tenant");
    const { id, runner, now, hostId: source } = await launched("unlucky");
    await resizeInstance(tenant, id, "s6.xlarge.2");
    const m = await db.migration.findFirstOrThrow({ where: { instanceId: id } });
    await db.host.update({ where: { id: m.destHostId }, data: { serviceRunning: false, lastHeartbeatAt: later(now, -120) } });
    await runUntilIdle(runner, now);
    const i = await inst(id);
    expect(i).toMatchObject({ vmState: "error", taskState: null, hostId: source, vcpus: 2 });
    expect((i.fault as { code: string }).code).toBe("MIGRATION_FAILED");
    expect((await host(m.destHostId)).vcpusUsed).toBe(0);
    expect((await db.migration.findUniqueOrThrow({ where: { id: m.id } })).status).toBe("error");
  });
});

describe("cold migration and evacuation (administrators)", () => {
  beforeEach(resetCompute);

  it("a tenant may not migrate; an administrator migrates to a named host and confirms", async () => {
    const tenant = await actor("tenant");
    const admin = await actor("cloud_admin");
    const { id, runner, now, hostId: source } = await launched("mover");
    await expect(migrateInstance(tenant, id)).rejects.toBeInstanceOf(ForbiddenError);
    // A general host: the huge-page group is dedicated (isolated) and refuses an ordinary flavor.
    const target = (await db.host.findFirstOrThrow({ where: { azId: "az1", id: { not: source }, groups: { some: { hostGroupId: "hg-az1-general" } } }, orderBy: { name: "desc" } })).name;
    await migrateInstance(admin, id, target);
    let t = await runUntilIdle(runner, now);
    const i = await db.instance.findUniqueOrThrow({ where: { id }, include: { host: true } });
    expect(i).toMatchObject({ vmState: "resized", flavorId: "s6.large.2" });
    expect(i.host?.name).toBe(target);
    await requestInstanceAction(admin, id, "confirm_resize");
    t = await runUntilIdle(runner, t);
    expect((await host(source)).vcpusUsed).toBe(0);
    // Its own host may not be named: ignore_hosts removes it, and the refusal says so.
    await expect(migrateInstance(admin, id, target)).rejects.toMatchObject({ explanation: { filter: "HostManager", code: "ignored_host" } });
    void t;
  });

  it("evacuation is refused while the host is up, then rebuilds elsewhere keeping the IP; the source's claim is freed when it returns", async () => {
    const admin = await actor("cloud_admin");
    const { id, runner, now, hostId: source } = await launched("survivor");
    await expect(evacuateInstance(admin, id)).rejects.toMatchObject({ params: { reason: "host_up" } });

    // The compute service stops; 60 s without a heartbeat and the host is down.
    await db.host.update({ where: { id: source }, data: { serviceRunning: false } });
    let t = later(now, 61);
    await runner.runPeriodic(t, { layer: "compute" });
    const { queued, refused } = await evacuateHost(admin, source);
    expect({ queued, refused }).toEqual({ queued: 1, refused: [] });
    expect((await inst(id)).taskState).toBe("rebuilding");
    t = await runUntilIdle(runner, t);
    const i = await inst(id);
    expect(i).toMatchObject({ vmState: "active", powerState: "running", ipAddress: "192.168.0.2" });
    expect(i.hostId).not.toBe(source);
    expect((await host(i.hostId!)).vcpusUsed).toBe(2);
    // Until the source's compute service returns, its claim is kept (Nova frees it then).
    expect((await host(source)).vcpusUsed).toBe(2);
    expect((await db.migration.findFirstOrThrow({ where: { instanceId: id } })).status).toBe("done");
    await db.host.update({ where: { id: source }, data: { serviceRunning: true } });
    await runner.runPeriodic(later(t, 11), { layer: "compute" });
    expect((await host(source)).vcpusUsed).toBe(0);
    expect((await db.migration.findFirstOrThrow({ where: { instanceId: id } })).status).toBe("completed");
  });
});

describe("rebuild and snapshot", () => {
  beforeEach(resetCompute);

  it("rebuild swaps the image, keeping host, IP and flavor; an image for another architecture is refused", async () => {
    const tenant = await actor("tenant");
    const { id, runner, now, hostId } = await launched("renew");
    await rebuildInstance(tenant, id, "img-ubuntu-2204");
    expect((await inst(id)).taskState).toBe("rebuilding");
    const t = await runUntilIdle(runner, now);
    expect(await inst(id)).toMatchObject({ vmState: "active", imageId: "img-ubuntu-2204", hostId, ipAddress: "192.168.0.2", flavorId: "s6.large.2" });
    await expect(rebuildInstance(tenant, id, "img-openeuler-2203-arm")).rejects.toMatchObject({ params: { reason: "rebuild_arch_mismatch" } });
    // As ImagePropertiesFilter reads supported_instances: a KVM host also runs qemu (TCG) guests,
    // and no libvirt host runs a xen-mode guest.
    const image = { diskFormat: "qcow2", minDiskGb: 10, minRamMb: 512, architecture: "x86_64", osType: "linux", osVersion: "test", visibility: "public", sizeMb: 500 };
    await db.image.createMany({ data: [{ ...image, id: "img-qemu-test", name: "qemu test", hypervisorType: "qemu" }, { ...image, id: "img-xen-test", name: "xen test", hypervisorType: null, vmMode: "xen" }] });
    try {
      await rebuildInstance(tenant, id, "img-qemu-test");
      await runUntilIdle(runner, t);
      await expect(rebuildInstance(tenant, id, "img-xen-test")).rejects.toMatchObject({ params: { reason: "rebuild_hypervisor_mismatch" } });
    } finally {
      await db.instance.updateMany({ where: { imageId: { in: ["img-qemu-test", "img-xen-test"] } }, data: { imageId: "img-centos-79" } });
      await db.image.deleteMany({ where: { id: { in: ["img-qemu-test", "img-xen-test"] } } });
    }
  });

  it("a snapshot becomes a private image its project can boot, and no other tenant can see", async () => {
    const tenant = await actor("tenant");
    const other = await actor("tenant_fin");
    const { id, runner, now } = await launched("golden");
    const { imageId } = await snapshotInstance(tenant, id, "golden-snap");
    expect(await db.image.findUniqueOrThrow({ where: { id: imageId } })).toMatchObject({ status: "saving", visibility: "private", ownerProjectId: "prj-platform", minDiskGb: 40 });
    expect((await inst(id)).taskState).toBe("image_snapshot");
    await expect(launchInstance(tenant, { name: "too-soon", az: "az1", flavorId: "s6.large.2", imageId })).rejects.toMatchObject({ params: { reason: "image_not_ready" } });
    const t = await runUntilIdle(runner, now);
    expect((await db.image.findUniqueOrThrow({ where: { id: imageId } })).status).toBe("active");
    expect(await inst(id)).toMatchObject({ vmState: "active", taskState: null });
    await launchInstance(tenant, { name: "from-snap", az: "az1", flavorId: "s6.large.2", imageId });
    await expect(launchInstance(other, { name: "stolen", az: "az1", flavorId: "s6.large.2", imageId })).rejects.toBeInstanceOf(NotFoundError);
    // The snapshot's minimum disk is the source's root disk: a smaller flavor cannot boot it.
    await expect(launchInstance(tenant, { name: "small", az: "az1", flavorId: "s6.small.1", imageId })).rejects.toMatchObject({ params: { reason: "disk_below_image_min" } });
    void t;
  });
});

describe("server groups and forced hosts", () => {
  beforeEach(resetCompute);
  afterEach(async () => {
    await db.host.updateMany({ data: { enabled: true } });
  });

  it("anti-affinity spreads a batch over distinct hosts; affinity packs it on one", async () => {
    const tenant = await actor("tenant");
    const anti = await createServerGroup(tenant, { name: "web", policy: "anti-affinity" });
    const aff = await createServerGroup(tenant, { name: "db", policy: "affinity" });
    const a = await launchInstance(tenant, { name: "web", az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79", count: 4, serverGroupId: anti.id });
    const b = await launchInstance(tenant, { name: "db", az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79", count: 3, serverGroupId: aff.id });
    const hostsOf = async (ids: string[]) => (await db.instance.findMany({ where: { id: { in: ids } } })).map((i) => i.hostId);
    expect(new Set(await hostsOf(a.ids)).size).toBe(4);
    expect(new Set(await hostsOf(b.ids)).size).toBe(1);
    // A later member of the affinity group joins the same host.
    const c = await launchInstance(tenant, { name: "db-late", az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79", serverGroupId: aff.id });
    expect(await hostsOf(c.ids)).toEqual([(await hostsOf(b.ids))[0]]);
  });

  it("anti-affinity with more members than hosts fails whole, naming the filter", async () => {
    const tenant = await actor("tenant");
    const g = await createServerGroup(tenant, { name: "wide", policy: "anti-affinity" });
    const az1Hosts = await db.host.count({ where: { azId: "az1" } });
    await expect(launchInstance(tenant, { name: "wide", az: "az1", flavorId: "s6.small.1", imageId: "img-centos-79", count: az1Hosts + 1, serverGroupId: g.id })).rejects.toSatisfy(
      (e: unknown) => e instanceof NoValidHostError && e.explanation.filter === "ServerGroupAntiAffinityFilter",
    );
    expect(await db.instance.count()).toBe(0);
  });

  it("concurrent launches into one anti-affinity group never share a host", async () => {
    const tenant = await actor("tenant");
    const g = await createServerGroup(tenant, { name: "race", policy: "anti-affinity" });
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, n) => launchInstance(tenant, { name: `race-${n}`, az: "az1", flavorId: "s6.small.1", imageId: "img-centos-79", serverGroupId: g.id })),
    );
    const ok = results.filter((r) => r.status === "fulfilled").length;
    const hosts = (await db.instance.findMany()).map((i) => i.hostId);
    expect(hosts.length).toBe(ok);
    expect(new Set(hosts).size).toBe(hosts.length);
  });

  it("another project's server group is not found", async () => {
    const tenant = await actor("tenant");
    const other = await actor("tenant_fin");
    const g = await createServerGroup(other, { name: "theirs", policy: "affinity" });
    await expect(launchInstance(tenant, { name: "x", az: "az1", flavorId: "s6.small.1", imageId: "img-centos-79", serverGroupId: g.id })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("az:host is for administrators, lands on that host whatever the filters say, but not on a disabled one", async () => {
    const tenant = await actor("tenant");
    const admin = await actor("cloud_admin");
    const target = await db.host.findFirstOrThrow({ where: { azId: "az1", groups: { some: { hostGroupId: "hg-az1-general" } } }, orderBy: { name: "desc" } });
    await expect(launchInstance(tenant, { name: "sneaky", az: `az1:${target.name}`, flavorId: "s6.small.1", imageId: "img-centos-79" })).rejects.toBeInstanceOf(ForbiddenError);
    const { id } = await launchInstance(admin, { name: "forced", az: `az1:${target.name}`, flavorId: "s6.small.1", imageId: "img-centos-79", projectId: "prj-platform" });
    expect((await inst(id)).hostId).toBe(target.id);
    // Zed's Placement query forbids COMPUTE_STATUS_DISABLED: a disabled host is refused even when forced.
    await db.host.update({ where: { id: target.id }, data: { enabled: false } });
    await expect(launchInstance(admin, { name: "forced-2", az: `az1:${target.name}`, flavorId: "s6.small.1", imageId: "img-centos-79", projectId: "prj-platform" })).rejects.toSatisfy(
      (e: unknown) => e instanceof NoValidHostError && e.explanation.filter === "ComputeFilter" && e.explanation.code === "host_disabled",
    );
    await db.host.update({ where: { id: target.id }, data: { enabled: true } });
    // Capacity is still checked, as Placement would.
    await expect(launchInstance(admin, { name: "huge", az: `az1:${target.name}`, flavorId: "m6.32xlarge.8", imageId: "img-centos-79", projectId: "prj-platform" })).rejects.toSatisfy(
      (e: unknown) => e instanceof NoValidHostError && ["MEMORY_MB", "VCPU"].includes(e.explanation.filter ?? ""),
    );
  });
});

describe("ephemeral disk and swap", () => {
  beforeEach(resetCompute);

  it("are claimed on the host's local disk with the root disk (Placement's DISK_GB), and given back whole", async () => {
    const { createFlavor } = await import("@/lib/server/services/compute-admin");
    const admin = await actor("cloud_admin");
    const tenant = await actor("tenant");
    await createFlavor(admin, { name: "e.eph.1", category: "general", vcpus: 1, ramMb: 2048, diskGb: 40, ephemeralGb: 20, swapMb: 1536, isPublic: true, extraSpecs: {}, vdcIds: [] });
    const runner = await newRunner();
    const { id } = await launchInstance(tenant, { name: "scratch", az: "az1", flavorId: "e.eph.1", imageId: "img-centos-79" });
    const i = await inst(id);
    expect(i).toMatchObject({ rootGb: 40, ephemeralGb: 20, swapMb: 1536 });
    // 40 + 20 + ceil(1536 / 1024) = 62 GB of local disk.
    expect((await host(i.hostId!)).diskGbUsed).toBe(62);
    // A cold migration claims the same 62 GB on the destination and frees them on confirm.
    const t = await runUntilIdle(runner, (await db.task.findFirstOrThrow({ where: { instanceId: id } })).createdAt);
    await migrateInstance(admin, id);
    const m = await db.migration.findFirstOrThrow({ where: { instanceId: id } });
    expect(m).toMatchObject({ oldDiskGb: 62, newDiskGb: 62 });
    let t2 = await runUntilIdle(runner, t);
    await requestInstanceAction(admin, id, "confirm_resize");
    t2 = await runUntilIdle(runner, t2);
    expect((await host(m.sourceHostId)).diskGbUsed).toBe(0);
    expect((await host(m.destHostId)).diskGbUsed).toBe(62);
    await requestInstanceAction(tenant, id, "delete");
    await runUntilIdle(runner, t2);
    expect(await db.host.aggregate({ _sum: { diskGbUsed: true } })).toEqual({ _sum: { diskGbUsed: 0 } });
    // Hidden from later tests' flavor lists (the row stays, as a deleted flavor's does).
    await db.flavor.update({ where: { id: "e.eph.1" }, data: { deletedAt: new Date() } });
  });
});
