import "server-only";
import { DEFAULT_DOMAIN, endpointId, identityError, keystoneRoles, roleId, serviceId, versionDocument, versionsDocument, catalogOf } from "@/lib/cloud/openstack/identity";
import { ROLES, type Role } from "@/lib/cloud/identity/permissions";
import { applicationCredentialCreate, authRequest } from "@/lib/schemas/openstack";
import { clientAddress } from "../client-address";
import { db } from "../db";
import { readJson } from "../read-json";
import { loadActor, type Actor } from "../auth/actor";
import { catalogServices, createApplicationCredential, deleteApplicationCredential, issueToken, OpenStackError, ownUserOrAdmin, revokeToken, tokenActor, tokenInfo, validateToken, type ApplicationCredentialRow, type ValidToken } from "./identity";
import { baseUrl, dispatch, json, type RouteDef } from "./router";

// Keystone v3's routes over the console (GET /, GET /v3, tokens, and the read-only catalogue of
// projects, users, roles, services, endpoints, regions and domains). One table: the route handler
// dispatches on it, and the OpenStack authorization test walks it, so no route goes untested.

export interface IdentityRoute extends RouteDef<Ctx> {
  /** Who may call it: anyone (discovery, authentication) or the holder of a valid token. */
  access: "public" | "token";
}

interface Ctx {
  req: Request;
  base: string;
  token: ValidToken | null;
}
const link = (ctx: Ctx, path: string) => ({ self: `${ctx.base}/openstack/identity/v3/${path}` });
const v3 = (base: string) => `${base}/openstack/identity/v3`;
const region = async () => (await db.region.findFirst({ where: { isDefault: true }, select: { id: true } }))?.id ?? "RegionOne";

async function projectJson(ctx: Ctx, p: { id: string; name: string; description: string; vdcId: string }) {
  return { id: p.id, name: p.name, description: p.description, domain_id: DEFAULT_DOMAIN.id, parent_id: DEFAULT_DOMAIN.id, enabled: true, is_domain: false, tags: [], vdc_id: p.vdcId, links: link(ctx, `projects/${p.id}`) };
}

/** The projects a token's user sees: every one for a user with the whole cloud in scope, else their own. */
async function visibleProjects(actor: Actor | null) {
  if (!actor) return [];
  const where = actor.scope.all ? {} : { id: { in: [...actor.scope.projectIds] } };
  return db.project.findMany({ where, orderBy: { name: "asc" }, select: { id: true, name: true, description: true, vdcId: true } });
}

async function userJson(ctx: Ctx, u: { id: string; username: string; email: string; disabled: boolean; projectId: string | null; displayName: string }) {
  return { id: u.id, name: u.username, domain_id: DEFAULT_DOMAIN.id, enabled: !u.disabled, email: u.email || undefined, description: u.displayName, default_project_id: u.projectId ?? undefined, password_expires_at: null, options: {}, links: link(ctx, `users/${u.id}`) };
}

/** The Keystone roles of a credential's user (one user per list: credentials are listed by user). */
async function credentialRoles(userId: string): Promise<string[]> {
  const actor = await loadActor(db, userId);
  return actor ? keystoneRoles(actor.roles as Role[]) : [];
}

/** An application credential as Keystone shows it (never its secret but once, at creation); its roles are its user's in its project. */
function credentialJson(ctx: Ctx, r: ApplicationCredentialRow, roles: string[]) {
  return { id: r.id, name: r.name, description: r.description || null, user_id: r.userId, project_id: r.projectId, expires_at: r.expiresAt ? r.expiresAt.toISOString().replace("Z", "000") : null, unrestricted: false, access_rules: [], roles: roles.map((name) => ({ id: roleId(name), name, domain_id: null })), links: link(ctx, `users/${r.userId}/application_credentials/${r.id}`) };
}

const USER_FIELDS = { id: true, username: true, email: true, disabled: true, projectId: true, displayName: true } as const;

