"use client";
import { Clock } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { zonedParts } from "@/lib/client/time";
import { useTimeZone } from "@/components/ui/time";

/** The cloud's time in the reader's zone (shown with its offset), ticking locally at the clock's speed. */
export function CloudClock({ nowIso, speed }: { nowIso: string; speed: number }) {
  const t = useTranslations("topbar");
  const { zone } = useTimeZone();
  const [now, setNow] = useState(() => Date.parse(nowIso));
  useEffect(() => {
    const base = Date.parse(nowIso);
    const wall0 = Date.now();
    const tick = () => setNow(base + (Date.now() - wall0) * speed);
    tick();
    const id = setInterval(tick, 1000);
    return () => clearInterval(id);
  }, [nowIso, speed]);
  const { text, offset } = zonedParts(new Date(now), zone);
  return (
    <span className="flex items-center gap-1.5 text-xs text-slate-300" title={t("clockHint", { speed, zone })} data-testid="cloud-clock">
      <Clock className="h-3.5 w-3.5" aria-hidden />
      <span className="hidden lg:inline">{t("cloudTime")}</span>
      <span className="tabular-nums text-white">{text}</span>
      <span className="text-slate-300" data-testid="time-zone">{offset}</span>
      {speed !== 1 ? <span className="rounded-sm bg-amber-500/20 px-1 text-amber-300">×{speed}</span> : null}
    </span>
  );
}
