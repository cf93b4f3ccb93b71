import "server-only";
import { assignmentScope } from "@/lib/cloud/identity";
import type { ApprovalState, ApproverContext, LevelDef } from "@/lib/cloud/approval";
import { NotFoundError } from "@/lib/cloud/shared";
import type { Db, Tx } from "../db";
import { vdcChain } from "./quota";

/** The facts approver resolution needs for an applicant: their VDC chain and who holds which role where. */
export async function approverContext(client: Db | Tx, applicantId: string, vdcId: string): Promise<ApproverContext> {
  const chain = (await vdcChain(client, vdcId)).map((v) => v.id).reverse();
  const [holders, disabled] = await Promise.all([
    client.roleAssignment.findMany({ where: { projectId: null }, select: { userId: true, role: true, vdcId: true } }),
    client.user.findMany({ where: { disabled: true }, select: { id: true } }),
  ]);
  // A row the role table does not allow (a VDC role stored with no VDC) makes nobody an approver.
  const valid = holders.filter((h) => assignmentScope({ ...h, projectId: null }) !== null);
  return { applicantId, chain, holders: valid, disabled: new Set(disabled.map((u) => u.id)) };
}

/**
 * The process that applies to an order of this product from this VDC: an override on the
 * nearest VDC of the chain, else the product's own; then its latest published version.
 */
export async function processVersionFor(client: Db | Tx, product: { id: string; processId: string | null }, vdcId: string) {
  const chain = await vdcChain(client, vdcId);
  const overrides = await client.productProcessOverride.findMany({ where: { productId: product.id, vdcId: { in: chain.map((v) => v.id) } } });
  const nearest = chain.map((v) => overrides.find((o) => o.vdcId === v.id)).find(Boolean);
  const processId = nearest?.processId ?? product.processId;
  if (!processId) return null;
  const version = await client.processVersion.findFirst({ where: { processId, published: true }, orderBy: { version: "desc" } });
  if (!version) throw new NotFoundError("published_process", processId);
  return version;
}

export const levelsOf = (v: { levels: unknown }): LevelDef[] => (Array.isArray(v.levels) ? (v.levels as LevelDef[]) : []);
export const approvalOf = (o: { approval: unknown }): ApprovalState | null => (o.approval && typeof o.approval === "object" ? (o.approval as ApprovalState) : null);
