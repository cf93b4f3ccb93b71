import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonical, contentOf, entryHash, GENESIS_HASH, verifyChain, type AuditContent, type AuditEntry } from "./chain";

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

function build(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const c: AuditContent = { seq: i, at: `2026-01-01T00:00:0${i}Z`, actorId: "u", actorName: "alice", roles: "vdc_admin", vdcId: "v", action: "vdc.create", targetType: "vdc", targetId: `t${i}`, before: null, after: { name: `v${i}`, quota: { b: 1, a: 2 } }, result: "success", detail: null, sourceIp: "127.0.0.1" };
    const hash = entryHash(c, prev, sha);
    out.push({ ...c, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe("the audit hash chain", () => {
  it("serializes canonically, whatever the key order", () => {
    expect(canonical({ b: 1, a: [{ d: 2, c: null }] })).toBe(canonical({ a: [{ c: null, d: 2 }], b: 1 }));
  });

  it("verifies an untouched chain and its anchor", () => {
    const chain = build(5);
    expect(verifyChain(chain, sha, { seq: 5, hash: chain[4]!.hash })).toBeNull();
    expect(verifyChain([], sha, null)).toBeNull();
  });

  it("detects an edited entry", () => {
    const chain = build(5);
    chain[2] = { ...chain[2]!, actorName: "mallory" };
    expect(verifyChain(chain, sha, null)).toEqual({ code: "hash_mismatch", seq: 3 });
  });

  it("detects an edit that recomputed the entry's own hash", () => {
    const chain = build(5);
    const edited = { ...chain[1]!, result: "failure" as const };
    edited.hash = entryHash(contentOf(edited), edited.prevHash, sha);
    chain[1] = edited;
    expect(verifyChain(chain, sha, null)).toEqual({ code: "prev_mismatch", seq: 3 });
  });

  it("detects a deleted entry", () => {
    const chain = build(5);
    chain.splice(2, 1);
    expect(verifyChain(chain, sha, null)).toEqual({ code: "gap", seq: 4, expected: 3 });
  });

  it("detects a deleted tail through the anchor", () => {
    const chain = build(5);
    const anchor = { seq: 5, hash: chain[4]!.hash };
    expect(verifyChain(chain.slice(0, 4), sha, anchor)).toEqual({ code: "tail_mismatch", seq: 4, anchorSeq: 5 });
  });
});
