import "server-only";
import type { QuotaResource } from "@/lib/cloud/quota";
import { db } from "../db";
import { projectFilter, requirePermission, type Actor } from "../auth/actor";
import { quotaTable } from "../repositories/quota";
import { vdcTree } from "./organizations";

export interface RecentOperationDto {
  id: string;
  instanceId: string;
  instance: string;
  type: string;
  status: string;
  at: string;
}

/** The last operations on the instances the caller sees (their request flows' tasks), newest first. */
export async function recentOperations(actor: Actor, take = 8): Promise<RecentOperationDto[]> {
  requirePermission(actor, "ecs:view");
  const tasks = await db.task.findMany({
    where: { instance: { deletedAt: null, ...projectFilter(actor) } },
    include: { instance: { select: { id: true, name: true } } },
    orderBy: { createdAt: "desc" },
    take,
  });
  return tasks.flatMap((t) => (t.instance ? [{ id: t.id, instanceId: t.instance.id, instance: t.instance.name, type: t.type, status: t.status, at: t.createdAt.toISOString() }] : []));
}

export interface VdcUsageDto {
  id: string;
  name: string;
  level: number;
  usage: { resource: QuotaResource; used: number; limit: number }[];
}

const SHOWN: QuotaResource[] = ["instances", "cores", "ram_gb"];

/**
 * The VDC tree's use for an administrator's home: each top VDC the caller sees (first-level VDCs
 * for the operation admin, the admin's own VDCs for a VDC admin) and its children, with the
 * instances, vCPUs and RAM used against their limits in the default region.
 */
export async function vdcUsage(actor: Actor): Promise<VdcUsageDto[]> {
  requirePermission(actor, "vdc:view");
  const region = await db.region.findFirst({ where: { isDefault: true } });
  if (!region) return [];
  const tree = await vdcTree(actor);
  const shown = tree.flatMap((root) => [root, ...root.children]);
  return Promise.all(
    shown.map(async (v) => {
      const table = await quotaTable(db, v.id, region.id);
      return { id: v.id, name: v.name, level: v.level, usage: SHOWN.map((r) => ({ resource: r, used: table[r].used, limit: table[r].limit })) };
    }),
  );
}
