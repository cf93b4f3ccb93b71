import "server-only";
import { randomUUID } from "node:crypto";
import { explainNoPool, nextDevice, scheduleVolume, scheduleVolumes, thinRequest, volumeRefusal, type VolumeAction, type VolumeRequest } from "@/lib/cloud/storage";
import { snapshotDemand, volumeDemand } from "@/lib/cloud/quota";
import { DomainError, InvalidStateError, NotFoundError } from "@/lib/cloud/shared";
import type { AvailabilityZone, Project, ResourceSet, VolumeType } from "@/lib/generated/prisma/client";
import type { CreateVolumeInput } from "@/lib/schemas/volumes";
import { db, dbReader, type Tx } from "../db";
import { assertInScope, inScope, requirePermission, type Actor } from "../auth/actor";
import { reserveQuota, vdcChain } from "../repositories/quota";
import { loadSettings } from "../repositories/settings";
import { findRow, insertRow } from "../repositories/sql";
import { claimOnPool, claimVolumes, NoValidBackendError, poolStates, queueVolumeTask, volumeSchedulerSettings } from "../repositories/volumes";
import { audited } from "./audit";
import { cloudNow } from "./clock";

/** A volume type the project's VDC may use: public, or private and shared with it (Cinder's type access). */
export async function usableVolumeType(volumeTypeId: string, vdcId: string): Promise<VolumeType> {
  const type = await findRow<VolumeType>(dbReader, "VolumeType", { id: volumeTypeId, deletedAt: null });
  if (!type) throw new NotFoundError("volume_type", volumeTypeId);
  if (!type.isPublic && !(await dbReader.volumeTypeAccess.findUnique({ where: { volumeTypeId_vdcId: { volumeTypeId, vdcId } } }))) throw new NotFoundError("volume_type", volumeTypeId);
  return type;
}

/** The AZs a type confines its volumes to (Cinder's RESKEY:availability_zones), or null for any. */
export function typeAzs(type: VolumeType): string[] | null {
  const specs = type.extraSpecs as Record<string, string>;
  if (!("RESKEY:availability_zones" in specs)) return null;
  return (specs["RESKEY:availability_zones"] ?? "").split(",").map((az) => az.trim()).filter(Boolean);
}

/**
 * Create EVS volumes: permission and project scope, the type's access and AZs, the VDC's
 * resource set in the AZ's region; scheduled as Cinder schedules them before the transaction,
 * which reserves the volumes and gigabytes quota along the VDC chain, claims each volume's
 * capacity on its pool and records it with its creation task. All or none.
 */
