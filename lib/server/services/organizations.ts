import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import bcrypt from "bcryptjs";
import { assignmentScope, grantRefusal, passwordProblems } from "@/lib/cloud/identity";
import { canHaveChild, checkLimitChange, deleteRefusal, initialLimits, QUOTA_RESOURCES, type QuotaResource } from "@/lib/cloud/quota";
import { DomainError, ForbiddenError, NotFoundError } from "@/lib/cloud/shared";
import type { CreateUserInput, CreateVdcInput, QuotaInput, ResourceSetInput, UpdateUserInput } from "@/lib/schemas/organizations";
import { db, type Db, type Tx } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { isGlobalAdmin, managedVdcIds } from "../auth/org-scope";
import { audited } from "./audit";
import { sqlRun } from "../repositories/sql";

// Who manages what in the VDC tree:
// - a global operation admin (vdc:manage held without a VDC) manages every VDC, including the
//   first level;
// - a VDC admin manages the subtree under their VDC: child VDCs, their quotas and resource sets,
//   and users; never their own VDC's limits, which their parent's administrator sets.

type VdcRow = { id: string; name: string; parentId: string | null; level: number };

async function allVdcs(client: Db | Tx): Promise<VdcRow[]> {
  return client.vdc.findMany({ select: { id: true, name: true, parentId: true, level: true } });
}

/** May the actor manage the contents of this VDC (children, users, projects)? */
function assertManages(actor: Actor, vdcs: readonly VdcRow[], vdcId: string): void {
  requirePermission(actor, "vdc:manage");
  const managed = managedVdcIds(actor, vdcs);
  if (managed !== "all" && !managed.has(vdcId)) throw new NotFoundError("vdc", vdcId);
}

/** May the actor set this VDC's limits? Only from above: a strict ancestor's admin, or a global admin. */
function assertGoverns(actor: Actor, vdcs: readonly VdcRow[], vdc: VdcRow): void {
  requirePermission(actor, "vdc:manage");
  if (isGlobalAdmin(actor)) return;
  const managed = managedVdcIds(actor, vdcs);
  if (managed === "all") return;
  if (!managed.has(vdc.id)) throw new NotFoundError("vdc", vdc.id);
  if (actor.adminVdcIds.includes(vdc.id)) throw new DomainError("TREE_RULE", "own VDC", { reason: "own_limits", vdc: vdc.name });
}

async function findVdc(client: Db | Tx, id: string): Promise<VdcRow & { description: string }> {
  const v = await client.vdc.findUnique({ where: { id } });
  if (!v) throw new NotFoundError("vdc", id);
  return v;
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .slice(0, 40) || "vdc"
  );
}

