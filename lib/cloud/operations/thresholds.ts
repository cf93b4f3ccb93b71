// Threshold rules as data: a metric, a comparison, a value, how long the condition must hold, and
// the severity of the alarm it raises ("host CPU > 85 % for 5 minutes is major"). Evaluation is a
// small state machine per (rule, source), fed the source's samples in time order:
//
//   ok --condition holds--> pending (since T) --held for the duration--> firing --condition ends--> ok
//
// A sample that breaks the condition while pending resets it, so a spike shorter than the duration
// raises nothing. A rule with no duration fires on the first breaching sample. A gap in the
// samples neither fires nor clears: the state waits for the next sample.

export type Severity = "critical" | "major" | "minor" | "warning";
export const SEVERITIES: readonly Severity[] = ["critical", "major", "minor", "warning"];

export type Comparison = ">" | ">=" | "<" | "<=";
export const COMPARISONS: readonly Comparison[] = [">", ">=", "<", "<="];

export interface ThresholdRule {
  id: string;
  metric: string;
  comparison: Comparison;
  value: number;
  durationSeconds: number;
  severity: Severity;
  enabled: boolean;
}

/** The kinds of source a rule may watch (those with metric series: see METRICS in metrics.ts). */
export type RuleSourceKind = "host" | "instance" | "pool" | "eip" | "az";

/** A rule as stored: which kind of source it watches, and the rule. */
export interface ThresholdRuleRecord extends ThresholdRule {
  kind: RuleSourceKind;
}

export interface ThresholdState {
  /** When the condition started to hold (cloud time, ms), or null. */
  breachingSince: number | null;
  firing: boolean;
}

export const QUIET: ThresholdState = { breachingSince: null, firing: false };

export type ThresholdOutcome = "none" | "raise" | "clear";

export function breaches(rule: Pick<ThresholdRule, "comparison" | "value">, value: number): boolean {
  switch (rule.comparison) {
    case ">":
      return value > rule.value;
    case ">=":
      return value >= rule.value;
    case "<":
      return value < rule.value;
    case "<=":
      return value <= rule.value;
  }
}

/** The next state after one sample, and whether it raises or clears the rule's alarm. */
export function evaluateSample(rule: ThresholdRule, state: ThresholdState, sample: { at: number; value: number }): { state: ThresholdState; outcome: ThresholdOutcome } {
  if (!rule.enabled) return state.firing ? { state: QUIET, outcome: "clear" } : { state: QUIET, outcome: "none" };
  if (!breaches(rule, sample.value)) return { state: QUIET, outcome: state.firing ? "clear" : "none" };
  const since = state.breachingSince ?? sample.at;
  if (state.firing) return { state: { breachingSince: since, firing: true }, outcome: "none" };
  const held = sample.at - since >= rule.durationSeconds * 1000;
  return held ? { state: { breachingSince: since, firing: true }, outcome: "raise" } : { state: { breachingSince: since, firing: false }, outcome: "none" };
}

/** Every sample of a series through one rule, in order: the state after the last and each outcome with its time. */
export function evaluateSeries(rule: ThresholdRule, state: ThresholdState, samples: readonly { at: number; value: number }[]): { state: ThresholdState; events: { at: number; outcome: Exclude<ThresholdOutcome, "none">; value: number }[] } {
  const events: { at: number; outcome: Exclude<ThresholdOutcome, "none">; value: number }[] = [];
  let s = state;
  for (const sample of samples) {
    const r = evaluateSample(rule, s, sample);
    s = r.state;
    if (r.outcome !== "none") events.push({ at: sample.at, outcome: r.outcome, value: sample.value });
  }
  return { state: s, events };
}

/**
 * The rules a new cloud starts with (the O&M admin edits them): sustained host CPU and memory
 * pressure, a hot server, filling storage pools. Kinds and metrics are those of METRICS.
 */
export const DEFAULT_THRESHOLD_RULES: readonly ThresholdRuleRecord[] = [
  { id: "rule-host-cpu", kind: "host", metric: "cpu", comparison: ">", value: 85, durationSeconds: 300, severity: "major", enabled: true },
  { id: "rule-host-memory", kind: "host", metric: "memory", comparison: ">", value: 95, durationSeconds: 600, severity: "major", enabled: true },
  { id: "rule-host-temperature", kind: "host", metric: "temperature", comparison: ">", value: 75, durationSeconds: 600, severity: "critical", enabled: true },
  { id: "rule-pool-used-minor", kind: "pool", metric: "used", comparison: ">", value: 80, durationSeconds: 0, severity: "minor", enabled: true },
  { id: "rule-pool-used-critical", kind: "pool", metric: "used", comparison: ">", value: 90, durationSeconds: 0, severity: "critical", enabled: true },
];
