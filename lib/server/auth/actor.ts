import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { ForbiddenError, NotFoundError } from "@/lib/cloud/shared";
import { assignmentScope, permissionsOf, type Permission } from "@/lib/cloud/identity";
import { subtreeIds } from "@/lib/cloud/quota";
import type { Db, Tx } from "../db";
import type { RoleAssignment, User } from "@/lib/generated/prisma/client";
import { findRow, sqlQuery } from "../repositories/sql";

/** Which projects' resources the caller may see: every project, or a list. */
export type Scope = { all: true } | { all: false; projectIds: readonly string[] };

/** The authenticated caller as every service sees it: who, what they may do, where. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  roles: string[];
  /** Roles held at global scope (the table's global roles, held with no VDC and no project). */
  globalRoles: string[];
  permissions: ReadonlySet<Permission>;
  scope: Scope;
  /** Where this user's launches go unless they pick another project in scope. */
  defaultProjectId: string | null;
  /** The user's own VDC (null for global roles). */
  vdcId: string | null;
  /** The VDCs whose subtrees this user administers (vdc_admin roles), for organization scope. */
  adminVdcIds: string[];
  /** The client address of the current request, for the audit log. */
  sourceIp: string | null;
  /** Where the request came in: the OpenStack-compatible API ("api"), or the console (absent). */
  channel?: "api";
  /** The time zone the user chose for the console (null: the browser's). */
  timeZone: string | null;
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!actor.permissions.has(permission)) throw new ForbiddenError(permission);
}

export function inScope(actor: Actor, projectId: string): boolean {
  return actor.scope.all || actor.scope.projectIds.includes(projectId);
}

/** A Prisma filter on projectId for the caller's scope. */
export function projectFilter(actor: Actor): { projectId?: { in: string[] } } {
  return actor.scope.all ? {} : { projectId: { in: [...actor.scope.projectIds] } };
}

/**
 * Load a user as an Actor. Each role assignment counts only at a scope the role table allows
 * (`assignmentScope`): a global role held globally sees every project; a role held on a VDC sees
 * the projects of that VDC's subtree; one held on a project sees that project. An assignment
 * stored at a scope its role may not have (a VDC role with no VDC) grants nothing.
 */
export async function loadActor(client: Db | Tx, userId: string): Promise<Actor | null> {
  // Every request loads its actor: plain statements rather than model queries (repositories/sql.ts).
  const user = await findRow<User>(client, "User", { id: userId });
  if (!user || user.disabled) return null;
  const assignments = await sqlQuery<RoleAssignment>(client, Prisma.sql`SELECT * FROM "RoleAssignment" WHERE "userId" = ${userId}`);
  const held = assignments.flatMap((r) => {
    const scope = assignmentScope(r);
    return scope ? [{ ...r, scope }] : [];
  });
  const roles = [...new Set(held.map((r) => r.role))];
  const permissions = permissionsOf(roles);
  const globalRoles = [...new Set(held.filter((r) => r.scope === "global").map((r) => r.role))];
  const all = permissions.has("ecs:view_all") || globalRoles.length > 0;
  const projectIds = new Set<string>();
  if (!all) {
    const vdcRoots = held.filter((r) => r.scope === "vdc").map((r) => r.vdcId as string);
    for (const r of held) if (r.scope === "project") projectIds.add(r.projectId as string);
    if (vdcRoots.length > 0) {
      const vdcs = await client.vdc.findMany({ select: { id: true, parentId: true } });
      const ids = new Set<string>();
      for (const root of vdcRoots) for (const id of subtreeIds(vdcs, root)) ids.add(id);
      const projects = await client.project.findMany({ where: { vdcId: { in: [...ids] } }, select: { id: true } });
      for (const p of projects) projectIds.add(p.id);
    }
  }
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    roles,
    globalRoles,
    permissions,
    scope: all ? { all: true } : { all: false, projectIds: [...projectIds] },
    defaultProjectId: user.projectId ?? [...projectIds][0] ?? null,
    vdcId: user.vdcId,
    adminVdcIds: held.filter((r) => r.role === "vdc_admin" && r.scope === "vdc").map((r) => r.vdcId as string),
    sourceIp: null,
    timeZone: user.timeZone,
  };
}

/** Tenant isolation: an id outside the caller's scope is "not found", never a refusal that leaks it. */
export function assertInScope<T extends { projectId: string }>(actor: Actor, entity: string, id: string, row: T | null): asserts row is T {
  if (!row || !inScope(actor, row.projectId)) throw new NotFoundError(entity, id);
}