export async function createVdc(actor: Actor, input: CreateVdcInput): Promise<{ id: string }> {
  requirePermission(actor, "vdc:manage");
  const vdcs = await allVdcs(db);
  const parent = input.parentId ? vdcs.find((v) => v.id === input.parentId) : null;
  if (input.parentId && !parent) throw new NotFoundError("vdc", input.parentId);
  if (!parent && !isGlobalAdmin(actor)) throw new ForbiddenError("vdc:manage");
  if (parent) assertManages(actor, vdcs, parent.id);
  if (parent && !canHaveChild(parent.level)) throw new DomainError("TREE_RULE", "too deep", { reason: "max_depth", vdc: parent.name });
  const regionId = input.regionId;
  if (!(await db.region.findUnique({ where: { id: regionId }, select: { id: true } }))) throw new NotFoundError("region", regionId);
  const azs = await db.availabilityZone.findMany({ where: { regionId }, select: { id: true } });
  const unknownAz = input.azIds.filter((a) => !azs.some((z) => z.id === a));
  if (unknownAz.length) throw new NotFoundError("az", unknownAz.join(","));

  return audited(actor, { action: "vdc.create", targetType: "vdc", vdcId: parent?.id ?? null }, async (tx, record) => {
    const parentLimits = parent ? Object.fromEntries((await tx.quota.findMany({ where: { vdcId: parent.id, regionId } })).map((q) => [q.resource, q.hardLimit])) : null;
    const limits = { ...initialLimits(parentLimits), ...(input.quotas ?? {}) } as Record<QuotaResource, number>;
    for (const r of QUOTA_RESOURCES) {
      const v = checkLimitChange({ newLimit: limits[r], used: 0, parentLimit: parentLimits ? (parentLimits[r] ?? 0) : null, children: [] });
      if (v) throw new DomainError("TREE_RULE", "quota", { reason: `quota_${v.code}`, resource: r, limit: limits[r], parentLimit: v.code === "exceeds_parent" ? v.parentLimit : 0 });
    }
    if (parent) {
      const parentSet = await tx.resourceSet.findUnique({ where: { vdcId_regionId: { vdcId: parent.id, regionId } } });
      const allowed = parentSet?.azIds.split(",").filter(Boolean) ?? [];
      const outside = input.azIds.filter((a) => !allowed.includes(a));
      if (outside.length) throw new DomainError("TREE_RULE", "AZ outside parent", { reason: "az_outside_parent", az: outside.join(", "), vdc: parent.name });
    }
    const dup = await tx.vdc.findFirst({ where: { parentId: parent?.id ?? null, name: input.name } });
    if (dup) throw new DomainError("CONFLICT", "name taken", { reason: "vdc_name_taken", name: input.name });
    const vdc = await tx.vdc.create({ data: { name: input.name, description: input.description ?? "", parentId: parent?.id ?? null, level: parent ? parent.level + 1 : 1 } });
    await tx.quota.createMany({ data: QUOTA_RESOURCES.map((r) => ({ vdcId: vdc.id, regionId, resource: r, hardLimit: limits[r] })) });
    if (input.azIds.length) await tx.resourceSet.create({ data: { vdcId: vdc.id, regionId, azIds: input.azIds.join(",") } });
    // Every VDC holds at least one project (the OpenStack tenant its resources belong to).
    let projectName = `${slug(input.name)}_default`;
    if (await tx.project.findUnique({ where: { name: projectName } })) projectName = `${projectName}_${vdc.id.slice(0, 6)}`;
    await tx.project.create({ data: { name: projectName, vdcId: vdc.id, description: "Default project" } });
    record({ targetId: vdc.id, vdcId: vdc.id, after: { name: vdc.name, parent: parent?.name ?? null, level: vdc.level, quotas: limits, azIds: input.azIds, project: projectName } });
    return { id: vdc.id };
  });
}

export async function updateVdc(actor: Actor, id: string, input: { name: string; description?: string | undefined }): Promise<void> {
  const vdcs = await allVdcs(db);
  const vdc = await findVdc(db, id);
  if (vdc.parentId) assertManages(actor, vdcs, vdc.parentId);
  else if (!isGlobalAdmin(actor)) throw new ForbiddenError("vdc:manage");
  await audited(actor, { action: "vdc.update", targetType: "vdc", targetId: id, vdcId: id }, async (tx, record) => {
    const dup = await tx.vdc.findFirst({ where: { parentId: vdc.parentId, name: input.name, id: { not: id } } });
    if (dup) throw new DomainError("CONFLICT", "name taken", { reason: "vdc_name_taken", name: input.name });
    await tx.vdc.update({ where: { id }, data: { name: input.name, description: input.description ?? vdc.description } });
    record({ before: { name: vdc.name, description: vdc.description }, after: { name: input.name, description: input.description ?? vdc.description } });
  });
}

export async function deleteVdc(actor: Actor, id: string): Promise<void> {
  const vdcs = await allVdcs(db);
  const vdc = await findVdc(db, id);
  if (vdc.parentId) assertManages(actor, vdcs, vdc.parentId);
  else if (!isGlobalAdmin(actor)) throw new ForbiddenError("vdc:manage");
  await audited(actor, { action: "vdc.delete", targetType: "vdc", targetId: id, vdcId: vdc.parentId ?? id }, async (tx, record) => {
    const [children, instances, users] = await Promise.all([
      tx.vdc.findMany({ where: { parentId: id }, select: { name: true } }),
      tx.instance.count({ where: { project: { vdcId: id }, deletedAt: null } }),
      tx.user.count({ where: { vdcId: id } }),
    ]);
    const refusal = deleteRefusal({ childNames: children.map((c) => c.name), resources: { instances, users } });
    if (refusal)
      throw new DomainError("TREE_RULE", "cannot delete", refusal.code === "has_children" ? { reason: "has_children", vdc: vdc.name, names: refusal.names.join(", ") } : { reason: "has_resources", vdc: vdc.name, kinds: refusal.kinds.join(", "), count: refusal.count });
    record({ before: { name: vdc.name, level: vdc.level } });
    // Deleted instances keep their history rows; detach nothing else: the VDC holds no live resources.
    await tx.roleAssignment.deleteMany({ where: { OR: [{ vdcId: id }, { project: { vdcId: id } }] } });
    await tx.task.deleteMany({ where: { instance: { project: { vdcId: id } } } });
    await tx.instance.deleteMany({ where: { project: { vdcId: id } } });
    await tx.project.deleteMany({ where: { vdcId: id } });
    await tx.vdc.delete({ where: { id } });
  });
}

