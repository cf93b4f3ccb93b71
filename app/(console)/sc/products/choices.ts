import "server-only";
import type { Actor } from "@/lib/server/auth/actor";
import { listProcesses } from "@/lib/server/queries/catalog-admin";
import { listAzs, listRegions } from "@/lib/server/queries/catalog";
import { flattenVdcTree, vdcTree } from "@/lib/server/queries/organizations";

/** What the product form and the override editor offer: regions, AZs, VDCs and published processes. */
export async function productChoices(actor: Actor) {
  const [regions, azs, tree, processes] = await Promise.all([listRegions(), listAzs(), vdcTree(actor), listProcesses(actor)]);
  const published = processes.filter((p) => p.publishedVersion !== null);
  return {
    regions: regions.map((r) => ({ id: r.id, name: r.name })),
    azs: azs.map((a) => ({ id: a.id, name: a.name, regionId: a.regionId })),
    vdcs: flattenVdcTree(tree),
    // A product's own process must be global (it applies to every VDC that sees the product).
    processes: published.filter((p) => p.owner === null).map((p) => ({ id: p.id, name: p.name })),
    overrideProcesses: published.map((p) => ({ id: p.id, name: p.owner ? `${p.name} (${p.owner.name})` : p.name, ownerVdcId: p.owner?.id ?? null })),
  };
}
