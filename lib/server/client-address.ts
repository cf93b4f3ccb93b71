import "server-only";

/**
 * The client's address for this request. scripts/serve.mjs replaced X-Forwarded-For with the one
 * address it trusts (the socket's peer, or what TRUST_PROXY_HOPS trusted proxies report), so the
 * header no longer holds anything a client wrote. (`next dev` does not rewrite it.)
 */
export function clientAddress(headers: Headers): string | null {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || null;
}
