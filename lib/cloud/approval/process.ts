// The approval process engine (ManageOne's multi-level approval), pure: a process is up to five
// levels; each level names its approvers (a user, a role held in the applicant's VDC chain, or a
// global role) and decides by or-sign (any one approver) or countersign (every approver, one
// rejection rejects); a level may time out with an automatic decision on the cloud clock.
//
// An order keeps the process *version* it started with, and the approvers of a level are fixed
// when the level starts, so later edits to the process or to role assignments never change a
// decision already in flight.
import { DomainError } from "../shared/errors";

export const MAX_LEVELS = 5;

export type ApproverSpec =
  | { kind: "user"; userId: string }
  /** A role held on a VDC of the applicant's chain: depth 1 = the first-level VDC; "own" = the applicant's VDC. */
  | { kind: "vdc_role"; role: string; depth: number | "own" }
  | { kind: "global_role"; role: string };

export type SignMode = "or" | "countersign";

export interface LevelDef {
  name: string;
  approvers: ApproverSpec[];
  mode: SignMode;
  /** Cloud seconds after the level starts; null = waits for ever. */
  timeoutSeconds: number | null;
  onTimeout: "approve" | "reject";
}

export type ProcessProblem =
  | { code: "no_levels" }
  | { code: "too_many_levels"; max: number }
  | { code: "level_without_approvers"; level: number }
  | { code: "bad_timeout"; level: number }
  | { code: "bad_depth"; level: number };

/** What is wrong with a process definition (empty when it may be published). */
export function processProblems(levels: readonly LevelDef[]): ProcessProblem[] {
  const out: ProcessProblem[] = [];
  if (levels.length === 0) out.push({ code: "no_levels" });
  if (levels.length > MAX_LEVELS) out.push({ code: "too_many_levels", max: MAX_LEVELS });
  levels.forEach((l, i) => {
    const level = i + 1;
    if (l.approvers.length === 0) out.push({ code: "level_without_approvers", level });
    if (l.timeoutSeconds !== null && (!Number.isInteger(l.timeoutSeconds) || l.timeoutSeconds <= 0)) out.push({ code: "bad_timeout", level });
    if (l.approvers.some((a) => a.kind === "vdc_role" && a.depth !== "own" && (!Number.isInteger(a.depth) || a.depth < 1 || a.depth > MAX_LEVELS))) out.push({ code: "bad_depth", level });
  });
  return out;
}

/** Who holds which role where: the facts approver resolution needs, read by the caller. */
export interface ApproverContext {
  applicantId: string;
  /** The applicant's VDC chain, first-level VDC first (depth 1), the applicant's own VDC last. */
  chain: readonly string[];
  /** Role assignments: vdcId null = global. */
  holders: readonly { userId: string; role: string; vdcId: string | null }[];
  /** Users disabled since: never asked to approve. */
  disabled?: ReadonlySet<string>;
}

/**
 * The users who may decide a level for this order: the level's approvers resolved against the
 * applicant's VDC chain, never the applicant, never someone who decided an earlier level of the
 * same order (one person never decides two levels), in a stable order.
 */
export function resolveApprovers(level: LevelDef, ctx: ApproverContext, decidedEarlier: ReadonlySet<string> = new Set()): string[] {
  const out = new Set<string>();
  for (const a of level.approvers) {
    if (a.kind === "user") {
      out.add(a.userId);
    } else if (a.kind === "global_role") {
      for (const h of ctx.holders) if (h.role === a.role && h.vdcId === null) out.add(h.userId);
    } else {
      const vdc = a.depth === "own" ? ctx.chain[ctx.chain.length - 1] : ctx.chain[a.depth - 1];
      if (vdc) for (const h of ctx.holders) if (h.role === a.role && h.vdcId === vdc) out.add(h.userId);
    }
  }
  return [...out].filter((u) => u !== ctx.applicantId && !decidedEarlier.has(u) && !ctx.disabled?.has(u)).sort();
}

export interface Decision {
  level: number;
  /** null for an automatic decision (timeout). */
  userId: string | null;
  verdict: "approve" | "reject";
  comment: string | null;
  at: string;
}

/** Where an order's approval stands; stored with the order, replaced on every decision. */
export interface ApprovalState {
  status: "pending" | "approved" | "rejected";
  /** 0-based index of the level waiting for decisions (meaningless once decided). */
  level: number;
  /** The approvers of the current level, fixed when it started. */
  approvers: string[];
  levelStartedAt: string;
  decisions: Decision[];
}

/** "recorded": a countersign approval noted, the level still waiting for the others. */
export type Transition = "none" | "recorded" | "level_advanced" | "approved" | "rejected";

export interface Outcome {
  state: ApprovalState;
  transition: Transition;
}

/** Start the approval of an order: level 1 with its approvers, or an error if nobody may decide it. */
export function startApproval(levels: readonly LevelDef[], ctx: ApproverContext, now: Date): ApprovalState {
  const first = levels[0];
  if (!first) throw new DomainError("INVALID_STATE", "process has no levels", { reason: "process_empty" });
  const approvers = resolveApprovers(first, ctx);
  if (approvers.length === 0) throw new DomainError("INVALID_STATE", "no approver", { reason: "no_eligible_approver", level: 1 });
  return { status: "pending", level: 0, approvers, levelStartedAt: now.toISOString(), decisions: [] };
}

