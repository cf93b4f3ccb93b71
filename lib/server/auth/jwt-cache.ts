// Auth.js's own session-token encoding, with the repeated work of one request left out. Every
// request through the proxy decodes the session cookie and re-issues it (that is the idle
// timeout), and the page or route handler's `auth()` runs the same session action again on the
// same cookie: four JWE operations per request, each deriving its key by HKDF and hashing it for
// the key id, about 2.5 ms of CPU in all (docs/performance.md). Here a token decoded once is
// remembered until it expires, and a token issued for a payload is reused for the same payload
// within the same second (it would carry the same issue and expiry times). The format and the
// keys are Auth.js's: these call its `encode` and `decode` on every miss.
import { decode as authDecode, encode as authEncode, type JWT, type JWTDecodeParams, type JWTEncodeParams } from "next-auth/jwt";

// Bounded: the oldest entries go first. Enough for the sessions active within a second or two.
const LIMIT = 2_000;
// jose accepts a token up to 15 s past its expiry (Auth.js's clockTolerance); a remembered token is
// trusted for less than that, never for more.
const decoded = new Map<string, { payload: JWT; expiresAtMs: number }>();
const issued = new Map<string, { token: string; second: number }>();

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  if (map.size >= LIMIT) map.delete(map.keys().next().value as string);
  map.set(key, value);
}

const secretKey = (secret: string | string[]) => (Array.isArray(secret) ? secret.join("\n") : secret);

export async function decode(params: JWTDecodeParams): Promise<JWT | null> {
  if (!params.token) return null;
  const key = `${secretKey(params.secret)}\n${params.salt}\n${params.token}`;
  const hit = decoded.get(key);
  if (hit && hit.expiresAtMs > Date.now()) return structuredClone(hit.payload);
  if (hit) decoded.delete(key);
  const payload = await authDecode(params);
  if (payload && typeof payload.exp === "number") remember(decoded, key, { payload: structuredClone(payload), expiresAtMs: payload.exp * 1000 });
  return payload;
}

export async function encode(params: JWTEncodeParams): Promise<string> {
  // Auth.js sets the issue time, expiry and id itself: the payload that matters is the rest.
  const { iat: _iat, exp: _exp, jti: _jti, ...claims } = params.token ?? {};
  const second = Math.floor(Date.now() / 1000);
  const key = `${secretKey(params.secret)}\n${params.salt}\n${params.maxAge ?? ""}\n${JSON.stringify(claims)}`;
  const hit = issued.get(key);
  if (hit && hit.second === second) return hit.token;
  const token = await authEncode(params);
  remember(issued, key, { token, second });
  return token;
}
