"use client";
import { useTranslations } from "next-intl";
import { useListParams } from "@/components/ui/data-table";
import { useTimeZone } from "@/components/ui/time";
import { zonedDay, zonedDayStart } from "@/lib/client/time";

const DAY = 86_400_000;

/**
 * From and to as calendar days in the reader's time zone (the URL holds the instants), with
 * the usual ranges one click away. Audit entries are stamped in real time (what people did,
 * whatever the cloud clock says), so the ranges are measured on the wall clock.
 */
export function DateRange() {
  const t = useTranslations("audit.range");
  const { zone } = useTimeZone();
  const { params, set } = useListParams();
  const from = params.get("from");
  const to = params.get("to");
  // "to" is the end of the chosen day: the start of the next one, minus a millisecond.
  const setDays = (fromDay: string | null, toDay: string | null) => {
    const start = fromDay ? zonedDayStart(fromDay, zone) : null;
    const endStart = toDay ? zonedDayStart(toDay, zone) : null;
    set({ from: start ? start.toISOString() : null, to: endStart ? new Date(endStart.getTime() + DAY - 1).toISOString() : null });
  };
  const last = (days: number) => set({ from: new Date(Date.now() - days * DAY).toISOString(), to: null });
  const input = "h-8 rounded-sm border border-slate-300 bg-white px-2 text-[13px]";
  return (
    <div className="flex flex-wrap items-center gap-2 text-[13px]" data-testid="date-range">
      <label className="flex items-center gap-1">
        <span className="text-xs text-slate-500">{t("from")}</span>
        <input type="date" className={input} aria-label={t("from")} value={from ? zonedDay(from, zone) : ""} onChange={(e) => setDays(e.target.value || null, to ? zonedDay(to, zone) : null)} />
      </label>
      <label className="flex items-center gap-1">
        <span className="text-xs text-slate-500">{t("to")}</span>
        <input type="date" className={input} aria-label={t("to")} value={to ? zonedDay(to, zone) : ""} onChange={(e) => setDays(from ? zonedDay(from, zone) : null, e.target.value || null)} />
      </label>
      {([1, 7, 30] as const).map((d) => (
        <button key={d} type="button" className="h-8 rounded-sm border border-slate-300 bg-white px-2 text-xs text-slate-600 hover:border-brand-500" onClick={() => last(d)}>
          {t("last", { days: d })}
        </button>
      ))}
      {from || to ? (
        <button type="button" className="text-xs text-brand-600 hover:underline" onClick={() => set({ from: null, to: null })}>
          {t("any")}
        </button>
      ) : null}
      <span className="text-xs text-slate-400">{t("zone", { zone })}</span>
    </div>
  );
}
