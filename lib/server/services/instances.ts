import "server-only";
import {
  allowed,
  explainNoHost,
  NoValidHostError,
  schedule,
  wantsHugePages,
  type InstanceAction,
  requestSpecFor,
} from "@/lib/cloud/compute";
import { DomainError, InvalidStateError, NotFoundError, seededRandom, hashString } from "@/lib/cloud/shared";
import { instanceDemand } from "@/lib/cloud/quota";
import { firstStep, taskTypeFor, type TaskType } from "@/lib/cloud/tasks";
import type { LaunchInput } from "@/lib/schemas/instances";
import { db, type Tx } from "../db";
import { assertInScope, inScope, requirePermission, type Actor } from "../auth/actor";
import { claimOnHost, loadHostStates } from "../repositories/hosts";
import { reserveQuota, vdcChain } from "../repositories/quota";
import { audited } from "./audit";
import { loadSettings } from "../repositories/settings";
import { cloudNow } from "./clock";

/** How many of the ranked hosts to try when a concurrent claim beats us to the first. */
const CLAIM_ATTEMPTS = 5;

/**
 * Launch an ECS: validate, check the VDC's resource set, reserve quota along the VDC chain,
 * schedule, claim the host and create the instance with its build task, all in one transaction.
 * If the quota or no host fits, nothing is written and the caller learns why.
 * (The approval step of orders will come in front of this.)
 */
