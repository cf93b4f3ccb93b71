import "server-only";
import { DomainError } from "@/lib/cloud/shared";
import { db, type Tx } from "../db";
import type { Actor } from "../auth/actor";
import { appendAudit, appendAuditNow, type AuditInput } from "../repositories/audit";

export interface AuditMeta {
  action: string;
  targetType: string;
  targetId?: string | null;
  /** The VDC the action concerns (for a VDC admin's view of their subtree). */
  vdcId?: string | null;
}

export interface AuditRecord {
  targetId?: string | null;
  vdcId?: string | null;
  before?: unknown;
  after?: unknown;
}

function base(actor: Actor, meta: AuditMeta): Omit<AuditInput, "result" | "detail" | "before" | "after"> {
  return {
    actorId: actor.userId,
    actorName: actor.username,
    roles: actor.roles.join(","),
    vdcId: meta.vdcId ?? actor.vdcId,
    action: meta.action,
    targetType: meta.targetType,
    targetId: meta.targetId ?? null,
    sourceIp: actor.sourceIp,
    ...(actor.channel ? { source: actor.channel } : {}),
  };
}

/**
 * Run a state-changing use case in one transaction and append its audit entry in the same
 * transaction (so the entry exists exactly when the change does). A refusal (a domain error) is
 * recorded too, in its own transaction, since the use case's transaction rolled back.
 */
export async function audited<T>(actor: Actor, meta: AuditMeta, run: (tx: Tx, record: (r: AuditRecord) => void) => Promise<T>): Promise<T> {
  let rec: AuditRecord = {};
  try {
    return await db.$transaction(async (tx) => {
      const result = await run(tx, (r) => {
        rec = { ...rec, ...r };
      });
      await appendAudit(tx, { ...base(actor, { ...meta, ...dropUndefined({ targetId: rec.targetId, vdcId: rec.vdcId }) }), before: rec.before ?? null, after: rec.after ?? null, result: "success", detail: null });
      return result;
    });
  } catch (err) {
    if (err instanceof DomainError) {
      await appendAuditNow(db, {
        ...base(actor, { ...meta, ...dropUndefined({ targetId: rec.targetId, vdcId: rec.vdcId }) }),
        before: rec.before ?? null,
        after: rec.after ?? null,
        result: "failure",
        detail: `${err.code} ${JSON.stringify(err.params)}`,
      });
    }
    throw err;
  }
}

function dropUndefined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
