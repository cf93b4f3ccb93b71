import { beforeEach, describe, expect, it } from "vitest";
import bcrypt from "bcryptjs";
import { db } from "@/lib/server/db";
import { assignmentScope, MAX_FAILED_LOGINS, LOGIN_FAILURES_PER_ACCOUNT } from "@/lib/cloud/identity";
import { DomainError, NotFoundError } from "@/lib/cloud/shared";
import { loadActor } from "@/lib/server/auth/actor";
import { verifyCredentials } from "@/lib/server/auth";
import { assignRole, createUser, createVdc, removeRole } from "@/lib/server/services/organizations";
import { launchInstance } from "@/lib/server/services/instances";
import { decideOrder, submitOrder } from "@/lib/server/services/orders";
import { listFlavors, listImages } from "@/lib/server/queries/catalog";
import { actor, resetCompute } from "./helpers";

const code = (e: unknown) => (e instanceof DomainError ? `${e.code}:${String(e.params.reason ?? "")}` : String(e));
const PASSWORD = "Hcs@console1";

describe("role grants follow the role table", () => {
  it("a VDC admin cannot grant an unscoped role, to itself, a global role, or outside its subtree", async () => {
    const va = await actor("vdc_admin");
    // The tenant of R&D / Platform is in the VDC admin's subtree.
    const tenantId = "user-tenant";
    expect(code(await assignRole(va, tenantId, { role: "vdc_admin", vdcId: null, projectId: null }).catch((e) => e))).toBe("INVALID_INPUT:role_scope");
    expect(code(await assignRole(va, tenantId, { role: "tenant_user", vdcId: null, projectId: null }).catch((e) => e))).toBe("INVALID_INPUT:role_scope");
    expect(code(await assignRole(va, va.userId, { role: "vdc_admin", vdcId: "vdc-rd-platform", projectId: null }).catch((e) => e))).toBe("FORBIDDEN:grant_self_grant");
    expect(code(await assignRole(va, tenantId, { role: "cloud_admin", vdcId: null, projectId: null }).catch((e) => e))).toBe("FORBIDDEN:grant_not_grantable");
    expect(await assignRole(va, tenantId, { role: "approver", vdcId: "vdc-finance", projectId: null }).catch((e) => e)).toBeInstanceOf(NotFoundError);
    expect(await assignRole(va, tenantId, { role: "tenant_user", vdcId: null, projectId: "prj-payments" }).catch((e) => e)).toBeInstanceOf(NotFoundError);
    // Unknown VDCs and projects are not-found, not a database error.
    expect(await assignRole(va, tenantId, { role: "approver", vdcId: "no-such-vdc", projectId: null }).catch((e) => e)).toBeInstanceOf(NotFoundError);
    expect(await assignRole(va, tenantId, { role: "tenant_user", vdcId: null, projectId: "no-such-project" }).catch((e) => e)).toBeInstanceOf(NotFoundError);
    // Nothing of that was stored; the tenant still sees only its own project.
    expect(await db.roleAssignment.count({ where: { userId: tenantId } })).toBe(1);
    const tenant = await actor("tenant");
    expect(tenant.scope).toEqual({ all: false, projectIds: ["prj-platform"] });

    // What the table allows goes through, and can be taken back.
    await assignRole(va, tenantId, { role: "approver", vdcId: "vdc-rd-platform", projectId: null });
    const row = await db.roleAssignment.findFirstOrThrow({ where: { userId: tenantId, role: "approver" } });
    expect(row.vdcId).toBe("vdc-rd-platform");
    await removeRole(va, tenantId, row.id);
    expect(await db.roleAssignment.count({ where: { userId: tenantId } })).toBe(1);
  });

  it("a VDC role stored with no scope grants nothing (loadActor reads only what the table allows)", async () => {
    const row = await db.roleAssignment.create({ data: { userId: "user-tenant", role: "vdc_admin", vdcId: null, projectId: null } });
    try {
      const tenant = await actor("tenant");
      expect(tenant.scope).toEqual({ all: false, projectIds: ["prj-platform"] });
      expect(tenant.permissions.has("vdc:manage")).toBe(false);
      expect(tenant.globalRoles).toEqual([]);
    } finally {
      await db.roleAssignment.delete({ where: { id: row.id } });
    }
  });

  it("every seeded assignment is one the table allows", async () => {
    const rows = await db.roleAssignment.findMany();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => assignmentScope(r) === null)).toEqual([]);
  });

  it("the operation admin creates users only with scopes their role may have; unknown VDCs and regions are not-found", async () => {
    const op = await actor("op_admin");
    const base = { displayName: "X", email: "", password: "Str0ng!Passw0rd#" };
    expect(code(await createUser(op, { ...base, username: "glob_in_vdc", role: "cloud_admin", vdcId: "vdc-rd" }).catch((e) => e))).toBe("INVALID_INPUT:role_scope");
    expect(code(await createUser(op, { ...base, username: "unscoped", role: "tenant_user", vdcId: null }).catch((e) => e))).toBe("INVALID_INPUT:role_scope");
    expect(await createUser(op, { ...base, username: "nowhere", role: "tenant_user", vdcId: "no-such-vdc" }).catch((e) => e)).toBeInstanceOf(NotFoundError);
    expect(await createVdc(op, { parentId: null, name: "Nowhere Corp", regionId: "no-such-region", azIds: [] }).catch((e) => e)).toBeInstanceOf(NotFoundError);
    expect(await createVdc(op, { parentId: null, name: "Nowhere Corp", regionId: "cn-south-1", azIds: ["az9"] }).catch((e) => e)).toBeInstanceOf(NotFoundError);
    expect(await db.vdc.count({ where: { name: "Nowhere Corp" } })).toBe(0);
    expect(await db.user.count({ where: { username: { in: ["glob_in_vdc", "unscoped", "nowhere"] } } })).toBe(0);
  });
});

