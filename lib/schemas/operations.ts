import { z } from "zod";
import { ALARM_STATES, ALARM_TYPES, SEVERITIES } from "@/lib/cloud/operations";
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
export const controllerInput = z.object({ id: z.string().trim().min(1).max(64), running: z.boolean() });
