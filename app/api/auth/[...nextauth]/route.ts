import { NextResponse, type NextRequest } from "next/server";
import { handlers } from "@/lib/server/auth";

export const { GET } = handlers;

/**
 * Auth.js answers a refused credentials sign-in with a redirect carrying the refusal's code; a
 * rate-limited one is a 429 with a clear message instead, so clients and proxies can tell.
 */
export async function POST(req: NextRequest): Promise<Response> {
  const res = await handlers.POST(req);
  const location = res.headers.get("location") ?? "";
  if (req.nextUrl.pathname.endsWith("/callback/credentials") && /[?&]code=rate_limited(&|$)/.test(location)) {
    return NextResponse.json({ error: { code: "RATE_LIMITED", message: "Too many failed sign-ins for this account or from this address. Try again in an hour." } }, { status: 429, headers: { "retry-after": "3600" } });
  }
  return res;
}
