import "server-only";
import { createHash } from "node:crypto";
import { entryHash, GENESIS_HASH, type AuditContent } from "@/lib/cloud/audit";
import type { Db, Tx } from "../db";

export const sha256 = (s: string): string => createHash("sha256").update(s).digest("hex");

export type AuditInput = Omit<AuditContent, "seq" | "at"> & { at?: Date };

/**
 * Append one entry to the chain inside the caller's transaction. The anchor row is locked first
 * (an UPDATE takes its row lock on PostgreSQL; SQLite transactions are serial anyway), so two
 * appends can never read the same predecessor and fork the chain.
 */
export async function appendAudit(tx: Tx, input: AuditInput): Promise<number> {
  await tx.$executeRaw`UPDATE "AuditAnchor" SET "seq" = "seq" WHERE "id" = 1`;
  const anchor = (await tx.auditAnchor.findUnique({ where: { id: 1 } })) ?? (await tx.auditAnchor.create({ data: { id: 1, seq: 0, hash: GENESIS_HASH } }));
  const seq = anchor.seq + 1;
  const content: AuditContent = { ...input, seq, at: (input.at ?? new Date()).toISOString(), before: input.before ?? null, after: input.after ?? null };
  const hash = entryHash(content, anchor.hash, sha256);
  await tx.auditLog.create({
    data: {
      ...content,
      at: new Date(content.at),
      before: content.before === null ? undefined : (content.before as object),
      after: content.after === null ? undefined : (content.after as object),
      prevHash: anchor.hash,
      hash,
    },
  });
  await tx.auditAnchor.update({ where: { id: 1 }, data: { seq, hash } });
  return seq;
}

/** Append outside any business transaction (for refusals, whose transaction rolled back). */
export async function appendAuditNow(db: Db, input: AuditInput): Promise<number> {
  return db.$transaction((tx) => appendAudit(tx, input));
}
