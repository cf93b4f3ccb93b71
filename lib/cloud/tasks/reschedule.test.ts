import { describe, expect, it } from "vitest";
import { onBuildFailure } from "./reschedule";

describe("rescheduling a failed build", () => {
  it.each([
    [["h1"], 3, "reschedule", 2],
    [["h1", "h2"], 3, "reschedule", 3],
    [["h1", "h2", "h3"], 3, "error", 3],
    [["h1"], 1, "error", 1],
    [["h1"], 0, "error", 1],
  ] as const)("after %o with max_attempts %i: %s", (tried, max, kind, n) => {
    const d = onBuildFailure(tried, max);
    expect(d.kind).toBe(kind);
    if (d.kind === "reschedule") {
      expect(d.attempt).toBe(n);
      expect(d.exclude).toEqual(tried);
    } else expect(d.fault.attempts).toBe(n);
  });
});
