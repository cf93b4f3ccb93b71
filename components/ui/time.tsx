"use client";
import { useLocale } from "next-intl";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { BROWSER_TZ_COOKIE, formatInZone, isTimeZone, relativeTime } from "@/lib/client/time";

interface TimeContext {
  /** The zone times are shown in. */
  zone: string;
  /** The user chose it (else it is the browser's). */
  chosen: boolean;
  /** The cloud clock's reading when the page was rendered, and its speed, for "3 minutes ago". */
  cloudNowIso: string;
  speed: number;
  renderedAt: number;
}

const Ctx = createContext<TimeContext>({ zone: "UTC", chosen: false, cloudNowIso: new Date(0).toISOString(), speed: 1, renderedAt: 0 });

/**
 * The reader's time zone for every time on the page. The server renders in the user's setting, or
 * in the browser zone the browser reported before (a cookie); without either, in UTC, and the
 * browser then reports its zone and the times re-render in it.
 */
export function TimeZoneProvider({ zone, chosen, cloudNowIso, speed, children }: { zone: string; chosen: boolean; cloudNowIso: string; speed: number; children: ReactNode }) {
  const [effective, setEffective] = useState(zone);
  const [renderedAt] = useState(() => Date.now());
  useEffect(() => {
    setEffective(zone);
    if (chosen) return;
    const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!browser || !isTimeZone(browser)) return;
    document.cookie = `${BROWSER_TZ_COOKIE}=${encodeURIComponent(browser)}; path=/; max-age=${365 * 86400}; samesite=lax`;
    setEffective(browser);
  }, [zone, chosen]);
  return <Ctx.Provider value={{ zone: effective, chosen, cloudNowIso, speed, renderedAt }}>{children}</Ctx.Provider>;
}

export function useTimeZone(): TimeContext {
  return useContext(Ctx);
}

/** The cloud's time now, from the page's reading, advanced at the clock's speed. */
export function useCloudNow(): () => Date {
  const { cloudNowIso, speed, renderedAt } = useTimeZone();
  return () => new Date(Date.parse(cloudNowIso) + (renderedAt ? (Date.now() - renderedAt) * speed : 0));
}

/**
 * A time in the reader's zone ("2026-12-01 04:21:55 UTC+8"). `relative` shows "3 minutes ago" with
 * the full time on hover, for lists where recency matters: against the cloud clock for what the
 * cloud stamps (instances, orders, tasks), against the wall clock (`clock="wall"`) for what people
 * do in the console (sign-ins, audit entries), which is stamped in real time.
 */
export function Time({ at, relative = false, clock = "cloud", className }: { at: string | null | undefined; relative?: boolean; clock?: "cloud" | "wall"; className?: string }) {
  const { zone } = useTimeZone();
  const locale = useLocale();
  const cloudNow = useCloudNow();
  const [, tick] = useState(0);
  useEffect(() => {
    if (!relative) return;
    const id = setInterval(() => tick((n) => n + 1), 30_000);
    return () => clearInterval(id);
  }, [relative]);
  if (!at) return <span className={className}>-</span>;
  const full = formatInZone(at, zone);
  if (!relative) return <time dateTime={at} className={className ?? "text-xs tabular-nums text-slate-600"}>{full}</time>;
  return (
    <time dateTime={at} title={full} className={className ?? "text-xs text-slate-600"} suppressHydrationWarning>
      {relativeTime(at, clock === "wall" ? new Date() : cloudNow(), locale)}
    </time>
  );
}

