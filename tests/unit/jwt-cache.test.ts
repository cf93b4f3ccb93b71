import { afterEach, describe, expect, it, vi } from "vitest";
import * as authJwt from "next-auth/jwt";
import { decode, encode } from "@/lib/server/auth/jwt-cache";

// Count Auth.js's own encode/decode calls, which still do the work on every miss.
vi.mock("next-auth/jwt", async (original) => {
  const actual = await original<typeof authJwt>();
  return { ...actual, encode: vi.fn(actual.encode), decode: vi.fn(actual.decode) };
});

const secret = "unit-test-secret-unit-test-secret";
const salt = "authjs.session-token";

describe("the session token cache (auth/jwt-cache.ts)", () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.mocked(authJwt.decode).mockClear();
    vi.mocked(authJwt.encode).mockClear();
  });

  it("decodes what Auth.js issues, and decodes a token once until it expires", async () => {
    const token = await authJwt.encode({ secret, salt, maxAge: 60, token: { uid: "user-a", sid: "s1" } });
    const first = await decode({ secret, salt, token });
    expect(first).toMatchObject({ uid: "user-a", sid: "s1" });
    // The caller (Auth.js's jwt callback) changes the payload it gets: the remembered one stays as decoded.
    (first as Record<string, unknown>).uid = "someone-else";
    expect(await decode({ secret, salt, token })).toMatchObject({ uid: "user-a" });
    // Decoded by Auth.js once: the second answer was remembered.
    expect(authJwt.decode).toHaveBeenCalledTimes(1);
  });

  it("never answers for a token past its expiry, even one it remembers", async () => {
    const token = await authJwt.encode({ secret, salt, maxAge: 2, token: { uid: "user-b" } });
    expect(await decode({ secret, salt, token })).toMatchObject({ uid: "user-b" });
    vi.useFakeTimers({ now: Date.now() + 60_000, toFake: ["Date"] });
    await expect(decode({ secret, salt, token })).rejects.toThrow();
  });

  it("refuses a token made with another salt or secret, as Auth.js does", async () => {
    const token = await encode({ secret, salt, maxAge: 60, token: { uid: "user-c" } });
    await expect(decode({ secret, salt: "another", token })).rejects.toThrow();
    await expect(decode({ secret: "another-secret-another-secret-xx", salt, token })).rejects.toThrow();
  });

  it("issues one token per payload per second, a new one for another payload or second", async () => {
    vi.useFakeTimers({ now: new Date("2026-12-02T10:00:00.100Z"), toFake: ["Date"] });
    const a = await encode({ secret, salt, maxAge: 60, token: { uid: "user-d", iat: 1, exp: 2, jti: "x" } });
    const again = await encode({ secret, salt, maxAge: 60, token: { uid: "user-d", iat: 5, exp: 6, jti: "y" } });
    expect(again).toBe(a);
    expect(await encode({ secret, salt, maxAge: 60, token: { uid: "user-e" } })).not.toBe(a);
    vi.setSystemTime(new Date("2026-12-02T10:00:01.000Z"));
    const later = await encode({ secret, salt, maxAge: 60, token: { uid: "user-d" } });
    expect(later).not.toBe(a);
    expect(authJwt.encode).toHaveBeenCalledTimes(3);
    const payload = await decode({ secret, salt, token: later });
    expect(payload?.exp).toBe(Math.floor(new Date("2026-12-02T10:00:01.000Z").getTime() / 1000) + 60);
  });
});