export async function setQuota(actor: Actor, input: QuotaInput): Promise<void> {
  const vdcs = await allVdcs(db);
  const vdc = await findVdc(db, input.vdcId);
  assertGoverns(actor, vdcs, vdc);
  const { regionId, resource, limit } = input;
  await audited(actor, { action: "quota.update", targetType: "vdc", targetId: vdc.id, vdcId: vdc.id }, async (tx, record) => {
    const row = await tx.quota.findUnique({ where: { vdcId_regionId_resource: { vdcId: vdc.id, regionId, resource } } });
    const parentRow = vdc.parentId ? await tx.quota.findUnique({ where: { vdcId_regionId_resource: { vdcId: vdc.parentId, regionId, resource } } }) : null;
    const childIds = vdcs.filter((v) => v.parentId === vdc.id);
    const childRows = await tx.quota.findMany({ where: { vdcId: { in: childIds.map((c) => c.id) }, regionId, resource } });
    const violation = checkLimitChange({
      newLimit: limit,
      used: row?.used ?? 0,
      parentLimit: vdc.parentId ? (parentRow?.hardLimit ?? 0) : null,
      children: childRows.map((c) => ({ name: childIds.find((v) => v.id === c.vdcId)?.name ?? c.vdcId, limit: c.hardLimit })),
    });
    record({ before: { resource, limit: row?.hardLimit ?? null, used: row?.used ?? 0 }, after: { resource, limit } });
    if (violation)
      throw new DomainError("TREE_RULE", "quota", {
        reason: `quota_${violation.code}`,
        resource,
        limit,
        vdc: vdc.name,
        used: violation.code === "below_usage" ? violation.used : 0,
        parentLimit: violation.code === "exceeds_parent" ? violation.parentLimit : 0,
        child: violation.code === "below_child" ? violation.child : "-",
      });
    // Conditional on the usage still fitting: a reservation racing this change cannot end above it.
    const changed = row
      ? await sqlRun(tx, Prisma.sql`UPDATE "Quota" SET "hardLimit" = ${limit}, "updatedAt" = ${new Date()} WHERE "vdcId" = ${vdc.id} AND "regionId" = ${regionId} AND "resource" = ${resource} AND (${limit} = -1 OR "used" <= ${limit})`)
      : (await tx.quota.create({ data: { vdcId: vdc.id, regionId, resource, hardLimit: limit } }), 1);
    if (changed !== 1) throw new DomainError("CONFLICT", "usage changed", { reason: "usage_changed" });
  });
}

