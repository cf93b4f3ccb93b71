// The audit log is append-only and hash-chained: each entry's hash covers its content and the
// previous entry's hash, so editing or deleting any entry breaks every hash after it. The hash
// function is injected (SHA-256 on the server) to keep the core free of Node built-ins.

export interface AuditContent {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string;
  roles: string;
  vdcId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  result: "success" | "failure";
  detail: string | null;
  sourceIp: string | null;
  /** "api" for the OpenStack-compatible API; absent for the console (so older hashes hold). */
  source?: "api";
}

export interface AuditEntry extends AuditContent {
  prevHash: string;
  hash: string;
}

export type Hasher = (input: string) => string;

export const GENESIS_HASH = "0".repeat(64);

/** Stable JSON: object keys sorted at every depth, so the same content always hashes the same. */
export function canonical(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === "object") {
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

export function entryHash(content: AuditContent, prevHash: string, hash: Hasher): string {
  return hash(`${prevHash}|${canonical(content)}`);
}

export function contentOf(e: AuditEntry): AuditContent {
  const { prevHash: _p, hash: _h, ...content } = e;
  return content;
}

export type ChainProblem =
  | { code: "gap"; seq: number; expected: number }
  | { code: "prev_mismatch"; seq: number }
  | { code: "hash_mismatch"; seq: number }
  | { code: "tail_mismatch"; seq: number; anchorSeq: number };

/**
 * Check entries in seq order. `anchor` is the last (seq, hash) recorded when appending: it catches
 * a deleted or rewritten tail, which the chain alone cannot.
 */
export function verifyChain(entries: readonly AuditEntry[], hash: Hasher, anchor: { seq: number; hash: string } | null): ChainProblem | null {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const e of entries) {
    if (e.seq !== expectedSeq) return { code: "gap", seq: e.seq, expected: expectedSeq };
    if (e.prevHash !== prev) return { code: "prev_mismatch", seq: e.seq };
    if (entryHash(contentOf(e), e.prevHash, hash) !== e.hash) return { code: "hash_mismatch", seq: e.seq };
    prev = e.hash;
    expectedSeq++;
  }
  const lastSeq = expectedSeq - 1;
  if (anchor && (anchor.seq !== lastSeq || anchor.hash !== prev)) return { code: "tail_mismatch", seq: lastSeq, anchorSeq: anchor.seq };
  return null;
}
