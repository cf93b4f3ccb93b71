// Permissions are data: ROLE_PERMISSIONS decides what every role may do. Code checks a
// permission ("host:disable"), never a role name, so changing a role is a change to this table.

export const ROLES = [
  "operation_admin",
  "vdc_admin",
  "tenant_user",
  "approver",
  "om_admin",
  "cloud_admin",
  "auditor",
] as const;
export type Role = (typeof ROLES)[number];

export const PORTALS = ["sc", "oc", "service-om", "cps", "esight"] as const;
export type Portal = (typeof PORTALS)[number];

export const PERMISSIONS = [
  // portals
  "portal:sc",
  "portal:oc",
  "portal:service-om",
  "portal:cps",
  "portal:esight",
  // tenant self-service (scoped to the caller's projects or VDC subtree)
  "ecs:view",
  "ecs:create",
  "ecs:operate",
  "ecs:delete",
  // every tenant's instances (operators)
  "ecs:view_all",
  "ecs:operate_all",
  // Nova's forced host (`az:host` at launch)
  "ecs:force_host",
  // EVS volumes (the caller's projects; _all: every tenant's, for operators)
  "evs:view",
  "evs:create",
  "evs:operate",
  "evs:delete",
  "evs:view_all",
  "evs:operate_all",
  // VPCs, subnets, security groups, EIPs and ECS interfaces (the caller's projects; view_all: every tenant's)
  "vpc:view",
  "vpc:manage",
  "vpc:view_all",
  // external networks, segments and network agents (Service OM)
  "network:manage",
  // storage pools, volume types and backends (Service OM)
  "storage:view",
  "storage:manage",
  // organizations
  "vdc:view",
  "vdc:manage",
  "user:view",
  "user:manage",
  "audit:view",
  "order:approve",
  // every order, not only one's own or one's inbox (reading; deciding is order:approve)
  "order:view_all",
  // the service catalog and approval processes (operation admin; VDC admins for their subtree)
  "catalog:view",
  "catalog:manage",
  "process:view",
  "process:manage",
  // virtual layer
  "host:view",
  "host:manage",
  "flavor:view",
  "flavor:manage",
  "image:view",
  "image:manage",
  "capacity:view",
  // deployment and settings
  "deploy:view",
  "settings:view",
  "settings:edit",
  "clock:edit",
  // hardware
  "hardware:view",
  // alarms (O&M): read them, and acknowledge, clear and comment on them
  "alarm:view",
  "alarm:handle",
  // fault drills: fail and repair hardware on purpose (O&M and cloud admins)
  "drill:run",
  // threshold rules of the alarm engine (O&M and cloud admins; everyone with alarm:view reads them)
  "threshold:manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const VIEW_EVERYTHING: Permission[] = [
  "portal:sc",
  "portal:oc",
  "portal:service-om",
  "portal:cps",
  "portal:esight",
  "ecs:view",
  "ecs:view_all",
  "evs:view",
  "evs:view_all",
  "vpc:view",
  "vpc:view_all",
  "storage:view",
  "vdc:view",
  "user:view",
  "audit:view",
  "order:view_all",
  "catalog:view",
  "process:view",
  "host:view",
  "flavor:view",
  "image:view",
  "capacity:view",
  "deploy:view",
  "settings:view",
  "hardware:view",
  "alarm:view",
];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  operation_admin: ["portal:sc", "vdc:view", "vdc:manage", "user:view", "user:manage", "audit:view", "order:approve", "order:view_all", "catalog:view", "catalog:manage", "process:view", "process:manage", "ecs:view", "evs:view", "vpc:view", "flavor:view", "image:view"],
  vdc_admin: ["portal:sc", "vdc:view", "vdc:manage", "user:view", "user:manage", "audit:view", "order:approve", "process:view", "process:manage", "ecs:view", "ecs:create", "ecs:operate", "ecs:delete", "evs:view", "evs:create", "evs:operate", "evs:delete", "vpc:view", "vpc:manage", "flavor:view", "image:view"],
  tenant_user: ["portal:sc", "ecs:view", "ecs:create", "ecs:operate", "ecs:delete", "evs:view", "evs:create", "evs:operate", "evs:delete", "vpc:view", "vpc:manage", "flavor:view", "image:view"],
  approver: ["portal:sc", "order:approve", "ecs:view", "evs:view", "vpc:view"],
  om_admin: ["portal:oc", "portal:esight", "capacity:view", "host:view", "hardware:view", "deploy:view", "alarm:view", "alarm:handle", "drill:run", "threshold:manage"],
  cloud_admin: [
    "portal:service-om",
    "portal:cps",
    "portal:oc",
    "portal:esight",
    "ecs:view",
    "ecs:view_all",
    "ecs:operate_all",
    // An administrator may launch into any project, on a host of their choosing (az:host).
    "ecs:create",
    "ecs:force_host",
    "evs:view",
    "evs:view_all",
    "evs:operate_all",
    "evs:create",
    "storage:view",
    "storage:manage",
    "vpc:view",
    "vpc:view_all",
    "vpc:manage",
    "network:manage",
    "host:view",
    "host:manage",
    "vdc:view",
    "flavor:view",
    "flavor:manage",
    "image:view",
    "image:manage",
    "capacity:view",
    "deploy:view",
    "settings:view",
    "settings:edit",
    "clock:edit",
    "hardware:view",
    "alarm:view",
    "alarm:handle",
    "drill:run",
    "threshold:manage",
  ],
  // Read-only: sees everything a console shows, changes nothing.
  auditor: VIEW_EVERYTHING,
};

/** Roles that may decide orders: the only roles an approval level may name. */
export const APPROVER_ROLES: readonly Role[] = ROLES.filter((r) => ROLE_PERMISSIONS[r].includes("order:approve"));

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function permissionsOf(roles: readonly string[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const r of roles) if (isRole(r)) for (const p of ROLE_PERMISSIONS[r]) out.add(p);
  return out;
}

export function hasPermission(roles: readonly string[], permission: Permission): boolean {
  return permissionsOf(roles).has(permission);
}

export function portalsOf(roles: readonly string[]): Portal[] {
  const perms = permissionsOf(roles);
  return PORTALS.filter((p) => perms.has(`portal:${p}`));
}

/** Where a user lands after signing in: the first portal their roles open. */
export function homePortal(roles: readonly string[]): Portal | null {
  return portalsOf(roles)[0] ?? null;
}
