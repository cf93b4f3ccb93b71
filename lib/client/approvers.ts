import type { ApproverSpec } from "@/lib/cloud/approval/process";

type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * An approval level's approver in words ("VDC admin of the level-1 VDC"), for the order page's
 * process path and the process editor. `t` reads the "orders.spec" messages, `role` the role names.
 */
export function describeApprover(s: ApproverSpec, t: Translate, role: Translate, userName: (id: string) => string): string {
  if (s.kind === "user") return t("user", { user: userName(s.userId) });
  if (s.kind === "global_role") return t("global", { role: role(s.role) });
  return s.depth === "own" ? t("ownVdc", { role: role(s.role) }) : t("vdcDepth", { role: role(s.role), depth: s.depth });
}
