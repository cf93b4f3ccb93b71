import "server-only";
import type { KeyPairListParams } from "@/lib/schemas/key-pairs";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { orderByFrom, skipTake, type Page } from "./paging";

export interface KeyPairDto {
  id: string;
  name: string;
  type: string;
  fingerprint: string;
  publicKey: string;
  createdAt: string;
}

const SORTS: Record<"name" | "createdAt", (d: "asc" | "desc") => Prisma.KeyPairOrderByWithRelationInput> = {
  name: (d) => ({ name: d }),
  createdAt: (d) => ({ createdAt: d }),
};

/** The caller's own key pairs (Nova's are per user), newest first. */
export async function listKeyPairs(actor: Actor, p: KeyPairListParams): Promise<Page<KeyPairDto>> {
  requirePermission(actor, "ecs:create");
  const where: Prisma.KeyPairWhereInput = { userId: actor.userId, ...(p.q ? { OR: [{ name: { contains: p.q } }, { fingerprint: { contains: p.q } }] } : {}) };
  const { key, dir, orderBy } = orderByFrom(p, SORTS, "createdAt", "desc");
  const [rows, total] = await Promise.all([db.keyPair.findMany({ where, orderBy: [orderBy, { name: "asc" }], ...skipTake(p) }), db.keyPair.count({ where })]);
  return { rows: rows.map((k) => ({ id: k.id, name: k.name, type: k.type, fingerprint: k.fingerprint, publicKey: k.publicKey, createdAt: k.createdAt.toISOString() })), total, page: p.page, pageSize: p.pageSize, sort: key, dir };
}

/** The key pair names the purchase wizard offers: the caller's own. */
export async function keyPairChoices(actor: Actor): Promise<{ name: string; fingerprint: string }[]> {
  requirePermission(actor, "ecs:create");
  return db.keyPair.findMany({ where: { userId: actor.userId }, select: { name: true, fingerprint: true }, orderBy: { name: "asc" } });
}
