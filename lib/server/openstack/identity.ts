import "server-only";
import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { catalogOf, keystoneRoles, TOKEN_LIFETIME_SECONDS, tokenBody, type CatalogService } from "@/lib/cloud/openstack/identity";
import type { Role } from "@/lib/cloud/identity/permissions";
import type { AuthRequest } from "@/lib/schemas/openstack";
import { db } from "../db";
import { inScope, loadActor, type Actor } from "../auth/actor";
import { verifyCredentials } from "../auth";
import { OpenStackError } from "./errors";
import { DomainError } from "@/lib/cloud/shared";
import { appendAuditNow } from "../repositories/audit";
import { audited } from "../services/audit";
import { clientAddress } from "../client-address";

// Keystone's tokens over the console's users: a password is checked exactly as the sign-in page
// checks it (lockout, rate limits, the audit entry), a token is scoped to a project the user may
// see, and what a token lets its holder do is what the console lets that user do in that project.

export { OpenStackError };

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

/** The services in the catalog: the ones this console answers (more join as their APIs land). */
export function catalogServices(base: string): CatalogService[] {
  return [
    { type: "identity", name: "keystone", url: `${base}/openstack/identity/v3` },
    { type: "compute", name: "nova", url: `${base}/openstack/compute/v2.1` },
    { type: "image", name: "glance", url: `${base}/openstack/image` },
    // Cinder under both names clients look for: the current service type and the v3 alias.
    { type: "block-storage", name: "cinder", url: `${base}/openstack/volume/v3/{project_id}` },
    { type: "volumev3", name: "cinderv3", url: `${base}/openstack/volume/v3/{project_id}` },
    { type: "network", name: "neutron", url: `${base}/openstack/network` },
  ];
}

export interface ValidToken {
  userId: string;
  username: string;
  projectId: string | null;
  projectName: string | null;
  methods: string[];
  auditId: string;
  issuedAt: Date;
  expiresAt: Date;
  roles: string[];
  /** The user as the console sees them (unconfined: tokenActor confines it to the token's project). */
  user: Actor;
}

async function subject(userId: string, projectId: string | null): Promise<{ actor: Actor; project: { id: string; name: string } | null }> {
  const actor = await loadActor(db, userId);
  if (!actor) throw new OpenStackError(401, "The request you have made requires authentication.");
  if (!projectId) return { actor, project: null };
  const project = await db.project.findUnique({ where: { id: projectId }, select: { id: true, name: true } });
  if (!project || !inScope(actor, project.id)) throw new OpenStackError(401, `User ${actor.userId} has no access to project ${projectId}.`);
  return { actor, project };
}

async function projectOf(scope: AuthRequest["auth"]["scope"]): Promise<string | null> {
  if (!scope || scope === "unscoped") return null;
  if (!("project" in scope)) throw new OpenStackError(400, "Only project scope is supported: this cloud's projects all live in the Default domain.");
  const p = scope.project;
  const project = p.id ? await db.project.findUnique({ where: { id: p.id }, select: { id: true } }) : await db.project.findUnique({ where: { name: p.name as string }, select: { id: true } });
  if (!project) throw new OpenStackError(401, `Could not find project: ${p.id ?? p.name}.`);
  return project.id;
}

