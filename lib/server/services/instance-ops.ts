import "server-only";
import { randomUUID } from "node:crypto";
import { imageRejection, imageRequest, onHost, requestSpecFor, wantsHugePages } from "@/lib/cloud/compute";
import { DomainError, hashString, NotFoundError, seededRandom } from "@/lib/cloud/shared";
import { resizeDelta } from "@/lib/cloud/quota";
import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { claimOf, hostWithGroups, toHostState } from "../repositories/hosts";
import { cachedHostStates } from "../repositories/host-cache";
import { claimBestHost } from "../repositories/placement";
import { reserveQuota, vdcChain } from "../repositories/quota";
import { serverGroupSpec } from "../repositories/server-groups";
import { loadSettings } from "../repositories/settings";
import { checkFlavorFitsImage, operateOn, startTask, usableFlavor, type OperationContext, type Within } from "./instances";
import { usableImage } from "../repositories/images";

// Operations that take input: resize (a flavor), cold migrate and evacuate (optionally a host),
// rebuild (an image) and snapshot (a name). Each runs in the frame of `operateOn`: scope,
// permission, `allowed()` and the audit entry, all in one transaction with its writes.

type MoveType = "resize" | "migration" | "evacuation";

/**
 * Choose and claim a destination for a resize, migration or evacuation, and open the Migration
 * row. The destination's claim is taken now, as Nova's prep_resize claims it; the source keeps
 * its own until confirm (or, for an evacuation, until its compute service returns).
 */
async function openMove(ctx: OperationContext, actor: Actor, type: MoveType, newFlavor: { id: string; vcpus: number; ramMb: number; diskGb: number; ephemeralGb: number; swapMb: number; extraSpecs: unknown }, requestedHost?: string, quotaHeld = false) {
  const { tx, current: instance, now } = ctx;
  if (!instance.hostId) throw new DomainError("INVALID_STATE", "instance has no host", { reason: "no_host" });
  const image = await tx.image.findUniqueOrThrow({ where: { id: instance.imageId } });
  const sameFlavor = type !== "resize";
  const held = claimOf(instance);
  const resources = sameFlavor ? { vcpus: held.vcpus, memoryMb: held.memoryMb, diskGb: held.diskGb } : undefined;
  // Nova's allow_resize_to_same_host is False by default, and a migration never stays put.
  const req = { ...requestSpecFor(instance.azId, onHost(newFlavor, instance.volumeBacked), image, resources, instance.projectId), ignoreHosts: [instance.hostId], requestedHost: requestedHost ?? null };
  const membership = await tx.serverGroupMember.findUnique({ where: { instanceId: instance.id } });
  if (membership) req.serverGroup = await serverGroupSpec(tx, membership.serverGroupId, instance.id);
  const newClaim = {
    vcpus: req.vcpus,
    memoryMb: req.memoryMb,
    diskGb: req.diskGb,
    hugePagesMb: sameFlavor ? instance.hugePagesMb : wantsHugePages(req.extraSpecs) ? req.memoryMb : 0,
  };
  if (type === "resize" && !quotaHeld) {
    // Nova checks the upsize delta against quota when the resize is requested (an order reserved it at submission).
    const { up } = resizeDelta({ vcpus: instance.vcpus, ramMb: instance.memoryMb }, { vcpus: newFlavor.vcpus, ramMb: newFlavor.ramMb });
    const [project, az] = await Promise.all([tx.project.findUniqueOrThrow({ where: { id: instance.projectId } }), tx.availabilityZone.findUniqueOrThrow({ where: { id: instance.azId } })]);
    await reserveQuota(tx, await vdcChain(tx, project.vdcId), az.regionId, up);
  }
  const settings = await loadSettings(tx);
  const hosts = await cachedHostStates(tx, settings, now);
  const dest = await claimBestHost(tx, hosts, req, settings, seededRandom(hashString(`${instance.id}|${now.toISOString()}`)), newClaim);
  const migration = await tx.migration.create({
    data: {
      instanceId: instance.id,
      type,
      status: type === "evacuation" ? "accepted" : "pre-migrating",
      sourceHostId: instance.hostId,
      destHostId: dest.id,
      oldFlavorId: instance.flavorId,
      newFlavorId: newFlavor.id,
      oldVcpus: instance.vcpus,
      oldMemoryMb: instance.memoryMb,
      oldDiskGb: held.diskGb,
      oldHugePagesMb: instance.hugePagesMb,
      newVcpus: newClaim.vcpus,
      newMemoryMb: newClaim.memoryMb,
      newDiskGb: newClaim.diskGb,
      newHugePagesMb: newClaim.hugePagesMb,
      priorVmState: instance.vmState === "stopped" ? "stopped" : "active",
      requestedBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    },
  });
  ctx.record({ after: { migration: migration.id, type, from: instance.hostId, to: dest.id, flavor: newFlavor.id } });
  return { migration, dest };
}

