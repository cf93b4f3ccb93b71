import { expect, type APIRequestContext } from "@playwright/test";
import { test } from "./fixtures";
import { dbFingerprint } from "./db-fingerprint";
import { callAction, restRoutes, serverActions, signedIn } from "./matrix-helpers";

// Malformed input to every server action and every REST route, sent by a role that may call it
// (so the input is really read): broken JSON, wrong types, 1 MB strings and prototype names. Every
// answer is a 4xx or a coded refusal, never a 5xx, and the database is left as it was.

test.slow();

const MB = "x".repeat(1024 * 1024);
/** Bodies as the client sends them: server actions take a JSON array of arguments. */
const ACTION_BODIES: [string, string][] = [
  ["broken JSON", "[{"],
  ["empty", ""],
  ["not an array", '{"id":1}'],
  ["wrong types", JSON.stringify([{ id: 42, name: true, count: "many", ids: "x", items: 7, vdcId: [], limit: "-5e999", published: "yes", patch: 1 }])],
  ["1 MB string", JSON.stringify([{ id: MB, name: MB }])],
  ["prototype names", '[{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":true}},"id":"__proto__","name":"constructor"}]'],
  ["a string argument", JSON.stringify(["toString"])],
  ["null", "[null]"],
  ["NUL characters", JSON.stringify([{ id: "\u0000", name: "a\u0000b", description: "\u0000" }])],
];
const JSON_BODIES: [string, string][] = [
  ["broken JSON", "{"],
  ["empty", ""],
  ["wrong types", JSON.stringify({ name: 1, az: false, flavorId: [], imageId: {}, count: true, action: 5, verdict: 1, items: "x", policy: null })],
  ["1 MB string", JSON.stringify({ name: MB.slice(0, 60 * 1024) })],
  ["over the size limit", JSON.stringify({ name: MB })],
  ["prototype names", '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":true}},"action":"__proto__","kind":"constructor"}'],
  ["NUL characters", JSON.stringify({ name: "a\u0000b", description: "\u0000", az: "az1\u0000", items: [{ name: "\u0000" }] })],
];
/** Who calls what: a role holding the action's permission, so the input is parsed. */
const CALLERS = ["cloud_admin", "op_admin", "vdc_admin", "tenant"] as const;

let sessions: Record<(typeof CALLERS)[number], APIRequestContext>;

/** Run `work` over `items`, at most `width` at a time. */
async function inTurns<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) await work(items[next++] as T);
  }));
}

test.beforeAll(async ({ playwright }, info) => {
  const baseURL = info.project.use.baseURL as string;
  sessions = Object.fromEntries(await Promise.all(CALLERS.map(async (r) => [r, await signedIn(playwright, baseURL, r)] as const))) as typeof sessions;
});

test.afterAll(async () => {
  for (const s of Object.values(sessions ?? {})) await s.dispose();
});

test("server actions answer malformed input with a coded refusal and change nothing", async () => {
  const before = await dbFingerprint();
  const problems: string[] = [];
  // Every call is refused and changes nothing, so one action's calls go four at a time: the
  // server works on one while the client writes the next.
  for (const action of serverActions()) {
    if (["loginAction", "logoutAction"].includes(action.name)) continue;
    const calls = CALLERS.flatMap((role) => ACTION_BODIES.map(([label, body]) => ({ role, label, body })));
    await inTurns(calls, 4, async ({ role, label, body }) => {
      const a = await callAction(sessions[role], action, body);
      // A refused call: a 4xx from Next.js itself (an unreadable body), or a coded result.
      const fine = (a.status >= 400 && a.status < 500) || (a.ok === false && a.code !== "INTERNAL") || (a.ok === null && a.status < 500 && action.name === "setLocaleAction");
      if (!fine) problems.push(`${action.name} as ${role} with ${label}: status ${a.status}, ok ${String(a.ok)}, code ${a.code}`);
    });
  }
  expect(problems).toEqual([]);
  expect(await dbFingerprint()).toBe(before);
});

test("REST routes answer malformed input with a 4xx and change nothing", async () => {
  const before = await dbFingerprint();
  const problems: string[] = [];
  const id = "00000000-0000-4000-8000-000000000000";
  for (const { route, methods } of restRoutes()) {
    if (route.startsWith("/api/auth")) continue;
    const url = route.replace(/\[[^\]]+\]/g, id);
    for (const role of CALLERS) {
      for (const method of methods) {
        if (method === "GET") {
          for (const q of ["?sort=__proto__&dir=sideways&page=-1&pageSize=1e9", "?ids=,,,__proto__", `?lines=${MB.slice(0, 4000)}`, "?inbox=constructor&from=not-a-date&result=__proto__"]) {
            const res = await sessions[role].get(url + q);
            if (res.status() >= 500) problems.push(`GET ${url}${q.slice(0, 40)} as ${role}: ${res.status()}`);
          }
          continue;
        }
        for (const [label, body] of JSON_BODIES) {
          for (const type of ["application/json", "text/plain", "application/x-www-form-urlencoded"]) {
            const res = await sessions[role].fetch(url, { method, headers: { "content-type": type }, data: body });
            const status = res.status();
            if (status < 400 || status >= 500) problems.push(`${method} ${url} as ${role} with ${label} (${type}): ${status}`);
            else {
              const json = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
              if (!json?.error?.code) problems.push(`${method} ${url} as ${role} with ${label} (${type}): ${status} without a coded error`);
            }
          }
        }
      }
    }
  }
  expect(problems).toEqual([]);
  expect(await dbFingerprint()).toBe(before);
});
