import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { extraSpecProblems } from "@/lib/cloud/compute";
import { DomainError, NotFoundError } from "@/lib/cloud/shared";
import type { CreateFlavorInput, HostGroupInput, RegisterImageInput } from "@/lib/schemas/compute";
import type { Tx } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { audited } from "./audit";

function assertSpecs(specs: Record<string, string>): void {
  const p = extraSpecProblems(specs)[0];
  if (!p) return;
  if (p.code === "bad_value") throw new DomainError("INVALID_INPUT", "extra spec", { reason: "spec_bad_value", key: p.key, allowed: p.allowed });
  if (p.code === "bad_key") throw new DomainError("INVALID_INPUT", "extra spec", { reason: "spec_bad_key", key: p.key });
  throw new DomainError("INVALID_INPUT", "extra spec", { reason: "spec_too_many" });
}

async function assertVdcs(tx: Tx, vdcIds: string[]): Promise<void> {
  const found = await tx.vdc.count({ where: { id: { in: vdcIds } } });
  if (found !== new Set(vdcIds).size) throw new NotFoundError("vdc", vdcIds.join(","));
}

export async function createFlavor(actor: Actor, input: CreateFlavorInput): Promise<{ id: string }> {
  requirePermission(actor, "flavor:manage");
  assertSpecs(input.extraSpecs);
  return audited(actor, { action: "flavor.create", targetType: "flavor", vdcId: null }, async (tx, record) => {
    if (await tx.flavor.findUnique({ where: { name: input.name } })) throw new DomainError("CONFLICT", "name taken", { reason: "flavor_name_taken", name: input.name });
    await assertVdcs(tx, input.vdcIds);
    const flavor = await tx.flavor.create({
      data: { id: input.name, name: input.name, category: input.category, vcpus: input.vcpus, ramMb: input.ramMb, diskGb: input.diskGb, ephemeralGb: input.ephemeralGb, swapMb: input.swapMb, isPublic: input.isPublic, extraSpecs: input.extraSpecs },
    });
    if (!input.isPublic && input.vdcIds.length) await tx.flavorAccess.createMany({ data: input.vdcIds.map((vdcId) => ({ flavorId: flavor.id, vdcId })) });
    record({ targetId: flavor.id, after: input });
    return { id: flavor.id };
  });
}

export async function updateFlavor(actor: Actor, input: { id: string; isPublic: boolean; extraSpecs: Record<string, string>; vdcIds: string[] }): Promise<void> {
  requirePermission(actor, "flavor:manage");
  assertSpecs(input.extraSpecs);
  await audited(actor, { action: "flavor.update", targetType: "flavor", targetId: input.id, vdcId: null }, async (tx, record) => {
    const flavor = await tx.flavor.findFirst({ where: { id: input.id, deletedAt: null }, include: { access: true } });
    if (!flavor) throw new NotFoundError("flavor", input.id);
    await assertVdcs(tx, input.vdcIds);
    await tx.flavor.update({ where: { id: flavor.id }, data: { isPublic: input.isPublic, extraSpecs: input.extraSpecs } });
    await tx.flavorAccess.deleteMany({ where: { flavorId: flavor.id } });
    if (!input.isPublic && input.vdcIds.length) await tx.flavorAccess.createMany({ data: input.vdcIds.map((vdcId) => ({ flavorId: flavor.id, vdcId })) });
    record({ before: { isPublic: flavor.isPublic, extraSpecs: flavor.extraSpecs, vdcIds: flavor.access.map((a) => a.vdcId) }, after: { isPublic: input.isPublic, extraSpecs: input.extraSpecs, vdcIds: input.vdcIds } });
  });
}

/** Soft delete: the flavor disappears from new launches; instances keep their copy of its resources. */
export async function deleteFlavor(actor: Actor, id: string): Promise<void> {
  requirePermission(actor, "flavor:manage");
  await audited(actor, { action: "flavor.delete", targetType: "flavor", targetId: id, vdcId: null }, async (tx, record) => {
    const changed = await tx.flavor.updateMany({ where: { id, deletedAt: null }, data: { deletedAt: new Date() } });
    if (changed.count !== 1) throw new NotFoundError("flavor", id);
    record({ before: { deleted: false }, after: { deleted: true } });
  });
}