/** Why this instance cannot be resized to this flavor (nova: CannotResizeToSameFlavor; a root disk never shrinks). */
export function checkResizeTarget(current: { flavorId: string; rootGb: number; volumeBacked?: boolean }, flavor: { id: string; diskGb: number; ramMb: number }, image: { minDiskGb: number; minRamMb: number }): void {
  if (flavor.id === current.flavorId) throw new DomainError("INVALID_INPUT", "same flavor", { reason: "resize_same_flavor" });
  // A volume-backed root disk is the volume's size, whatever the flavor says (extend the volume to grow it).
  if (current.volumeBacked) return checkFlavorFitsImage({ diskGb: Number.MAX_SAFE_INTEGER, ramMb: flavor.ramMb }, image);
  if (flavor.diskGb < current.rootGb) throw new DomainError("INVALID_INPUT", "disk shrink", { reason: "resize_disk_shrink", from: current.rootGb, to: flavor.diskGb });
  checkFlavorFitsImage(flavor, image);
}

/**
 * Resize to another flavor: rescheduled to another host, then VERIFY_RESIZE until confirm or
 * revert. A resize order (services/orders.ts) calls it `viaOrder`, with the quota it holds.
 */
export async function resizeInstance(actor: Actor, instanceId: string, flavorId: string, opts: { viaOrder?: boolean; quotaHeld?: boolean; within?: Within } = {}): Promise<void> {
  await operateOn(
    actor,
    instanceId,
    "resize",
    async (ctx) => {
      const { current } = ctx;
      const flavor = await usableFlavor(flavorId, ctx.vdcId);
      checkResizeTarget(current, flavor, await ctx.tx.image.findUniqueOrThrow({ where: { id: current.imageId } }));
      const { migration, dest } = await openMove(ctx, actor, "resize", flavor, undefined, opts.quotaHeld);
      await startTask(ctx, actor, "instance.resize", { migrationId: migration.id }, `${flavor.name} on ${dest.name}`);
    },
    { flavor: flavorId },
    opts,
  );
}

/**
 * Cold migrate (administrators): the same flavor on another host, then VERIFY_RESIZE as in Nova.
 * Evacuate (administrators) an instance whose host's compute service is down: rebuilt on another
 * host from its image, keeping its ports; `allowed()` refuses while the host is up, as Nova does.
 * Either way a named host must pass every filter.
 */
async function moveInstance(actor: Actor, instanceId: string, action: "migrate" | "evacuate", host?: string): Promise<void> {
  await operateOn(
    actor,
    instanceId,
    action,
    async (ctx) => {
      const flavor = await ctx.tx.flavor.findUniqueOrThrow({ where: { id: ctx.current.flavorId } });
      const { migration, dest } = await openMove(ctx, actor, action === "migrate" ? "migration" : "evacuation", flavor, host);
      await startTask(ctx, actor, action === "migrate" ? "instance.migrate" : "instance.evacuate", { migrationId: migration.id }, `to ${dest.name}`);
    },
    { host: host ?? null },
  );
}

export const migrateInstance = (actor: Actor, instanceId: string, host?: string) => moveInstance(actor, instanceId, "migrate", host);
export const evacuateInstance = (actor: Actor, instanceId: string, host?: string) => moveInstance(actor, instanceId, "evacuate", host);

