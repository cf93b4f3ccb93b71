import "server-only";
import { randomUUID } from "node:crypto";
import { explainNoPool, imageMinimumGb, NoValidBackendError, instanceTakesVolumes, nextDevice, ROOT_DEVICE, scheduleVolume, scheduleVolumes, thinRequest, volumeRefusal, type PoolState, type VolumeAction, type VolumeRequest, type VolumeSchedulerSettings } from "@/lib/cloud/storage";
import { snapshotDemand, volumeDemand } from "@/lib/cloud/quota";
import { DomainError, InvalidStateError, NotFoundError } from "@/lib/cloud/shared";
import type { AvailabilityZone, Image, Project, ResourceSet, VolumeSnapshot, VolumeType } from "@/lib/generated/prisma/client";
import type { CreateVolumeInput } from "@/lib/schemas/volumes";
import { db, dbReader, type Tx } from "../db";
import { assertInScope, inScope, requirePermission, type Actor } from "../auth/actor";
import { reserveQuota, vdcChain } from "../repositories/quota";
import { loadSettings, type CloudSettingsRow } from "../repositories/settings";
import { findRow, insertRow, sqlRun } from "../repositories/sql";
import { claimOnPool, claimVolumes, poolStates, queueVolumeTask, volumeSchedulerSettings } from "../repositories/volumes";
import { audited } from "./audit";
import { cloudNow } from "./clock";
import { usableImage } from "../repositories/images";

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

/** Where a new volume's data comes from (Cinder's create sources). */
type VolumeSource = { kind: "blank" } | { kind: "image"; image: Image } | { kind: "snapshot"; snapshot: VolumeSnapshot; volume: VolumeRowOf };

type VolumeRowOf = NonNullable<Awaited<ReturnType<typeof db.volume.findUnique>>>;

/**
 * A snapshot the project may create from: its own, and available (Cinder's InvalidSnapshot
 * otherwise), with the volume it was taken of.
 */
async function usableSnapshot(snapshotId: string, projectId: string): Promise<{ snapshot: VolumeSnapshot; volume: VolumeRowOf }> {
  const snapshot = await dbReader.volumeSnapshot.findFirst({ where: { id: snapshotId, deletedAt: null }, include: { volume: true } });
  if (!snapshot || snapshot.projectId !== projectId) throw new NotFoundError("snapshot", snapshotId);
  if (snapshot.status !== "available") throw new DomainError("INVALID_INPUT", "snapshot not available", { reason: "snapshot_not_available", snapshot: snapshot.name, status: snapshot.status });
  const { volume, ...rest } = snapshot;
  return { snapshot: rest, volume };
}

/** Cinder's size rules for a source: at least the snapshot's size, or the image's size and min_disk. */
function sourceMinimumGb(source: VolumeSource): number {
  if (source.kind === "snapshot") return source.snapshot.sizeGb;
  if (source.kind === "image") return imageMinimumGb(source.image);
  return 0;
}

/** Everything a creation decided before its transaction: validated inputs and the scheduler's placements. */
export interface VolumePlan {
  project: Project;
  az: AvailabilityZone;
  type: VolumeType;
  chain: Awaited<ReturnType<typeof vdcChain>>;
  source: VolumeSource;
  names: string[];
  description: string;
  sizeGb: number;
  req: VolumeRequest;
  thin: boolean;
  pools: PoolState[];
  placements: PoolState[][];
  scheduler: VolumeSchedulerSettings;
  settings: CloudSettingsRow;
  now: Date;
}

/**
 * Validate a creation and schedule it, outside any transaction: the project in scope, the type's
 * access and AZs, the source (same project, large enough, the snapshot's AZ), the VDC's resource
 * set in the AZ's region; then Cinder's scheduler on the pools as they reported. A volume from a
 * snapshot may only land on the snapshot's pool (Cinder keeps it on the snapshot's backend).
 */
