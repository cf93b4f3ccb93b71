import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, type APIRequestContext, type PlaywrightWorkerArgs } from "@playwright/test";
import { PASSWORD } from "./helpers";

// What the authorization matrix and the malformed-input sweep share: the lists of every server
// action (from the build's own manifest) and every REST route (from the files), signing in as a
// demo role, calling an action over HTTP as a browser would, and reducing answers to outcomes.

export const ROLES = ["tenant", "tenant_fin", "vdc_admin", "approver", "op_admin", "om_admin", "cloud_admin", "auditor"] as const;
export type DemoRole = (typeof ROLES)[number];

/** allowed: authorization passed (the call succeeded or a later rule refused it with a 400 or 409). */
export type Outcome = "allowed" | "403" | "404" | "401";

export interface ServerAction {
  name: string;
  id: string;
  /** A page whose module graph holds the action: Next.js runs an action only from such a page. */
  page: string;
}

/** Every server action of the build, from Next.js's server-reference manifest. */
export function serverActions(): ServerAction[] {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as { node: Record<string, { exportedName?: string; workers: Record<string, unknown> }> };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const pages = Object.keys(entry.workers)
      .filter((w) => w.endsWith("/page"))
      .map((w) => "/" + w.replace(/^app\//, "").replace(/\/page$/, "").split("/").filter((s) => !/^\(.*\)$/.test(s)).join("/"));
    const page = pages.find((p) => !p.includes("[")) ?? (pages[0] ?? "/").replace(/\[[^\]]+\]/g, "00000000-0000-4000-8000-000000000000");
    return { name: entry.exportedName ?? id, id, page };
  });
}

/** Every REST route and its methods, from app/api/**\/route.ts. */
export function restRoutes(): { route: string; methods: string[] }[] {
  const out: { route: string; methods: string[] }[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === "route.ts") {
        const src = readFileSync(p, "utf8");
        const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => new RegExp(`export (async function|const) ${m}\\b|export const \\{[^}]*\\b${m}\\b`).test(src));
        out.push({ route: "/" + path.relative("app", path.dirname(p)).split(path.sep).join("/"), methods });
      }
    }
  };
  if (existsSync("app/api")) walk("app/api");
  return out;
}

/** A request context signed in as a demo user through Auth.js's own endpoint. */
export async function signedIn(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string, username: string): Promise<APIRequestContext> {
  const ctx = await playwright.request.newContext({ baseURL });
  const { csrfToken } = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await ctx.post("/api/auth/callback/credentials", { form: { username, password: PASSWORD, csrfToken }, maxRedirects: 0 });
  expect(res.headers()["location"] ?? "", `sign-in of ${username}`).not.toContain("error");
  return ctx;
}

export interface ActionAnswer {
  status: number;
  ok: boolean | null;
  code: string | null;
  data: unknown;
}

/** Call a server action as the browser does: its id in Next-Action, the arguments as the body. */
export async function callAction(ctx: APIRequestContext, action: ServerAction, body: string): Promise<ActionAnswer> {
  const res = await ctx.post(action.page, {
    headers: { "next-action": action.id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
    data: body,
    maxRedirects: 0,
  });
  const text = await res.text();
  // The flight answer holds the action's result as one JSON row: {"ok":...}.
  for (const line of text.split("\n")) {
    const json = line.slice(line.indexOf(":") + 1);
    if (!json.startsWith("{")) continue;
    try {
      const row = JSON.parse(json) as { ok?: boolean; code?: string; data?: unknown };
      if (typeof row.ok === "boolean") return { status: res.status(), ok: row.ok, code: row.code ?? null, data: row.data };
    } catch {
      // another row of the flight data
    }
  }
  return { status: res.status(), ok: null, code: null, data: null };
}

export function actionOutcome(a: ActionAnswer): Outcome | `unexpected ${string}` {
  if (a.ok === null) return `unexpected status ${a.status}`;
  if (a.ok) return "allowed";
  if (a.code === "FORBIDDEN") return "403";
  if (a.code === "NOT_FOUND") return "404";
  if (a.code === "UNAUTHENTICATED") return "401";
  if (a.code === "INTERNAL") return "unexpected INTERNAL";
  return "allowed";
}

export function httpOutcome(status: number): Outcome | `unexpected ${number}` {
  if (status === 401) return "401";
  if (status === 403) return "403";
  if (status === 404) return "404";
  if (status >= 500) return `unexpected ${status}`;
  return "allowed";
}