/** Evacuate every instance of a down host that can be evacuated; returns how many were queued and refused. */
export async function evacuateHost(actor: Actor, hostId: string): Promise<{ queued: number; refused: { name: string; reason: string }[] }> {
  requirePermission(actor, "ecs:operate_all");
  if (!(await db.host.findUnique({ where: { id: hostId }, select: { id: true } }))) throw new NotFoundError("host", hostId);
  const instances = await db.instance.findMany({ where: { hostId, deletedAt: null }, orderBy: { name: "asc" } });
  let queued = 0;
  const refused: { name: string; reason: string }[] = [];
  for (const i of instances) {
    try {
      await evacuateInstance(actor, i.id);
      queued++;
    } catch (err) {
      refused.push({ name: i.name, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  return { queued, refused };
}

/** Rebuild from an image (the current one, or another): same host, flavor, name, ports and credentials. */
export async function rebuildInstance(actor: Actor, instanceId: string, imageId: string): Promise<void> {
  await operateOn(
    actor,
    instanceId,
    "rebuild",
    async (ctx) => {
      const { tx, current } = ctx;
      const image = await usableImage(imageId, current.projectId);
      // Nova before microversion 2.93: a volume-backed server is rebuilt only with the image it was booted from.
      if (current.volumeBacked && image.id !== current.imageId) throw new DomainError("INVALID_INPUT", "volume-backed rebuild", { reason: "rebuild_volume_backed" });
      const flavor = await tx.flavor.findUniqueOrThrow({ where: { id: current.flavorId } });
      checkFlavorFitsImage({ diskGb: current.volumeBacked ? Number.MAX_SAFE_INTEGER : current.rootGb, ramMb: current.memoryMb }, image);
      // nova: a rebuild with a new image asks the scheduler whether the current host still fits
      // the image (ImagePropertiesFilter runs on rebuild); here the same filter, on that host.
      const host = current.hostId ? await tx.host.findUnique({ where: { id: current.hostId }, include: hostWithGroups }) : null;
      const refusal = host ? imageRejection(toHostState(host, await loadSettings(tx), ctx.now, null), imageRequest(image)) : null;
      if (refusal?.filter === "ImagePropertiesFilter") {
        const reason = refusal.code === "arch_mismatch" ? "rebuild_arch_mismatch" : "rebuild_hypervisor_mismatch";
        throw new DomainError("INVALID_INPUT", "image does not fit the host", { reason, have: refusal.have, wanted: refusal.wanted });
      }
      ctx.record({ after: { image: image.id, flavor: flavor.id } });
      await startTask(ctx, actor, "instance.rebuild", { imageId: image.id }, image.name);
    },
    { image: imageId },
  );
}

/** Snapshot the instance into a new private image of its project (Nova's createImage). */
export async function snapshotInstance(actor: Actor, instanceId: string, name: string): Promise<{ imageId: string }> {
  return operateOn(
    actor,
    instanceId,
    "snapshot",
    async (ctx) => {
      const { tx, current, now } = ctx;
      if (await tx.image.findUnique({ where: { name } })) throw new DomainError("CONFLICT", "image name taken", { reason: "image_name_taken", name });
      const source = await tx.image.findUnique({ where: { id: current.imageId } });
      if (!source) throw new NotFoundError("image", current.imageId);
      // A snapshot inherits the base image's properties; its minimum disk is the instance's root disk.
      const image = await tx.image.create({
        data: {
          id: `img-${randomUUID()}`,
          name,
          diskFormat: "qcow2",
          minDiskGb: current.rootGb,
          minRamMb: source.minRamMb,
          architecture: source.architecture,
          hypervisorType: source.hypervisorType,
          osType: source.osType,
          osVersion: source.osVersion,
          visibility: "private",
          ownerProjectId: current.projectId,
          sourceInstanceId: current.id,
          status: "saving",
          // What the guest wrote on top of its base image, deterministic per instance.
          sizeMb: source.sizeMb + (hashString(current.id) % 2048),
          createdAt: now,
        },
      });
      await startTask(ctx, actor, "instance.snapshot", { imageId: image.id }, name);
      return { imageId: image.id };
    },
    { name },
  );
}
