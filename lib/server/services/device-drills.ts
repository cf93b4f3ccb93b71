import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { alarmKey, assessCascade, componentDrillAllowed, SERVER_NEEDS, SWITCH_NEEDS, type AlarmEvent } from "@/lib/cloud/operations";
import { DomainError, NotFoundError } from "@/lib/cloud/shared";
import { db, type Tx } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { reconcileScope } from "../repositories/alarms";
import { isUp, lastComputeReport } from "../repositories/hosts";
import { sqlRun } from "../repositories/sql";
import { audited } from "./audit";
import { cloudNow } from "./clock";

// Fault drills on servers and switches (drill:run): fail or repair a power supply, a fan or a
// switch port. Like the disk drills (drills.ts), one transaction re-assesses the whole device
// (lib/cloud/operations/cascade.ts): its redundant sets, the hosts cabled to its ports (a host
// whose every port is down loses its network: its nova-compute stops reporting and it is judged
// down, its ECSs affected), and the alarms of every layer, reconciled under the device's scope.
// The compute services' own state (stopped by an administrator) raises its alarms from the
// periodic `reconcileComputeAlarms`.

export const deviceScope = (deviceId: string) => `device:${deviceId}`;
export const COMPUTE_SCOPE = "compute";

export type ComponentDrill = "fail" | "repair";

export async function drillComponent(actor: Actor, componentId: string, op: ComponentDrill): Promise<void> {
  requirePermission(actor, "drill:run");
  const part = await db.deviceComponent.findUnique({ where: { id: componentId } });
  if (!part) throw new NotFoundError("component", componentId);
  const now = await cloudNow();
  await audited(actor, { action: `drill.${part.kind}_${op}`, targetType: "component", targetId: componentId, vdcId: null }, async (tx, record) => {
    // Drills on one device take its parts' rows first, so two drills on one switch never assess a
    // state without each other's part (PostgreSQL; SQLite has one writer anyway).
    await sqlRun(tx, Prisma.sql`UPDATE "DeviceComponent" SET "health" = "health" WHERE "deviceId" = ${part.deviceId}`);
    const current = await tx.deviceComponent.findUniqueOrThrow({ where: { id: componentId }, select: { health: true, kind: true } });
    if (!componentDrillAllowed(current, op)) {
      const reason = !componentDrillAllowed({ kind: current.kind, health: op === "fail" ? "normal" : "failed" }, op) ? "component_not_drillable" : op === "fail" ? "component_already_failed" : "component_not_failed";
      throw new DomainError("INVALID_STATE", `cannot ${op} ${part.slot}`, { reason, component: part.slot });
    }
    const wanted = op === "fail" ? "failed" : "normal";
    await tx.deviceComponent.update({ where: { id: componentId }, data: { health: wanted } });
    const changes = await applyDeviceState(tx, part.deviceId, now);
    record({ before: { health: current.health }, after: { health: wanted, device: part.deviceId, slot: part.slot, ...changes } });
  });
}

interface DeviceChanges {
  hostsIsolated: string[];
  hostsBack: string[];
  alarmsRaised: number;
  alarmsCleared: number;
}