/** A group's metadata or members changed: its hosts' rows change too, so the scheduler's host cache re-reads them. */
async function touchHosts(tx: Tx, hostIds: string[]): Promise<void> {
  if (hostIds.length) await tx.host.updateMany({ where: { id: { in: [...new Set(hostIds)] } }, data: { updatedAt: new Date() } });
}

/** Hosts may be in several groups, but all of a group's hosts are in the group's AZ. */
async function assertMembers(tx: Tx, azId: string, hostIds: string[]): Promise<void> {
  const hosts = await tx.host.findMany({ where: { id: { in: hostIds } }, select: { id: true, name: true, azId: true } });
  if (hosts.length !== new Set(hostIds).size) throw new NotFoundError("host", hostIds.join(","));
  const outside = hosts.find((h) => h.azId !== azId);
  if (outside) throw new DomainError("INVALID_INPUT", "host in another AZ", { reason: "host_other_az", host: outside.name, az: azId });
}

export async function createHostGroup(actor: Actor, input: HostGroupInput): Promise<{ id: string }> {
  requirePermission(actor, "host:manage");
  return audited(actor, { action: "host_group.create", targetType: "host_group", vdcId: null }, async (tx, record) => {
    if (!(await tx.availabilityZone.findUnique({ where: { id: input.azId } }))) throw new NotFoundError("az", input.azId);
    if (await tx.hostGroup.findUnique({ where: { name: input.name } })) throw new DomainError("CONFLICT", "name taken", { reason: "host_group_name_taken", name: input.name });
    await assertMembers(tx, input.azId, input.hostIds);
    const group = await tx.hostGroup.create({ data: { id: `hg-${input.name}`, name: input.name, azId: input.azId, metadata: input.metadata } });
    if (input.hostIds.length) await tx.hostGroupMember.createMany({ data: input.hostIds.map((hostId) => ({ hostGroupId: group.id, hostId })) });
    await touchHosts(tx, input.hostIds);
    record({ targetId: group.id, after: input });
    return { id: group.id };
  });
}

export async function updateHostGroup(actor: Actor, input: { id: string; metadata: Record<string, string>; hostIds: string[] }): Promise<void> {
  requirePermission(actor, "host:manage");
  await audited(actor, { action: "host_group.update", targetType: "host_group", targetId: input.id, vdcId: null }, async (tx, record) => {
    const group = await tx.hostGroup.findUnique({ where: { id: input.id }, include: { members: true } });
    if (!group) throw new NotFoundError("host_group", input.id);
    await assertMembers(tx, group.azId, input.hostIds);
    await tx.hostGroup.update({ where: { id: group.id }, data: { metadata: input.metadata } });
    await tx.hostGroupMember.deleteMany({ where: { hostGroupId: group.id } });
    if (input.hostIds.length) await tx.hostGroupMember.createMany({ data: input.hostIds.map((hostId) => ({ hostGroupId: group.id, hostId })) });
    await touchHosts(tx, [...group.members.map((m) => m.hostId), ...input.hostIds]);
    record({ before: { metadata: group.metadata, hostIds: group.members.map((m) => m.hostId) }, after: { metadata: input.metadata, hostIds: input.hostIds } });
  });
}

/** As Nova requires for an aggregate: remove its hosts first. */
export async function deleteHostGroup(actor: Actor, id: string): Promise<void> {
  requirePermission(actor, "host:manage");
  await audited(actor, { action: "host_group.delete", targetType: "host_group", targetId: id, vdcId: null }, async (tx, record) => {
    const group = await tx.hostGroup.findUnique({ where: { id }, include: { _count: { select: { members: true } } } });
    if (!group) throw new NotFoundError("host_group", id);
    if (group._count.members > 0) throw new DomainError("INVALID_INPUT", "group has hosts", { reason: "host_group_not_empty", name: group.name, count: group._count.members });
    await tx.hostGroup.delete({ where: { id } });
    record({ before: { name: group.name, azId: group.azId, metadata: group.metadata } });
  });
}