/** Move past a level that has reached its verdict: the next level, or the order's final verdict. */
function afterLevel(levels: readonly LevelDef[], state: ApprovalState, verdict: "approve" | "reject", ctx: ApproverContext, now: Date): Outcome {
  if (verdict === "reject") return { state: { ...state, status: "rejected" }, transition: "rejected" };
  const nextIndex = state.level + 1;
  const next = levels[nextIndex];
  if (!next) return { state: { ...state, status: "approved" }, transition: "approved" };
  const decidedEarlier = new Set(state.decisions.map((d) => d.userId).filter((u): u is string => u !== null));
  const approvers = resolveApprovers(next, ctx, decidedEarlier);
  if (approvers.length === 0) {
    // Nobody is left who may decide this level: the order cannot be approved, so it is rejected
    // with the reason, rather than waiting for ever.
    const auto: Decision = { level: nextIndex + 1, userId: null, verdict: "reject", comment: "no eligible approver", at: now.toISOString() };
    return { state: { ...state, level: nextIndex, approvers: [], levelStartedAt: now.toISOString(), status: "rejected", decisions: [...state.decisions, auto] }, transition: "rejected" };
  }
  return { state: { ...state, level: nextIndex, approvers, levelStartedAt: now.toISOString() }, transition: "level_advanced" };
}

/**
 * One approver's decision. Refuses (with a reason code) the applicant, someone not among the
 * level's approvers, a rejection without a reason, or an order no longer pending. A repeated
 * decision by the same person at the same level changes nothing (transition "none"): double
 * clicks are harmless.
 */
export function decide(
  levels: readonly LevelDef[],
  state: ApprovalState,
  input: { userId: string; verdict: "approve" | "reject"; comment?: string | null },
  ctx: ApproverContext,
  now: Date,
): Outcome {
  // One person decides at most one level of an order: a repeat of their decision (a double
  // click, a retry, a second tab) changes nothing, wherever the order has moved since.
  const mine = state.decisions.find((d) => d.userId === input.userId);
  if (mine) {
    if (mine.verdict === input.verdict) return { state, transition: "none" };
    throw new DomainError("INVALID_STATE", "already decided", { reason: "already_decided", verdict: mine.verdict });
  }
  if (state.status !== "pending") throw new DomainError("INVALID_STATE", "order already decided", { reason: "order_not_pending", status: state.status });
  if (input.userId === ctx.applicantId) throw new DomainError("FORBIDDEN", "own order", { reason: "self_approval" });
  const levelNo = state.level + 1;
  if (!state.approvers.includes(input.userId)) throw new DomainError("FORBIDDEN", "not an approver of this level", { reason: "not_level_approver", level: levelNo });
  const comment = input.comment?.trim() || null;
  if (input.verdict === "reject" && !comment) throw new DomainError("INVALID_INPUT", "reason required", { reason: "reject_reason_required" });
  const level = levels[state.level];
  if (!level) throw new DomainError("INVALID_STATE", "no such level", { reason: "process_empty" });
  const decision: Decision = { level: levelNo, userId: input.userId, verdict: input.verdict, comment, at: now.toISOString() };
  const next: ApprovalState = { ...state, decisions: [...state.decisions, decision] };
  if (input.verdict === "reject") return afterLevel(levels, next, "reject", ctx, now);
  if (level.mode === "or") return afterLevel(levels, next, "approve", ctx, now);
  // Countersign: the level passes once every approver fixed at its start has approved.
  const approved = new Set(next.decisions.filter((d) => d.level === levelNo && d.verdict === "approve").map((d) => d.userId));
  if (state.approvers.every((u) => approved.has(u))) return afterLevel(levels, next, "approve", ctx, now);
  return { state: next, transition: "recorded" };
}

/** When the current level times out, or null if it never does (or the order is decided). */
export function timeoutAt(levels: readonly LevelDef[], state: ApprovalState): Date | null {
  const level = levels[state.level];
  if (state.status !== "pending" || !level || level.timeoutSeconds === null) return null;
  return new Date(new Date(state.levelStartedAt).getTime() + level.timeoutSeconds * 1000);
}

/** The automatic decision of a level whose timeout the cloud clock has passed (or no change). */
export function tick(levels: readonly LevelDef[], state: ApprovalState, ctx: ApproverContext, now: Date): Outcome {
  const due = timeoutAt(levels, state);
  const level = levels[state.level];
  if (!due || !level || now < due) return { state, transition: "none" };
  const auto: Decision = { level: state.level + 1, userId: null, verdict: level.onTimeout, comment: `timed out after ${level.timeoutSeconds} s`, at: now.toISOString() };
  return afterLevel(levels, { ...state, decisions: [...state.decisions, auto] }, level.onTimeout, ctx, now);
}

/**
 * ",u1,u2,": the approvers of the current level who have not decided (the order waits on them),
 * as stored for the top bar's count; "" once the order is no longer pending. The same rule as an
 * approver's inbox: an approver who decided at any level is no longer waited on.
 */
export function waitingOn(state: ApprovalState | null): string {
  if (!state || state.status !== "pending") return "";
  const decided = new Set(state.decisions.map((d) => d.userId));
  const waiting = state.approvers.filter((u) => !decided.has(u));
  return waiting.length ? `,${waiting.join(",")},` : "";
}
