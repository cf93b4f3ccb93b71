// Times as the reader expects them: in their own time zone (a setting, else the browser's), as
// "2026-11-30 20:21:55", with the zone's UTC offset shown where it matters.

/** Whether the runtime knows the zone (an IANA name such as "Asia/Shanghai", or "UTC"). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", timeZoneName: "shortOffset" });
    formatters.set(zone, f);
  }
  return f;
}

/** "2026-11-30 20:21:55" in the zone, and its offset ("UTC+8", "UTC"). */
export function zonedParts(at: Date, zone: string): { text: string; offset: string } {
  const parts = Object.fromEntries(formatter(zone).formatToParts(at).map((p) => [p.type, p.value]));
  const offset = (parts.timeZoneName ?? "GMT").replace(/^GMT(?:[+-]0)?$/, "UTC").replace(/^GMT/, "UTC");
  return { text: `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`, offset };
}

/** The same time with its zone: "2026-11-30 20:21:55 UTC+8". */
export function formatInZone(iso: string | null | undefined, zone: string): string {
  if (!iso) return "-";
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return "-";
  const { text, offset } = zonedParts(at, zone);
  return `${text} ${offset}`;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86400],
  ["month", 30 * 86400],
  ["week", 7 * 86400],
  ["day", 86400],
  ["hour", 3600],
  ["minute", 60],
  ["second", 1],
];

/** "3 minutes ago" / "3 分钟前", measured against `now` (the cloud's clock, not the wall's). */
export function relativeTime(iso: string, now: Date, locale: string): string {
  const seconds = Math.round((new Date(iso).getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  const [unit, size] = UNITS.find(([, s]) => abs >= s) ?? ["second", 1];
  const fmt = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  return abs < 10 ? fmt.format(0, "second") : fmt.format(Math.round(seconds / size), unit);
}

/** Zones offered in the setting: the reader's own region first, then the usual ones. */
export const COMMON_TIME_ZONES = ["Asia/Shanghai", "UTC", "Asia/Hong_Kong", "Asia/Singapore", "Asia/Tokyo", "Asia/Dubai", "Europe/London", "Europe/Berlin", "Europe/Moscow", "America/New_York", "America/Los_Angeles", "America/Sao_Paulo", "Africa/Johannesburg", "Australia/Sydney"] as const;

/** The cookie holding the browser's zone, so the server renders in it from the second page on. */
export const BROWSER_TZ_COOKIE = "browser-tz";

/**
 * The instant a calendar day starts in a zone ("2026-12-01" in Asia/Shanghai is 2026-11-30T16:00Z).
 * The zone's offset is read at the guess and read again at the result, so a day that starts
 * next to a daylight-saving change still lands on its midnight.
 */
export function zonedDayStart(ymd: string, zone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const offsetAt = (t: number) => {
    const { text } = zonedParts(new Date(t), zone);
    const [d, h] = text.split(" ") as [string, string];
    const [y, mo, da] = d.split("-").map(Number) as [number, number, number];
    const [hh, mm, ss] = h.split(":").map(Number) as [number, number, number];
    return Date.UTC(y, mo - 1, da, hh, mm, ss) - t;
  };
  let t = wall - offsetAt(wall);
  t = wall - offsetAt(t);
  return new Date(t);
}

/** The calendar day of an instant in a zone ("2026-12-01"). */
export function zonedDay(iso: string, zone: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? "" : zonedParts(at, zone).text.slice(0, 10);
}
