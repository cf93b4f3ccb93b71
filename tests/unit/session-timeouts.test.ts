import { afterEach, describe, expect, it, vi } from "vitest";
import { ABSOLUTE_TIMEOUT_SECONDS, authConfig, IDLE_TIMEOUT_SECONDS } from "@/lib/server/auth/config";

type JwtParams = Parameters<typeof authConfig.callbacks.jwt>[0];
const jwt = (p: Partial<JwtParams>) => authConfig.callbacks.jwt(p as JwtParams);

describe("session limits", () => {
  afterEach(() => vi.useRealTimers());

  it("ends an idle session after 30 minutes (the cookie's max age, renewed on every request)", () => {
    expect(IDLE_TIMEOUT_SECONDS).toBe(30 * 60);
    expect(authConfig.session.maxAge).toBe(IDLE_TIMEOUT_SECONDS);
    expect(authConfig.session.updateAge).toBe(0);
  });

  it("ends any session 12 hours after sign-in, however active", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-01-01T08:00:00Z"));
    const token = jwt({ token: {}, user: { id: "u1" } }) as Record<string, unknown>;
    expect(token).toMatchObject({ uid: "u1" });
    vi.setSystemTime(new Date("2026-01-01T19:59:00Z"));
    expect(jwt({ token: { ...token } })).not.toBeNull();
    vi.setSystemTime(new Date(Date.parse("2026-01-01T08:00:00Z") + ABSOLUTE_TIMEOUT_SECONDS * 1000 + 1000));
    expect(jwt({ token: { ...token } })).toBeNull();
  });

  it("refuses a token without a sign-in time", () => {
    expect(jwt({ token: { uid: "u1" } })).toBeNull();
  });
});