export async function createVolumes(actor: Actor, input: CreateVolumeInput): Promise<{ ids: string[] }> {
  requirePermission(actor, "evs:create");
  const projectId = input.projectId ?? actor.defaultProjectId;
  if (!projectId || !inScope(actor, projectId)) throw new NotFoundError("project", projectId ?? "-");
  const project = await findRow<Project>(dbReader, "Project", { id: projectId });
  if (!project) throw new NotFoundError("project", projectId);
  const [az, type] = await Promise.all([findRow<AvailabilityZone>(dbReader, "AvailabilityZone", { id: input.az }), usableVolumeType(input.volumeTypeId, project.vdcId)]);
  if (!az) throw new NotFoundError("az", input.az);
  const allowed = typeAzs(type);
  // Cinder's InvalidTypeAvailabilityZones / InvalidAvailabilityZone: a 400.
  if (allowed && !allowed.includes(az.id)) throw new DomainError("INVALID_INPUT", "volume type not offered in the AZ", { reason: "volume_type_az", type: type.name, az: az.id, allowed: allowed.join(", ") || "-" });
  const chain = await vdcChain(dbReader, project.vdcId);
  const resourceSet = await findRow<ResourceSet>(dbReader, "ResourceSet", { vdcId: project.vdcId, regionId: az.regionId });
  if (!resourceSet) throw new DomainError("NO_RESOURCE_SET", "no resource set in region", { vdc: chain[0]?.name ?? project.vdcId, region: az.regionId });
  const setAzs = resourceSet.azIds.split(",").filter(Boolean);
  if (!setAzs.includes(az.id)) throw new DomainError("AZ_NOT_ALLOWED", "AZ not in the resource set", { vdc: chain[0]?.name ?? project.vdcId, az: az.id, allowed: setAzs.join(", ") || "-" });

  const count = input.count ?? 1;
  const names = count === 1 ? [input.name] : Array.from({ length: count }, (_, i) => `${input.name}-${String(i + 1).padStart(4, "0")}`);
  const req: VolumeRequest = { sizeGb: input.sizeGb, azs: [az.id], extraSpecs: type.extraSpecs as Record<string, string> };
  const thin = thinRequest(req);
  const [settings, now] = await Promise.all([loadSettings(dbReader), cloudNow()]);
  const scheduler = volumeSchedulerSettings(settings);
  // Scheduled before the transaction on the pools as they reported; the transaction only claims.
  const pools = await poolStates(dbReader, settings, now);
  const batch = scheduleVolumes(pools, req, count, scheduler);
  const summary = { name: input.name, count, az: az.id, type: type.name, sizeGb: input.sizeGb, thin, project: project.name };

  return audited(actor, { action: "evs.create", targetType: "volume", vdcId: project.vdcId }, async (tx, record) => {
    record({ after: summary });
    // Quota first, as Cinder reserves before it schedules; the claims share this transaction.
    await reserveQuota(tx, chain, az.regionId, volumeDemand(input.sizeGb, count));
    const chosen = await claimVolumes(tx, pools, batch.placements, req, count, scheduler, thin, () => poolStates(tx, settings, now));
    const ids: string[] = [];
    for (const [i, pool] of chosen.entries()) {
      const id = randomUUID();
      await tx.$executeRaw(
        insertRow("Volume", {
          id,
          name: names[i] as string,
          description: input.description ?? "",
          projectId: project.id,
          userId: actor.userId,
          azId: az.id,
          volumeTypeId: type.id,
          poolId: pool.id,
          sizeGb: input.sizeGb,
          thin: thin && pool.thinSupport,
          writtenGb: thin && pool.thinSupport ? 0 : input.sizeGb,
          status: "creating",
          bootable: false,
          allocated: true,
          createdAt: now,
          updatedAt: now,
        }),
      );
      await queueVolumeTask(tx, { type: "volume.create", volumeId: id, now, requestedBy: actor.userId, detail: pool.name });
      ids.push(id);
    }
    record({ targetId: ids[0] ?? null, after: { ...summary, pools: chosen.map((p) => p.id), ids } });
    return { ids };
  });
}

type VolumeRow = NonNullable<Awaited<ReturnType<typeof db.volume.findUnique>>>;

interface VolumeContext {
  tx: Tx;
  record: Parameters<Parameters<typeof audited>[2]>[1];
  /** The volume as read inside the transaction, already checked against volumeRefusal. */
  current: VolumeRow;
  now: Date;
  vdcId: string;
  regionId: string;
}

/**
 * The frame every volume operation shares, as operateOn is for instances: scope (another
 * tenant's volume is "not found"), permission, then inside one audited transaction the state
 * check by volumeRefusal (the predicate the pages disable buttons with) and the operation's
 * writes. Refusals are recorded in the audit log like any other outcome.
 */
async function operateOnVolume<T>(actor: Actor, volumeId: string, action: VolumeAction, body: (ctx: VolumeContext) => Promise<T>): Promise<T> {
  const volume = await db.volume.findFirst({ where: { id: volumeId, deletedAt: null } });
  assertInScope(actor, "volume", volumeId, volume);
  requirePermission(actor, actor.permissions.has("evs:operate_all") ? "evs:operate_all" : action === "delete" ? "evs:delete" : "evs:operate");
  const [project, az] = await Promise.all([db.project.findUniqueOrThrow({ where: { id: volume.projectId } }), db.availabilityZone.findUniqueOrThrow({ where: { id: volume.azId } })]);
  const now = await cloudNow();
  return audited(actor, { action: `evs.${action}`, targetType: "volume", targetId: volumeId, vdcId: project.vdcId }, async (tx, record) => {
    const current = await tx.volume.findUniqueOrThrow({ where: { id: volumeId } });
    const [attachments, snapshots] = await Promise.all([tx.volumeAttachment.count({ where: { volumeId } }), tx.volumeSnapshot.count({ where: { volumeId, deletedAt: null } })]);
    record({ before: { name: current.name, status: current.status, sizeGb: current.sizeGb } });
    const refusal = volumeRefusal({ status: current.status, attachments, snapshots }, action);
    if (refusal?.reason === "attached") throw new DomainError("INVALID_STATE", "volume attached", { reason: "volume_attached", volume: current.name });
    if (refusal?.reason === "has_snapshots") throw new DomainError("INVALID_STATE", "volume has snapshots", { reason: "volume_has_snapshots", volume: current.name, snapshots: refusal.snapshots });
    if (refusal) throw new InvalidStateError(action, current.status, null);
    return body({ tx, record, current, now, vdcId: project.vdcId, regionId: az.regionId });
  });
}

