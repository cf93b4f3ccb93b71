import { z } from "zod";
import { ALARM_STATES, ALARM_TYPES, COMPARISONS, METRICS, SEVERITIES, type Comparison, type Severity } from "@/lib/cloud/operations";
import { numeric } from "./numeric";
import { listSchema } from "./list";

// The O&M portals' inputs: alarm lists and handling, and fault drills.

export const alarmListParams = listSchema({
  severity: z.enum(SEVERITIES as [string, ...string[]]).optional(),
  // "open" (active or acknowledged) is the default view; "cleared" is the history.
  state: z.enum(["open", ...ALARM_STATES] as [string, ...string[]]).optional(),
  type: z.enum(ALARM_TYPES).optional(),
});
export type AlarmListParams = z.infer<typeof alarmListParams>;

export const alarmIdInput = z.object({ id: z.string().trim().min(1).max(64) });
export const alarmCommentInput = z.object({ id: z.string().trim().min(1).max(64), text: z.string().trim().min(1).max(500) });
export const diskDrillInput = z.object({ id: z.string().trim().min(1).max(64), op: z.enum(["fail", "repair"]) });
export const componentDrillInput = z.object({ id: z.string().trim().min(1).max(128), op: z.enum(["fail", "repair"]) });
export const controllerInput = z.object({ id: z.string().trim().min(1).max(64), running: z.boolean() });

/** A threshold rule as the O&M admin edits it: the metric must be one its kind of source reports. */
export const thresholdRuleInput = z
  .object({
    id: z.string().trim().min(1).max(64).optional(),
    kind: z.enum(["host", "instance", "pool", "eip", "az"]),
    metric: z.string().trim().min(1).max(32),
    comparison: z.enum(COMPARISONS as [Comparison, ...Comparison[]]),
    value: numeric(z.number().finite().min(-1_000_000).max(1_000_000)),
    durationSeconds: numeric(z.number().int().min(0).max(86_400)),
    severity: z.enum(SEVERITIES as [Severity, ...Severity[]]),
    enabled: z.boolean().default(true),
  })
  .refine((r) => METRICS[r.kind].includes(r.metric), { path: ["metric"], message: "metric_not_of_kind" });
export type ThresholdRuleInput = z.infer<typeof thresholdRuleInput>;
export const thresholdRuleIdInput = z.object({ id: z.string().trim().min(1).max(64) });
