import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { createHash } from "node:crypto";
import { entryHash, GENESIS_HASH, type AuditContent } from "@/lib/cloud/audit";
import type { Db, Tx } from "../db";
import { insertRow, jsonParam, sqlQuery, sqlRun } from "./sql";

export const sha256 = (s: string): string => createHash("sha256").update(s).digest("hex");

export type AuditInput = Omit<AuditContent, "seq" | "at"> & { at?: Date };

/**
 * Append one entry to the chain inside the caller's transaction. The anchor row is locked and
 * read in one statement (an UPDATE takes its row lock on PostgreSQL; SQLite transactions are
 * serial anyway), so two appends can never read the same predecessor and fork the chain. Plain
 * SQL: every state change in the console runs these three statements (repositories/sql.ts).
 */
export async function appendAudit(tx: Tx, input: AuditInput): Promise<number> {
  let [anchor] = await sqlQuery<{ seq: number; hash: string }>(tx, Prisma.sql`UPDATE "AuditAnchor" SET "seq" = "seq" WHERE "id" = 1 RETURNING "seq", "hash"`);
  anchor ??= await tx.auditAnchor.create({ data: { id: 1, seq: 0, hash: GENESIS_HASH } });
  const seq = anchor.seq + 1;
  const content: AuditContent = { ...input, seq, at: (input.at ?? new Date()).toISOString(), before: input.before ?? null, after: input.after ?? null };
  const hash = entryHash(content, anchor.hash, sha256);
  await sqlRun(tx, 
    insertRow("AuditLog", {
      seq,
      at: new Date(content.at),
      actorId: content.actorId,
      actorName: content.actorName,
      roles: content.roles,
      vdcId: content.vdcId,
      action: content.action,
      targetType: content.targetType,
      targetId: content.targetId,
      before: jsonParam(content.before),
      after: jsonParam(content.after),
      result: content.result,
      detail: content.detail,
      sourceIp: content.sourceIp,
      source: content.source ?? null,
      prevHash: anchor.hash,
      hash,
    }),
  );
  await sqlRun(tx, Prisma.sql`UPDATE "AuditAnchor" SET "seq" = ${seq}, "hash" = ${hash} WHERE "id" = 1`);
  return seq;
}

/** Append outside any business transaction (for refusals, whose transaction rolled back). */
export async function appendAuditNow(db: Db, input: AuditInput): Promise<number> {
  return db.$transaction((tx) => appendAudit(tx, input));
}