/** Move the volume into a task's status, conditional on the status just read (two requests cannot both start a task). */
async function moveStatus(ctx: VolumeContext, action: VolumeAction, status: string): Promise<void> {
  const moved = await ctx.tx.volume.updateMany({ where: { id: ctx.current.id, status: ctx.current.status, updatedAt: ctx.current.updatedAt }, data: { status, updatedAt: ctx.now } });
  if (moved.count !== 1) throw new InvalidStateError(action, ctx.current.status, null);
  ctx.record({ after: { status } });
}

/** Delete a volume: refused while attached or while it has snapshots, as Cinder refuses; its capacity and quota come back when the LUN is gone. */
export async function deleteVolume(actor: Actor, volumeId: string): Promise<void> {
  await operateOnVolume(actor, volumeId, "delete", async (ctx) => {
    await moveStatus(ctx, "delete", "deleting");
    await queueVolumeTask(ctx.tx, { type: "volume.delete", volumeId, now: ctx.now, requestedBy: actor.userId });
  });
}

/** The instance states Nova attaches volumes in (compute/api.py's check_instance_state for attach_volume). */
const ATTACHABLE_VM_STATES = ["active", "paused", "stopped", "suspended", "resized"];

/**
 * Attach a volume to an ECS of the same project and AZ, as the next free virtio device
 * (/dev/vdb, /dev/vdc...): the attachment is reserved now (the device's unique key keeps two
 * attaches from taking one name), the array maps the LUN in the task.
 */
export async function attachVolume(actor: Actor, volumeId: string, instanceId: string): Promise<{ device: string }> {
  return operateOnVolume(actor, volumeId, "attach", async (ctx) => {
    const instance = await ctx.tx.instance.findFirst({ where: { id: instanceId, deletedAt: null } });
    assertInScope(actor, "instance", instanceId, instance);
    if (instance.projectId !== ctx.current.projectId) throw new NotFoundError("instance", instanceId);
    if (instance.azId !== ctx.current.azId) throw new DomainError("INVALID_INPUT", "different AZ", { reason: "volume_other_az", volume: ctx.current.azId, instance: instance.azId });
    if (!ATTACHABLE_VM_STATES.includes(instance.vmState) || instance.taskState) throw new InvalidStateError("attach_volume", instance.vmState, instance.taskState);
    const taken = (await ctx.tx.volumeAttachment.findMany({ where: { instanceId }, select: { device: true } })).map((a) => a.device);
    const device = nextDevice(taken);
    const attachment = await ctx.tx.volumeAttachment.create({ data: { volumeId, instanceId, device, status: "attaching", createdAt: ctx.now } });
    await moveStatus(ctx, "attach", "attaching");
    await queueVolumeTask(ctx.tx, { type: "volume.attach", volumeId, now: ctx.now, requestedBy: actor.userId, payload: { attachmentId: attachment.id }, detail: `${instance.name} ${device}` });
    ctx.record({ after: { status: "attaching", instance: instance.name, device } });
    return { device };
  });
}

/** Detach a volume from the ECS it is attached to. */
export async function detachVolume(actor: Actor, volumeId: string): Promise<void> {
  await operateOnVolume(actor, volumeId, "detach", async (ctx) => {
    const attachment = await ctx.tx.volumeAttachment.findFirst({ where: { volumeId, status: "attached" } });
    if (!attachment) throw new InvalidStateError("detach", ctx.current.status, null);
    await ctx.tx.volumeAttachment.update({ where: { id: attachment.id }, data: { status: "detaching" } });
    await moveStatus(ctx, "detach", "detaching");
    await queueVolumeTask(ctx.tx, { type: "volume.detach", volumeId, now: ctx.now, requestedBy: actor.userId, payload: { attachmentId: attachment.id }, detail: attachment.device });
  });
}

