import "server-only";
import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";

export interface FlavorDto {
  id: string;
  name: string;
  category: string;
  vcpus: number;
  ramMb: number;
  diskGb: number;
  extraSpecs: Record<string, string>;
  isPublic: boolean;
}
export interface ImageDto {
  id: string;
  name: string;
  diskFormat: string;
  architecture: string;
  hypervisorType: string | null;
  osType: string;
  osVersion: string;
  minDiskGb: number;
  minRamMb: number;
  sizeMb: number;
  visibility: string;
  status: string;
}

export async function listFlavors(actor: Actor): Promise<FlavorDto[]> {
  requirePermission(actor, "flavor:view");
  const rows = await db.flavor.findMany({ where: { deletedAt: null }, orderBy: [{ vcpus: "asc" }, { ramMb: "asc" }, { name: "asc" }] });
  return rows.map((f) => ({ id: f.id, name: f.name, category: f.category, vcpus: f.vcpus, ramMb: f.ramMb, diskGb: f.diskGb, isPublic: f.isPublic, extraSpecs: (f.extraSpecs ?? {}) as Record<string, string> }));
}

export async function listImages(actor: Actor): Promise<ImageDto[]> {
  requirePermission(actor, "image:view");
  const rows = await db.image.findMany({ where: { status: { not: "deleted" } }, orderBy: { name: "asc" } });
  return rows.map((i) => ({
    id: i.id,
    name: i.name,
    diskFormat: i.diskFormat,
    architecture: i.architecture,
    hypervisorType: i.hypervisorType,
    osType: i.osType,
    osVersion: i.osVersion,
    minDiskGb: i.minDiskGb,
    minRamMb: i.minRamMb,
    sizeMb: i.sizeMb,
    visibility: i.visibility,
    status: i.status,
  }));
}

export async function listAzs(): Promise<{ id: string; name: string; description: string; region: string }[]> {
  const rows = await db.availabilityZone.findMany({ include: { region: true }, orderBy: { name: "asc" } });
  return rows.map((a) => ({ id: a.id, name: a.name, description: a.description, region: a.region.name }));
}

export async function listRegions(): Promise<{ id: string; name: string; isDefault: boolean }[]> {
  return db.region.findMany({ orderBy: { name: "asc" } });
}
