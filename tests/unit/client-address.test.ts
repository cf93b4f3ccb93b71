import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module of the server script, without type declarations
import { clientAddressFrom, trustedHopsFromEnv } from "../../scripts/client-address.mjs";
import { numeric } from "@/lib/schemas/numeric";
import { z } from "zod";

describe("the client address", () => {
  it.each([
    // no trusted proxy: the socket, whatever the client wrote
    [undefined, "10.0.0.5", 0, "10.0.0.5"],
    ["6.6.6.6", "10.0.0.5", 0, "10.0.0.5"],
    ["6.6.6.6, 7.7.7.7", "::ffff:10.0.0.5", 0, "10.0.0.5"],
    // one trusted proxy: the address it saw, not what the client put before it
    ["6.6.6.6, 203.0.113.9", "10.0.0.1", 1, "203.0.113.9"],
    ["203.0.113.9", "10.0.0.1", 1, "203.0.113.9"],
    // two: the entry two hops from the socket
    ["6.6.6.6, 203.0.113.9, 10.1.1.1", "10.0.0.1", 2, "203.0.113.9"],
    // more hops configured than the chain has: the leftmost
    [undefined, "10.0.0.1", 3, "10.0.0.1"],
  ])("X-Forwarded-For %s via %s with %i trusted hops is %s", (xff, socket, hops, expected) => {
    expect(clientAddressFrom(xff, socket, hops)).toBe(expected);
  });

  it("reads TRUST_PROXY_HOPS as a small whole number or 0", () => {
    expect(trustedHopsFromEnv(undefined)).toBe(0);
    expect(trustedHopsFromEnv("1")).toBe(1);
    expect(trustedHopsFromEnv("-1")).toBe(0);
    expect(trustedHopsFromEnv("abc")).toBe(0);
  });
});

describe("numeric inputs", () => {
  const count = numeric(z.number().int().min(1).max(20));
  it.each([[3, true], ["3", true], [" 4 ", true], [true, false], [null, false], ["", false], ["1e1", false], ["0x10", false], [[2], false], [2.5, false], ["2.5", false]])("%j accepted: %s", (v, ok) => {
    expect(count.safeParse(v).success).toBe(ok);
  });
});