/** Bring the hosts behind a device's ports and the device's alarms in line with its parts. */
export async function applyDeviceState(tx: Tx, deviceId: string, now: Date): Promise<DeviceChanges> {
  const parts = await tx.deviceComponent.findMany({ where: { deviceId }, orderBy: { slot: "asc" } });
  const kind = parts[0]?.deviceKind ?? "server";
  const name = kind === "switch" ? ((await tx.networkSwitch.findUnique({ where: { id: deviceId }, select: { name: true } }))?.name ?? deviceId) : await serverName(tx, deviceId);
  const peers = [...new Set(parts.flatMap((p) => (p.kind === "port" && p.peerId ? [p.peerId] : [])))];
  const hosts = peers.length
    ? await tx.host.findMany({ where: { id: { in: peers } }, select: { id: true, name: true, networkLost: true, instances: { where: { deletedAt: null }, select: { id: true, name: true } } } })
    : [];
  const needs = kind === "switch" ? SWITCH_NEEDS : SERVER_NEEDS;
  const sets = new Map<string, { kind: "psu" | "fan"; members: number; working: number }>();
  for (const p of parts) {
    if (!p.redundancyGroup || (p.kind !== "psu" && p.kind !== "fan")) continue;
    const s = sets.get(p.redundancyGroup) ?? { kind: p.kind, members: 0, working: 0 };
    s.members++;
    if (p.health === "normal") s.working++;
    sets.set(p.redundancyGroup, s);
  }
  const impact = assessCascade(
    {
      disks: [],
      raidGroups: [],
      pools: [],
      volumes: [],
      hosts: hosts.map((h) => ({ id: h.id, serviceDown: false, instanceIds: h.instances.map((i) => i.id) })),
      ports: parts.filter((p) => p.kind === "port").map((p) => ({ id: p.slot, switchId: deviceId, hostId: p.peerId, down: p.health !== "normal" })),
      redundancy: [...sets].map(([group, s]) => ({ deviceId, group, kind: s.kind, working: s.working, members: s.members, needed: needs[group] ?? 1 })),
    },
    now.getTime(),
  );

  // Hosts: cut off exactly while every port they are cabled to is down. The last report before
  // the cut is the heartbeat the host page shows.
  const reportedAt = await lastComputeReport(tx);
  const isolated = hosts.filter((h) => impact.isolatedHosts.has(h.id) && !h.networkLost);
  const back = hosts.filter((h) => !impact.isolatedHosts.has(h.id) && h.networkLost);
  for (const h of isolated) await tx.host.update({ where: { id: h.id }, data: { networkLost: true, lastHeartbeatAt: reportedAt } });
  for (const h of back) await tx.host.update({ where: { id: h.id }, data: { networkLost: false } });

  const names = new Map<string, string>([
    ...parts.map((p) => [`port:${deviceId}:${p.slot}`, `${name} ${p.slot}`] as const),
    ...[...sets.keys()].flatMap((g) => [[`psu:${deviceId}:${g}`, `${name} ${g}`] as const, [`fan:${deviceId}:${g}`, `${name} ${g}`] as const]),
    ...hosts.map((h) => [`host:${h.id}`, h.name] as const),
    ...hosts.flatMap((h) => h.instances.map((i) => [`instance:${i.id}`, i.name] as const)),
  ]);
  const alarms = await reconcileScope(tx, deviceScope(deviceId), impact.alarms, now, (e) => ({ sourceName: names.get(e.source) ?? e.source, detail: { deviceId, device: name, deviceKind: kind, key: alarmKey(e) } }));
  return { hostsIsolated: isolated.map((h) => h.name), hostsBack: back.map((h) => h.name), alarmsRaised: alarms.raised, alarmsCleared: alarms.cleared };
}

async function serverName(tx: Tx, id: string): Promise<string> {
  const host = await tx.host.findUnique({ where: { id }, select: { name: true } });
  if (host) return host.name;
  return (await tx.deployNode.findUnique({ where: { id }, select: { name: true } }))?.name ?? id;
}

/**
 * The compute services' alarms: a host whose nova-compute is down (stopped, or no report within
 * service_down_time) raises host_down and flags its ECSs (instance_affected), cleared once it
 * reports again. A host cut off by its switch ports is the device's alarm (applyDeviceState), not
 * this one. Run by the task runner; the set of open alarms is reconciled in one transaction.
 */
export async function reconcileComputeAlarms(tx: Tx, now: Date): Promise<{ raised: number; cleared: number }> {
  const reportedAt = await lastComputeReport(tx);
  const stale = !isUp({ serviceRunning: true, networkLost: false }, now, reportedAt);
  const down = await tx.host.findMany({
    where: { networkLost: false, ...(stale ? {} : { serviceRunning: false }) },
    select: { id: true, name: true, instances: { where: { deletedAt: null }, select: { id: true, name: true } } },
  });
  const impact = assessCascade({ disks: [], raidGroups: [], pools: [], volumes: [], ports: [], redundancy: [], hosts: down.map((h) => ({ id: h.id, serviceDown: true, instanceIds: h.instances.map((i) => i.id) })) }, now.getTime());
  const names = new Map<string, string>([...down.map((h) => [`host:${h.id}`, h.name] as const), ...down.flatMap((h) => h.instances.map((i) => [`instance:${i.id}`, i.name] as const))]);
  return reconcileScope(tx, COMPUTE_SCOPE, impact.alarms as AlarmEvent[], now, (e) => ({ sourceName: names.get(e.source) ?? e.source, detail: { key: alarmKey(e) } }));
}