/**
 * Extend a volume (available, or in-use since Cinder 3.42): the growth is claimed on its pool with
 * the same conditional update a creation uses, and reserved on the VDC chain, before the LUN grows.
 */
export async function extendVolume(actor: Actor, volumeId: string, newSizeGb: number): Promise<void> {
  await operateOnVolume(actor, volumeId, "extend", async (ctx) => {
    const grow = newSizeGb - ctx.current.sizeGb;
    if (grow <= 0) throw new DomainError("INVALID_INPUT", "new size not larger", { reason: "extend_not_larger", size: ctx.current.sizeGb, requested: newSizeGb });
    await reserveQuota(ctx.tx, await vdcChain(ctx.tx, ctx.vdcId), ctx.regionId, { gigabytes: grow });
    const settings = await loadSettings(ctx.tx);
    const pool = (await poolStates(ctx.tx, settings, ctx.now)).find((p) => p.id === ctx.current.poolId);
    const req = { sizeGb: grow, azs: [ctx.current.azId], extraSpecs: {} };
    if (!pool || !(await claimOnPool(ctx.tx, pool, grow, ctx.current.thin))) {
      throw new NoValidBackendError(explainNoPool(scheduleVolume(pool ? [pool] : [], req, volumeSchedulerSettings(settings), { explain: true }), req));
    }
    await moveStatus(ctx, "extend", "extending");
    await queueVolumeTask(ctx.tx, { type: "volume.extend", volumeId, now: ctx.now, requestedBy: actor.userId, payload: { newSizeGb, prior: ctx.current.status }, detail: `${ctx.current.sizeGb} -> ${newSizeGb} GB` });
    ctx.record({ after: { status: "extending", sizeGb: newSizeGb } });
  });
}

/** Snapshot a volume (available or in-use): counted once against snapshots and its size against gigabytes. */
export async function createSnapshot(actor: Actor, volumeId: string, name: string): Promise<{ id: string }> {
  return operateOnVolume(actor, volumeId, "snapshot", async (ctx) => {
    await reserveQuota(ctx.tx, await vdcChain(ctx.tx, ctx.vdcId), ctx.regionId, snapshotDemand(ctx.current.sizeGb));
    const snap = await ctx.tx.volumeSnapshot.create({ data: { name, volumeId, projectId: ctx.current.projectId, sizeGb: ctx.current.sizeGb, status: "creating", createdAt: ctx.now, updatedAt: ctx.now } });
    await queueVolumeTask(ctx.tx, { type: "snapshot.create", volumeId, now: ctx.now, requestedBy: actor.userId, payload: { snapshotId: snap.id }, detail: name });
    ctx.record({ after: { snapshot: snap.id, name } });
    return { id: snap.id };
  });
}

/** Delete a snapshot (available or in error); its quota comes back once it is gone. */
export async function deleteSnapshot(actor: Actor, snapshotId: string): Promise<void> {
  const snap = await db.volumeSnapshot.findFirst({ where: { id: snapshotId, deletedAt: null } });
  assertInScope(actor, "snapshot", snapshotId, snap);
  requirePermission(actor, actor.permissions.has("evs:operate_all") ? "evs:operate_all" : "evs:delete");
  const project = await db.project.findUniqueOrThrow({ where: { id: snap.projectId } });
  const now = await cloudNow();
  await audited(actor, { action: "evs.snapshot_delete", targetType: "snapshot", targetId: snapshotId, vdcId: project.vdcId }, async (tx, record) => {
    record({ before: { name: snap.name, status: snap.status } });
    const moved = await tx.volumeSnapshot.updateMany({ where: { id: snapshotId, status: { in: ["available", "error"] }, deletedAt: null }, data: { status: "deleting", updatedAt: now } });
    if (moved.count !== 1) throw new InvalidStateError("delete_snapshot", snap.status, null);
    await queueVolumeTask(tx, { type: "snapshot.delete", volumeId: snap.volumeId, now, requestedBy: actor.userId, payload: { snapshotId } });
    record({ after: { status: "deleting" } });
  });
}