describe("sign-in lockout and rate limits", () => {
  async function freshUser(username: string): Promise<string> {
    const user = await db.user.create({ data: { username, displayName: username, passwordHash: await bcrypt.hash(PASSWORD, 4), vdcId: "vdc-rd-platform", projectId: "prj-platform", roles: { create: { role: "tenant_user", vdcId: "vdc-rd-platform", projectId: "prj-platform" } } } });
    return user.id;
  }
  const wrongChecks = (username: string) => db.auditLog.count({ where: { action: "auth.login", actorName: username, detail: { startsWith: "wrong password" } } });
  const outcome = (p: Promise<unknown>) => p.then(() => "signed_in", (e: { code?: string }) => e.code ?? String(e));

  beforeEach(async () => {
    await db.loginThrottle.deleteMany();
  });

  it("40 parallel attempts, 39 wrong then the right one: at most 5 passwords are checked and the locked account does not sign in", async () => {
    const name = "lock_race";
    await freshUser(name);
    const attempts = [...Array.from({ length: 39 }, () => verifyCredentials(name, "wrong-password", { sourceIp: "192.0.2.10" })), verifyCredentials(name, PASSWORD, { sourceIp: "192.0.2.10" })];
    const results = await Promise.all(attempts.map(outcome));
    expect(await wrongChecks(name)).toBeLessThanOrEqual(MAX_FAILED_LOGINS);
    // Either the right password won a slot before the lock, or the account is locked now.
    const user = await db.user.findUniqueOrThrow({ where: { username: name } });
    if (results[39] !== "signed_in") {
      expect(results[39]).toBe("account_locked");
      expect(user.lockedUntil).not.toBeNull();
    }
    // The lock is written to the audit log once, not once per refused attempt.
    expect(await db.auditLog.count({ where: { actorName: name, detail: { contains: "locked for" } } })).toBeLessThanOrEqual(1);
    expect(await db.auditLog.count({ where: { actorName: name } })).toBeLessThanOrEqual(MAX_FAILED_LOGINS + 1);
  });

  it("39 wrong at once, then the right password: exactly 5 checked, locked, refused", async () => {
    const name = "lock_then_right";
    await freshUser(name);
    const results = await Promise.all(Array.from({ length: 39 }, () => outcome(verifyCredentials(name, "wrong-password", { sourceIp: "192.0.2.11" }))));
    expect(results.filter((r) => r === "invalid_credentials").length + results.filter((r) => r === "account_locked").length).toBe(39);
    expect(await wrongChecks(name)).toBe(MAX_FAILED_LOGINS);
    expect(await outcome(verifyCredentials(name, PASSWORD, { sourceIp: "192.0.2.11" }))).toBe("account_locked");
    expect(await db.auditLog.count({ where: { actorName: name, detail: { contains: "locked for" } } })).toBe(1);
  });

  it("more than 100 failed attempts an hour on one account are refused as rate limited, and recorded once", async () => {
    const name = "no_such_account";
    const results: string[] = [];
    for (let i = 0; i < LOGIN_FAILURES_PER_ACCOUNT + 5; i++) results.push(await outcome(verifyCredentials(name, "guess", { sourceIp: `198.51.100.${i % 200}` })));
    expect(results.slice(0, LOGIN_FAILURES_PER_ACCOUNT).every((r) => r === "invalid_credentials")).toBe(true);
    expect(results.slice(LOGIN_FAILURES_PER_ACCOUNT)).toEqual(Array(5).fill("rate_limited"));
    expect(await db.auditLog.count({ where: { actorName: name, detail: { startsWith: "rate limited" } } })).toBe(1);
  });

  it("parallel attempts never pass the account's rate limit", async () => {
    const name = "no_such_parallel";
    await db.loginThrottle.create({ data: { key: `user:${name}`, windowStart: new Date(), failures: LOGIN_FAILURES_PER_ACCOUNT - 3 } });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => outcome(verifyCredentials(name, "guess", { sourceIp: `198.51.100.${i}` }))));
    expect(results.filter((r) => r === "invalid_credentials")).toHaveLength(3);
    expect(results.filter((r) => r === "rate_limited")).toHaveLength(17);
  });

  it("a successful sign-in does not count as a failure", async () => {
    const name = "good_user";
    await freshUser(name);
    for (let i = 0; i < 3; i++) await verifyCredentials(name, PASSWORD, { sourceIp: "192.0.2.12" });
    expect((await db.loginThrottle.findUniqueOrThrow({ where: { key: `user:${name}` } })).failures).toBe(0);
  });
});

