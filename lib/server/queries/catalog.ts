import "server-only";
import type { FlavorListParams, HostGroupListParams, ImageListParams } from "@/lib/schemas/compute";
import { pageInMemory, type Page } from "./paging";
import { db } from "../db";
import { projectFilter, requirePermission, type Actor } from "../auth/actor";

export interface FlavorDto {
  id: string;
  name: string;
  category: string;
  vcpus: number;
  ramMb: number;
  diskGb: number;
  ephemeralGb: number;
  swapMb: number;
  extraSpecs: Record<string, string>;
  isPublic: boolean;
  /** VDCs a private flavor is shared with (only for flavor managers). */
  vdcIds: string[];
  instances: number;
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
  /** The project owning a private image (a snapshot); null for the cloud's own images. */
  ownerProjectId: string | null;
  instances: number;
  createdAt: string;
}

/**
 * Flavors the caller may see: every one for flavor managers and global viewers; for a tenant, the
 * public ones and the private ones shared with the VDC of their project.
 */
/** Instance counts are of the caller's own scope: a tenant never learns how busy other tenants are. */
export async function listFlavors(actor: Actor): Promise<FlavorDto[]> {
  requirePermission(actor, "flavor:view");
  const all = actor.permissions.has("flavor:manage") || actor.scope.all;
  let vdcId: string | null = null;
  if (!all && actor.defaultProjectId) vdcId = (await db.project.findUnique({ where: { id: actor.defaultProjectId } }))?.vdcId ?? null;
  const rows = await db.flavor.findMany({
    where: { deletedAt: null, ...(all ? {} : { OR: [{ isPublic: true }, ...(vdcId ? [{ access: { some: { vdcId } } }] : [])] }) },
    include: { access: true, _count: { select: { instances: { where: { deletedAt: null, ...projectFilter(actor) } } } } },
    orderBy: [{ vcpus: "asc" }, { ramMb: "asc" }, { name: "asc" }],
  });
  return rows.map((f) => ({
    id: f.id,
    name: f.name,
    category: f.category,
    vcpus: f.vcpus,
    ramMb: f.ramMb,
    diskGb: f.diskGb,
    ephemeralGb: f.ephemeralGb,
    swapMb: f.swapMb,
    isPublic: f.isPublic,
    extraSpecs: (f.extraSpecs ?? {}) as Record<string, string>,
    vdcIds: actor.permissions.has("flavor:manage") ? f.access.map((a) => a.vdcId) : [],
    instances: f._count.instances,
  }));
}

export interface HostGroupDto {
  id: string;
  name: string;
  az: string;
  metadata: Record<string, string>;
  hostIds: string[];
  hosts: string[];
}

export async function listHostGroups(actor: Actor): Promise<HostGroupDto[]> {
  requirePermission(actor, "host:view");
  const rows = await db.hostGroup.findMany({ include: { members: { include: { host: { select: { name: true } } } } }, orderBy: [{ azId: "asc" }, { name: "asc" }] });
  return rows.map((g) => ({
    id: g.id,
    name: g.name,
    az: g.azId,
    metadata: (g.metadata ?? {}) as Record<string, string>,
    hostIds: g.members.map((m) => m.hostId),
    hosts: g.members.map((m) => m.host.name).sort(),
  }));
}

export async function hostsByAz(actor: Actor): Promise<Record<string, { id: string; name: string }[]>> {
  requirePermission(actor, "host:view");
  const hosts = await db.host.findMany({ select: { id: true, name: true, azId: true }, orderBy: { name: "asc" } });
  const out: Record<string, { id: string; name: string }[]> = {};
  for (const h of hosts) (out[h.azId] ??= []).push({ id: h.id, name: h.name });
  return out;
}

export async function listImages(actor: Actor): Promise<ImageDto[]> {
  requirePermission(actor, "image:view");
  const manager = actor.permissions.has("image:manage");
  // Private images (instance snapshots) are visible to their own project only, and to operators.
  const visible = manager || actor.scope.all ? {} : { OR: [{ visibility: { not: "private" } }, { ownerProjectId: { in: [...actor.scope.projectIds] } }] };
  const rows = await db.image.findMany({ where: manager ? {} : { status: "active", ...visible }, include: { _count: { select: { instances: { where: { deletedAt: null, ...projectFilter(actor) } } } } }, orderBy: { name: "asc" } });
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
    ownerProjectId: i.ownerProjectId,
    instances: i._count.instances,
    createdAt: i.createdAt.toISOString(),
  }));
}

// The configuration lists (flavors, images, host groups) hold tens to hundreds of rows, and
// their visibility rules (flavor access, private images) are the list functions above: each
// page is cut from those, searched, filtered and sorted on the server, never in the browser.

/** One page of the flavors the caller may see (by size unless sorted otherwise). */
export async function pageFlavors(actor: Actor, p: FlavorListParams): Promise<Page<FlavorDto>> {
  const q = p.q?.toLowerCase();
  const rows = (await listFlavors(actor)).filter((f) => (!p.category || f.category === p.category) && (!p.visibility || (p.visibility === "public") === f.isPublic) && (!q || f.name.toLowerCase().includes(q)));
  return pageInMemory(rows, p, { name: (f) => f.name, vcpus: (f) => f.vcpus * 1e7 + f.ramMb, ramMb: (f) => f.ramMb, diskGb: (f) => f.diskGb, instances: (f) => f.instances }, "vcpus", "asc");
}

/** One page of the images the caller may see, newest first. */
export async function pageImages(actor: Actor, p: ImageListParams): Promise<Page<ImageDto>> {
  const q = p.q?.toLowerCase();
  const rows = (await listImages(actor)).filter(
    (i) => (!p.status || i.status === p.status) && (!p.arch || i.architecture === p.arch) && (!p.visibility || i.visibility === p.visibility) && (!q || i.name.toLowerCase().includes(q) || i.osVersion.toLowerCase().includes(q)),
  );
  return pageInMemory(rows, p, { name: (i) => i.name, sizeMb: (i) => i.sizeMb, instances: (i) => i.instances, createdAt: (i) => i.createdAt }, "createdAt", "desc");
}

/** One page of the host groups (aggregates), by name. */
export async function pageHostGroups(actor: Actor, p: HostGroupListParams): Promise<Page<HostGroupDto>> {
  const q = p.q?.toLowerCase();
  const rows = (await listHostGroups(actor)).filter((g) => (!p.az || g.az === p.az) && (!q || g.name.toLowerCase().includes(q) || Object.values(g.metadata).some((v) => v.toLowerCase().includes(q))));
  return pageInMemory(rows, p, { name: (g) => g.name, az: (g) => g.az, hosts: (g) => g.hosts.length }, "name", "asc");
}

export async function listAzs(): Promise<{ id: string; name: string; description: string; region: string; regionId: string }[]> {
  const rows = await db.availabilityZone.findMany({ include: { region: true }, orderBy: { name: "asc" } });
  return rows.map((a) => ({ id: a.id, name: a.name, description: a.description, region: a.region.name, regionId: a.regionId }));
}

export async function listRegions(): Promise<{ id: string; name: string; isDefault: boolean }[]> {
  return db.region.findMany({ orderBy: { name: "asc" } });
}
