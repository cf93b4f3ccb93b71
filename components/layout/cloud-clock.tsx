"use client";
import { Clock } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

/** The cloud's time, ticking locally from the server's reading at the given speed. */
export function CloudClock({ nowIso, speed }: { nowIso: string; speed: number }) {
  const t = useTranslations("topbar");
  const [text, setText] = useState(() => nowIso.slice(0, 19).replace("T", " "));
  useEffect(() => {
    const base = Date.parse(nowIso);
    const wall0 = Date.now();
    const tick = () => setText(new Date(base + (Date.now() - wall0) * speed).toISOString().slice(0, 19).replace("T", " "));
    tick();
    const id = setInterval(tick, 1000);
    return () => clearInterval(id);
  }, [nowIso, speed]);
  return (
    <span className="flex items-center gap-1.5 text-xs text-slate-300" title={t("clockHint", { speed })} data-testid="cloud-clock">
      <Clock className="h-3.5 w-3.5" aria-hidden />
      <span className="hidden lg:inline">{t("cloudTime")}</span>
      <span className="tabular-nums text-white">{text} UTC</span>
      {speed !== 1 ? <span className="rounded-sm bg-amber-500/20 px-1 text-amber-300">×{speed}</span> : null}
    </span>
  );
}
