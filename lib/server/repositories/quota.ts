import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { ancestorChain, QUOTA_RESOURCES, QuotaExceededError, type Demand, type QuotaResource } from "@/lib/cloud/quota";
import { NotFoundError } from "@/lib/cloud/shared";
import type { Db, Tx } from "../db";
import { sqlQuery, sqlRun } from "./sql";

export interface ChainVdc {
  id: string;
  name: string;
  parentId: string | null;
  level: number;
}

/** The VDC and its ancestors, nearest first. */
export async function vdcChain(client: Db | Tx, vdcId: string): Promise<ChainVdc[]> {
  // Read by every launch and order: one plain statement (repositories/sql.ts).
  const all = await sqlQuery<ChainVdc>(client, Prisma.sql`SELECT "id", "name", "parentId", "level" FROM "Vdc"`);
  const chain = ancestorChain(all, vdcId);
  if (chain.length === 0) throw new NotFoundError("vdc", vdcId);
  return chain;
}

/**
 * Reserve a demand on every level of the chain, each with one conditional UPDATE
 * (used + n <= hardLimit, or unlimited). If any level refuses, throw: the caller's transaction
 * rolls back every reservation already made, so nothing is half-taken.
 */
export async function reserveQuota(tx: Tx, chain: readonly ChainVdc[], regionId: string, demand: Demand): Promise<void> {
  for (const vdc of chain) {
    for (const resource of QUOTA_RESOURCES) {
      const n = demand[resource] ?? 0;
      if (n <= 0) continue;
      const changed = await sqlRun(tx, Prisma.sql`UPDATE "Quota" SET "used" = "used" + ${n} WHERE "vdcId" = ${vdc.id} AND "regionId" = ${regionId} AND "resource" = ${resource} AND ("hardLimit" = -1 OR "used" + ${n} <= "hardLimit")`);
      if (changed === 1) continue;
      const row = await tx.quota.findUnique({ where: { vdcId_regionId_resource: { vdcId: vdc.id, regionId, resource } } });
      // A VDC with no row for a resource has no quota there at all (limit 0).
      const availableNow = row ? Math.max(0, row.hardLimit - row.used) : 0;
      throw new QuotaExceededError({ vdcId: vdc.id, vdcName: vdc.name, resource, requested: n, available: availableNow });
    }
  }
}

/** Give a demand back on every level (never below zero). */
export async function releaseQuota(tx: Tx, chain: readonly ChainVdc[], regionId: string, demand: Demand): Promise<void> {
  for (const vdc of chain) {
    for (const resource of QUOTA_RESOURCES) {
      const n = demand[resource] ?? 0;
      if (n <= 0) continue;
      await sqlRun(tx, Prisma.sql`UPDATE "Quota" SET "used" = CASE WHEN "used" >= ${n} THEN "used" - ${n} ELSE 0 END WHERE "vdcId" = ${vdc.id} AND "regionId" = ${regionId} AND "resource" = ${resource}`);
    }
  }
}

export type QuotaTable = Record<QuotaResource, { limit: number; used: number }>;

export async function quotaTable(client: Db | Tx, vdcId: string, regionId: string): Promise<QuotaTable> {
  const rows = await client.quota.findMany({ where: { vdcId, regionId } });
  const byRes = new Map(rows.map((r) => [r.resource, r]));
  return Object.fromEntries(QUOTA_RESOURCES.map((r) => [r, { limit: byRes.get(r)?.hardLimit ?? 0, used: byRes.get(r)?.used ?? 0 }])) as QuotaTable;
}
