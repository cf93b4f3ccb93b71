import "server-only";
import { dbReader } from "../db";
import { requirePermission, type Actor } from "../auth/actor";

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