export async function launchInstance(actor: Actor, input: LaunchInput, projectId?: string): Promise<{ id: string; ids: string[] }> {
  requirePermission(actor, "ecs:create");
  const targetProject = projectId ?? actor.defaultProjectId;
  if (!targetProject || !inScope(actor, targetProject)) throw new NotFoundError("project", targetProject ?? "-");

  const [flavor, image, az] = await Promise.all([
    db.flavor.findFirst({ where: { id: input.flavorId, deletedAt: null } }),
    db.image.findFirst({ where: { id: input.imageId, status: { not: "deleted" } } }),
    db.availabilityZone.findUnique({ where: { id: input.az } }),
  ]);
  if (!flavor) throw new NotFoundError("flavor", input.flavorId);
  if (!image || image.visibility !== "public") throw new NotFoundError("image", input.imageId);
  if (image.status !== "active") throw new DomainError("INVALID_INPUT", "image deactivated", { reason: "image_deactivated", image: image.name });
  if (!az) throw new NotFoundError("az", input.az);
  if (flavor.diskGb < image.minDiskGb)
    throw new DomainError("INVALID_INPUT", "flavor disk below image minimum", { reason: "disk_below_image_min", flavorDisk: flavor.diskGb, imageMinDisk: image.minDiskGb });
  if (flavor.ramMb < image.minRamMb)
    throw new DomainError("INVALID_INPUT", "flavor RAM below image minimum", { reason: "ram_below_image_min", flavorRam: flavor.ramMb, imageMinRam: image.minRamMb });

  const req = requestSpecFor(az.id, flavor, image);
  const hugePagesMb = wantsHugePages(req.extraSpecs) ? flavor.ramMb : 0;
  const project = await db.project.findUniqueOrThrow({ where: { id: targetProject } });
  // A private flavor is offered only to the VDCs it is shared with (Nova's flavor access).
  if (!flavor.isPublic && !(await db.flavorAccess.findUnique({ where: { flavorId_vdcId: { flavorId: flavor.id, vdcId: project.vdcId } } })))
    throw new NotFoundError("flavor", input.flavorId);
  const chain = await vdcChain(db, project.vdcId);
  const vdcName = chain[0]?.name ?? project.vdcId;
  const resourceSet = await db.resourceSet.findUnique({ where: { vdcId_regionId: { vdcId: project.vdcId, regionId: az.regionId } } });
  if (!resourceSet) throw new DomainError("NO_RESOURCE_SET", "no resource set in region", { vdc: vdcName, region: az.regionId });
  const allowedAzs = resourceSet.azIds.split(",").filter(Boolean);
  if (!allowedAzs.includes(az.id)) throw new DomainError("AZ_NOT_ALLOWED", "AZ not in the resource set", { vdc: vdcName, az: az.id, allowed: allowedAzs.join(", ") || "-" });
  const now = await cloudNow();

  const count = input.count ?? 1;
  // With a count, names get a -0001, -0002 ... suffix, as the ECS console names batch purchases.
  const names = count === 1 ? [input.name] : Array.from({ length: count }, (_, i) => `${input.name}-${String(i + 1).padStart(4, "0")}`);
  const claim = { vcpus: flavor.vcpus, memoryMb: flavor.ramMb, diskGb: flavor.diskGb, hugePagesMb };

  return audited(actor, { action: "ecs.launch", targetType: "instance", vdcId: project.vdcId }, async (tx, record) => {
    record({ after: { name: input.name, count, az: az.id, flavor: flavor.id, image: image.id, project: project.name } });
    // Quota first, as Nova checks quota before scheduling; the claims below share this transaction,
    // so a batch is placed whole or not at all.
    await reserveQuota(tx, chain, az.regionId, instanceDemand(flavor, count));
    const settings = await loadSettings(tx);
    const hosts = await loadHostStates(tx, settings, now);
    // Seeded per request so a replay of the same request makes the same host_subset_size pick.
    const rng = seededRandom(hashString(`${input.name}|${now.toISOString()}`));
    const ids: string[] = [];
    const placed: string[] = [];
    for (const name of names) {
      const result = schedule(hosts, req, settings, rng, { alternates: CLAIM_ATTEMPTS });
      let chosen: (typeof hosts)[number] | null = null;
      for (const host of result.ranked) {
        if (await claimOnHost(tx, host, claim)) {
          chosen = host;
          break;
        }
      }
      // The rare path: schedule again, keeping every host's verdict, to say why nothing fits.
      if (!chosen) throw new NoValidHostError(explainNoHost(schedule(hosts, req, settings, rng, { explain: true }), req));
      // Keep the in-memory view in step with the claim, so the next instance of the batch spreads.
      chosen.vcpusUsed += claim.vcpus;
      chosen.memoryMbUsed += claim.memoryMb;
      chosen.diskGbUsed += claim.diskGb;
      chosen.hugePagesUsedMb += claim.hugePagesMb;
      const type: TaskType = "instance.build";
      const start = firstStep(type, now);
      const instance = await tx.instance.create({
        data: {
          name,
          projectId: targetProject,
          userId: actor.userId,
          azId: az.id,
          hostId: chosen.id,
          flavorId: flavor.id,
          imageId: image.id,
          vcpus: flavor.vcpus,
          memoryMb: flavor.ramMb,
          rootGb: flavor.diskGb,
          hugePagesMb,
          allocated: true,
          vmState: "building",
          taskState: start.instance.taskState ?? "scheduling",
          powerState: "nostate",
          createdAt: now,
          updatedAt: now,
        },
      });
      const hostName = chosen.name;
      await tx.task.create({
        data: {
          type,
          instanceId: instance.id,
          status: "queued",
          dueAt: start.dueAt,
          payload: { hostId: chosen.id, tried: [] },
          // The scheduler's choice is recorded before the build starts, as Nova records it.
          timeline: start.timeline.map((e) => (e.event === "step_started" ? { ...e, detail: hostName } : e)) as never,
          requestedBy: actor.userId,
          createdAt: now,
          updatedAt: now,
        },
      });
      ids.push(instance.id);
      placed.push(hostName);
    }
    record({ targetId: ids[0] ?? null, after: { name: input.name, count, az: az.id, flavor: flavor.id, image: image.id, project: project.name, hosts: placed, ids } });
    return { id: ids[0] as string, ids };
  });
}

/**
 * An operation on an instance, allowed only from the states Nova allows (and, when the instance
 * is locked, only for administrators). Lock and unlock take effect at once; the rest are queued
 * as tasks.
 */