export const IDENTITY_ROUTES: IdentityRoute[] = [
  { method: "GET", path: "", access: "public", handle: async (ctx) => json(versionsDocument(v3(ctx.base)), 300) },
  { method: "GET", path: "/v3", access: "public", handle: async (ctx) => json({ version: versionDocument(v3(ctx.base)) }) },
  {
    method: "POST",
    path: "/v3/auth/tokens",
    access: "public",
    handle: async (ctx) => {
      const body = await readJson(ctx.req, authRequest);
      const nocatalog = new URL(ctx.req.url).searchParams.has("nocatalog");
      const { token, body: out } = await issueToken(body, clientAddress(ctx.req.headers), ctx.base, await region());
      if (nocatalog) delete (out.token as { catalog?: unknown }).catalog;
      return json(out, 201, { "X-Subject-Token": token });
    },
  },
  {
    method: "GET",
    path: "/v3/auth/tokens",
    access: "token",
    handle: async (ctx) => {
      const subject = ctx.req.headers.get("x-subject-token") ?? "";
      return json(await tokenInfo(subject, ctx.base, await region()), 200, { "X-Subject-Token": subject });
    },
  },
  {
    method: "HEAD",
    path: "/v3/auth/tokens",
    access: "token",
    handle: async (ctx) => {
      await tokenInfo(ctx.req.headers.get("x-subject-token") ?? "", ctx.base, await region());
      return new Response(null, { status: 200 });
    },
  },
  {
    method: "DELETE",
    path: "/v3/auth/tokens",
    access: "token",
    handle: async (ctx) => {
      await revokeToken(ctx.token as ValidToken, ctx.req.headers.get("x-subject-token") ?? "");
      return new Response(null, { status: 204 });
    },
  },
  { method: "GET", path: "/v3/auth/catalog", access: "token", handle: async (ctx) => json({ catalog: catalogOf(catalogServices(ctx.base), await region(), ctx.token?.projectId ?? null), links: link(ctx, "auth/catalog") }) },
  { method: "GET", path: "/v3/auth/projects", access: "token", handle: async (ctx) => json({ projects: await Promise.all((await visibleProjects((ctx.token as ValidToken).user)).map((p) => projectJson(ctx, p))), links: link(ctx, "auth/projects") }) },
  {
    method: "GET",
    path: "/v3/projects",
    access: "token",
    handle: async (ctx) => {
      const name = new URL(ctx.req.url).searchParams.get("name");
      const rows = (await visibleProjects((ctx.token as ValidToken).user)).filter((p) => !name || p.name === name);
      return json({ projects: await Promise.all(rows.map((p) => projectJson(ctx, p))), links: { ...link(ctx, "projects"), next: null, previous: null } });
    },
  },
  {
    method: "GET",
    path: "/v3/projects/:id",
    access: "token",
    handle: async (ctx, params) => {
      const p = (await visibleProjects((ctx.token as ValidToken).user)).find((x) => x.id === params.id || x.name === params.id);
      if (!p) throw new OpenStackError(404, `Could not find project: ${params.id}.`);
      return json({ project: await projectJson(ctx, p) });
    },
  },
  {
    method: "GET",
    path: "/v3/users",
    access: "token",
    handle: async (ctx) => {
      const t = ctx.token as ValidToken;
      const name = new URL(ctx.req.url).searchParams.get("name");
      // Keystone's default policy: an administrator lists users; anyone else sees only themself.
      const where = t.roles.includes("admin") || (t.roles.includes("reader") && t.user.scope.all) ? {} : { id: t.userId };
      const rows = await db.user.findMany({ where: { ...where, ...(name ? { username: name } : {}) }, orderBy: { username: "asc" }, select: USER_FIELDS });
      return json({ users: await Promise.all(rows.map((u) => userJson(ctx, u))), links: { ...link(ctx, "users"), next: null, previous: null } });
    },
  },
  {
    method: "GET",
    path: "/v3/users/:id",
    access: "token",
    handle: async (ctx, params) => {
      const t = ctx.token as ValidToken;
      const mayRead = ownUserOrAdmin(t, params.id) || t.user.scope.all;
      const u = mayRead ? await db.user.findUnique({ where: { id: params.id }, select: USER_FIELDS }) : null;
      if (!u) throw new OpenStackError(404, `Could not find user: ${params.id}.`);
      return json({ user: await userJson(ctx, u) });
    },
  },
  {
    method: "GET",
    path: "/v3/users/:id/projects",
    access: "token",
    handle: async (ctx, params) => {
      const t = ctx.token as ValidToken;
      if (!ownUserOrAdmin(t, params.id)) throw new OpenStackError(403, "You are not authorized to perform the requested action: identity:list_user_projects.");
      const other = await db.user.findUnique({ where: { id: params.id }, select: { id: true } });
      if (!other) throw new OpenStackError(404, `Could not find user: ${params.id}.`);
      return json({ projects: await Promise.all((await visibleProjects(other.id === t.userId ? t.user : await loadActor(db, other.id))).map((p) => projectJson(ctx, p))), links: link(ctx, `users/${other.id}/projects`) });
    },
  },
  {
    method: "GET",
    path: "/v3/users/:id/application_credentials",
    access: "token",
    handle: async (ctx, params) => {
      const t = ctx.token as ValidToken;
      if (!ownUserOrAdmin(t, params.id)) throw new OpenStackError(403, "You are not authorized to perform the requested action: identity:list_application_credentials.");
      const name = new URL(ctx.req.url).searchParams.get("name");
      const rows = await db.applicationCredential.findMany({ where: { userId: params.id as string, ...(name ? { name } : {}) }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
      const roles = await credentialRoles(params.id as string);
      return json({ application_credentials: rows.map((r) => credentialJson(ctx, r, roles)), links: { ...link(ctx, `users/${params.id}/application_credentials`), next: null, previous: null } });
    },
  },
  {
    method: "GET",
    path: "/v3/users/:id/application_credentials/:credential",
    access: "token",
    handle: async (ctx, params) => {
      const t = ctx.token as ValidToken;
      const row = ownUserOrAdmin(t, params.id) ? await db.applicationCredential.findFirst({ where: { id: params.credential as string, userId: params.id as string } }) : null;
      if (!row) throw new OpenStackError(404, `Could not find application credential: ${params.credential}.`);
      return json({ application_credential: credentialJson(ctx, row, await credentialRoles(row.userId)) });
    },
  },
  {
    method: "POST",
    path: "/v3/users/:id/application_credentials",
    access: "token",
    handle: async (ctx, params) => {
      const t = ctx.token as ValidToken;
      // A user makes credentials for themself only (Keystone's default policy, administrators included).
      if (params.id !== t.userId) throw new OpenStackError(403, "You are not authorized to perform the requested action: identity:create_application_credential.");
      const c = (await readJson(ctx.req, applicationCredentialCreate)).application_credential;
      const expiresAt = c.expires_at ? new Date(c.expires_at) : null;
      if (expiresAt && Number.isNaN(expiresAt.getTime())) throw new OpenStackError(400, `Invalid input for field 'expires_at': ${c.expires_at}`);
      const { row, secret } = await createApplicationCredential(t, tokenActor(t, clientAddress(ctx.req.headers)), { name: c.name, description: c.description ?? "", secret: c.secret ?? null, expiresAt });
      return json({ application_credential: { ...credentialJson(ctx, row, await credentialRoles(row.userId)), secret } }, 201);
    },
  },
  {
    method: "DELETE",
    path: "/v3/users/:id/application_credentials/:credential",
    access: "token",
    handle: async (ctx, params) => {
      const t = ctx.token as ValidToken;
      await deleteApplicationCredential(t, tokenActor(t, clientAddress(ctx.req.headers)), params.id as string, params.credential as string);
      return new Response(null, { status: 204 });
    },
  },
  {
    method: "GET",
    path: "/v3/roles",
    access: "token",
    handle: async (ctx) => json({ roles: keystoneRoles([...ROLES] as Role[]).map((name) => ({ id: roleId(name), name, domain_id: null, description: null, options: {}, links: link(ctx, `roles/${roleId(name)}`) })), links: { ...link(ctx, "roles"), next: null, previous: null } }),
  },
  {
    method: "GET",
    path: "/v3/services",
    access: "token",
    handle: async (ctx) => json({ services: catalogServices(ctx.base).map((s) => ({ id: serviceId(s.type), type: s.type, name: s.name, enabled: true, description: null, links: link(ctx, `services/${serviceId(s.type)}`) })), links: { ...link(ctx, "services"), next: null, previous: null } }),
  },
  {
    method: "GET",
    path: "/v3/endpoints",
    access: "token",
    handle: async (ctx) => {
      const r = await region();
      const endpoints = catalogServices(ctx.base).flatMap((s) =>
        (["public", "internal", "admin"] as const).map((i) => ({ id: endpointId(s.type, i), interface: i, region: r, region_id: r, service_id: serviceId(s.type), url: s.url.replace("{project_id}", "$(project_id)s"), enabled: true, links: link(ctx, `endpoints/${endpointId(s.type, i)}`) })),
      );
      return json({ endpoints, links: { ...link(ctx, "endpoints"), next: null, previous: null } });
    },
  },
  {
    method: "GET",
    path: "/v3/regions",
    access: "token",
    handle: async (ctx) => {
      const regions = await db.region.findMany({ orderBy: { id: "asc" } });
      return json({ regions: regions.map((r) => ({ id: r.id, description: r.name, parent_region_id: null, links: link(ctx, `regions/${r.id}`) })), links: { ...link(ctx, "regions"), next: null, previous: null } });
    },
  },
  { method: "GET", path: "/v3/domains", access: "token", handle: async (ctx) => json({ domains: [{ ...DEFAULT_DOMAIN, description: "Every console user and project", enabled: true, tags: [], options: {}, links: link(ctx, "domains/default") }], links: { ...link(ctx, "domains"), next: null, previous: null } }) },
];

/** Dispatch one request under /openstack/identity; every answer, errors included, in Keystone's shape. */
export async function identityRequest(req: Request, segments: readonly string[]): Promise<Response> {
  const path = segments.length ? `/${segments.join("/")}` : "";
  return dispatch(
    IDENTITY_ROUTES,
    req,
    path,
    async (route) => ({ req, base: baseUrl(req), token: (route as IdentityRoute).access === "public" ? null : await validateToken(req.headers.get("x-auth-token") ?? "") }),
    identityError,
    "identity",
  );
}
