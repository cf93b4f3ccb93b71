import "server-only";
import { subtreeIds } from "@/lib/cloud/quota";
import type { Actor } from "./actor";

type VdcRow = { id: string; parentId: string | null; level: number };

/** An operation admin: holds vdc:manage globally (no VDC of their own, no VDC-scoped admin role). */
export function isGlobalAdmin(actor: Actor): boolean {
  return actor.permissions.has("vdc:manage") && actor.adminVdcIds.length === 0 && actor.vdcId === null;
}

/** VDC ids the actor administers (the subtrees of their admin VDCs), or "all". */
export function managedVdcIds(actor: Actor, vdcs: readonly VdcRow[]): Set<string> | "all" {
  if (isGlobalAdmin(actor)) return "all";
  const out = new Set<string>();
  for (const root of actor.adminVdcIds) for (const id of subtreeIds(vdcs, root)) out.add(id);
  return out;
}