/** POST /v3/auth/tokens: a new token and its body. */
export async function issueToken(req: AuthRequest, sourceIp: string | null, base: string, region: string, now = new Date()) {
  const { identity, scope } = req.auth;
  let userId: string;
  let methods: string[];
  let auditId = randomUUID().replace(/-/g, "").slice(0, 22);
  let credential: { id: string; name: string; userId: string; projectId: string; expiresAt: Date | null } | null = null;
  if (identity.methods.includes("password")) {
    const u = identity.password?.user;
    if (!u) throw new OpenStackError(400, "Expecting to find password.user in the request.");
    if (u.domain && (u.domain.id ?? "default") !== "default" && u.domain.name !== "Default") throw new OpenStackError(401, "The request you have made requires authentication.");
    const username = u.name ?? (await db.user.findUnique({ where: { id: u.id as string }, select: { username: true } }))?.username;
    if (!username) throw new OpenStackError(401, "The request you have made requires authentication.");
    try {
      userId = (await verifyCredentials(username, u.password, { sourceIp, channel: "api" })).id;
    } catch {
      // Locked, disabled, rate-limited or wrong: Keystone says only that authentication failed.
      throw new OpenStackError(401, "The request you have made requires authentication.");
    }
    methods = ["password"];
  } else if (identity.methods.includes("application_credential")) {
    credential = await verifyApplicationCredential(identity.application_credential, sourceIp, now);
    userId = credential.userId;
    methods = ["application_credential"];
  } else {
    const old = await validateToken(identity.token?.id ?? "", now);
    userId = old.userId;
    methods = ["token"];
    auditId = old.auditId;
  }
  // An application credential's token is scoped to the credential's project, whatever the request asks.
  const projectId = credential ? credential.projectId : await projectOf(scope);
  const { actor, project } = await subject(userId, projectId);
  const token = `hcs${randomBytes(32).toString("base64url")}`;
  const lifetime = new Date(now.getTime() + TOKEN_LIFETIME_SECONDS * 1000);
  const expiresAt = credential?.expiresAt && credential.expiresAt < lifetime ? credential.expiresAt : lifetime;
  await db.apiToken.create({ data: { id: hashOf(token), userId, projectId, methods: methods.join(","), auditId, applicationCredentialId: credential?.id ?? null, issuedAt: now, expiresAt } });
  const roles = keystoneRoles(actor.roles as Role[]);
  const body = tokenBody({ user: { id: actor.userId, name: actor.username }, project, roles, methods, auditId, issuedAt: now, expiresAt }, project ? catalogOf(catalogServices(base), region, project.id) : null);
  if (credential) Object.assign(body.token, { application_credential: { id: credential.id, name: credential.name, restricted: true } });
  return { token, body };
}

/** The token behind an X-Auth-Token or X-Subject-Token header, if it is valid now. */
export async function validateToken(token: string, now = new Date()): Promise<ValidToken> {
  const row = token ? await db.apiToken.findUnique({ where: { id: hashOf(token) } }) : null;
  if (!row || row.revokedAt || row.expiresAt <= now) throw new OpenStackError(401, "The request you have made requires authentication.");
  // A disabled user has no actor: subject() refuses the token.
  const { actor, project } = await subject(row.userId, row.projectId);
  return { userId: row.userId, username: actor.username, projectId: project?.id ?? null, projectName: project?.name ?? null, methods: row.methods.split(","), auditId: row.auditId, issuedAt: row.issuedAt, expiresAt: row.expiresAt, roles: keystoneRoles(actor.roles as Role[]), user: actor };
}

/** GET /v3/auth/tokens: the subject token's body, as its holder was given it. */
export async function tokenInfo(subjectToken: string, base: string, region: string, now = new Date()) {
  const t = await validateToken(subjectToken, now).catch(() => {
    throw new OpenStackError(404, "Could not find token.");
  });
  const project = t.projectId ? { id: t.projectId, name: t.projectName as string } : null;
  return tokenBody({ user: { id: t.userId, name: t.username }, project, roles: t.roles, methods: t.methods, auditId: t.auditId, issuedAt: t.issuedAt, expiresAt: t.expiresAt }, project ? catalogOf(catalogServices(base), region, project.id) : null);
}

/** DELETE /v3/auth/tokens: a user revokes their own token; an administrator any. */
export async function revokeToken(caller: ValidToken, subjectToken: string, now = new Date()): Promise<void> {
  const row = await db.apiToken.findUnique({ where: { id: hashOf(subjectToken) } });
  if (!row || row.revokedAt || row.expiresAt <= now) throw new OpenStackError(404, "Could not find token.");
  if (row.userId !== caller.userId && !caller.roles.includes("admin")) throw new OpenStackError(403, "You are not authorized to perform the requested action: identity:revoke_token.");
  await db.apiToken.updateMany({ where: { id: row.id, revokedAt: null }, data: { revokedAt: now } });
}