export async function planVolumes(projectId: string, input: CreateVolumeInput): Promise<VolumePlan> {
  const project = await findRow<Project>(dbReader, "Project", { id: projectId });
  if (!project) throw new NotFoundError("project", projectId);
  let source: VolumeSource = { kind: "blank" };
  if (input.snapshotId) source = { kind: "snapshot", ...(await usableSnapshot(input.snapshotId, project.id)) };
  else if (input.imageId) source = { kind: "image", image: await usableImage(input.imageId, project.id) };
  const azId = input.az ?? (source.kind === "snapshot" ? source.volume.azId : "");
  // cloned_volume_same_az (on by default in Cinder): a volume from a snapshot stays in its AZ.
  if (source.kind === "snapshot" && azId !== source.volume.azId) throw new DomainError("INVALID_INPUT", "snapshot in another AZ", { reason: "volume_source_other_az", az: azId, source: source.volume.azId });
  const typeId = input.volumeTypeId ?? (source.kind === "snapshot" ? source.volume.volumeTypeId : "");
  const [az, type] = await Promise.all([findRow<AvailabilityZone>(dbReader, "AvailabilityZone", { id: azId }), usableVolumeType(typeId, project.vdcId)]);
  if (!az) throw new NotFoundError("az", azId);
  const allowed = typeAzs(type);
  // Cinder's InvalidTypeAvailabilityZones / InvalidAvailabilityZone: a 400.
  if (allowed && !allowed.includes(az.id)) throw new DomainError("INVALID_INPUT", "volume type not offered in the AZ", { reason: "volume_type_az", type: type.name, az: az.id, allowed: allowed.join(", ") || "-" });
  const minimum = sourceMinimumGb(source);
  if (input.sizeGb < minimum) throw new DomainError("INVALID_INPUT", "volume smaller than its source", { reason: `volume_smaller_than_${source.kind}`, size: input.sizeGb, minimum });
  const chain = await vdcChain(dbReader, project.vdcId);
  const resourceSet = await findRow<ResourceSet>(dbReader, "ResourceSet", { vdcId: project.vdcId, regionId: az.regionId });
  if (!resourceSet) throw new DomainError("NO_RESOURCE_SET", "no resource set in region", { vdc: chain[0]?.name ?? project.vdcId, region: az.regionId });
  const setAzs = resourceSet.azIds.split(",").filter(Boolean);
  if (!setAzs.includes(az.id)) throw new DomainError("AZ_NOT_ALLOWED", "AZ not in the resource set", { vdc: chain[0]?.name ?? project.vdcId, az: az.id, allowed: setAzs.join(", ") || "-" });

  const count = input.count ?? 1;
  const names = count === 1 ? [input.name] : Array.from({ length: count }, (_, i) => `${input.name}-${String(i + 1).padStart(4, "0")}`);
  const req: VolumeRequest = { sizeGb: input.sizeGb, azs: [az.id], extraSpecs: type.extraSpecs as Record<string, string> };
  const [settings, now] = await Promise.all([loadSettings(dbReader), cloudNow()]);
  const scheduler = volumeSchedulerSettings(settings);
  const all = await poolStates(dbReader, settings, now);
  const pools = source.kind === "snapshot" ? all.filter((p) => p.id === source.volume.poolId) : all;
  const { placements } = scheduleVolumes(pools, req, count, scheduler);
  return { project, az, type, chain, source, names, description: input.description ?? "", sizeGb: input.sizeGb, req, thin: thinRequest(req), pools, placements, scheduler, settings, now };
}

/**
 * The write half of a creation, inside the caller's transaction: the volumes and gigabytes quota
 * along the VDC chain (reserved first, as Cinder reserves before it schedules), each volume's
 * capacity claimed on its pool, the rows and their creation tasks. Returns the new ids.
 */
export async function insertPlannedVolumes(tx: Tx, actor: Actor, plan: VolumePlan, opts: { quotaHeld?: boolean } = {}): Promise<{ ids: string[]; pools: string[] }> {
  const count = plan.names.length;
  // An ECS's disks are reserved with the ECS (or by its order, at submission).
  if (!opts.quotaHeld) await reserveQuota(tx, plan.chain, plan.az.regionId, volumeDemand(plan.sizeGb, count));
  const restrictTo = plan.source.kind === "snapshot" ? plan.source.volume.poolId : null;
  const fresh = async () => (await poolStates(tx, plan.settings, plan.now)).filter((p) => restrictTo === null || p.id === restrictTo);
  const chosen = await claimVolumes(tx, plan.pools, plan.placements, plan.req, count, plan.scheduler, plan.thin, fresh);
  const { source } = plan;
  const type = source.kind === "image" ? "volume.create_from_image" : source.kind === "snapshot" ? "volume.create_from_snapshot" : "volume.create";
  const bootable = source.kind === "image" || (source.kind === "snapshot" && source.volume.bootable);
  const ids: string[] = [];
  for (const [i, pool] of chosen.entries()) {
    const id = randomUUID();
    const thin = plan.thin && pool.thinSupport;
    await sqlRun(tx, 
      insertRow("Volume", {
        id,
        name: plan.names[i] as string,
        description: plan.description,
        projectId: plan.project.id,
        userId: actor.userId,
        azId: plan.az.id,
        volumeTypeId: plan.type.id,
        poolId: pool.id,
        sizeGb: plan.sizeGb,
        thin,
        writtenGb: thin ? 0 : plan.sizeGb,
        status: "creating",
        bootable,
        sourceImageId: source.kind === "image" ? source.image.id : null,
        sourceSnapshotId: source.kind === "snapshot" ? source.snapshot.id : null,
        allocated: true,
        createdAt: plan.now,
        updatedAt: plan.now,
      }),
    );
    const from = source.kind === "image" ? ` <- ${source.image.name}` : source.kind === "snapshot" ? ` <- ${source.snapshot.name}` : "";
    await queueVolumeTask(tx, { type, volumeId: id, now: plan.now, requestedBy: actor.userId, detail: `${pool.name}${from}` });
    ids.push(id);
  }
  return { ids, pools: chosen.map((p) => p.id) };
}