// ------------------------------------------------------------------ images

/**
 * Register an image. From Service OM it is active at once (its data is on the image store
 * already); through Glance's API it is "queued" until its data is uploaded (uploadImageData).
 */
export async function registerImage(actor: Actor, input: RegisterImageInput, opts: { queued?: boolean; ownerProjectId?: string | null; extra?: { vmMode?: string | null } } = {}): Promise<{ id: string }> {
  requirePermission(actor, "image:manage");
  return audited(actor, { action: "image.register", targetType: "image", vdcId: null }, async (tx, record) => {
    if (await tx.image.findUnique({ where: { name: input.name } })) throw new DomainError("CONFLICT", "name taken", { reason: "image_name_taken", name: input.name });
    const image = await tx.image.create({ data: { id: `img-${randomUUID()}`, ...input, hypervisorType: input.hypervisorType || null, vmMode: opts.extra?.vmMode ?? null, ownerProjectId: opts.ownerProjectId ?? null, status: opts.queued ? "queued" : "active" } });
    record({ targetId: image.id, after: { ...input, status: image.status } });
    return { id: image.id };
  });
}

/** The most an upload through Glance's API may carry: small images, kept whole in the database. */
export const MAX_IMAGE_UPLOAD_BYTES = 16 * 1024 * 1024;

/**
 * Glance's image data upload: a queued image gets its bytes, exact size and hashes and becomes
 * active, once (a conditional update on "queued": a second upload is refused, as Glance refuses it).
 */
export async function uploadImageData(actor: Actor, id: string, data: Buffer): Promise<void> {
  requirePermission(actor, "image:manage");
  if (data.length > MAX_IMAGE_UPLOAD_BYTES) throw new DomainError("PAYLOAD_TOO_LARGE", "image too large", { max: MAX_IMAGE_UPLOAD_BYTES });
  const checksum = createHash("md5").update(data).digest("hex");
  const hashSha512 = createHash("sha512").update(data).digest("hex");
  await audited(actor, { action: "image.upload", targetType: "image", targetId: id, vdcId: null }, async (tx, record) => {
    const image = await tx.image.findFirst({ where: { id, deletedAt: null } });
    if (!image) throw new NotFoundError("image", id);
    const changed = await tx.image.updateMany({ where: { id, status: "queued" }, data: { status: "active", sizeBytes: data.length, sizeMb: Math.max(1, Math.ceil(data.length / (1024 * 1024))), checksum, hashSha512 } });
    if (changed.count !== 1) throw new DomainError("CONFLICT", "image not queued", { reason: "image_not_queued", name: image.name, status: image.status });
    await tx.imageFile.create({ data: { imageId: id, data: new Uint8Array(data) } });
    record({ before: { status: "queued" }, after: { status: "active", bytes: data.length, checksum } });
  });
}

/** Deactivate (no new launches from it) or reactivate an image, as Glance does. */
export async function setImageActive(actor: Actor, id: string, active: boolean): Promise<void> {
  requirePermission(actor, "image:manage");
  await audited(actor, { action: active ? "image.reactivate" : "image.deactivate", targetType: "image", targetId: id, vdcId: null }, async (tx, record) => {
    const changed = await tx.image.updateMany({ where: { id, status: active ? "deactivated" : "active" }, data: { status: active ? "active" : "deactivated" } });
    if (changed.count !== 1) throw new NotFoundError("image", id);
    record({ before: { status: active ? "deactivated" : "active" }, after: { status: active ? "active" : "deactivated" } });
  });
}

/** Soft delete: status "deleted" now; the task runner purges the row later if no instance uses it. */
export async function deleteImage(actor: Actor, id: string, now: Date): Promise<void> {
  requirePermission(actor, "image:manage");
  await audited(actor, { action: "image.delete", targetType: "image", targetId: id, vdcId: null }, async (tx, record) => {
    const image = await tx.image.findFirst({ where: { id, status: { not: "deleted" } } });
    if (!image) throw new NotFoundError("image", id);
    await tx.image.update({ where: { id }, data: { status: "deleted", deletedAt: now } });
    record({ before: { status: image.status }, after: { status: "deleted" } });
  });
}