/**
 * The console's actor for a token: the user, confined to the token's project (an administrator
 * keeps every project for all_tenants), its audit entries marked as coming from the API.
 */
export function tokenActor(t: ValidToken, sourceIp: string | null = null): Actor {
  const actor: Actor = { ...t.user, sourceIp, channel: "api" };
  if (!t.projectId || actor.scope.all) return { ...actor, defaultProjectId: t.projectId ?? actor.defaultProjectId };
  return { ...actor, scope: { all: false, projectIds: [t.projectId] }, defaultProjectId: t.projectId };
}

/** What every OpenStack service's route handler gets: the request, the token, the console's actor for it. */
export interface ApiContext {
  req: Request;
  url: URL;
  /** The public base URL the client called (links and the catalog start with it). */
  base: string;
  token: ValidToken;
  /** The console's actor for the token: confined to its project, its audit entries marked as API. */
  actor: Actor;
  /** Keystone's admin role: the cloud's administrators, who may name any project. */
  admin: boolean;
}

/** The context of a request with an X-Auth-Token; a service that works on a project wants a project-scoped one. */
export async function apiContext(req: Request, base: string, opts: { projectScoped: boolean }): Promise<ApiContext> {
  const token = await validateToken(req.headers.get("x-auth-token") ?? "");
  if (opts.projectScoped && !token.projectId) throw new OpenStackError(401, "The token is not scoped to a project.");
  return { req, url: new URL(req.url), base, token, actor: tokenActor(token, clientAddress(req.headers)), admin: token.roles.includes("admin") };
}

// ------------------------------------------------------------------ application credentials

const secretHash = (secret: string) => createHash("sha256").update(secret).digest("hex");

/**
 * The application credential an authentication names (by id, or by name with its user) and its
 * secret, checked in constant time; expired or unknown is Keystone's plain 401. Each attempt is
 * audited as a sign-in through the API.
 */
async function verifyApplicationCredential(given: NonNullable<AuthRequest["auth"]["identity"]["application_credential"]> | undefined, sourceIp: string | null, now: Date) {
  const refuse = async (detail: string, who: { id: string | null; name: string }) => {
    await appendAuditNow(db, { actorId: who.id, actorName: who.name.slice(0, 64), roles: "", vdcId: null, action: "auth.login", targetType: "user", targetId: who.id, before: null, after: null, result: "failure", detail, sourceIp, source: "api" });
    return new OpenStackError(401, "The request you have made requires authentication.");
  };
  if (!given) throw new OpenStackError(400, "Expecting to find application_credential in the request.");
  let owner: string | null = null;
  if (!given.id) {
    const u = given.user;
    const user = u?.id ? await db.user.findUnique({ where: { id: u.id }, select: { id: true } }) : u?.name ? await db.user.findUnique({ where: { username: u.name }, select: { id: true } }) : null;
    if (!user || !given.name) throw await refuse("application credential: unknown user or name", { id: null, name: u?.name ?? u?.id ?? "-" });
    owner = user.id;
  }
  const cred = given.id ? await db.applicationCredential.findUnique({ where: { id: given.id } }) : await db.applicationCredential.findUnique({ where: { userId_name: { userId: owner as string, name: given.name as string } } });
  if (!cred) throw await refuse("application credential: unknown", { id: owner, name: given.id ?? given.name ?? "-" });
  const user = await db.user.findUnique({ where: { id: cred.userId }, select: { username: true, vdcId: true } });
  const a = Buffer.from(secretHash(given.secret), "hex");
  const b = Buffer.from(cred.secretHash, "hex");
  if (!timingSafeEqual(a, b)) throw await refuse(`application credential ${cred.name}: wrong secret`, { id: cred.userId, name: user?.username ?? cred.userId });
  if (cred.expiresAt && cred.expiresAt <= now) throw await refuse(`application credential ${cred.name}: expired`, { id: cred.userId, name: user?.username ?? cred.userId });
  await appendAuditNow(db, { actorId: cred.userId, actorName: user?.username ?? cred.userId, roles: "", vdcId: user?.vdcId ?? null, action: "auth.login", targetType: "user", targetId: cred.userId, before: null, after: null, result: "success", detail: `application credential ${cred.name}`, sourceIp, source: "api" });
  return cred;
}

