// Which address a request came from, for the audit log and the sign-in rate limits. Without a
// trusted proxy it is the socket's peer, whatever X-Forwarded-For a client sends; behind
// TRUST_PROXY_HOPS proxies it is the entry that many hops from the right of the chain (each
// proxy appends the address it received the request from), never one the client wrote itself.

/** Plain IPv4 for IPv4-mapped IPv6 ("::ffff:10.0.0.1"), as people read it. */
export function normalizeAddress(address) {
  if (!address) return null;
  const a = address.trim();
  return a.startsWith("::ffff:") && a.includes(".") ? a.slice(7) : a || null;
}

/**
 * @param {string | undefined} forwardedFor the X-Forwarded-For header as received
 * @param {string | undefined} socketAddress the TCP peer
 * @param {number} trustedHops how many proxies in front of this server are trusted
 */
export function clientAddressFrom(forwardedFor, socketAddress, trustedHops) {
  const chain = [...(forwardedFor ?? "").split(",").map((s) => s.trim()).filter(Boolean), socketAddress ?? ""];
  const hops = Number.isInteger(trustedHops) && trustedHops > 0 ? trustedHops : 0;
  // chain[last] is the socket; each trusted proxy adds one entry to its left.
  const index = Math.max(0, chain.length - 1 - hops);
  return normalizeAddress(chain[index]);
}

export function trustedHopsFromEnv(value) {
  const n = Number(value ?? "0");
  return Number.isInteger(n) && n >= 0 && n <= 10 ? n : 0;
}
