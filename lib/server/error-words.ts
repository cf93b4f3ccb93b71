import "server-only";
import { ZodError } from "zod";
import { DomainError } from "@/lib/cloud/shared";
import { NoValidHostError } from "@/lib/cloud/compute";
import { NoValidBackendError } from "@/lib/cloud/storage";
import { UnauthenticatedError } from "./auth/unauthenticated";
import type { Actor } from "./auth/actor";

// The one place a coded error becomes words, in whatever language the translator given speaks: the
// console's reader's (actions and route handlers, actions/result.ts) or English (the OpenStack API).
// No next-intl here: the translator is handed in, so scripts and the API load no request APIs.

const GiB = (mb: number) => `${(mb / 1024).toFixed(mb % 1024 === 0 ? 0 : 1)} GiB`;

/** Who reads the error: only those who may see the physical layer hear why no host fits. */
export type ErrorViewer = Pick<Actor, "permissions"> | null;

/** A translator over the whole message tree (next-intl's, for the reader's locale or a fixed one). */
export interface RootTranslator {
  (key: string, params?: Record<string, string | number>): string;
  has(key: string): boolean;
}

/** An error's code and words in a given translator: the console's reader's locale, or English for the OpenStack API. */
export function describeError(err: unknown, viewer: ErrorViewer, tr: RootTranslator): { ok: false; code: string; message: string; fields?: Record<string, string> } {
  const t = Object.assign((key: string, params?: Record<string, string | number>) => tr(`errors.${key}`, params), { has: (key: string) => tr.has(`errors.${key}`) });
  if (err instanceof ZodError) {
    const fields: Record<string, string> = {};
    for (const issue of err.issues) {
      const key = String(issue.path[0] ?? "form");
      fields[key] ??= t.has(`field.${issue.message}`) ? t(`field.${issue.message}`) : issue.message;
    }
    return { ok: false, code: "INVALID_INPUT", message: t("invalidInput"), fields };
  }
  if (err instanceof UnauthenticatedError) return { ok: false, code: "UNAUTHENTICATED", message: t("unauthenticated") };
  if (err instanceof NoValidHostError) {
    // As Nova answers a non-administrator: hosts, filters and their numbers are the operators'.
    if (!viewer?.permissions.has("host:view")) return { ok: false, code: err.code, message: t("noHost.nova") };
    const e = err.explanation;
    const az = e.az ?? "-";
    const isMem = e.filter === "MEMORY_MB" || e.filter === "NUMATopologyFilter";
    const fmt = (n: number | null) => (n === null ? "-" : isMem ? GiB(n) : e.filter === "DISK_GB" ? `${n} GB` : String(n));
    const key = e.filter ? `noHost.${e.filter}.${e.code}` : "noHost.no_hosts";
    const message = t.has(key)
      ? t(key, { az, requested: fmt(e.requested), available: fmt(e.bestAvailable), wanted: e.wanted ?? "-", hosts: e.hostCount })
      : t("noHost.generic", { az, hosts: e.hostCount });
    return { ok: false, code: err.code, message };
  }
  // As Cinder answers a tenant: the pools, their capacities and the rule are the storage administrators'.
  if (err instanceof NoValidBackendError && !viewer?.permissions.has("storage:view")) return { ok: false, code: err.code, message: t("noBackend") };
  if (err instanceof DomainError) {
    const params = { ...err.params };
    // A reason names the exact rule that refused; fall back to the code's general message.
    const reasonKey = typeof params.reason === "string" ? `reasons.${params.reason}` : null;
    const key = reasonKey && t.has(reasonKey) ? reasonKey : err.code;
    // Name the operation in the reader's language ("stop" -> "关机").
    if (err.code === "INVALID_STATE" && typeof params.action === "string" && tr.has(`ecs.actions.${params.action}`)) params.action = tr(`ecs.actions.${params.action}`);
    if (typeof params.resource === "string" && tr.has(`quota.resources.${params.resource}`)) params.resource = tr(`quota.resources.${params.resource}`);
    return { ok: false, code: err.code, message: t.has(key) ? t(key, params) : t("generic") };
  }
  console.error("[action] unexpected error:", err);
  return { ok: false, code: "INTERNAL", message: t("generic") };
}
