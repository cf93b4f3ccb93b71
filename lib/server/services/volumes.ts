import "server-only";
import { randomUUID } from "node:crypto";
import { scheduleVolumes, thinRequest, volumeRefusal, type VolumeRequest } from "@/lib/cloud/storage";
import { volumeDemand } from "@/lib/cloud/quota";
import { DomainError, InvalidStateError, NotFoundError } from "@/lib/cloud/shared";
import type { AvailabilityZone, Project, ResourceSet, VolumeType } from "@/lib/generated/prisma/client";
import type { CreateVolumeInput } from "@/lib/schemas/volumes";
import { db, dbReader } from "../db";
import { assertInScope, inScope, requirePermission, type Actor } from "../auth/actor";
import { reserveQuota, vdcChain } from "../repositories/quota";
import { loadSettings } from "../repositories/settings";
import { findRow, insertRow } from "../repositories/sql";
import { claimVolumes, poolStates, queueVolumeTask, volumeSchedulerSettings } from "../repositories/volumes";
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

/** Delete a volume: refused while attached or while it has snapshots, as Cinder refuses; its capacity and quota come back when the LUN is gone. */
export async function deleteVolume(actor: Actor, volumeId: string): Promise<void> {
  const volume = await db.volume.findFirst({ where: { id: volumeId, deletedAt: null } });
  assertInScope(actor, "volume", volumeId, volume);
  requirePermission(actor, actor.permissions.has("evs:operate_all") ? "evs:operate_all" : "evs:delete");
  const project = await db.project.findUniqueOrThrow({ where: { id: volume.projectId } });
  const now = await cloudNow();
  await audited(actor, { action: "evs.delete", targetType: "volume", targetId: volumeId, vdcId: project.vdcId }, async (tx, record) => {
    const current = await tx.volume.findUniqueOrThrow({ where: { id: volumeId } });
    const [attachments, snapshots] = await Promise.all([tx.volumeAttachment.count({ where: { volumeId } }), tx.volumeSnapshot.count({ where: { volumeId, deletedAt: null } })]);
    record({ before: { name: current.name, status: current.status, sizeGb: current.sizeGb } });
    const refusal = volumeRefusal({ status: current.status, attachments, snapshots }, "delete");
    if (refusal?.reason === "attached") throw new DomainError("INVALID_STATE", "volume attached", { reason: "volume_attached", volume: current.name });
    if (refusal?.reason === "has_snapshots") throw new DomainError("INVALID_STATE", "volume has snapshots", { reason: "volume_has_snapshots", volume: current.name, snapshots: refusal.snapshots });
    if (refusal) throw new InvalidStateError("delete", current.status, null);
    // Conditional on the status just read: two deletes cannot both start.
    const moved = await tx.volume.updateMany({ where: { id: volumeId, status: current.status, updatedAt: current.updatedAt }, data: { status: "deleting", updatedAt: now } });
    if (moved.count !== 1) throw new InvalidStateError("delete", current.status, null);
    await queueVolumeTask(tx, { type: "volume.delete", volumeId, now, requestedBy: actor.userId });
    record({ after: { status: "deleting" } });
  });
}
