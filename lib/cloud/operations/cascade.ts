// How a hardware fault travels up the layers, and which alarms each layer raises for it. Pure:
// the caller gives the topology (which disks a RAID group is built on, which group a pool draws on,
// which pool holds each volume, which instances use a volume, which host sits behind a switch port)
// and what has failed; the result is every layer's state and the alarms that state implies, each
// naming its root cause. Repairing is the same computation with the fault gone: the alarms that are
// no longer implied clear (see `reconcile` in alarms.ts), so a repair reverses every layer.
//
//   disk failed -> RAID group degraded (major) -> a second disk of a RAID 5 group: failed (critical)
//     -> its pools offline (critical) -> their volumes in error (major) -> the instances using them
//     affected (major)
//   switch port down -> the host behind it loses its network (critical) -> its instances affected
//   compute service stopped -> the host is down (critical) -> its instances affected
//   PSU or fan failed -> the server's redundancy lost (minor), or exhausted (critical)

import { classicRaidHealth, raid20Health, type ClassicRaidLevel, type RaidHealth } from "../storage/raid";
import { alarmKey, type AlarmEvent } from "./alarms";

export interface CascadeTopology {
  disks: readonly { id: string; raidGroupId: string | null; failed: boolean }[];
  raidGroups: readonly { id: string; kind: "classic" | "raid20"; level: string; parity: number | null }[];
  pools: readonly { id: string; raidGroupId: string | null }[];
  volumes: readonly { id: string; poolId: string | null; instanceIds: readonly string[] }[];
  hosts: readonly { id: string; serviceDown: boolean; instanceIds: readonly string[] }[];
  /** Switch ports; `hostId` is the server the port is cabled to, if any. */
  ports: readonly { id: string; switchId: string; hostId: string | null; down: boolean }[];
  /** A server's redundant sets (PSUs, fans) that are short of members. */
  redundancy: readonly { deviceId: string; group: string; kind: "psu" | "fan"; working: number; members: number; needed: number }[];
}

export interface CascadeImpact {
  raidGroups: Map<string, RaidHealth>;
  offlinePools: Set<string>;
  errorVolumes: Set<string>;
  /** Hosts that cannot reach the network: every port cabled to them is down. */
  isolatedHosts: Set<string>;
  /** Instances affected, with the first reason found (a volume in error, an isolated or a down host). */
  affectedInstances: Map<string, { reason: "volume_error" | "host_isolated" | "host_down"; via: string }>;
  alarms: AlarmEvent[];
}

/** Alarm types, one per condition; with the source they identify the alarm (deduplication). */
export const ALARM_TYPES = ["disk_failed", "raid_group_abnormal", "pool_offline", "volume_error", "instance_affected", "port_down", "host_network_lost", "host_down", "psu_failed", "fan_failed", "threshold", "controller_down", "no_active_controller"] as const;
export type AlarmType = (typeof ALARM_TYPES)[number];

const key = (source: string, type: AlarmType) => alarmKey({ source, type });

