import "server-only";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { catalogOf, keystoneRoles, TOKEN_LIFETIME_SECONDS, tokenBody, type CatalogService } from "@/lib/cloud/openstack/identity";
import type { Role } from "@/lib/cloud/identity/permissions";
import type { AuthRequest } from "@/lib/schemas/openstack";
import { db } from "../db";
import { inScope, loadActor, type Actor } from "../auth/actor";
import { verifyCredentials } from "../auth";
import { OpenStackError } from "./errors";
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
  } else {
    const old = await validateToken(identity.token?.id ?? "", now);
    userId = old.userId;
    methods = ["token"];
    auditId = old.auditId;
  }
  const projectId = await projectOf(scope);
  const { actor, project } = await subject(userId, projectId);
  const token = `hcs${randomBytes(32).toString("base64url")}`;
  const expiresAt = new Date(now.getTime() + TOKEN_LIFETIME_SECONDS * 1000);
  await db.apiToken.create({ data: { id: hashOf(token), userId, projectId, methods: methods.join(","), auditId, issuedAt: now, expiresAt } });
  const roles = keystoneRoles(actor.roles as Role[]);
  return { token, body: tokenBody({ user: { id: actor.userId, name: actor.username }, project, roles, methods, auditId, issuedAt: now, expiresAt }, project ? catalogOf(catalogServices(base), region, project.id) : null) };
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
