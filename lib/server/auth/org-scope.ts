import "server-only";
import { permissionsOf } from "@/lib/cloud/identity";
import { subtreeIds } from "@/lib/cloud/quota";
import type { Actor } from "./actor";

type VdcRow = { id: string; parentId: string | null; level: number };

/** An operation admin: a role held at global scope grants vdc:manage. */
export function isGlobalAdmin(actor: Actor): boolean {
  return permissionsOf(actor.globalRoles).has("vdc:manage");
}

/** VDC ids the actor administers (the subtrees of their admin VDCs), or "all". */
export function managedVdcIds(actor: Actor, vdcs: readonly VdcRow[]): Set<string> | "all" {
  if (isGlobalAdmin(actor)) return "all";
  const out = new Set<string>();
  for (const root of actor.adminVdcIds) for (const id of subtreeIds(vdcs, root)) out.add(id);
  return out;
}


/**
 * The VDCs whose organization records (users, audit entries) the caller reads: all of them for a
 * global administrator or a global reader (the auditor: every project, no VDC of its own), else
 * the subtrees it administers.
 */
export function readableVdcIds(actor: Actor, vdcs: readonly VdcRow[]): Set<string> | "all" {
  if (actor.scope.all && actor.vdcId === null) return "all";
  return managedVdcIds(actor, vdcs);
}