/** The state of every layer given the faults, and the alarms it implies (at `at`). */
export function assessCascade(t: CascadeTopology, at: number): CascadeImpact {
  const alarms: AlarmEvent[] = [];
  const raise = (source: string, type: AlarmType, severity: AlarmEvent["severity"], rootKey: string | null) => alarms.push({ source, type, severity, at, rootKey });

  // Disks, in a stable order so the "first failed disk" of a group is the same every time.
  const disks = [...t.disks].sort((a, b) => a.id.localeCompare(b.id));
  const membersOf = new Map<string, { id: string; failed: boolean }[]>();
  for (const d of disks) {
    if (d.failed) raise(`disk:${d.id}`, "disk_failed", "major", null);
    if (d.raidGroupId) membersOf.set(d.raidGroupId, [...(membersOf.get(d.raidGroupId) ?? []), d]);
  }

  // RAID groups: the group's alarm derives from its first failed disk.
  const raidGroups = new Map<string, RaidHealth>();
  const groupRoot = new Map<string, string>();
  for (const g of t.raidGroups) {
    const members = membersOf.get(g.id) ?? [];
    const failedPositions = members.flatMap((m, i) => (m.failed ? [i] : []));
    const health = g.kind === "raid20" ? raid20Health({ data: 1, parity: g.parity ?? 1, hotSpareDisks: 0 }, failedPositions.length) : classicRaidHealth(g.level as ClassicRaidLevel, members.length, failedPositions);
    raidGroups.set(g.id, health);
    if (health === "normal") continue;
    const firstFailed = members.find((m) => m.failed) as { id: string };
    const root = key(`disk:${firstFailed.id}`, "disk_failed");
    raise(`raid:${g.id}`, "raid_group_abnormal", health === "failed" ? "critical" : "major", root);
    groupRoot.set(g.id, key(`raid:${g.id}`, "raid_group_abnormal"));
  }

  // Pools on a failed group go offline; their volumes go to error; the instances using them are affected.
  const offlinePools = new Set<string>();
  const poolAlarm = new Map<string, string>();
  for (const p of t.pools) {
    if (!p.raidGroupId || raidGroups.get(p.raidGroupId) !== "failed") continue;
    offlinePools.add(p.id);
    raise(`pool:${p.id}`, "pool_offline", "critical", groupRoot.get(p.raidGroupId) ?? null);
    poolAlarm.set(p.id, key(`pool:${p.id}`, "pool_offline"));
  }
  const errorVolumes = new Set<string>();
  const affectedInstances: CascadeImpact["affectedInstances"] = new Map();
  const affect = (instanceId: string, reason: "volume_error" | "host_isolated" | "host_down", via: string, rootKey: string) => {
    if (affectedInstances.has(instanceId)) return;
    affectedInstances.set(instanceId, { reason, via });
    raise(`instance:${instanceId}`, "instance_affected", "major", rootKey);
  };
  for (const v of [...t.volumes].sort((a, b) => a.id.localeCompare(b.id))) {
    if (!v.poolId || !offlinePools.has(v.poolId)) continue;
    errorVolumes.add(v.id);
    raise(`volume:${v.id}`, "volume_error", "major", poolAlarm.get(v.poolId) ?? null);
    for (const i of [...v.instanceIds].sort()) affect(i, "volume_error", v.id, key(`volume:${v.id}`, "volume_error"));
  }

  // Switch ports: a host whose every cabled port is down has lost its network.
  const portsOfHost = new Map<string, { id: string; switchId: string; down: boolean }[]>();
  for (const p of [...t.ports].sort((a, b) => a.id.localeCompare(b.id))) {
    if (p.down) raise(`port:${p.switchId}:${p.id}`, "port_down", "major", null);
    if (p.hostId) portsOfHost.set(p.hostId, [...(portsOfHost.get(p.hostId) ?? []), p]);
  }
  const isolatedHosts = new Set<string>();
  for (const h of [...t.hosts].sort((a, b) => a.id.localeCompare(b.id))) {
    const ports = portsOfHost.get(h.id) ?? [];
    if (h.serviceDown) {
      raise(`host:${h.id}`, "host_down", "critical", null);
      for (const i of [...h.instanceIds].sort()) affect(i, "host_down", h.id, key(`host:${h.id}`, "host_down"));
    }
    if (ports.length > 0 && ports.every((p) => p.down)) {
      isolatedHosts.add(h.id);
      const firstDown = ports[0] as { id: string; switchId: string };
      raise(`host:${h.id}`, "host_network_lost", "critical", key(`port:${firstDown.switchId}:${firstDown.id}`, "port_down"));
      for (const i of [...h.instanceIds].sort()) affect(i, "host_isolated", h.id, key(`host:${h.id}`, "host_network_lost"));
    }
  }

  for (const r of t.redundancy) {
    if (r.working >= r.members) continue;
    raise(`${r.kind}:${r.deviceId}:${r.group}`, r.kind === "psu" ? "psu_failed" : "fan_failed", r.working >= r.needed ? "minor" : "critical", null);
  }
  return { raidGroups, offlinePools, errorVolumes, isolatedHosts, affectedInstances, alarms };
}