describe("no existence or data leaks", () => {
  beforeEach(async () => {
    await resetCompute();
    await db.order.deleteMany();
  });

  it("an approver deciding an order they are not involved in gets not-found, whatever its state", async () => {
    const fin = await actor("tenant_fin");
    const { id, status } = await submitOrder(fin, { productId: "prod-ecs-dev", items: [{ name: "dev-1", az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79", count: 1 }] });
    expect(status).toBe("approved");
    await expect(decideOrder(await actor("approver"), id, "approve")).rejects.toBeInstanceOf(NotFoundError);
    // The applicant still hears why: the order needs no decision.
    expect(code(await decideOrder(fin, id, "approve").catch((e) => e))).toMatch(/^(INVALID_STATE|FORBIDDEN)/);
  });

  it("tenants count only their own instances per flavor and image", async () => {
    await launchInstance(await actor("tenant_fin"), { name: "fin-vm", az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79" });
    const tenantFlavor = (await listFlavors(await actor("tenant"))).find((f) => f.id === "s6.large.2");
    const tenantImage = (await listImages(await actor("tenant"))).find((i) => i.id === "img-centos-79");
    expect(tenantFlavor?.instances).toBe(0);
    expect(tenantImage?.instances).toBe(0);
    const adminFlavor = (await listFlavors(await actor("cloud_admin"))).find((f) => f.id === "s6.large.2");
    expect(adminFlavor?.instances).toBe(1);
  });

  it("a launch into an unknown project is not-found, even for an administrator", async () => {
    const admin = await actor("cloud_admin");
    await expect(launchInstance(admin, { name: "ghost", az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79", projectId: "no-such-project" })).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.instance.count({ where: { name: "ghost" } })).toBe(0);
  });
});

describe("loadActor", () => {
  it("an unknown or disabled user loads as nobody", async () => {
    expect(await loadActor(db, "no-such-user")).toBeNull();
    await db.user.update({ where: { id: "user-auditor" }, data: { disabled: true } });
    try {
      expect(await loadActor(db, "user-auditor")).toBeNull();
    } finally {
      await db.user.update({ where: { id: "user-auditor" }, data: { disabled: false } });
    }
  });
});
