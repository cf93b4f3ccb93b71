import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { randomUUID } from "node:crypto";
import { DomainError, NotFoundError } from "@/lib/cloud/shared";
import type { VolumeTypeInput } from "@/lib/schemas/storage";
import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { lastServiceReport } from "../repositories/service-reports";
import { audited } from "./audit";
import { cloudNow } from "./clock";
import { sqlRun } from "../repositories/sql";

// Service OM's storage administration, the cloud admin's (storage:manage): a pool's
// over-subscription ratio, its backend service's state, its AZ, and the volume types.

async function findPool(id: string) {
  const pool = await db.storagePool.findUnique({ where: { id } });
  if (!pool) throw new NotFoundError("pool", id);
  return pool;
}

/** Override a pool's max_over_subscription_ratio (a number or "auto"), or follow the CPS setting again (null). */
export async function setPoolRatio(actor: Actor, id: string, ratio: string | null): Promise<void> {
  requirePermission(actor, "storage:manage");
  const pool = await findPool(id);
  await audited(actor, { action: "storage.pool_ratio", targetType: "pool", targetId: id, vdcId: null }, async (tx, record) => {
    await tx.storagePool.update({ where: { id }, data: { ratioOverride: ratio } });
    record({ before: { ratio: pool.ratioOverride }, after: { ratio } });
  });
}

/**
 * A pool's backend service: disabled (the scheduler skips it, as `cinder service-disable` makes
 * it), or its cinder-volume stopped (a failure drill: it stops reporting and goes down once the
 * report is older than the service down time).
 */
export async function setPoolState(actor: Actor, id: string, op: "enable" | "disable" | "start" | "stop", reason?: string): Promise<void> {
  requirePermission(actor, "storage:manage");
  const pool = await findPool(id);
  await audited(actor, { action: `storage.pool_${op}`, targetType: "pool", targetId: id, vdcId: null }, async (tx, record) => {
    if (op === "enable" || op === "disable") {
      await tx.storagePool.update({ where: { id }, data: { enabled: op === "enable", disabledReason: op === "enable" ? null : reason || null } });
      record({ before: { enabled: pool.enabled }, after: { enabled: op === "enable", reason: reason ?? null } });
      return;
    }
    // A stopped service's last heartbeat is the last report it took part in.
    const reportedAt = await lastServiceReport(tx, "volume");
    await tx.storagePool.update({ where: { id }, data: op === "start" ? { serviceRunning: true } : { serviceRunning: false, lastHeartbeatAt: reportedAt } });
    record({ before: { serviceRunning: pool.serviceRunning }, after: { serviceRunning: op === "start" } });
  });
}

/**
 * Bind a pool to another AZ. HCS binds a pool to exactly one AZ, and a pool that holds volumes
 * cannot move (they and their attachments belong to its AZ). The pool's row is locked first, so
 * a creation claiming on it either committed before (its volume is counted) or waits until after.
 */
export async function movePool(actor: Actor, id: string, azId: string): Promise<void> {
  requirePermission(actor, "storage:manage");
  const pool = await findPool(id);
  const az = await db.availabilityZone.findUnique({ where: { id: azId } });
  if (!az) throw new NotFoundError("az", azId);
  if (pool.azId === azId) return;
  await audited(actor, { action: "storage.pool_move", targetType: "pool", targetId: id, vdcId: null }, async (tx, record) => {
    await sqlRun(tx, Prisma.sql`UPDATE "StoragePool" SET "updatedAt" = ${new Date()} WHERE "id" = ${id}`);
    const volumes = await tx.volume.count({ where: { poolId: id, deletedAt: null } });
    if (volumes > 0) throw new DomainError("INVALID_STATE", "pool holds volumes", { reason: "pool_has_volumes", pool: pool.name, volumes });
    await tx.storagePool.update({ where: { id }, data: { azId } });
    record({ before: { az: pool.azId }, after: { az: azId } });
  });
}

/** A type's extra specs as Cinder stores them, from the form's fields. */
function extraSpecsOf(input: VolumeTypeInput): Record<string, string> {
  const specs: Record<string, string> = {};
  if (input.backendName) specs.volume_backend_name = input.backendName;
  if (input.provisioning) specs["provisioning:type"] = input.provisioning;
  if (input.azIds?.length) specs["RESKEY:availability_zones"] = input.azIds.join(",");
  for (const s of input.specs ?? []) {
    if (s.key in specs) throw new DomainError("INVALID_INPUT", "duplicate spec", { reason: "spec_duplicate", key: s.key });
    specs[s.key] = s.value;
  }
  return specs;
}

