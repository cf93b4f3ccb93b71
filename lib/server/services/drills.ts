import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { alarmKey, assessCascade, type AlarmEvent, type CascadeTopology } from "@/lib/cloud/operations";
import { DomainError, NotFoundError } from "@/lib/cloud/shared";
import { db, type Tx } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { reconcileScope } from "../repositories/alarms";
import { sqlRun } from "../repositories/sql";
import { audited } from "./audit";
import { cloudNow } from "./clock";

// Fault drills on storage hardware, for the O&M and cloud admins (drill:run). Failing or repairing
// a disk re-assesses the whole array in the same transaction (lib/cloud/operations/cascade.ts):
// RAID groups, the pools on them (offline when their group failed), the volumes on those pools
// (error, their previous status kept to give back), and the alarms of every layer, reconciled so
// that exactly the alarms the array's state implies are open. One transaction: a restart in the
// middle of a drill leaves every layer as it was before it or as it is after it.

/** Alarms raised from an array's state are reconciled together under this scope. */
const arrayScope = (arrayId: string) => `array:${arrayId}`;

export type DiskDrill = "fail" | "repair";

export async function drillDisk(actor: Actor, diskId: string, op: DiskDrill): Promise<void> {
  requirePermission(actor, "drill:run");
  const disk = await db.arrayDisk.findUnique({ where: { id: diskId }, include: { enclosure: { select: { name: true } } } });
  if (!disk) throw new NotFoundError("disk", diskId);
  const now = await cloudNow();
  await audited(actor, { action: `drill.disk_${op}`, targetType: "disk", targetId: diskId, vdcId: null }, async (tx, record) => {
    // Drills on one array take its row first: on PostgreSQL two drills on the same array would
    // otherwise each assess a state without the other's disk and undo each other's layers.
    await sqlRun(tx, Prisma.sql`UPDATE "StorageArray" SET "firmware" = "firmware" WHERE "id" = ${disk.arrayId}`);
    const current = await tx.arrayDisk.findUniqueOrThrow({ where: { id: diskId }, select: { health: true } });
    const wanted = op === "fail" ? "failed" : "normal";
    if (current.health === wanted) throw new DomainError("INVALID_STATE", `disk already ${wanted}`, { reason: op === "fail" ? "disk_already_failed" : "disk_not_failed", disk: `${disk.enclosure.name}:${disk.slot}` });
    await tx.arrayDisk.update({ where: { id: diskId }, data: { health: wanted } });
    const changes = await applyArrayState(tx, disk.arrayId, now);
    record({ before: { health: current.health }, after: { health: wanted, ...changes } });
  });
}

interface ArrayChanges {
  poolsOffline: string[];
  poolsBack: string[];
  volumesInError: number;
  volumesBack: number;
  alarmsRaised: number;
  alarmsCleared: number;
}

/** Bring every layer above an array's disks in line with them, and its alarms with that state. */
export async function applyArrayState(tx: Tx, arrayId: string, now: Date): Promise<ArrayChanges> {
  const [array, disks, groups, pools] = await Promise.all([
    tx.storageArray.findUniqueOrThrow({ where: { id: arrayId }, select: { name: true } }),
    tx.arrayDisk.findMany({ where: { arrayId }, select: { id: true, slot: true, raidGroupId: true, health: true, enclosure: { select: { name: true } } } }),
    tx.raidGroup.findMany({ where: { arrayId }, select: { id: true, name: true, kind: true, level: true, parityColumns: true } }),
    tx.storagePool.findMany({ where: { arrayId }, select: { id: true, name: true, raidGroupId: true, offline: true } }),
  ]);
  const volumes = await tx.volume.findMany({
    where: { poolId: { in: pools.map((p) => p.id) }, deletedAt: null },
    select: { id: true, name: true, poolId: true, status: true, statusBeforeFault: true, attachments: { select: { instanceId: true, instance: { select: { name: true } } } } },
  });
  const topology: CascadeTopology = {
    disks: disks.map((d) => ({ id: d.id, raidGroupId: d.raidGroupId, failed: d.health !== "normal" })),
    raidGroups: groups.map((g) => ({ id: g.id, kind: g.kind === "raid20" ? "raid20" : "classic", level: g.level, parity: g.parityColumns })),
    pools: pools.map((p) => ({ id: p.id, raidGroupId: p.raidGroupId })),
    volumes: volumes.map((v) => ({ id: v.id, poolId: v.poolId, instanceIds: v.attachments.map((a) => a.instanceId) })),
    hosts: [],
    ports: [],
    redundancy: [],
  };
  const impact = assessCascade(topology, now.getTime());

  // Pools: offline exactly while their group has failed.
  const poolsOffline = pools.filter((p) => impact.offlinePools.has(p.id) && !p.offline);
  const poolsBack = pools.filter((p) => !impact.offlinePools.has(p.id) && p.offline);
  for (const p of poolsOffline) await tx.storagePool.update({ where: { id: p.id }, data: { offline: true } });
  for (const p of poolsBack) await tx.storagePool.update({ where: { id: p.id }, data: { offline: false } });

  // Volumes: in error while their pool is offline, then back to the status they had.
  let volumesInError = 0;
  let volumesBack = 0;
  for (const v of volumes) {
    if (impact.errorVolumes.has(v.id) && v.statusBeforeFault === null) {
      await tx.volume.update({ where: { id: v.id }, data: { statusBeforeFault: v.status, status: "error", updatedAt: now } });
      volumesInError++;
    } else if (!impact.errorVolumes.has(v.id) && v.statusBeforeFault !== null) {
      await tx.volume.update({ where: { id: v.id }, data: { status: v.statusBeforeFault, statusBeforeFault: null, updatedAt: now } });
      volumesBack++;
    }
  }

  // Alarms: what is implied and not open opens (or is counted again at a new severity); what is open and no longer implied clears.
  const names = new Map<string, string>([
    ...disks.map((d) => [`disk:${d.id}`, `${array.name} ${d.enclosure.name} slot ${d.slot}`] as const),
    ...groups.map((g) => [`raid:${g.id}`, `${array.name} ${g.name}`] as const),
    ...pools.map((p) => [`pool:${p.id}`, p.name] as const),
    ...volumes.map((v) => [`volume:${v.id}`, v.name] as const),
    ...volumes.flatMap((v) => v.attachments.map((a) => [`instance:${a.instanceId}`, a.instance.name] as const)),
  ]);
  const alarms = await reconcileScope(tx, arrayScope(arrayId), impact.alarms, now, (e) => ({ sourceName: names.get(e.source) ?? e.source, detail: detailOf(e, arrayId, array.name) }));
  return { poolsOffline: poolsOffline.map((p) => p.name), poolsBack: poolsBack.map((p) => p.name), volumesInError, volumesBack, alarmsRaised: alarms.raised, alarmsCleared: alarms.cleared };
}

function detailOf(e: AlarmEvent, arrayId: string, arrayName: string): Record<string, unknown> {
  return { arrayId, array: arrayName, key: alarmKey(e) };
}
