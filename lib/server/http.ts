import "server-only";
import { NextResponse } from "next/server";
import { DomainError, NotFoundError } from "@/lib/cloud/shared";
import { NoValidHostError } from "@/lib/cloud/compute";
import { NoValidBackendError } from "@/lib/cloud/storage";
import { toActionError } from "./actions/result";
import { currentActor } from "./auth/session";

const STATUS: Record<string, number> = {
  INVALID_INPUT: 400,
  INVALID_JSON: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CROSS_ORIGIN: 403,
  NOT_FOUND: 404,
  INVALID_STATE: 409,
  CONFLICT: 409,
  NO_VALID_HOST: 409,
  NO_VALID_BACKEND: 409,
  QUOTA_EXCEEDED: 409,
  NO_RESOURCE_SET: 409,
  AZ_NOT_ALLOWED: 409,
  TREE_RULE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

/** The request field that names a missing entity ("project" -> "projectId", "server_group" -> "serverGroupId"). */
function fieldOf(entity: string): string {
  if (entity === "az") return "az";
  return entity.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()) + "Id";
}

/**
 * Route handlers answer errors as JSON with the code, a translated message and an HTTP status;
 * a missing referenced entity is named as the field that referred to it.
 */
export async function errorResponse(err: unknown): Promise<NextResponse> {
  // Only a no-valid-host or no-valid-backend answer depends on who asks (operators hear why); look the caller up then.
  const e = await toActionError(err, err instanceof NoValidHostError || err instanceof NoValidBackendError ? await currentActor() : null);
  const fields = err instanceof NotFoundError ? { [fieldOf(err.entity)]: e.message } : e.fields;
  return NextResponse.json({ error: { code: e.code, message: e.message, fields } }, { status: STATUS[e.code] ?? 500 });
}

export { MAX_JSON_BODY_BYTES, readJson } from "./read-json";

/**
 * State-changing calls come from this console's own pages or from clients that send no Origin
 * (scripts, the CLI): a browser on another site always sends its Origin, and is refused.
 */
export function assertSameOrigin(req: Request): void {
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") throw new DomainError("CROSS_ORIGIN", "cross-site request", { site });
  const origin = req.headers.get("origin");
  if (!origin) return;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  let originHost: string | null = null;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = null;
  }
  if (!host || originHost !== host) throw new DomainError("CROSS_ORIGIN", "cross-site request", { site: origin.slice(0, 100) });
}

type Ctx<P> = { params: Promise<P> };

/**
 * A route handler's frame: same-origin check for anything but GET, then the handler; every
 * refusal becomes a coded JSON error. The handler authenticates and authorizes itself.
 */
export function route<P = Record<string, never>>(handler: (req: Request, params: P) => Promise<Response>): (req: Request, ctx: Ctx<P>) => Promise<Response> {
  return async (req, ctx) => {
    try {
      if (req.method !== "GET" && req.method !== "HEAD") assertSameOrigin(req);
      return await handler(req, await ctx.params);
    } catch (err) {
      return errorResponse(err);
    }
  };
}