export async function setResourceSet(actor: Actor, input: ResourceSetInput): Promise<void> {
  const vdcs = await allVdcs(db);
  const vdc = await findVdc(db, input.vdcId);
  assertGoverns(actor, vdcs, vdc);
  const azs = await db.availabilityZone.findMany({ where: { regionId: input.regionId } });
  const unknown = input.azIds.filter((a) => !azs.some((z) => z.id === a));
  if (unknown.length) throw new NotFoundError("az", unknown.join(","));
  await audited(actor, { action: "resource_set.update", targetType: "vdc", targetId: vdc.id, vdcId: vdc.id }, async (tx, record) => {
    const current = await tx.resourceSet.findUnique({ where: { vdcId_regionId: { vdcId: vdc.id, regionId: input.regionId } } });
    if (vdc.parentId) {
      const parentSet = await tx.resourceSet.findUnique({ where: { vdcId_regionId: { vdcId: vdc.parentId, regionId: input.regionId } } });
      const allowed = parentSet?.azIds.split(",") ?? [];
      const outside = input.azIds.filter((a) => !allowed.includes(a));
      if (outside.length) throw new DomainError("TREE_RULE", "AZ outside parent", { reason: "az_outside_parent", az: outside.join(", "), vdc: vdc.name });
    }
    // A child may not keep an AZ its parent loses.
    const children = vdcs.filter((v) => v.parentId === vdc.id);
    const childSets = await tx.resourceSet.findMany({ where: { vdcId: { in: children.map((c) => c.id) }, regionId: input.regionId } });
    for (const cs of childSets) {
      const lost = cs.azIds.split(",").filter((a) => a && !input.azIds.includes(a));
      if (lost.length) throw new DomainError("TREE_RULE", "child uses AZ", { reason: "child_uses_az", child: children.find((c) => c.id === cs.vdcId)?.name ?? cs.vdcId, az: lost.join(", ") });
    }
    record({ before: { regionId: input.regionId, azIds: current?.azIds ?? null }, after: { regionId: input.regionId, azIds: input.azIds.join(",") } });
    if (input.azIds.length === 0) await tx.resourceSet.deleteMany({ where: { vdcId: vdc.id, regionId: input.regionId } });
    else
      await tx.resourceSet.upsert({
        where: { vdcId_regionId: { vdcId: vdc.id, regionId: input.regionId } },
        create: { vdcId: vdc.id, regionId: input.regionId, azIds: input.azIds.join(",") },
        update: { azIds: input.azIds.join(",") },
      });
  });
}

// ------------------------------------------------------------------ users and roles

/**
 * The role table's verdict on a grant (lib/cloud/identity `grantRefusal`), as the error the
 * caller sees: an unknown VDC or project, or one outside the grantor's subtree, is not-found;
 * a role the grantor may not give is forbidden; a scope the role cannot have is bad input.
 * Returns the VDC the role will be held on (a project's own VDC for a project grant).
 */
async function assertGrant(actor: Actor, vdcs: readonly VdcRow[], granteeId: string, role: string, vdcId: string | null, projectId: string | null): Promise<string | null> {
  if (vdcId && !vdcs.some((v) => v.id === vdcId)) throw new NotFoundError("vdc", vdcId);
  let heldOn = vdcId;
  if (projectId) {
    const project = await db.project.findUnique({ where: { id: projectId }, select: { vdcId: true } });
    if (!project || (vdcId && project.vdcId !== vdcId)) throw new NotFoundError("project", projectId);
    heldOn = project.vdcId;
  }
  const managed = managedVdcIds(actor, vdcs);
  const refusal = grantRefusal({
    grantor: { userId: actor.userId, globalAdmin: isGlobalAdmin(actor), managedVdcIds: managed === "all" ? new Set(vdcs.map((v) => v.id)) : managed, permissions: actor.permissions },
    granteeId,
    role,
    vdcId: heldOn,
    projectId,
  });
  switch (refusal) {
    case null:
      return heldOn;
    case "unknown_role":
      throw new DomainError("INVALID_INPUT", "role", { reason: "unknown_role" });
    case "scope_not_allowed":
      throw new DomainError("INVALID_INPUT", "role scope", { reason: "role_scope", role });
    case "outside_subtree":
      throw new NotFoundError("vdc", heldOn ?? "-");
    default:
      throw new ForbiddenError("user:manage", `grant_${refusal}`);
  }
}

function assertPassword(password: string, username: string): void {
  const problems = passwordProblems(password, username);
  if (problems.length) throw new DomainError("INVALID_INPUT", "password policy", { reason: `password_${problems[0]}` });
}

async function userInScope(actor: Actor, userId: string) {
  requirePermission(actor, "user:manage");
  const user = await db.user.findUnique({ where: { id: userId }, include: { roles: true } });
  if (!user) throw new NotFoundError("user", userId);
  const managed = managedVdcIds(actor, await allVdcs(db));
  if (managed !== "all" && (!user.vdcId || !managed.has(user.vdcId))) throw new NotFoundError("user", userId);
  return user;
}