export type ApplicationCredentialRow = Awaited<ReturnType<typeof db.applicationCredential.findMany>>[number];

/**
 * A new application credential of the token's user for the token's project: the secret given (at
 * least 16 characters) or one made here, returned once. A token obtained with an application
 * credential may not make another (Keystone's restricted credentials).
 */
export async function createApplicationCredential(t: ValidToken, actor: Actor, input: { name: string; description: string; secret: string | null; expiresAt: Date | null }, now = new Date()): Promise<{ row: ApplicationCredentialRow; secret: string }> {
  if (t.methods.includes("application_credential")) throw new OpenStackError(403, "Using method 'application_credential' is not allowed for managing additional application credentials.");
  if (!t.projectId) throw new OpenStackError(403, "An application credential is made with a project-scoped token.");
  if (input.expiresAt && input.expiresAt <= now) throw new OpenStackError(400, "The application credential's expiry is in the past.");
  const secret = input.secret ?? randomBytes(48).toString("base64url");
  const project = await db.project.findUniqueOrThrow({ where: { id: t.projectId }, select: { vdcId: true } });
  const row = await audited(actor, { action: "app_credential.create", targetType: "user", targetId: t.userId, vdcId: project.vdcId }, async (tx, record) => {
    if (await tx.applicationCredential.findUnique({ where: { userId_name: { userId: t.userId, name: input.name } } })) throw new DomainError("CONFLICT", "credential exists", { reason: "app_credential_exists", name: input.name });
    record({ after: { name: input.name, project: t.projectId, expiresAt: input.expiresAt?.toISOString() ?? null } });
    return tx.applicationCredential.create({ data: { id: randomUUID().replace(/-/g, ""), name: input.name, description: input.description, userId: t.userId, projectId: t.projectId as string, secretHash: secretHash(secret), expiresAt: input.expiresAt, createdAt: now } });
  });
  return { row, secret };
}

/** Keystone's `rule:owner or rule:admin_required`: the token's own user, or an administrator. */
export const ownUserOrAdmin = (t: ValidToken, userId: string | undefined) => userId === t.userId || t.roles.includes("admin");

/** Delete one of a user's application credentials (the user's own, or any for an administrator); tokens made with it stop working. */
export async function deleteApplicationCredential(t: ValidToken, actor: Actor, userId: string, id: string): Promise<void> {
  if (t.methods.includes("application_credential")) throw new OpenStackError(403, "Using method 'application_credential' is not allowed for managing additional application credentials.");
  const cred = await db.applicationCredential.findFirst({ where: { id, userId } });
  if (!cred || !ownUserOrAdmin(t, userId)) throw new OpenStackError(404, `Could not find application credential: ${id}.`);
  const project = await db.project.findUnique({ where: { id: cred.projectId }, select: { vdcId: true } });
  await audited(actor, { action: "app_credential.delete", targetType: "user", targetId: userId, vdcId: project?.vdcId ?? null }, async (tx, record) => {
    record({ before: { name: cred.name, project: cred.projectId } });
    await tx.applicationCredential.deleteMany({ where: { id } });
    // Keystone revokes the tokens a deleted credential made.
    await tx.apiToken.updateMany({ where: { applicationCredentialId: id, revokedAt: null }, data: { revokedAt: new Date() } });
  });
}
