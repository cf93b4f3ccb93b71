import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { test } from "./fixtures";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { permissionsOf } from "../lib/cloud/identity/permissions";
import { PASSWORD, newSession } from "./helpers";

/** Every page under app/(console), its URL (ids filled in) and the pageActor(portal, permission) it calls. */
function consolePages(): { file: string; url: string; guard: { portal: string; permissions: string[] } | null }[] {
  const out: { file: string; url: string; guard: { portal: string; permissions: string[] } | null }[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === "page.tsx") {
        // pageActor("sc", "ecs:view") or pageActor("sc", ["order:approve", "order:view_all"]): any one opens it.
        const m = /pageActor\("([^"]+)", (\[[^\]]*\]|"[^"]+")\)/.exec(readFileSync(p, "utf8"));
        const url = "/" + path.relative("app/(console)", path.dirname(p)).split(path.sep).join("/").replace(/\[[^\]]+\]/g, "00000000-0000-4000-8000-000000000000");
        out.push({ file: p, url: url === "/." ? "/" : url, guard: m ? { portal: m[1]!, permissions: [...m[2]!.matchAll(/"([^"]+)"/g)].map((x) => x[1]!) } : null });
      }
    }
  };
  walk("app/(console)");
  return out;
}

// Attacks from the outside, as issue 10 lists them: each must be answered with a 4xx (never a
// 5xx), change nothing, and reveal nothing. Names are per attempt so a retry starts clean.

/** Sign in through Auth.js's own endpoint (what a script would do), in the given request context. */
async function apiSignIn(request: APIRequestContext, username: string, password = PASSWORD, headers: Record<string, string> = {}) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  return request.post("/api/auth/callback/credentials", { form: { username, password, csrfToken }, headers, maxRedirects: 0 });
}