export async function createUser(actor: Actor, input: CreateUserInput): Promise<{ id: string }> {
  requirePermission(actor, "user:manage");
  const vdcs = await allVdcs(db);
  const role = input.role;
  const vdcId = await assertGrant(actor, vdcs, "", role, input.vdcId, null);
  assertPassword(input.password, input.username);
  let projectId: string | null = null;
  if (role === "tenant_user" && vdcId) {
    const project = input.projectId
      ? await db.project.findFirst({ where: { id: input.projectId, vdcId } })
      : await db.project.findFirst({ where: { vdcId }, orderBy: { createdAt: "asc" } });
    if (!project) throw new DomainError("INVALID_INPUT", "project", { reason: "no_project" });
    projectId = project.id;
  }
  const passwordHash = await bcrypt.hash(input.password, 10);
  return audited(actor, { action: "user.create", targetType: "user", vdcId: input.vdcId ?? null }, async (tx, record) => {
    if (await tx.user.findUnique({ where: { username: input.username } })) throw new DomainError("CONFLICT", "username taken", { reason: "username_taken", name: input.username });
    const user = await tx.user.create({
      data: {
        username: input.username,
        displayName: input.displayName,
        email: input.email ?? "",
        passwordHash,
        vdcId: input.vdcId ?? null,
        projectId,
        roles: { create: { role, vdcId: input.vdcId ?? null, projectId: role === "tenant_user" ? projectId : null } },
      },
    });
    record({ targetId: user.id, after: { username: user.username, displayName: user.displayName, role, vdcId: input.vdcId ?? null, projectId } });
    return { id: user.id };
  });
}

export async function updateUser(actor: Actor, userId: string, input: UpdateUserInput): Promise<void> {
  const user = await userInScope(actor, userId);
  if (user.id === actor.userId && input.disabled) throw new DomainError("INVALID_INPUT", "self", { reason: "disable_self" });
  const passwordHash = input.password ? (assertPassword(input.password, user.username), await bcrypt.hash(input.password, 10)) : undefined;
  const action = input.password ? "user.reset_password" : input.disabled !== undefined && input.disabled !== user.disabled ? (input.disabled ? "user.disable" : "user.enable") : "user.update";
  await audited(actor, { action, targetType: "user", targetId: user.id, vdcId: user.vdcId }, async (tx, record) => {
    await tx.user.update({
      where: { id: user.id },
      data: {
        ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
        // A reset also clears a lockout: the administrator has vouched for the user.
        ...(passwordHash ? { passwordHash, failedLogins: 0, lockedUntil: null } : {}),
      },
    });
    // Disabling ends the user's sessions at once.
    if (input.disabled) await tx.userSession.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } });
    record({
      before: { displayName: user.displayName, email: user.email, disabled: user.disabled },
      after: { displayName: input.displayName ?? user.displayName, email: input.email ?? user.email, disabled: input.disabled ?? user.disabled, passwordReset: Boolean(passwordHash) },
    });
  });
}

export async function assignRole(actor: Actor, userId: string, input: { role: string; vdcId: string | null; projectId: string | null }): Promise<void> {
  const user = await userInScope(actor, userId);
  const role = input.role;
  const vdcs = await allVdcs(db);
  const vdcId = await assertGrant(actor, vdcs, user.id, role, input.vdcId, input.projectId);
  const projectId = input.projectId;
  await audited(actor, { action: "user.assign_role", targetType: "user", targetId: user.id, vdcId: vdcId ?? user.vdcId }, async (tx, record) => {
    const exists = await tx.roleAssignment.findFirst({ where: { userId: user.id, role, vdcId, projectId } });
    if (!exists) await tx.roleAssignment.create({ data: { userId: user.id, role, vdcId, projectId } });
    record({ before: { roles: user.roles.map((r) => r.role) }, after: { role, vdcId, projectId } });
  });
}

export async function removeRole(actor: Actor, userId: string, assignmentId: string): Promise<void> {
  const user = await userInScope(actor, userId);
  const assignment = user.roles.find((r) => r.id === assignmentId);
  if (!assignment) throw new NotFoundError("role", assignmentId);
  // Taking a role away needs the right to grant it there; giving up one's own role, or clearing a
  // row the role table does not allow (it grants nothing), needs only the user in scope.
  if (assignment.userId !== actor.userId && assignmentScope(assignment)) await assertGrant(actor, await allVdcs(db), user.id, assignment.role, assignment.projectId ? null : assignment.vdcId, assignment.projectId);
  await audited(actor, { action: "user.remove_role", targetType: "user", targetId: user.id, vdcId: user.vdcId }, async (tx, record) => {
    await tx.roleAssignment.delete({ where: { id: assignment.id } });
    record({ before: { role: assignment.role, vdcId: assignment.vdcId, projectId: assignment.projectId } });
  });
}

