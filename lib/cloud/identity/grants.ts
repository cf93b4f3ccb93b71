// Where each role may be held and who may grant it: one table, one pure check. The grant service
// calls `grantRefusal`; `loadActor` reads assignments through `assignmentScope`, so a row the
// table does not allow (say a VDC-scoped role stored with no scope) grants nothing at all.
import { permissionsOf, type Role } from "./permissions";

/** global: no VDC, no project (sees every project); vdc: a VDC and its subtree; project: one project. */
export type RoleScope = "global" | "vdc" | "project";

/** Who may grant a role: only a global administrator, or also a VDC admin inside their subtree. */
export type Grantor = "global_admin" | "vdc_admin";

export interface RoleRule {
  scopes: readonly RoleScope[];
  grantedBy: readonly Grantor[];
}

export const ROLE_RULES: Readonly<Record<Role, RoleRule>> = {
  operation_admin: { scopes: ["global"], grantedBy: ["global_admin"] },
  om_admin: { scopes: ["global"], grantedBy: ["global_admin"] },
  cloud_admin: { scopes: ["global"], grantedBy: ["global_admin"] },
  auditor: { scopes: ["global"], grantedBy: ["global_admin"] },
  vdc_admin: { scopes: ["vdc"], grantedBy: ["global_admin", "vdc_admin"] },
  approver: { scopes: ["vdc"], grantedBy: ["global_admin", "vdc_admin"] },
  tenant_user: { scopes: ["vdc", "project"], grantedBy: ["global_admin", "vdc_admin"] },
};

/** The scope a stored assignment is held at: a project wins over its VDC column. */
export function storedScope(a: { vdcId: string | null; projectId: string | null }): RoleScope {
  return a.projectId ? "project" : a.vdcId ? "vdc" : "global";
}

/** The scope an assignment grants, or null when the table does not allow it (it then grants nothing). */
export function assignmentScope(a: { role: string; vdcId: string | null; projectId: string | null }): RoleScope | null {
  const rule = (ROLE_RULES as Record<string, RoleRule | undefined>)[a.role];
  if (!rule) return null;
  const scope = storedScope(a);
  return rule.scopes.includes(scope) ? scope : null;
}

export type GrantRefusal =
  | "unknown_role"
  | "self_grant"
  | "scope_not_allowed"
  | "not_grantable"
  | "above_own_rights"
  | "outside_subtree";

export interface GrantRequest {
  /** The grantor: a global administrator, or the VDCs whose subtrees they administer. */
  grantor: { userId: string; globalAdmin: boolean; managedVdcIds: ReadonlySet<string>; permissions: ReadonlySet<string> };
  granteeId: string;
  role: string;
  /** The VDC the role is held on; for a project grant, the project's VDC. */
  vdcId: string | null;
  projectId: string | null;
}

/**
 * May this grant be made? null when it may, else the rule that refuses. A VDC admin grants only
 * roles the table lets VDC admins grant, only on a VDC or project of their subtree (never with an
 * empty scope), never to themselves, and never a role with a permission they do not hold.
 */
export function grantRefusal(req: GrantRequest): GrantRefusal | null {
  const rule = (ROLE_RULES as Record<string, RoleRule | undefined>)[req.role];
  if (!rule) return "unknown_role";
  if (req.granteeId === req.grantor.userId) return "self_grant";
  const scope = storedScope(req);
  if (!rule.scopes.includes(scope)) return "scope_not_allowed";
  if (req.grantor.globalAdmin) return rule.grantedBy.includes("global_admin") ? null : "not_grantable";
  if (!rule.grantedBy.includes("vdc_admin")) return "not_grantable";
  for (const p of permissionsOf([req.role])) if (!req.grantor.permissions.has(p)) return "above_own_rights";
  if (!req.vdcId || !req.grantor.managedVdcIds.has(req.vdcId)) return "outside_subtree";
  return null;
}

/** The roles a grantor may give (optionally only those held at one scope), with where each may be held: the forms' choices. */
export function grantableRoles(globalAdmin: boolean, at?: RoleScope): { role: Role; scopes: readonly RoleScope[] }[] {
  const by: Grantor = globalAdmin ? "global_admin" : "vdc_admin";
  return (Object.keys(ROLE_RULES) as Role[]).filter((r) => ROLE_RULES[r].grantedBy.includes(by) && (!at || ROLE_RULES[r].scopes.includes(at))).map((role) => ({ role, scopes: ROLE_RULES[role].scopes }));
}
