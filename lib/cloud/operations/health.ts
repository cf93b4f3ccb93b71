// Device health as eSight shows it: green (normal), yellow (warning: a fault the device survives,
// redundancy lost) and red (critical: the device, or a service it carries, is down). A device's
// health is the worst of what its components contribute, and each contribution names the rule
// that produced it, so the page can say why a device is yellow:
//
// - a redundant set (power supplies, fans, a NIC bond, array controllers) is yellow while fewer
//   than all of its members work but at least the ones it needs do, and red below that;
// - a RAID group is yellow when degraded (it still serves, without redundancy) and red when
//   failed; a disk outside any group is yellow when it fails;
// - a failed CPU is red (the server stops); a failed DIMM is yellow (isolated, capacity reduced);
// - a switch port that is down is yellow; red when it was the last working uplink;
// - a compute service that is down is red; a host that an administrator disabled for maintenance
//   is not a fault: it stays green and carries a maintenance mark instead.

export type Health = "normal" | "warning" | "critical";

const RANK: Record<Health, number> = { normal: 0, warning: 1, critical: 2 };

export function worse(a: Health, b: Health): Health {
  return RANK[a] >= RANK[b] ? a : b;
}

export function healthRank(h: Health): number {
  return RANK[h];
}

export type ComponentKind = "cpu" | "dimm" | "disk" | "psu" | "fan" | "nic" | "port" | "controller" | "enclosure";

export interface ComponentStatus {
  id: string;
  kind: ComponentKind;
  failed: boolean;
  /** Members of one redundant set share a group (a PSU pair, a fan wall, a NIC bond, a controller pair). */
  redundancyGroup?: string;
  /** A switch port that is an uplink: losing every uplink cuts the switch off. */
  uplink?: boolean;
}

export interface RedundantSet {
  group: string;
  kind: ComponentKind;
  members: number;
  working: number;
  /** How many must work for the device to keep running (N in N+M). */
  needed: number;
}

export type RaidGroupState = "normal" | "degraded" | "failed";

export interface DeviceFacts {
  components: readonly ComponentStatus[];
  /** How many members each redundant set needs; a set not named needs one. */
  needed?: Readonly<Record<string, number>>;
  /** The RAID groups built on the device's disks, by name. */
  raidGroups?: readonly { name: string; state: RaidGroupState }[];
  /** Disks that belong to a RAID group: their failure counts through the group, not alone. */
  disksInGroups?: ReadonlySet<string>;
  /** A compute host's service state, when the device is one. */
  serviceDown?: boolean;
  /** Disabled by an administrator (maintenance): shown, never a fault. */
  maintenance?: boolean;
}

export type HealthRule = "component_failed" | "redundancy_lost" | "redundancy_exhausted" | "raid_degraded" | "raid_failed" | "cpu_failed" | "uplinks_down" | "service_down";

export interface HealthReason {
  rule: HealthRule;
  health: Health;
  /** The component, redundant set or RAID group the reason is about. */
  subject: string;
  kind?: ComponentKind;
}

export interface DeviceHealthView {
  health: Health;
  maintenance: boolean;
  reasons: HealthReason[];
}

/** The device's health and every reason for it, worst first. */
export function rollUpHealth(facts: DeviceFacts): DeviceHealthView {
  const reasons: HealthReason[] = [];
  const sets = new Map<string, RedundantSet>();
  for (const c of facts.components) {
    if (c.redundancyGroup) {
      const set = sets.get(c.redundancyGroup) ?? { group: c.redundancyGroup, kind: c.kind, members: 0, working: 0, needed: facts.needed?.[c.redundancyGroup] ?? 1 };
      set.members++;
      if (!c.failed) set.working++;
      sets.set(c.redundancyGroup, set);
      continue;
    }
    if (!c.failed) continue;
    if (c.kind === "cpu") reasons.push({ rule: "cpu_failed", health: "critical", subject: c.id, kind: c.kind });
    else if (c.kind === "disk" && facts.disksInGroups?.has(c.id)) continue;
    else reasons.push({ rule: "component_failed", health: "warning", subject: c.id, kind: c.kind });
  }
  for (const set of sets.values()) {
    if (set.working >= set.members) continue;
    reasons.push(set.working >= set.needed ? { rule: "redundancy_lost", health: "warning", subject: set.group, kind: set.kind } : { rule: "redundancy_exhausted", health: "critical", subject: set.group, kind: set.kind });
  }
  const uplinks = facts.components.filter((c) => c.kind === "port" && c.uplink);
  if (uplinks.length > 0 && uplinks.every((c) => c.failed)) reasons.push({ rule: "uplinks_down", health: "critical", subject: "uplinks", kind: "port" });
  for (const g of facts.raidGroups ?? []) {
    if (g.state === "degraded") reasons.push({ rule: "raid_degraded", health: "warning", subject: g.name });
    if (g.state === "failed") reasons.push({ rule: "raid_failed", health: "critical", subject: g.name });
  }
  if (facts.serviceDown) reasons.push({ rule: "service_down", health: "critical", subject: "nova-compute" });
  reasons.sort((a, b) => RANK[b.health] - RANK[a.health] || a.subject.localeCompare(b.subject));
  return { health: reasons.reduce<Health>((h, r) => worse(h, r.health), "normal"), maintenance: Boolean(facts.maintenance), reasons };
}
