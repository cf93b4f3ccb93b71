import type { Permission, Portal } from "@/lib/cloud/identity";

export interface NavItem {
  href: string;
  /** Key under "nav" in the messages. */
  label: string;
  /** Shown to callers holding this permission, or any of these. */
  permission: Permission | readonly Permission[];
  icon: "volumes" | "keyPairs" | "hostGroups" | "serverGroups" | "catalog" | "orders" | "approvals" | "products" | "processes" | "placement" | "organizations" | "users" | "audit" | "dashboard" | "server" | "hosts" | "flavors" | "images" | "capacity" | "topology" | "settings" | "hardware" | "instances" | "pools" | "volumeTypes" | "vpcs" | "securityGroups" | "eips" | "networks" | "alarms";
}

/** Each portal's left menu; an item shows only to callers holding its permission. */
export const NAV: Record<Portal, NavItem[]> = {
  sc: [
    { href: "/sc", label: "sc.overview", permission: "portal:sc", icon: "dashboard" },
    { href: "/sc/ecs", label: "sc.ecs", permission: "ecs:view", icon: "server" },
    { href: "/sc/evs", label: "sc.evs", permission: "evs:view", icon: "volumes" },
    { href: "/sc/vpcs", label: "sc.vpcs", permission: "vpc:view", icon: "vpcs" },
    { href: "/sc/security-groups", label: "sc.securityGroups", permission: "vpc:view", icon: "securityGroups" },
    { href: "/sc/eips", label: "sc.eips", permission: "vpc:view", icon: "eips" },
    { href: "/sc/server-groups", label: "sc.serverGroups", permission: "ecs:view", icon: "serverGroups" },
    { href: "/sc/key-pairs", label: "sc.keyPairs", permission: "ecs:create", icon: "keyPairs" },
    { href: "/sc/catalog", label: "sc.catalog", permission: "ecs:create", icon: "catalog" },
    { href: "/sc/orders", label: "sc.orders", permission: ["ecs:create", "order:view_all"], icon: "orders" },
    { href: "/sc/approvals", label: "sc.approvals", permission: ["order:approve", "order:view_all"], icon: "approvals" },
    { href: "/sc/products", label: "sc.products", permission: "catalog:view", icon: "products" },
    { href: "/sc/processes", label: "sc.processes", permission: "process:view", icon: "processes" },
    { href: "/sc/organizations", label: "sc.organizations", permission: "vdc:view", icon: "organizations" },
    { href: "/sc/users", label: "sc.users", permission: "user:view", icon: "users" },
    { href: "/sc/audit", label: "sc.audit", permission: "audit:view", icon: "audit" },
  ],
  oc: [
    { href: "/oc", label: "oc.capacity", permission: "capacity:view", icon: "capacity" },
    { href: "/oc/alarms", label: "oc.alarms", permission: "alarm:view", icon: "alarms" },
    { href: "/oc/reports", label: "oc.reports", permission: "capacity:view", icon: "capacity" },
    { href: "/oc/thresholds", label: "oc.thresholds", permission: "alarm:view", icon: "settings" },
  ],
  "service-om": [
    { href: "/service-om", label: "som.overview", permission: "capacity:view", icon: "dashboard" },
    { href: "/service-om/hosts", label: "som.hosts", permission: "host:view", icon: "hosts" },
    { href: "/service-om/host-groups", label: "som.hostGroups", permission: "host:view", icon: "hostGroups" },
    { href: "/service-om/instances", label: "som.instances", permission: "ecs:view_all", icon: "instances" },
    { href: "/service-om/placement", label: "som.placement", permission: "host:view", icon: "placement" },
    { href: "/service-om/flavors", label: "som.flavors", permission: "flavor:view", icon: "flavors" },
    { href: "/service-om/images", label: "som.images", permission: "image:view", icon: "images" },
    { href: "/service-om/storage-pools", label: "som.storagePools", permission: "storage:view", icon: "pools" },
    { href: "/service-om/volume-types", label: "som.volumeTypes", permission: "storage:view", icon: "volumeTypes" },
    { href: "/service-om/networks", label: "som.networks", permission: "network:manage", icon: "networks" },
  ],
  cps: [
    { href: "/cps", label: "cps.topology", permission: "deploy:view", icon: "topology" },
    { href: "/cps/settings", label: "cps.settings", permission: "settings:view", icon: "settings" },
  ],
  esight: [
    { href: "/esight", label: "esight.devices", permission: "hardware:view", icon: "hardware" },
    { href: "/esight/alarms", label: "esight.alarms", permission: "alarm:view", icon: "alarms" },
  ],
};

/** Whether the caller holds the item's permission (or one of them). */
export function showsTo(item: Pick<NavItem, "permission">, permissions: ReadonlySet<Permission>): boolean {
  return typeof item.permission === "string" ? permissions.has(item.permission) : item.permission.some((p) => permissions.has(p));
}
