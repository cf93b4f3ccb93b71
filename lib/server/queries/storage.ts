import "server-only";
import { dbReader } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { NotFoundError } from "@/lib/cloud/shared";
import { poolRows } from "./infrastructure";
import { listImages } from "./catalog";
import { imageMinimumGb } from "@/lib/cloud/storage";
import { VOLUME_MIN_GB } from "@/lib/schemas/disks";

/**
 * The volume types the caller may use or see: every one for storage administrators and readers,
 * else the public ones and the private ones shared with a VDC the caller belongs to.
 */
export async function listVolumeTypes(actor: Actor) {
  if (!actor.permissions.has("storage:view")) requirePermission(actor, "evs:view");
  const all = actor.permissions.has("storage:view");
  const rows = await dbReader.volumeType.findMany({ where: { deletedAt: null }, include: { access: true }, orderBy: { name: "asc" } });
  return rows
    .filter((t) => all || t.isPublic || t.access.some((a) => a.vdcId === actor.vdcId))
    .map((t) => ({ id: t.id, name: t.name, description: t.description, isPublic: t.isPublic, extraSpecs: t.extraSpecs as Record<string, string>, qosIops: t.qosIops, qosMbps: t.qosMbps }));
}

/** Service OM's pools: every pool with its figures, backend and service state. */
export async function listPools(actor: Actor): Promise<PoolDto[]> {
  requirePermission(actor, "storage:view");
  return poolRows();
}

export type PoolDto = Awaited<ReturnType<typeof poolRows>>[number];

/** One pool (its volumes are listed through listVolumes with the pool filter). */
export async function getPool(actor: Actor, id: string): Promise<PoolDto> {
  requirePermission(actor, "storage:view");
  const [pool] = await poolRows({ id });
  if (!pool) throw new NotFoundError("pool", id);
  return pool;
}

export interface VolumeTypeAdminDto {
  id: string;
  name: string;
  description: string;
  isPublic: boolean;
  extraSpecs: Record<string, string>;
  qosIops: number | null;
  qosMbps: number | null;
  /** The VDCs a private type is shared with. */
  vdcs: { id: string; name: string }[];
  volumes: number;
}

/** Service OM's volume types: specs, QoS, access and how many volumes use each. */
export async function listVolumeTypesAdmin(actor: Actor): Promise<VolumeTypeAdminDto[]> {
  requirePermission(actor, "storage:view");
  const [rows, vdcs, counts] = await Promise.all([
    dbReader.volumeType.findMany({ where: { deletedAt: null }, include: { access: true }, orderBy: { name: "asc" } }),
    dbReader.vdc.findMany({ select: { id: true, name: true } }),
    dbReader.volume.groupBy({ by: ["volumeTypeId"], where: { deletedAt: null }, _count: { _all: true } }),
  ]);
  const names = new Map(vdcs.map((v) => [v.id, v.name]));
  const used = new Map(counts.map((c) => [c.volumeTypeId, c._count._all]));
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    description: t.description,
    isPublic: t.isPublic,
    extraSpecs: t.extraSpecs as Record<string, string>,
    qosIops: t.qosIops,
    qosMbps: t.qosMbps,
    vdcs: t.access.map((a) => ({ id: a.vdcId, name: names.get(a.vdcId) ?? a.vdcId })),
    volumes: used.get(t.id) ?? 0,
  }));
}

/** The VDCs a private volume type can be shared with, by name (storage administrators only). */
export async function shareableVdcs(actor: Actor): Promise<{ id: string; name: string }[]> {
  requirePermission(actor, "storage:manage");
  return dbReader.vdc.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}

/** The backend names the pools report (volume_backend_name), for a type's form. */
export async function backendNames(actor: Actor): Promise<string[]> {
  requirePermission(actor, "storage:view");
  const rows = await dbReader.storagePool.findMany({ select: { backendName: true }, distinct: ["backendName"], orderBy: { backendName: "asc" } });
  return rows.map((r) => r.backendName);
}

/** The images a volume can be created from (active, visible to the caller), each with the smallest size Cinder accepts for it. */
export async function volumeSourceImages(actor: Actor): Promise<{ id: string; name: string; minGb: number }[]> {
  if (!actor.permissions.has("image:view")) return [];
  const images = await listImages(actor);
  return images.filter((i) => i.status === "active").map((i) => ({ id: i.id, name: i.name, minGb: Math.max(VOLUME_MIN_GB, imageMinimumGb(i)) }));
}