export async function requestInstanceAction(actor: Actor, instanceId: string, action: InstanceAction): Promise<void> {
  const instance = await db.instance.findFirst({ where: { id: instanceId, deletedAt: null } });
  assertInScope(actor, "instance", instanceId, instance);
  const operator = actor.permissions.has("ecs:operate_all");
  requirePermission(actor, operator ? "ecs:operate_all" : action === "delete" ? "ecs:delete" : "ecs:operate");
  const project = await db.project.findUniqueOrThrow({ where: { id: instance.projectId } });
  const meta = { action: `ecs.${action}`, targetType: "instance", targetId: instanceId, vdcId: project.vdcId };
  // Refusals happen inside `audited`, so they are recorded like any other outcome.
  const refuse = (current: typeof instance): never => {
    if (current.locked && !operator) throw new DomainError("INVALID_STATE", "locked", { reason: "instance_locked", action });
    throw new InvalidStateError(action, current.vmState, current.taskState);
  };
  if (action === "lock" || action === "unlock") {
    await audited(actor, meta, async (tx, record) => {
      record({ before: { locked: instance.locked, lockedBy: instance.lockedBy } });
      if (!allowed(instance, action, { admin: operator })) refuse(instance);
      const changed = await tx.instance.updateMany({
        where: { id: instanceId, locked: action === "unlock" },
        data: { locked: action === "lock", lockedBy: action === "lock" ? actor.username : null },
      });
      if (changed.count !== 1) throw new InvalidStateError(action, instance.vmState, instance.taskState);
      record({ after: { locked: action === "lock", lockedBy: action === "lock" ? actor.username : null } });
    });
    return;
  }
  const now = await cloudNow();
  const type = taskTypeFor(action);
  const start = firstStep(type, now);
  await audited(actor, meta, async (tx: Tx, record) => {
    const current = await tx.instance.findUniqueOrThrow({ where: { id: instanceId } });
    record({ before: { name: current.name, vmState: current.vmState, taskState: current.taskState, locked: current.locked } });
    if (!allowed(current, action, { admin: operator })) refuse(current);
    record({ after: { taskState: start.instance.taskState } });
    // A delete supersedes whatever is in flight (Nova lets delete interrupt a build).
    if (action === "delete") {
      await tx.task.updateMany({
        where: { instanceId, status: { in: ["queued", "running"] } },
        data: { status: "cancelled", version: { increment: 1 }, finishedAt: now, updatedAt: now, error: "superseded by delete" },
      });
    }
    // Conditional on the states we checked: two concurrent requests cannot both start a task.
    const moved = await tx.instance.updateMany({
      where: { id: instanceId, vmState: current.vmState, taskState: current.taskState, updatedAt: current.updatedAt },
      data: { taskState: start.instance.taskState, updatedAt: now },
    });
    if (moved.count !== 1) throw new InvalidStateError(action, current.vmState, current.taskState);
    await tx.task.create({
      data: {
        type,
        instanceId,
        status: "queued",
        dueAt: start.dueAt,
        payload: {},
        timeline: start.timeline as never,
        requestedBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      },
    });
  });
}

/**
 * A drill: the guest OS shuts itself down (as `shutdown -h now` inside the VM would). Only the
 * emulated hypervisor knows at first; the instance stays ACTIVE/running in the database until
 * the periodic power-state sync notices and stops it, as Nova does.
 */
export async function shutdownFromGuest(actor: Actor, instanceId: string): Promise<void> {
  const instance = await db.instance.findFirst({ where: { id: instanceId, deletedAt: null } });
  assertInScope(actor, "instance", instanceId, instance);
  requirePermission(actor, actor.permissions.has("ecs:operate_all") ? "ecs:operate_all" : "ecs:operate");
  const project = await db.project.findUniqueOrThrow({ where: { id: instance.projectId } });
  await audited(actor, { action: "ecs.guest_shutdown", targetType: "instance", targetId: instanceId, vdcId: project.vdcId }, async (tx, record) => {
    record({ before: { vmState: instance.vmState, powerState: instance.powerState } });
    const changed = await tx.instance.updateMany({
      where: { id: instanceId, vmState: "active", taskState: null, powerState: "running", guestPowerState: null },
      data: { guestPowerState: "shutdown" },
    });
    if (changed.count !== 1) throw new InvalidStateError("guest_shutdown", instance.vmState, instance.taskState);
    record({ after: { hypervisorPowerState: "shutdown" } });
  });
}
