import "server-only";
import { ZodError } from "zod";
import { DomainError, ForbiddenError, NotFoundError, type DomainErrorCode } from "@/lib/cloud/shared";
import { apiMessage, OpenStackError } from "./errors";

// The OpenStack services' one dispatcher: a service is a table of routes (method, path with :params)
// that its route handler dispatches on and its tests walk; every answer, errors included, in the
// service's own error shape (Keystone's, Nova's...).

export type Method = "GET" | "HEAD" | "POST" | "PUT" | "DELETE";

export interface RouteDef<C> {
  method: Method;
  /** Path under the service's root, with :name for a path parameter ("/v2.1/servers/:id"). */
  path: string;
  handle: (ctx: C, params: Record<string, string>) => Promise<Response>;
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) => Response.json(body, { status, headers });

export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split("/");
  const got = path.split("/");
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    let g: string;
    try {
      g = decodeURIComponent(got[i] as string);
    } catch {
      return null;
    }
    if (g.includes("\u0000")) return null;
    if (w.startsWith(":")) params[w.slice(1)] = g;
    else if (w !== g) return null;
  }
  return params;
}

/** The public base URL clients reach this console at (what the catalog's endpoints start with). */
export function baseUrl(req: Request): string {
  const configured = process.env.OPENSTACK_PUBLIC_URL;
  if (configured) return configured.replace(/\/$/, "");
  // The host the client called (Next.js may rewrite the request URL's host to its own).
  const url = new URL(req.url);
  const host = req.headers.get("host");
  return host ? `${url.protocol}//${host}` : url.origin;
}

/** How a service answers the console's coded errors where it differs from the common mapping (Nova: over quota is 403). */
export type StatusOverrides = Partial<Record<DomainErrorCode, number>>;

/** The status and message an error is answered with, whatever raised it. */
export function statusOf(err: unknown, overrides: StatusOverrides = {}): { status: number; message: string } {
  if (err instanceof OpenStackError) return { status: err.status, message: err.message };
  if (err instanceof ZodError) return { status: 400, message: apiMessage(err) };
  if (err instanceof NotFoundError) return { status: 404, message: apiMessage(err) };
  if (err instanceof ForbiddenError) return { status: 403, message: err.params.reason ? apiMessage(err) : `Policy doesn't allow ${err.permission} to be performed.` };
  if (err instanceof DomainError) {
    const status = overrides[err.code] ?? (err.code === "PAYLOAD_TOO_LARGE" ? 413 : err.code === "UNSUPPORTED_MEDIA_TYPE" ? 415 : err.code === "INVALID_INPUT" || err.code === "INVALID_JSON" ? 400 : 409);
    return { status, message: apiMessage(err) };
  }
  return { status: 500, message: "An unexpected error prevented the server from fulfilling your request." };
}

/**
 * Find the route for a request and run it; a path no route has is a 404, a path with routes for
 * other methods a 405; errors become the service's error body.
 */
export async function dispatch<C>(routes: readonly RouteDef<C>[], req: Request, path: string, makeCtx: (route: RouteDef<C>) => Promise<C>, errorBody: (status: number, message: string) => unknown, label: string, overrides: StatusOverrides = {}): Promise<Response> {
  const method = req.method.toUpperCase();
  try {
    // A NUL character in the path or the query names nothing and no database keeps it in text.
    if (path.includes("\u0000") || [...new URL(req.url).searchParams].some(([k, v]) => k.includes("\u0000") || v.includes("\u0000")))
      throw new OpenStackError(400, "Invalid input: NUL characters are not allowed in a request.");
    for (const route of routes) {
      if (route.method !== method) continue;
      const params = matchPath(route.path, path);
      if (params) return await route.handle(await makeCtx(route), params);
    }
    const other = routes.some((r) => matchPath(r.path, path) !== null);
    return json(errorBody(other ? 405 : 404, other ? "The method is not allowed for the requested URL." : "The resource could not be found."), other ? 405 : 404);
  } catch (err) {
    const { status, message } = statusOf(err, overrides);
    if (status === 500) console.error(`[openstack ${label}]`, err);
    return json(errorBody(status, message), status);
  }
}

type CatchAll = { params: Promise<{ path?: string[] }> };

/** The methods a service's catch-all route handler exports, each handing the request to the service's dispatcher. */
export function serviceHandlers(handle: (req: Request, segments: readonly string[]) => Promise<Response>) {
  const h = async (req: Request, { params }: CatchAll) => handle(req, (await params).path ?? []);
  return { GET: h, HEAD: h, POST: h, PUT: h, DELETE: h };
}