async function launch(page: Page, name: string): Promise<string> {
  const res = await page.request.post("/api/v1/instances", { data: { name, az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79" } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

test("a signed-out call to the REST API is a 401 in JSON, not a redirect", async ({ request }) => {
  const res = await request.get("/api/v1/instances", { maxRedirects: 0 });
  expect(res.status()).toBe(401);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe("UNAUTHENTICATED");
  expect((await request.post("/api/v1/orders", { data: {}, maxRedirects: 0 })).status()).toBe(401);
});

test("every page carries the security headers and a nonce-based policy that the page itself obeys", async ({ browser }) => {
  const page = await newSession(browser, "cloud_admin");
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const res = await page.goto("/service-om/hosts");
  const h = res?.headers() ?? {};
  expect(h["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["permissions-policy"]).toContain("camera=()");
  // The page works under its own policy: client navigation and a live table.
  await page.getByRole("link", { name: "Flavors" }).first().click();
  await expect(page.getByRole("heading", { name: "Flavors" })).toBeVisible();
  expect(violations).toEqual([]);
  const login = await page.request.get("/login");
  expect(login.headers()["x-content-type-options"]).toBe("nosniff");
  await page.context().close();
});

test("a cross-site post cannot change anything; malformed bodies are coded 4xx answers", async ({ browser }, info) => {
  const page = await newSession(browser, "tenant");
  const id = await launch(page, `sec-${info.retry}-${Date.now() % 100000}`);
  const action = `/api/v1/instances/${id}/action`;
  // The classic CSRF: a text/plain form post from another site.
  const csrf = await page.request.post(action, { data: '{"action":"lock"}', headers: { "content-type": "text/plain", origin: "http://evil.example" } });
  expect(csrf.status()).toBe(403);
  const plain = await page.request.post(action, { data: '{"action":"lock"}', headers: { "content-type": "text/plain" } });
  expect(plain.status()).toBe(415);
  const crossJson = await page.request.post(action, { data: { action: "lock" }, headers: { origin: "http://evil.example", "sec-fetch-site": "cross-site" } });
  expect(crossJson.status()).toBe(403);
  const detail = (await (await page.request.get(`/api/v1/instances/${id}`)).json()) as { locked: boolean };
  expect(detail.locked).toBe(false);

  const routes = ["/api/v1/instances", action, "/api/v1/orders", "/api/v1/server-groups"];
  const bodies: { data: string | Buffer; type: string; status: number[] }[] = [
    { data: "{", type: "application/json", status: [400] },
    { data: "", type: "application/json", status: [400] },
    { data: Buffer.alloc(1024 * 1024, "a"), type: "application/json", status: [413] },
    { data: "name=x&az=az1", type: "application/x-www-form-urlencoded", status: [415] },
    { data: '"__proto__"', type: "application/json", status: [400] },
    { data: '{"__proto__":{"admin":true},"constructor":{"prototype":{}}}', type: "application/json", status: [400, 403] },
  ];
  for (const url of routes) {
    for (const b of bodies) {
      const res = await page.request.post(url, { data: b.data, headers: { "content-type": b.type } });
      expect.soft(b.status, `${url} with ${b.type} ${String(b.data).slice(0, 20)} -> ${res.status()}`).toContain(res.status());
      expect(res.status()).toBeLessThan(500);
      const body = (await res.json()) as { error?: { code?: string } };
      expect(body.error?.code).toMatch(/^[A-Z_]+$/);
    }
  }
  // Deciding orders is not a tenant's: refused before the body is read, whatever it holds.
  for (const b of bodies) {
    const res = await page.request.post(`/api/v1/orders/${crypto.randomUUID()}/decision`, { data: b.data, headers: { "content-type": b.type } });
    expect(res.status()).toBe(403);
  }
  // Wrong types are refused by name, not coerced: `count: true` is not 1.
  const typed = await page.request.post("/api/v1/instances", { data: { name: "typed", az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79", count: true } });
  expect(typed.status()).toBe(400);
  expect(((await typed.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty("count");
  // An unknown project is a 404 naming it, not a 500.
  const ghost = await page.request.post("/api/v1/instances", { data: { name: "ghost", az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79", projectId: "no-such-project" } });
  expect(ghost.status()).toBe(404);
  expect(((await ghost.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty("projectId");
  // Prototype names are not sort keys, on the API and on the pages.
  for (const sort of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
    expect((await page.request.get(`/api/v1/instances?sort=${sort}`)).status()).toBe(200);
    expect((await page.goto(`/sc/ecs?sort=${sort}&page=abc`))?.status()).toBe(200);
  }
  expect((await page.request.get("/api/v1/instances?page=0")).status()).toBe(400);
  expect((await page.request.get("/api/v1/instances?ids=not-a-uuid")).status()).toBe(400);
  await page.request.post(action, { data: { action: "delete" } });
  await page.context().close();
});

test("a tenant fetching admin pages gets 403 and none of their data, in the HTML or the RSC payload", async ({ browser }) => {
  const page = await newSession(browser, "tenant");
  // Every page of the console, from the files, with the portal and permission it checks itself.
  const pages = consolePages();
  expect(pages.filter((p) => !p.guard).map((p) => p.file), "pages that do not call pageActor").toEqual([]);
  const tenantMay = permissionsOf(["tenant_user"]) as Set<string>;
  const adminPages = pages.filter((p) => p.guard && !(tenantMay.has(`portal:${p.guard.portal}`) && p.guard.permissions.some((x) => tenantMay.has(x)))).map((p) => p.url);
  expect(adminPages.length).toBeGreaterThan(15);
  // Data only those pages hold: a host, a controller and its serial, an admin's user id, a process.
  // (Not user names: the login page's demo hint names them in the messages every page carries.)
  const secrets = ["cmp-az1-0001", "ctrl-01", "2102311TFH", "user-op_admin", "Standard two-level approval", "ECS (AZ1 only)", "hp.2xlarge.4"];
  for (const url of adminPages) {
    const variants: Record<string, string>[] = [{}, { RSC: "1" }];
    for (const headers of variants) {
      // An RSC request is first redirected to its cache-busting URL (?_rsc=...); follow that one.
      const res = await page.request.get(url, { headers, maxRedirects: headers.RSC ? 1 : 0 });
      // The document is a 403; a flight (RSC) response is always 200 and carries the 403 page instead.
      expect.soft(res.status(), `${url} ${JSON.stringify(headers)}`).toBe(headers.RSC ? 200 : 403);
      const text = await res.text();
      for (const s of secrets) expect.soft(text.includes(s), `${url} ${JSON.stringify(headers)} contains ${s}`).toBe(false);
      // The 403 page itself (its test id, plain in HTML, escaped inside the flight data).
      expect.soft(/data-testid\\*"?[:=]\\*"forbidden/.test(text), `${url} ${JSON.stringify(headers)} renders the 403 page`).toBe(true);
    }
  }
  // Another tenant's resource, or one that never existed, is a real 404.
  expect((await page.goto(`/sc/ecs/${crypto.randomUUID()}`))?.status()).toBe(404);
  expect((await page.goto(`/sc/orders/${crypto.randomUUID()}`))?.status()).toBe(404);
  await page.context().close();
});

test("Auth.js's own sign-out endpoint revokes the session on the server", async ({ browser }) => {
  const page = await newSession(browser, "tenant");
  const cookies = await page.context().cookies();
  expect((await page.request.get("/api/v1/instances")).status()).toBe(200);
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await page.request.post("/api/auth/signout", { form: { csrfToken }, maxRedirects: 0 });
  // Replay the cookie taken before signing out, from a fresh browser.
  const replay = await browser.newContext();
  await replay.addCookies(cookies);
  expect((await replay.request.get("/api/v1/instances", { maxRedirects: 0 })).status()).toBe(401);
  await replay.close();
  await page.context().close();
});

test("the audit log records the socket's address, not a client's X-Forwarded-For; too many failures are a 429", async ({ playwright, browser }, info) => {
  const spoofer = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  const signIn = await apiSignIn(spoofer, "auditor", PASSWORD, { "x-forwarded-for": "6.6.6.6" });
  expect(signIn.status()).toBeLessThan(400);
  await spoofer.dispose();
  const op = await newSession(browser, "op_admin");
  const csv = await (await op.request.get("/api/v1/audit/export?action=auth.login&actor=auditor")).text();
  expect(csv).toContain("127.0.0.1");
  expect(csv).not.toContain("6.6.6.6");
  await op.context().close();

  // An account name nobody has, attacked from one address: after 100 failures in an hour, 429.
  const attacker = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  const name = `ghost_${info.retry}_${Date.now() % 100000}`;
  const statuses: number[] = [];
  for (let i = 0; i < 102; i++) statuses.push((await apiSignIn(attacker, name, "guess")).status());
  expect(statuses.slice(0, 100).every((s) => s === 302)).toBe(true);
  expect(statuses.slice(100)).toEqual([429, 429]);
  const last = await apiSignIn(attacker, name, "guess");
  expect(((await last.json()) as { error: { code: string } }).error.code).toBe("RATE_LIMITED");
  await attacker.dispose();
});
