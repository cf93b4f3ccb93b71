import { describe, expect, it } from "vitest";
import { formatInZone, isTimeZone, relativeTime, zonedParts } from "@/lib/client/time";

describe("times in the reader's zone", () => {
  it("shows an instant in UTC+8 for Shanghai and as is in UTC", () => {
    expect(formatInZone("2026-11-30T20:21:55.000Z", "Asia/Shanghai")).toBe("2026-12-01 04:21:55 UTC+8");
    expect(formatInZone("2026-11-30T20:21:55.000Z", "UTC")).toBe("2026-11-30 20:21:55 UTC");
    expect(zonedParts(new Date("2026-07-01T12:00:00Z"), "Europe/Berlin")).toEqual({ text: "2026-07-01 14:00:00", offset: "UTC+2" });
  });
  it("says '-' for no time or a bad one, and knows real zones from made-up ones", () => {
    expect(formatInZone(null, "UTC")).toBe("-");
    expect(formatInZone("yesterday", "UTC")).toBe("-");
    expect(isTimeZone("Asia/Shanghai")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });
  it("says how long ago, against the cloud clock, in both languages", () => {
    const now = new Date("2026-11-30T12:00:00Z");
    expect(relativeTime("2026-11-30T11:57:00Z", now, "en")).toBe("3 minutes ago");
    expect(relativeTime("2026-11-30T11:57:00Z", now, "zh-CN")).toBe("3分钟前");
    expect(relativeTime("2026-11-28T12:00:00Z", now, "en")).toBe("2 days ago");
    expect(relativeTime("2026-11-30T11:59:58Z", now, "en")).toBe("now");
  });
});

describe("calendar days in a zone", () => {
  it("finds the instant a day starts, and the day of an instant", async () => {
    const { zonedDay, zonedDayStart } = await import("@/lib/client/time");
    expect(zonedDayStart("2026-12-01", "Asia/Shanghai")?.toISOString()).toBe("2026-11-30T16:00:00.000Z");
    expect(zonedDayStart("2026-12-01", "UTC")?.toISOString()).toBe("2026-12-01T00:00:00.000Z");
    // New York in summer (UTC-4) and on the day daylight saving ends (still UTC-4 at midnight).
    expect(zonedDayStart("2026-07-01", "America/New_York")?.toISOString()).toBe("2026-07-01T04:00:00.000Z");
    expect(zonedDayStart("2026-11-01", "America/New_York")?.toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(zonedDayStart("not-a-day", "UTC")).toBeNull();
    expect(zonedDay("2026-11-30T16:00:00.000Z", "Asia/Shanghai")).toBe("2026-12-01");
  });
});
