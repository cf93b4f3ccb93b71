import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { launchInstance, requestInstanceAction, shutdownFromGuest } from "@/lib/server/services/instances";
import { getInstance } from "@/lib/server/queries/instances";
import { DomainError, ForbiddenError, InvalidStateError, NotFoundError } from "@/lib/cloud/shared";
import { actor, later, newRunner, resetCompute, runUntilIdle } from "./helpers";
import { syncPowerStates } from "@/lib/server/worker/compute";

describe("the task runner", () => {
  beforeEach(resetCompute);

  it("builds an instance through Nova's steps to ACTIVE/running, then stops, starts and deletes it", async () => {
    const tenant = await actor("tenant");
    const runner = await newRunner();
    const { id } = await launchInstance(tenant, { name: "life", az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79" });
    const seen: (string | null)[] = [];
    let now = new Date((await db.task.findFirstOrThrow({ where: { instanceId: id } })).createdAt);
    await runner.claimQueued();
    for (let i = 0; i < 20; i++) {
      const inst = await db.instance.findUniqueOrThrow({ where: { id } });
      if (seen.at(-1) !== inst.taskState) seen.push(inst.taskState);
      if (inst.vmState === "active") break;
      now = later(now, 0.5);
      await runner.advanceDue(now);
    }
    expect(seen).toEqual(["scheduling", "networking", "block_device_mapping", "spawning", null]);
    let inst = await db.instance.findUniqueOrThrow({ where: { id } });
    expect(inst).toMatchObject({ vmState: "active", powerState: "running", taskState: null, ipAddress: "192.168.0.2" });
    expect(inst.macAddress).toMatch(/^fa:16:3e(:[0-9a-f]{2}){3}$/);

    await requestInstanceAction(tenant, id, "stop");
    expect((await db.instance.findUniqueOrThrow({ where: { id } })).taskState).toBe("powering-off");
    now = await runUntilIdle(runner, now);
    expect(await db.instance.findUniqueOrThrow({ where: { id } })).toMatchObject({ vmState: "stopped", powerState: "shutdown", taskState: null });

    await expect(requestInstanceAction(tenant, id, "stop")).rejects.toBeInstanceOf(InvalidStateError);
    await requestInstanceAction(tenant, id, "start");
    now = await runUntilIdle(runner, now);
    expect((await db.instance.findUniqueOrThrow({ where: { id } })).vmState).toBe("active");

    const hostBefore = await db.host.findUniqueOrThrow({ where: { id: inst.hostId! } });
    await requestInstanceAction(tenant, id, "delete");
    await runUntilIdle(runner, now);
    inst = await db.instance.findUniqueOrThrow({ where: { id } });
    expect(inst).toMatchObject({ vmState: "deleted", allocated: false, ipAddress: null });
    expect(inst.deletedAt).not.toBeNull();
    const hostAfter = await db.host.findUniqueOrThrow({ where: { id: inst.hostId! } });
    expect(hostAfter.vcpusUsed).toBe(hostBefore.vcpusUsed - 2);
    expect(hostAfter.memoryMbUsed).toBe(hostBefore.memoryMbUsed - 4096);
    expect(hostAfter.instanceCount).toBe(hostBefore.instanceCount - 1);
  });

  it("a delete during a build cancels the build and releases the claim exactly once", async () => {
    const tenant = await actor("tenant");
    const runner = await newRunner();
    const { id } = await launchInstance(tenant, { name: "early-delete", az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79" });
    const hostId = (await db.instance.findUniqueOrThrow({ where: { id } })).hostId!;
    const now = (await db.task.findFirstOrThrow({ where: { instanceId: id } })).createdAt;
    await runner.claimQueued();
    await requestInstanceAction(tenant, id, "delete");
    await runUntilIdle(runner, now);
    expect(await db.task.findFirst({ where: { instanceId: id, type: "instance.build" } })).toMatchObject({ status: "cancelled" });
    const host = await db.host.findUniqueOrThrow({ where: { id: hostId } });
    expect(host).toMatchObject({ vcpusUsed: 0, memoryMbUsed: 0, instanceCount: 0 });
  });

  it("two runners never claim the same task", async () => {
    const tenant = await actor("tenant");
    await Promise.all(Array.from({ length: 12 }, (_, i) => launchInstance(tenant, { name: `claim-${i}`, az: i % 2 ? "az1" : "az2", flavorId: "s6.small.1", imageId: "img-centos-79" })));
    const a = await newRunner();
    const b = await newRunner();
    await Promise.all([a.claimQueued(), b.claimQueued(), a.claimQueued(), b.claimQueued()]);
    const tasks = await db.task.findMany();
    expect(tasks).toHaveLength(12);
    expect(tasks.every((t) => t.status === "running" && (t.ownerId === a.id || t.ownerId === b.id))).toBe(true);
    // Each claim bumped the version exactly once: no task was claimed twice.
    expect(tasks.every((t) => t.version === 1)).toBe(true);
  });

  it("after a restart, an interrupted build goes to ERROR with a fault and an interrupted delete resumes", async () => {
    const tenant = await actor("tenant");
    const dead = await newRunner();
    const building = await launchInstance(tenant, { name: "interrupted", az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79" });
    const deleting = await launchInstance(tenant, { name: "half-deleted", az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79" });
    let now = (await db.task.findFirstOrThrow({ where: { instanceId: deleting.id } })).createdAt;
    await dead.claimQueued();
    now = await runUntilIdle(dead, now);
    await requestInstanceAction(tenant, deleting.id, "delete");
    await launchInstance(tenant, { name: "unused", az: "az1", flavorId: "s6.small.1", imageId: "img-centos-79" }).then(() => undefined);
    // Put the first build back mid-flight (networking) and hand the delete to the dying runner.
    await db.instance.update({ where: { id: building.id }, data: { vmState: "building", taskState: "networking", powerState: "nostate" } });
    await db.task.updateMany({ where: { instanceId: building.id }, data: { status: "running", stepIndex: 1, ownerId: dead.id, finishedAt: null } });
    await dead.claimQueued();
    // The runner dies: its heartbeat stops.
    await db.runner.update({ where: { id: dead.id }, data: { heartbeatAt: new Date(Date.now() - 60_000) } });

    const fresh = await newRunner();
    await fresh.recoverOrphans(now);
    const failed = await db.instance.findUniqueOrThrow({ where: { id: building.id } });
    expect(failed).toMatchObject({ vmState: "error", taskState: null });
    expect(failed.fault).toMatchObject({ code: "BUILD_INTERRUPTED", step: "networking" });
    expect(await db.task.findFirst({ where: { instanceId: building.id } })).toMatchObject({ status: "failed", ownerId: fresh.id });

    await runUntilIdle(fresh, now);
    expect(await db.instance.findUniqueOrThrow({ where: { id: deleting.id } })).toMatchObject({ vmState: "deleted", allocated: false });
    const timeline = (await db.task.findFirstOrThrow({ where: { instanceId: deleting.id, type: "instance.delete" } })).timeline as { event: string }[];
    expect(timeline.map((e) => e.event)).toContain("recovered");
  });
});

describe("a host going down mid-build", () => {
  beforeEach(resetCompute);

  async function startBuild(name: string) {
    const tenant = await actor("tenant");
    const runner = await newRunner();
    const { id } = await launchInstance(tenant, { name, az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79" });
    let now = (await db.task.findFirstOrThrow({ where: { instanceId: id } })).createdAt;
    await runner.runPeriodic(now, { layer: "compute" });
    await runner.claimQueued();
    now = later(now, 1);
    await runner.advanceDue(now); // scheduling -> networking
    const first = (await db.instance.findUniqueOrThrow({ where: { id } })).hostId!;
    // The host's compute service dies: no heartbeat for two minutes.
    await db.host.update({ where: { id: first }, data: { serviceRunning: false, lastHeartbeatAt: later(now, -120) } });
    return { id, runner, now: later(now, 1.5), first };
  }

  it("is rescheduled to another host, builds there, and the first host's claim is given back", async () => {
    const { id, runner, now, first } = await startBuild("resched-1");
    await runner.advanceDue(now);
    let inst = await db.instance.findUniqueOrThrow({ where: { id } });
    expect(inst.hostId).not.toBe(first);
    expect(inst.taskState).toBe("scheduling");
    await runUntilIdle(runner, now);
    inst = await db.instance.findUniqueOrThrow({ where: { id } });
    expect(inst).toMatchObject({ vmState: "active", powerState: "running" });
    expect((await db.host.findUniqueOrThrow({ where: { id: first } })).vcpusUsed).toBe(0);
    expect((await db.host.findUniqueOrThrow({ where: { id: inst.hostId! } })).vcpusUsed).toBe(2);
    const task = await db.task.findFirstOrThrow({ where: { instanceId: id } });
    expect(task.attempts).toBe(1);
    expect((task.timeline as { event: string }[]).map((e) => e.event)).toContain("rescheduled");
  });

  it("goes to ERROR with the fault once max_attempts is reached; the task never stays stuck", async () => {
    await db.cloudSettings.update({ where: { id: 1 }, data: { maxAttempts: 1 } });
    try {
      const { id, runner, now } = await startBuild("resched-2");
      await runner.advanceDue(now);
      const inst = await db.instance.findUniqueOrThrow({ where: { id } });
      expect(inst).toMatchObject({ vmState: "error", taskState: null });
      expect(inst.fault).toMatchObject({ code: "MAX_RETRIES_EXCEEDED", attempts: 1 });
      // The tenant reads Nova's fault message and no host; the administrator also the hosts tried.
      const hostName = (await db.host.findUniqueOrThrow({ where: { id: inst.hostId! } })).name;
      const seen = await getInstance(await actor("tenant"), id);
      expect(seen.fault).toEqual({ code: "MAX_RETRIES_EXCEEDED", message: expect.stringContaining("Exceeded maximum number of retries") });
      expect(seen).toMatchObject({ host: null, hostId: null });
      expect(seen.hostIdHash).toMatch(/^[0-9a-f]{56}$/);
      expect(JSON.stringify(seen)).not.toContain(hostName);
      expect(JSON.stringify(seen)).not.toContain(inst.hostId!);
      const admin = await getInstance(await actor("cloud_admin"), id);
      expect(admin.fault?.details).toContain(inst.hostId!);
      expect(admin.host).toBe(hostName);
      expect(await db.task.count({ where: { instanceId: id, status: { in: ["queued", "running"] } } })).toBe(0);
    } finally {
      await db.cloudSettings.update({ where: { id: 1 }, data: { maxAttempts: 3 } });
    }
  });

  it("goes to ERROR with NO_VALID_HOST when no other host can take it", async () => {
    const { id, runner, now, first } = await startBuild("resched-3");
    await db.host.updateMany({ where: { azId: "az1", id: { not: first } }, data: { enabled: false } });
    await runner.advanceDue(now);
    const inst = await db.instance.findUniqueOrThrow({ where: { id } });
    expect(inst).toMatchObject({ vmState: "error", hostId: first, allocated: true });
    expect(inst.fault).toMatchObject({ code: "NO_VALID_HOST", message: "No valid host was found. There are not enough hosts available." });
  });
});

describe("pause, suspend and lock", () => {
  beforeEach(resetCompute);

  it("pauses and suspends through their tasks, and a lock stops the owner but not the cloud admin", async () => {
    const tenant = await actor("tenant");
    const admin = await actor("cloud_admin");
    const runner = await newRunner();
    const { id } = await launchInstance(tenant, { name: "pausable", az: "az1", flavorId: "s6.small.1", imageId: "img-centos-79" });
    let now = (await db.task.findFirstOrThrow({ where: { instanceId: id } })).createdAt;
    now = await runUntilIdle(runner, now);
    const state = async () => db.instance.findUniqueOrThrow({ where: { id } });

    for (const [action, vmState, powerState] of [
      ["pause", "paused", "paused"],
      ["unpause", "active", "running"],
      ["suspend", "suspended", "suspended"],
      ["resume", "active", "running"],
    ] as const) {
      await requestInstanceAction(tenant, id, action);
      now = await runUntilIdle(runner, now);
      expect(await state()).toMatchObject({ vmState, powerState, taskState: null });
    }

    await requestInstanceAction(tenant, id, "lock");
    expect(await state()).toMatchObject({ locked: true, lockedBy: "tenant" });
    const refused = await requestInstanceAction(tenant, id, "stop").catch((e: unknown) => e);
    expect((refused as DomainError).params).toMatchObject({ reason: "instance_locked" });
    await expect(requestInstanceAction(tenant, id, "delete")).rejects.toBeInstanceOf(DomainError);
    await requestInstanceAction(admin, id, "stop");
    now = await runUntilIdle(runner, now);
    expect((await state()).vmState).toBe("stopped");
    await requestInstanceAction(tenant, id, "unlock");
    await requestInstanceAction(tenant, id, "start");
    await runUntilIdle(runner, now);
    expect(await state()).toMatchObject({ vmState: "active", locked: false });
    const actions = (await db.auditLog.findMany({ where: { targetId: id }, orderBy: { seq: "asc" } })).map((e) => `${e.action}:${e.result}`);
    expect(actions).toEqual(expect.arrayContaining(["ecs.lock:success", "ecs.stop:failure", "ecs.unlock:success"]));
  });
});

describe("power-state sync", () => {
  beforeEach(resetCompute);

  it("a guest that shuts itself down stays ACTIVE until the sync stops it", async () => {
    const tenant = await actor("tenant");
    const runner = await newRunner();
    const { id } = await launchInstance(tenant, { name: "self-halting", az: "az1", flavorId: "s6.small.1", imageId: "img-centos-79" });
    let now = (await db.task.findFirstOrThrow({ where: { instanceId: id } })).createdAt;
    now = await runUntilIdle(runner, now);
    // The drill is an operator's: the tenant who owns the instance may not run it.
    await expect(shutdownFromGuest(tenant, id)).rejects.toBeInstanceOf(ForbiddenError);
    const admin = await actor("cloud_admin");
    await shutdownFromGuest(admin, id);
    expect(await db.instance.findUniqueOrThrow({ where: { id } })).toMatchObject({ vmState: "active", powerState: "running", guestPowerState: "shutdown" });
    await expect(shutdownFromGuest(admin, id)).rejects.toBeInstanceOf(InvalidStateError);
    expect(await syncPowerStates(now)).toBe(1);
    expect(await db.instance.findUniqueOrThrow({ where: { id } })).toMatchObject({ vmState: "stopped", powerState: "shutdown", guestPowerState: null });
    const sync = await db.task.findFirstOrThrow({ where: { instanceId: id, type: "instance.power_sync" } });
    expect((sync.timeline as { detail: string }[])[0]!.detail).toContain("shutdown_by_itself");
    // Nothing left to reconcile; the instance starts normally again.
    expect(await syncPowerStates(now)).toBe(0);
    await requestInstanceAction(tenant, id, "start");
    await runUntilIdle(runner, now);
    expect((await db.instance.findUniqueOrThrow({ where: { id } })).vmState).toBe("active");
  });
});

describe("tenant isolation", () => {
  beforeEach(resetCompute);

  it("another tenant's instance is not found, for reading and for acting", async () => {
    const tenant = await actor("tenant");
    const other = await actor("tenant_fin");
    const { id } = await launchInstance(tenant, { name: "mine", az: "az1", flavorId: "s6.small.1", imageId: "img-centos-79" });
    await expect(getInstance(other, id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(requestInstanceAction(other, id, "delete")).rejects.toBeInstanceOf(NotFoundError);
    expect((await getInstance(tenant, id)).name).toBe("mine");
    // The R&D VDC admin sees the Platform project's instance; the cloud admin sees it with its host.
    expect((await getInstance(await actor("vdc_admin"), id)).host).toBeNull();
    expect((await getInstance(await actor("cloud_admin"), id)).host).not.toBeNull();
  });
});
