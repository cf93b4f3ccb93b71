import NextAuth from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { authConfig } from "@/lib/server/auth/config";

// Coarse gate and response headers only. Signed-out visitors of a page go to /login; a signed-out
// call to the REST API gets a 401 in JSON. Authorization happens in every page, action and route
// handler, never here alone.

const { auth } = NextAuth(authConfig);

// The OpenStack-compatible API authenticates by token (X-Auth-Token), never by the console's session.
const PUBLIC = [/^\/login$/, /^\/api\/auth\//, /^\/api\/health$/, /^\/openstack(\/|$)/];

/** A nonce-based policy: only scripts Next.js renders with this response's nonce may run. */
function contentSecurityPolicy(nonce: string): string {
  const dev = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // React style props and the charts' SVG set inline styles.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Next.js refuses larger server-action bodies (its default bodySizeLimit). */
const ACTION_BODY_LIMIT = 1024 * 1024;

/**
 * A server action's arguments arrive as a JSON array (text/plain) or as form data. Next.js answers
 * an unreadable or oversized body with a 500 before any of this console's code runs; refuse those
 * here with a coded 4xx instead. Form data is left to Next.js's own parser.
 */
async function actionBodyRefusal(req: NextRequest): Promise<NextResponse | null> {
  const refuse = (status: number, code: string, message: string) => NextResponse.json({ error: { code, message } }, { status });
  if (Number(req.headers.get("content-length") ?? "0") > ACTION_BODY_LIMIT) return refuse(413, "PAYLOAD_TOO_LARGE", "The request body is too large.");
  const type = req.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (type.startsWith("multipart/") || type === "application/x-www-form-urlencoded") return null;
  const text = await req.clone().text();
  if (text.length > ACTION_BODY_LIMIT) return refuse(413, "PAYLOAD_TOO_LARGE", "The request body is too large.");
  try {
    if (Array.isArray(JSON.parse(text))) return null;
  } catch {
    // not JSON
  }
  return refuse(400, "INVALID_JSON", "A server action takes a JSON array of arguments.");
}

export default auth(async (req: NextRequest & { auth: unknown }) => {
  const path = req.nextUrl.pathname;
  if (req.method === "POST" && req.headers.has("next-action")) {
    const refusal = await actionBodyRefusal(req);
    if (refusal) return refusal;
  }
  if (!req.auth && !PUBLIC.some((p) => p.test(path))) {
    if (path.startsWith("/api/")) return NextResponse.json({ error: { code: "UNAUTHENTICATED", message: "Sign in first: this API needs a session." } }, { status: 401 });
    const login = new URL("/login", req.nextUrl.origin);
    // A path, not a URL: the login page only returns to paths of this console.
    login.searchParams.set("callbackUrl", req.nextUrl.pathname + req.nextUrl.search);
    return NextResponse.redirect(login);
  }
  if (path.startsWith("/api/") || path.startsWith("/openstack")) return NextResponse.next();
  // Next.js reads the nonce from the request's policy header and puts it on its own scripts.
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce);
  const headers = new Headers(req.headers);
  headers.set("content-security-policy", csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("content-security-policy", csp);
  return res;
});

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
