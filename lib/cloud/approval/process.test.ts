import { describe, expect, it } from "vitest";
import { decide, processProblems, resolveApprovers, startApproval, tick, timeoutAt, type ApproverContext, type LevelDef } from "./process";

const t0 = new Date("2026-11-22T08:00:00Z");
const later = (s: number) => new Date(t0.getTime() + s * 1000);

// Applicant "ann" in VDC rd-platform (second level) under rd (first level).
const ctx: ApproverContext = {
  applicantId: "ann",
  chain: ["rd", "rd-platform"],
  holders: [
    { userId: "vicky", role: "vdc_admin", vdcId: "rd" },
    { userId: "victor", role: "vdc_admin", vdcId: "rd-platform" },
    { userId: "ann", role: "vdc_admin", vdcId: "rd-platform" },
    { userId: "olga", role: "operation_admin", vdcId: null },
    { userId: "oscar", role: "operation_admin", vdcId: null },
    { userId: "fred", role: "vdc_admin", vdcId: "finance" },
  ],
};

const level = (over: Partial<LevelDef> = {}): LevelDef => ({ name: "L", approvers: [{ kind: "global_role", role: "operation_admin" }], mode: "or", timeoutSeconds: null, onTimeout: "reject", ...over });
const twoLevels: LevelDef[] = [level({ name: "VDC", approvers: [{ kind: "vdc_role", role: "vdc_admin", depth: 1 }] }), level({ name: "Ops" })];

describe("process definitions", () => {
  it.each([
    [[], ["no_levels"]],
    [Array.from({ length: 6 }, () => level()), ["too_many_levels"]],
    [[level({ approvers: [] })], ["level_without_approvers"]],
    [[level({ timeoutSeconds: 0 })], ["bad_timeout"]],
    [[level({ approvers: [{ kind: "vdc_role", role: "vdc_admin", depth: 7 }] })], ["bad_depth"]],
    [twoLevels, []],
  ] as [LevelDef[], string[]][])("%# -> %o", (levels, codes) => {
    expect(processProblems(levels).map((p) => p.code)).toEqual(codes);
  });
});

describe("approver resolution", () => {
  it("a VDC role resolves on the applicant's chain, at the depth asked, and never in another VDC", () => {
    expect(resolveApprovers(level({ approvers: [{ kind: "vdc_role", role: "vdc_admin", depth: 1 }] }), ctx)).toEqual(["vicky"]);
    expect(resolveApprovers(level({ approvers: [{ kind: "vdc_role", role: "vdc_admin", depth: "own" }] }), ctx)).toEqual(["victor"]);
    expect(resolveApprovers(level({ approvers: [{ kind: "vdc_role", role: "vdc_admin", depth: 3 }] }), ctx)).toEqual([]);
  });
  it("never includes the applicant, nor someone who decided an earlier level, nor a disabled user", () => {
    const own = level({ approvers: [{ kind: "vdc_role", role: "vdc_admin", depth: "own" }, { kind: "user", userId: "ann" }] });
    expect(resolveApprovers(own, ctx)).toEqual(["victor"]);
    expect(resolveApprovers(level(), ctx, new Set(["olga"]))).toEqual(["oscar"]);
    expect(resolveApprovers(level(), { ...ctx, disabled: new Set(["oscar"]) })).toEqual(["olga"]);
  });
  it("a process nobody may decide cannot start", () => {
    expect(() => startApproval([level({ approvers: [{ kind: "user", userId: "ann" }] })], ctx, t0)).toThrow(/no approver/);
  });
});

