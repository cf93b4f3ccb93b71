import "server-only";
import { GENESIS_HASH, verifyChain, type AuditEntry, type ChainProblem } from "@/lib/cloud/audit";
import { ForbiddenError } from "@/lib/cloud/shared";
import { db, type Db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { readableVdcIds } from "../auth/org-scope";
import { sha256 } from "../repositories/audit";

/** Walk the whole audit chain in pages and check every hash and the anchor. */
export async function verifyAuditLog(client: Db): Promise<{ entries: number; problem: ChainProblem | null }> {
  const rows: AuditEntry[] = [];
  const PAGE = 5000;
  for (let after = 0; ; ) {
    const page = await client.auditLog.findMany({ where: { seq: { gt: after } }, orderBy: { seq: "asc" }, take: PAGE });
    for (const r of page)
      rows.push({
        seq: r.seq,
        at: r.at.toISOString(),
        actorId: r.actorId,
        actorName: r.actorName,
        roles: r.roles,
        vdcId: r.vdcId,
        action: r.action,
        targetType: r.targetType,
        targetId: r.targetId,
        before: r.before ?? null,
        after: r.after ?? null,
        result: r.result as "success" | "failure",
        detail: r.detail,
        sourceIp: r.sourceIp,
        ...(r.source === "api" ? { source: "api" as const } : {}),
        prevHash: r.prevHash,
        hash: r.hash,
      });
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.seq;
  }
  const anchor = await client.auditAnchor.findUnique({ where: { id: 1 } });
  // No anchor means nothing was ever appended: any row found is then an insertion.
  return { entries: rows.length, problem: verifyChain(rows, sha256, anchor ?? { seq: 0, hash: GENESIS_HASH }) };
}

/**
 * The audit page's "verify the chain" for a reader of the whole log (the auditor, the operation
 * admin): the count of entries and the first problem. A VDC admin reads only its subtree's
 * entries and is not told about the rest of the log.
 */
export async function verifyAuditChain(actor: Actor): Promise<{ entries: number; problem: ChainProblem | null }> {
  requirePermission(actor, "audit:view");
  const vdcs = await db.vdc.findMany({ select: { id: true, parentId: true, level: true } });
  if (readableVdcIds(actor, vdcs) !== "all") throw new ForbiddenError("audit:view", "whole_log_only");
  return verifyAuditLog(db);
}
