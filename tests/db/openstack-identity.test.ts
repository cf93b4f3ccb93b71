// Keystone v3 over the console's users, against the real database: discovery, password tokens
// scoped to a project the user may see (and refused for one it may not), validation, revocation,
// expiry, the console's lockout applying to the API, and each listing confined as Keystone's
// default policies confine it. Requests go through the same dispatcher as the route handler.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { IDENTITY_ROUTES, identityRequest } from "@/lib/server/openstack/identity-api";
import { validateToken } from "@/lib/server/openstack/identity";
import { loadActor } from "@/lib/server/auth/actor";
import { verifyAuditLog } from "@/lib/server/services/audit-verify";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON answer, read field by field in the assertions
type Json = any;

const BASE = "http://console.test";
const PASSWORD = "Hcs@console1";

async function call(method: string, path: string, opts: { token?: string; subject?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (opts.token) headers["x-auth-token"] = opts.token;
  if (opts.subject) headers["x-subject-token"] = opts.subject;
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const req = new Request(`${BASE}/openstack/identity${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const res = await identityRequest(req, path.split("?")[0]!.split("/").filter(Boolean));
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Json) : null };
}

const passwordAuth = (user: string, project: string | null, password = PASSWORD) => ({
  auth: { identity: { methods: ["password"], password: { user: { name: user, domain: { name: "Default" }, password } } }, ...(project ? { scope: { project: { name: project, domain: { name: "Default" } } } } : {}) },
});

async function tokenFor(user: string, project: string | null) {
  const r = await call("POST", "/v3/auth/tokens", { body: passwordAuth(user, project) });
  expect(r.status).toBe(201);
  return { token: r.headers.get("x-subject-token") as string, body: r.body as Json };
}

describe("Keystone v3", () => {
  let platform: string;
  beforeAll(async () => {
    platform = (await db.project.findUniqueOrThrow({ where: { id: "prj-platform" } })).name;
  });
  afterAll(async () => {
    await db.apiToken.deleteMany();
    await db.user.updateMany({ data: { failedLogins: 0, lockedUntil: null } });
    await db.loginThrottle.deleteMany();
  });

  it("answers version discovery as Keystone does", async () => {
    const root = await call("GET", "");
    expect(root.status).toBe(300);
    expect(root.body?.versions.values[0]).toMatchObject({ id: "v3.14", status: "stable", links: [{ rel: "self", href: `${BASE}/openstack/identity/v3/` }] });
    expect((await call("GET", "/v3")).body?.version.id).toBe("v3.14");
  });

  it("issues a project-scoped token with the user, roles, catalog and expiry; validates and revokes it", async () => {
    const { token, body } = await tokenFor("tenant", platform);
    expect(token).toMatch(/^hcs/);
    expect(body.token.project).toMatchObject({ id: "prj-platform", name: platform, domain: { id: "default" } });
    expect(body.token.user.name).toBe("tenant");
    expect(body.token.roles.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(["member", "reader", "tenant_user"]));
    expect(body.token.roles.map((r: { name: string }) => r.name)).not.toContain("admin");
    const identity = body.token.catalog.find((s: { type: string }) => s.type === "identity");
    expect(identity.endpoints.map((e: { interface: string }) => e.interface).sort()).toEqual(["admin", "internal", "public"]);
    expect(identity.endpoints[0].url).toBe(`${BASE}/openstack/identity/v3`);
    const lifetime = Date.parse(body.token.expires_at) - Date.parse(body.token.issued_at);
    expect(lifetime).toBe(3600 * 1000);
    // Only a hash is stored.
    expect(await db.apiToken.count({ where: { id: token } })).toBe(0);
    // The sign-in is audited as the console's is, marked as coming through the API, and the chain still verifies.
    const signIn = await db.auditLog.findFirstOrThrow({ where: { action: "auth.login", actorName: "tenant" }, orderBy: { seq: "desc" } });
    expect(signIn).toMatchObject({ result: "success", source: "api" });
    expect((await verifyAuditLog(db)).problem).toBeNull();

    const check = await call("GET", "/v3/auth/tokens", { token, subject: token });
    expect([check.status, check.body?.token.project.id]).toEqual([200, "prj-platform"]);
    expect((await call("DELETE", "/v3/auth/tokens", { token, subject: token })).status).toBe(204);
    expect((await call("GET", "/v3/auth/tokens", { token, subject: token })).status).toBe(401);
    await expect(validateToken(token)).rejects.toMatchObject({ status: 401 });
  });

  it("refuses a wrong password, a project outside the user's scope, an expired token, and locks the account as the console does", async () => {
    expect((await call("POST", "/v3/auth/tokens", { body: passwordAuth("tenant", platform, "wrong") })).status).toBe(401);
    const other = await call("POST", "/v3/auth/tokens", { body: passwordAuth("tenant", (await db.project.findUniqueOrThrow({ where: { id: "prj-payments" } })).name) });
    expect(other.status).toBe(401);
    expect(other.body?.error).toMatchObject({ code: 401, title: "Unauthorized" });
    const { token } = await tokenFor("tenant", platform);
    await expect(validateToken(token, new Date(Date.now() + 3601 * 1000))).rejects.toMatchObject({ status: 401 });
    // Malformed bodies are Keystone's 400, never a 5xx.
    expect((await call("POST", "/v3/auth/tokens", { body: { auth: { identity: { methods: ["magic"] } } } })).status).toBe(400);
    // Five wrong passwords lock the account for the API as for the sign-in page.
    for (let i = 0; i < 5; i++) await call("POST", "/v3/auth/tokens", { body: passwordAuth("tenant_fin", null, "wrong") });
    expect((await call("POST", "/v3/auth/tokens", { body: passwordAuth("tenant_fin", null) })).status).toBe(401);
    expect((await db.user.findUniqueOrThrow({ where: { username: "tenant_fin" } })).lockedUntil).not.toBeNull();
  });

  it("issues application credentials for scripts: a token for the credential's project with its user's roles, refused when wrong, expired or deleted", async () => {
    // The lockout test above locked tenant_fin.
    await db.user.updateMany({ data: { failedLogins: 0, lockedUntil: null } });
    await db.loginThrottle.deleteMany();
    const { token, body } = await tokenFor("tenant", platform);
    const userId = body.token.user.id as string;
    const made = await call("POST", `/v3/users/${userId}/application_credentials`, { token, body: { application_credential: { name: "ci-script" } } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const cred = made.body.application_credential;
    expect(cred).toMatchObject({ name: "ci-script", project_id: "prj-platform", user_id: userId, unrestricted: false });
    expect(cred.secret).toMatch(/^[A-Za-z0-9_-]{64}$/);
    // Only its hash is kept.
    expect(JSON.stringify(await db.applicationCredential.findUniqueOrThrow({ where: { id: cred.id } }))).not.toContain(cred.secret);
    expect((await call("POST", `/v3/users/${userId}/application_credentials`, { token, body: { application_credential: { name: "ci-script" } } })).status).toBe(409);

    const byId = { auth: { identity: { methods: ["application_credential"], application_credential: { id: cred.id, secret: cred.secret } } } };
    const issued = await call("POST", "/v3/auth/tokens", { body: byId });
    expect(issued.status).toBe(201);
    expect(issued.body.token).toMatchObject({ methods: ["application_credential"], project: { id: "prj-platform" }, application_credential: { id: cred.id, name: "ci-script", restricted: true } });
    const appToken = issued.headers.get("x-subject-token") as string;
    expect((await validateToken(appToken)).projectId).toBe("prj-platform");
    // By name with its user, too; a wrong secret is Keystone's plain 401, audited as a refused API sign-in.
    const byName = { auth: { identity: { methods: ["application_credential"], application_credential: { name: "ci-script", secret: cred.secret, user: { name: "tenant", domain: { name: "Default" } } } } } };
    expect((await call("POST", "/v3/auth/tokens", { body: byName })).status).toBe(201);
    const wrong = await call("POST", "/v3/auth/tokens", { body: { auth: { identity: { methods: ["application_credential"], application_credential: { id: cred.id, secret: "not-the-secret-at-all" } } } } });
    expect(wrong.status).toBe(401);
    expect(await db.auditLog.findFirstOrThrow({ where: { action: "auth.login", actorName: "tenant" }, orderBy: { seq: "desc" } })).toMatchObject({ result: "failure", source: "api", detail: "application credential ci-script: wrong secret" });
    // A credential's token may not make more credentials; another user may not see them, an administrator may.
    expect((await call("POST", `/v3/users/${userId}/application_credentials`, { token: appToken, body: { application_credential: { name: "nested" } } })).status).toBe(403);
    const fin = (await tokenFor("tenant_fin", "payments_prod")).token;
    expect((await call("GET", `/v3/users/${userId}/application_credentials`, { token: fin })).status).toBe(403);
    const admin = (await tokenFor("cloud_admin", platform)).token;
    expect((await call("GET", `/v3/users/${userId}/application_credentials`, { token: admin })).body.application_credentials.map((c: { name: string }) => c.name)).toEqual(["ci-script"]);
    expect((await call("POST", `/v3/users/${userId}/application_credentials`, { token: admin, body: { application_credential: { name: "for-someone" } } })).status).toBe(403);

    // An expired credential signs nobody in; a deleted one neither, and its tokens stop.
    const short = await call("POST", `/v3/users/${userId}/application_credentials`, { token, body: { application_credential: { name: "short", secret: "a-long-enough-secret", expires_at: new Date(Date.now() + 60_000).toISOString() } } });
    await db.applicationCredential.update({ where: { id: short.body.application_credential.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await call("POST", "/v3/auth/tokens", { body: { auth: { identity: { methods: ["application_credential"], application_credential: { id: short.body.application_credential.id, secret: "a-long-enough-secret" } } } } })).status).toBe(401);
    expect((await call("POST", `/v3/users/${userId}/application_credentials`, { token, body: { application_credential: { name: "weak", secret: "short" } } })).status).toBe(400);
    expect((await call("DELETE", `/v3/users/${userId}/application_credentials/${cred.id}`, { token })).status).toBe(204);
    await expect(validateToken(appToken)).rejects.toThrow();
    expect((await call("POST", "/v3/auth/tokens", { body: byId })).status).toBe(401);
    expect(await db.auditLog.count({ where: { action: { in: ["app_credential.create", "app_credential.delete"] }, source: "api", result: "success" } })).toBe(3);
  });

  it("confines listings as Keystone's default policies do: a tenant sees its projects and itself, an administrator everything", async () => {
    const tenant = (await tokenFor("tenant", platform)).token;
    const admin = (await tokenFor("cloud_admin", platform)).token;
    const mine = await call("GET", "/v3/projects", { token: tenant });
    expect(mine.body?.projects.map((p: { id: string }) => p.id)).toEqual(["prj-platform"]);
    expect((await call("GET", "/v3/projects", { token: admin })).body?.projects.length).toBe(await db.project.count());
    expect((await call("GET", "/v3/users", { token: tenant })).body?.users.map((u: { name: string }) => u.name)).toEqual(["tenant"]);
    expect((await call("GET", "/v3/users", { token: admin })).body?.users.length).toBe(await db.user.count());
    const someoneElse = await db.user.findUniqueOrThrow({ where: { username: "cloud_admin" } });
    expect((await call("GET", `/v3/users/${someoneElse.id}`, { token: tenant })).status).toBe(404);
    expect((await call("GET", "/v3/projects/prj-payments", { token: tenant })).status).toBe(404);
    // Every route but discovery and authentication wants a token.
    for (const r of IDENTITY_ROUTES.filter((x) => x.access !== "public")) expect((await call(r.method, r.path.replace(":id", "x"))).status, `${r.method} ${r.path}`).toBe(401);
    expect((await call("GET", "/v3/nothing-here", { token: tenant })).status).toBe(404);
  });

  it("answers every route for every demo role as its scope says: the authorization matrix of the identity API", async () => {
    // The lockout test above locked tenant_fin.
    await db.user.updateMany({ data: { failedLogins: 0, lockedUntil: null } });
    await db.loginThrottle.deleteMany();
    const users = await db.user.findMany({ where: { username: { in: ["op_admin", "vdc_admin", "tenant", "approver", "om_admin", "cloud_admin", "auditor"] } }, orderBy: { username: "asc" } });
    for (const u of users) {
      const actor = await loadActor(db, u.id);
      const sees = actor!.scope.all ? await db.project.count() : actor!.scope.projectIds.length;
      // Scoped to the first project the user sees, unscoped when it sees none (the O&M admin).
      const project = actor!.scope.all ? "prj-platform" : (actor!.scope.projectIds[0] ?? null);
      const { token } = await tokenFor(u.username, project ? (await db.project.findUniqueOrThrow({ where: { id: project } })).name : null);
      // A credential of the user's own, for the route that shows one.
      const cred = await db.applicationCredential.create({ data: { id: `matrix${u.id.replace(/[^a-z0-9]/gi, "")}`, name: "matrix", userId: u.id, projectId: project ?? "prj-platform", secretHash: "0".repeat(64), createdAt: new Date() } });
      for (const r of IDENTITY_ROUTES.filter((x) => x.access !== "public" && x.method === "GET")) {
        const path = r.path.replace(":id", r.path.startsWith("/v3/users") ? u.id : (project ?? "prj-platform")).replace(":credential", cred.id);
        const res = await call(r.method, path, { token, subject: token });
        // A route about a project the user has no token project for is the only not-found.
        const expected = r.path === "/v3/projects/:id" && !project ? 404 : 200;
        expect(res.status, `${u.username} ${r.method} ${r.path}`).toBe(expected);
      }
      expect((await call("GET", "/v3/auth/projects", { token })).body?.projects.length, u.username).toBe(sees);
      const listed = (await call("GET", "/v3/users", { token })).body?.users.length;
      expect(listed, u.username).toBe(actor!.scope.all ? await db.user.count() : 1);
      // Another user's token is revoked only by an administrator.
      const theirs = (await tokenFor("tenant_fin", "payments_prod")).token;
      expect((await call("DELETE", "/v3/auth/tokens", { token, subject: theirs })).status, u.username).toBe(u.username === "cloud_admin" ? 204 : 403);
    }
  });
});