describe("deciding", () => {
  it("or-sign: one approval per level moves the order up, the last one approves it", () => {
    let s = startApproval(twoLevels, ctx, t0);
    expect(s).toMatchObject({ status: "pending", level: 0, approvers: ["vicky"] });
    let o = decide(twoLevels, s, { userId: "vicky", verdict: "approve" }, ctx, later(10));
    expect(o.transition).toBe("level_advanced");
    s = o.state;
    expect(s).toMatchObject({ level: 1, approvers: ["olga", "oscar"], levelStartedAt: later(10).toISOString() });
    o = decide(twoLevels, s, { userId: "oscar", verdict: "approve", comment: "ok" }, ctx, later(20));
    expect(o.transition).toBe("approved");
    expect(o.state.status).toBe("approved");
    expect(o.state.decisions.map((d) => [d.level, d.userId, d.verdict])).toEqual([
      [1, "vicky", "approve"],
      [2, "oscar", "approve"],
    ]);
  });

  it("refuses the applicant, an approver of another level, and a rejection without a reason", () => {
    const s = startApproval(twoLevels, ctx, t0);
    expect(() => decide(twoLevels, s, { userId: "ann", verdict: "approve" }, ctx, t0)).toThrow(expect.objectContaining({ params: expect.objectContaining({ reason: "self_approval" }) }));
    expect(() => decide(twoLevels, s, { userId: "olga", verdict: "approve" }, ctx, t0)).toThrow(expect.objectContaining({ params: expect.objectContaining({ reason: "not_level_approver" }) }));
    expect(() => decide(twoLevels, s, { userId: "vicky", verdict: "reject", comment: "  " }, ctx, t0)).toThrow(expect.objectContaining({ params: expect.objectContaining({ reason: "reject_reason_required" }) }));
  });

  it("is idempotent: the same decision twice makes one transition", () => {
    const s = startApproval(twoLevels, ctx, t0);
    const first = decide(twoLevels, s, { userId: "vicky", verdict: "approve" }, ctx, t0);
    // A double click arrives after the level moved on: still nothing happens.
    expect(decide(twoLevels, first.state, { userId: "vicky", verdict: "approve" }, ctx, t0)).toEqual({ state: first.state, transition: "none" });
    expect(() => decide(twoLevels, first.state, { userId: "vicky", verdict: "reject", comment: "changed my mind" }, ctx, t0)).toThrow(/already decided/);
    const final = decide(twoLevels, first.state, { userId: "olga", verdict: "approve" }, ctx, t0);
    expect(decide(twoLevels, final.state, { userId: "olga", verdict: "approve" }, ctx, t0).transition).toBe("none");
    expect(() => decide(twoLevels, final.state, { userId: "oscar", verdict: "reject", comment: "late" }, ctx, t0)).toThrow(/already decided/);
  });

  it("one person never decides two levels of the same order", () => {
    const levels: LevelDef[] = [level({ name: "Ops 1" }), level({ name: "Ops 2" })];
    const s = startApproval(levels, ctx, t0);
    const o = decide(levels, s, { userId: "olga", verdict: "approve" }, ctx, t0);
    expect(o.state.approvers).toEqual(["oscar"]);
    // With only olga able to decide level 2, the order is rejected for want of an approver.
    const solo: ApproverContext = { ...ctx, holders: ctx.holders.filter((h) => h.userId !== "oscar") };
    const o2 = decide(levels, startApproval(levels, solo, t0), { userId: "olga", verdict: "approve" }, solo, t0);
    expect(o2.transition).toBe("rejected");
    expect(o2.state.decisions.at(-1)).toMatchObject({ userId: null, comment: "no eligible approver" });
  });

  it("countersign: every approver must approve; one rejection rejects the order", () => {
    const levels: LevelDef[] = [level({ mode: "countersign" })];
    const s = startApproval(levels, ctx, t0);
    const a = decide(levels, s, { userId: "olga", verdict: "approve" }, ctx, t0);
    expect(a).toMatchObject({ transition: "recorded", state: { status: "pending" } });
    // Recorded once: the same approver again changes nothing.
    expect(decide(levels, a.state, { userId: "olga", verdict: "approve" }, ctx, t0).transition).toBe("none");
    expect(decide(levels, a.state, { userId: "oscar", verdict: "approve" }, ctx, t0).transition).toBe("approved");
    const r = decide(levels, a.state, { userId: "oscar", verdict: "reject", comment: "too big" }, ctx, t0);
    expect(r).toMatchObject({ transition: "rejected", state: { status: "rejected" } });
  });

  it("countersign approvers are fixed when the level starts: a role granted later does not join", () => {
    const levels: LevelDef[] = [level({ mode: "countersign" })];
    const s = startApproval(levels, ctx, t0);
    const grown: ApproverContext = { ...ctx, holders: [...ctx.holders, { userId: "omar", role: "operation_admin", vdcId: null }] };
    expect(() => decide(levels, s, { userId: "omar", verdict: "approve" }, grown, t0)).toThrow(/not an approver/);
    const a = decide(levels, s, { userId: "olga", verdict: "approve" }, grown, t0);
    expect(decide(levels, a.state, { userId: "oscar", verdict: "approve" }, grown, t0).transition).toBe("approved");
  });
});

describe("timeouts on the cloud clock", () => {
  const levels: LevelDef[] = [level({ timeoutSeconds: 3600, onTimeout: "approve" }), level({ name: "Ops 2", timeoutSeconds: 600, onTimeout: "reject" })];
  it("auto-decides once the clock passes the level's timeout, never before", () => {
    const s = startApproval(levels, ctx, t0);
    expect(timeoutAt(levels, s)).toEqual(later(3600));
    expect(tick(levels, s, ctx, later(3599)).transition).toBe("none");
    const a = tick(levels, s, ctx, later(3600));
    expect(a.transition).toBe("level_advanced");
    expect(a.state.decisions[0]).toMatchObject({ userId: null, verdict: "approve", comment: "timed out after 3600 s" });
    // The next level's clock starts when it starts.
    expect(timeoutAt(levels, a.state)).toEqual(later(4200));
    const r = tick(levels, a.state, ctx, later(5000));
    expect(r).toMatchObject({ transition: "rejected", state: { status: "rejected" } });
    expect(timeoutAt(levels, r.state)).toBeNull();
  });
  it("a level without a timeout waits for ever", () => {
    const s = startApproval(twoLevels, ctx, t0);
    expect(timeoutAt(twoLevels, s)).toBeNull();
    expect(tick(twoLevels, s, ctx, later(10 ** 9)).transition).toBe("none");
  });
});