/**
 * Create EVS volumes (blank, from an image or from a snapshot): permission and project scope,
 * planned and scheduled before the transaction, which reserves quota, claims each volume's
 * capacity on its pool and records it with its creation task. All or none.
 */
export async function createVolumes(actor: Actor, input: CreateVolumeInput, opts: { quotaHeld?: boolean; within?: (tx: Tx, ids: string[]) => Promise<void> } = {}): Promise<{ ids: string[] }> {
  requirePermission(actor, "evs:create");
  const projectId = input.projectId ?? actor.defaultProjectId;
  if (!projectId || !inScope(actor, projectId)) throw new NotFoundError("project", projectId ?? "-");
  const plan = await planVolumes(projectId, input);
  const source = plan.source.kind === "image" ? { image: plan.source.image.name } : plan.source.kind === "snapshot" ? { snapshot: plan.source.snapshot.name } : {};
  const summary = { name: input.name, count: plan.names.length, az: plan.az.id, type: plan.type.name, sizeGb: plan.sizeGb, thin: plan.thin, project: plan.project.name, ...source };
  return audited(actor, { action: "evs.create", targetType: "volume", vdcId: plan.project.vdcId }, async (tx, record) => {
    record({ after: summary });
    // An approved order reserved the quota when it was submitted, and records its progress here.
    const { ids, pools } = await insertPlannedVolumes(tx, actor, plan, { quotaHeld: opts.quotaHeld });
    record({ targetId: ids[0] ?? null, after: { ...summary, pools, ids } });
    if (opts.within) await opts.within(tx, ids);
    return { ids };
  });
}

interface VolumeContext {
  tx: Tx;
  record: Parameters<Parameters<typeof audited>[2]>[1];
  /** The volume as read inside the transaction, already checked against volumeRefusal. */
  current: VolumeRowOf;
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
    if (refusal) throw volumeStateError(action, current);
    return body({ tx, record, current, now, vdcId: project.vdcId, regionId: az.regionId });
  });
}

/** A volume's status refuses the action (Cinder's InvalidVolume): a 409 that names the volume and its status. */
function volumeStateError(action: string, volume: { name: string; status: string }): DomainError {
  return new DomainError("INVALID_STATE", `cannot ${action} volume in status ${volume.status}`, { reason: "volume_status", action, volume: volume.name, status: volume.status });
}

/** Move the volume into a task's status, conditional on the status just read (two requests cannot both start a task). */
async function moveStatus(ctx: VolumeContext, action: VolumeAction, status: string): Promise<void> {
  const moved = await ctx.tx.volume.updateMany({ where: { id: ctx.current.id, status: ctx.current.status, updatedAt: ctx.current.updatedAt }, data: { status, updatedAt: ctx.now } });
  if (moved.count !== 1) throw volumeStateError(action, ctx.current);
  ctx.record({ after: { status } });
}

/** Delete a volume: refused while attached or while it has snapshots, as Cinder refuses; its capacity and quota come back when the LUN is gone. */
export async function deleteVolume(actor: Actor, volumeId: string): Promise<void> {
  await operateOnVolume(actor, volumeId, "delete", async (ctx) => {
    await moveStatus(ctx, "delete", "deleting");
    await queueVolumeTask(ctx.tx, { type: "volume.delete", volumeId, now: ctx.now, requestedBy: actor.userId });
  });
}

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
    if (!instanceTakesVolumes(instance)) throw new InvalidStateError("attach_volume", instance.vmState, instance.taskState);
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
    if (!attachment) throw volumeStateError("detach", ctx.current);
    // Nova: a boot volume stays with its instance; and the instance must be settled, as for an attach.
    if (attachment.device === ROOT_DEVICE) throw new DomainError("INVALID_STATE", "root volume", { reason: "volume_is_root", volume: ctx.current.name });
    const instance = await ctx.tx.instance.findUniqueOrThrow({ where: { id: attachment.instanceId } });
    if (!instanceTakesVolumes(instance)) throw new InvalidStateError("detach_volume", instance.vmState, instance.taskState);
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
    if (moved.count !== 1) throw new DomainError("INVALID_STATE", "snapshot busy", { reason: "snapshot_status", snapshot: snap.name, status: snap.status });
    await queueVolumeTask(tx, { type: "snapshot.delete", volumeId: snap.volumeId, now, requestedBy: actor.userId, payload: { snapshotId } });
    record({ after: { status: "deleting" } });
  });
}