async function checkVdcs(vdcIds: readonly string[]): Promise<void> {
  const found = await db.vdc.count({ where: { id: { in: [...vdcIds] } } });
  if (found !== new Set(vdcIds).size) throw new NotFoundError("vdc", vdcIds.join(","));
}

/** Create a volume type: its extra specs, QoS and access (public, or private and shared with VDCs). */
export async function createVolumeType(actor: Actor, input: VolumeTypeInput): Promise<{ id: string }> {
  requirePermission(actor, "storage:manage");
  const extraSpecs = extraSpecsOf(input);
  const azs = input.azIds ?? [];
  if (azs.length && (await db.availabilityZone.count({ where: { id: { in: azs } } })) !== new Set(azs).size) throw new NotFoundError("az", azs.join(","));
  const vdcIds = input.isPublic ? [] : (input.vdcIds ?? []);
  await checkVdcs(vdcIds);
  if (await db.volumeType.findFirst({ where: { name: input.name } })) throw new DomainError("CONFLICT", "name taken", { reason: "volume_type_name_taken", name: input.name });
  const id = randomUUID();
  const now = await cloudNow();
  await audited(actor, { action: "storage.type_create", targetType: "volume_type", targetId: id, vdcId: null }, async (tx, record) => {
    await tx.volumeType.create({
      data: { id, name: input.name, description: input.description ?? "", isPublic: input.isPublic, extraSpecs, qosIops: input.qosIops ?? null, qosMbps: input.qosMbps ?? null, createdAt: now, access: { create: vdcIds.map((vdcId) => ({ vdcId })) } },
    });
    record({ after: { name: input.name, extraSpecs, qosIops: input.qosIops ?? null, qosMbps: input.qosMbps ?? null, isPublic: input.isPublic, vdcIds } });
  });
  return { id };
}

/** Make a type public, or private and shared with exactly these VDCs (Cinder's type access). Volumes already created keep their type. */
export async function setVolumeTypeAccess(actor: Actor, id: string, isPublic: boolean, vdcIds: readonly string[]): Promise<void> {
  requirePermission(actor, "storage:manage");
  const type = await db.volumeType.findFirst({ where: { id, deletedAt: null }, include: { access: true } });
  if (!type) throw new NotFoundError("volume_type", id);
  const shared = isPublic ? [] : [...new Set(vdcIds)];
  await checkVdcs(shared);
  await audited(actor, { action: "storage.type_access", targetType: "volume_type", targetId: id, vdcId: null }, async (tx, record) => {
    await tx.volumeTypeAccess.deleteMany({ where: { volumeTypeId: id } });
    if (shared.length) await tx.volumeTypeAccess.createMany({ data: shared.map((vdcId) => ({ volumeTypeId: id, vdcId })) });
    await tx.volumeType.update({ where: { id }, data: { isPublic } });
    record({ before: { isPublic: type.isPublic, vdcIds: type.access.map((a) => a.vdcId) }, after: { isPublic, vdcIds: shared } });
  });
}

/**
 * Delete a volume type: refused while volumes of it exist (Cinder's VolumeTypeInUse). The row is
 * kept for the deleted volumes that name it, under a name that frees the original for reuse.
 */
export async function deleteVolumeType(actor: Actor, id: string): Promise<void> {
  requirePermission(actor, "storage:manage");
  const type = await db.volumeType.findFirst({ where: { id, deletedAt: null } });
  if (!type) throw new NotFoundError("volume_type", id);
  const now = await cloudNow();
  await audited(actor, { action: "storage.type_delete", targetType: "volume_type", targetId: id, vdcId: null }, async (tx, record) => {
    record({ before: { name: type.name } });
    const inUse = await tx.volume.count({ where: { volumeTypeId: id, deletedAt: null } });
    if (inUse > 0) throw new DomainError("INVALID_STATE", "type in use", { reason: "volume_type_in_use", type: type.name, volumes: inUse });
    const gone = await tx.volumeType.updateMany({ where: { id, deletedAt: null }, data: { deletedAt: now, name: `${type.name}~deleted-${id.slice(0, 8)}` } });
    if (gone.count !== 1) throw new NotFoundError("volume_type", id);
  });
}
