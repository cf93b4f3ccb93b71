// Keystone v3 as the OpenStack-compatible API answers it: version documents, the token body, the
// service catalog, role names and error bodies. Pure: the server part looks users and projects up
// and stores tokens (lib/server/openstack).
//
// Mapping (documented in the README): every console user and project lives in one Keystone
// domain, "Default"; a VDC is not a Keystone object, it is carried on each project as `vdc_id`
// (the console's hierarchy stays the console's). A console role maps to the role names Keystone's
// default policies know (`admin`, `member`, `reader`), and keeps its own name beside them.

import type { Role } from "../identity/permissions";

export const DEFAULT_DOMAIN = { id: "default", name: "Default" } as const;

/** Keystone's default token lifetime ([token] expiration). */
export const TOKEN_LIFETIME_SECONDS = 3600;

/** The v3 API's version as Keystone Zed reports it. */
export const IDENTITY_VERSION = { id: "v3.14", updated: "2020-04-07T00:00:00Z" } as const;

export function versionDocument(v3Url: string) {
  return {
    id: IDENTITY_VERSION.id,
    status: "stable",
    updated: IDENTITY_VERSION.updated,
    links: [{ rel: "self", href: `${v3Url.replace(/\/$/, "")}/` }],
    "media-types": [{ base: "application/json", type: "application/vnd.openstack.identity-v3+json" }],
  };
}

/** GET / of the identity service: the versions it offers (Keystone answers 300 Multiple Choices). */
export function versionsDocument(v3Url: string) {
  return { versions: { values: [versionDocument(v3Url)] } };
}

/** Keystone role names for console roles: the defaults its policies check, and the console role itself. */
export function keystoneRoles(roles: readonly Role[]): string[] {
  const out = new Set<string>();
  for (const r of roles) {
    out.add(r);
    if (r === "cloud_admin") ["admin", "member", "reader"].forEach((n) => out.add(n));
    else if (r === "auditor") out.add("reader");
    else ["member", "reader"].forEach((n) => out.add(n));
  }
  return [...out].sort();
}

/** A role's id is stable and derived from its name (Keystone's are UUIDs; any opaque string does). */
export const roleId = (name: string) => `role-${name}`;

export interface CatalogService {
  type: string;
  name: string;
  /** The service's URL, absolute; `{project_id}` is filled per token. */
  url: string;
}

export interface CatalogEndpoint {
  id: string;
  interface: "public" | "internal" | "admin";
  region: string;
  region_id: string;
  url: string;
}

/** The catalog of a token: each service with its public, internal and admin endpoints (one URL here). */
export function catalogOf(services: readonly CatalogService[], region: string, projectId: string | null) {
  return services.map((s) => ({
    id: serviceId(s.type),
    type: s.type,
    name: s.name,
    endpoints: (["public", "internal", "admin"] as const).map<CatalogEndpoint>((i) => ({ id: endpointId(s.type, i), interface: i, region, region_id: region, url: projectId ? s.url.replace("{project_id}", projectId) : s.url })),
  }));
}

export const serviceId = (type: string) => `svc-${type}`;
export const endpointId = (type: string, iface: string) => `ep-${type}-${iface}`;

export interface TokenSubject {
  user: { id: string; name: string };
  project: { id: string; name: string } | null;
  roles: readonly string[];
  methods: readonly string[];
  auditId: string;
  issuedAt: Date;
  expiresAt: Date;
}

/** Keystone's time format: microseconds and a Z ("2026-12-02T08:00:00.000000Z"). */
export function isoTime(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

/** The body of POST/GET /v3/auth/tokens. */
export function tokenBody(t: TokenSubject, catalog: ReturnType<typeof catalogOf> | null) {
  return {
    token: {
      methods: [...t.methods],
      user: { id: t.user.id, name: t.user.name, domain: DEFAULT_DOMAIN, password_expires_at: null },
      audit_ids: [t.auditId],
      expires_at: isoTime(t.expiresAt),
      issued_at: isoTime(t.issuedAt),
      ...(t.project
        ? {
            project: { id: t.project.id, name: t.project.name, domain: DEFAULT_DOMAIN },
            is_domain: false,
            roles: t.roles.map((name) => ({ id: roleId(name), name })),
            ...(catalog ? { catalog } : {}),
          }
        : {}),
    },
  };
}

/** Keystone's error body: {"error": {"code": 401, "title": "Unauthorized", "message": "..."}}. */
export function identityError(code: number, message: string) {
  const title: Record<number, string> = { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 409: "Conflict", 413: "Request Entity Too Large", 415: "Unsupported Media Type", 429: "Too Many Requests" };
  return { error: { code, title: title[code] ?? "Internal Server Error", message } };
}
