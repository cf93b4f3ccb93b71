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
