// Rules of the VDC tree: depth, who manages what, and when a VDC may be deleted.
import { MAX_VDC_LEVEL } from "./quota";

export interface VdcNode {
  id: string;
  parentId: string | null;
  level: number;
}

export function canHaveChild(parentLevel: number): boolean {
  return parentLevel < MAX_VDC_LEVEL;
}

/** The VDC and all its descendants. */
export function subtreeIds(nodes: readonly Pick<VdcNode, "id" | "parentId">[], rootId: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const n of nodes) if (n.parentId) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n.id]);
  const out = new Set<string>();
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop() as string;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

/** The VDC, its parent, ... up to the first level (nearest first). */
export function ancestorChain<T extends VdcNode>(nodes: readonly T[], id: string): T[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const chain: T[] = [];
  let cur = byId.get(id);
  while (cur && chain.length <= MAX_VDC_LEVEL) {
    chain.push(cur);
    cur = cur.parentId ? byId.get(cur.parentId) : undefined;
  }
  return chain;
}

export type DeleteRefusal = { code: "has_children"; names: string[] } | { code: "has_resources"; count: number; kinds: string[] };

export function deleteRefusal(p: { childNames: string[]; resources: Record<string, number> }): DeleteRefusal | null {
  if (p.childNames.length) return { code: "has_children", names: p.childNames };
  const kinds = Object.entries(p.resources).filter(([, n]) => n > 0);
  if (kinds.length) return { code: "has_resources", count: kinds.reduce((s, [, n]) => s + n, 0), kinds: kinds.map(([k]) => k) };
  return null;
}
