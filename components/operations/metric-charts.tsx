"use client";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatInZone } from "@/lib/client/time";
import { cn } from "@/lib/client/cn";
import { useTimeZone } from "@/components/ui/time";

export interface ChartView {
  range: string;
  ranges: readonly string[];
  tier: string;
  /** Each point's time (ISO) and every metric of the source at that time. */
  points: { at: string; values: Record<string, number> }[];
  /** The metrics drawn together on one chart, each group with its unit ("%", "Mbit/s"...). */
  panels: readonly { metrics: readonly string[]; unit: string }[];
}

const COLOURS = ["#2563eb", "#16a34a", "#d97706", "#9333ea"];

/**
 * A source's metrics over a chosen range: a range picker (kept in the URL's `range`, so the page
 * reads the matching tier on the server) and one line chart per unit, with each metric's latest,
 * average and peak under it. A gap in the points (the source did not report) breaks the line.
 */
export function MetricCharts({ view, testId = "metric-charts" }: { view: ChartView; testId?: string }) {
  const t = useTranslations("metrics");
  const pathname = usePathname();
  const params = useSearchParams();
  const { zone } = useTimeZone();
  const hrefFor = (range: string) => {
    const next = new URLSearchParams(params.toString());
    next.set("range", range);
    return `${pathname}?${next.toString()}`;
  };
  const short = view.range === "1h" || view.range === "6h" || view.range === "24h";
  const label = (iso: string) => {
    const text = formatInZone(iso, zone);
    return short ? text.slice(11, 16) : text.slice(5, 10);
  };
  const data = view.points.map((p) => ({ at: p.at, ...p.values }));
  return (
    <div data-testid={testId} data-tier={view.tier} data-points={view.points.length}>
      <div className="mb-3 flex flex-wrap items-center gap-1" role="group" aria-label={t("range")}>
        {view.ranges.map((r) => (
          <Link key={r} href={hrefFor(r)} scroll={false} aria-current={r === view.range ? "true" : undefined} className={cn("rounded-sm border px-2 py-0.5 text-xs", r === view.range ? "border-brand-600 bg-brand-50 text-brand-700" : "border-slate-200 text-slate-600 hover:bg-slate-50")}>
            {t(`ranges.${r}`)}
          </Link>
        ))}
        <span className="ml-2 text-xs text-slate-500">{t(`tiers.${view.tier}`, { count: view.points.length })}</span>
      </div>
      {view.points.length === 0 ? (
        <p className="text-sm text-slate-500">{t("noData")}</p>
      ) : (
        <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
          {view.panels.map((panel) => (
            <figure key={panel.metrics.join()} className="min-w-0">
              <figcaption className="mb-1 text-xs font-medium text-slate-600">{`${panel.metrics.map((m) => t(`names.${m}`)).join(" / ")} (${panel.unit})`}</figcaption>
              <div className="h-48 w-full" role="img" aria-label={panel.metrics.map((m) => t(`names.${m}`)).join(", ")}>
                <ResponsiveContainer>
                  <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
                    <CartesianGrid strokeDasharray="3 3" vertical={false} />
                    <XAxis dataKey="at" tickFormatter={label} minTickGap={24} fontSize={11} />
                    <YAxis fontSize={11} width={44} domain={panel.unit === "%" ? [0, 100] : ["auto", "auto"]} />
                    <Tooltip labelFormatter={(v) => formatInZone(String(v), zone)} />
                    <Legend />
                    {panel.metrics.map((m, i) => (
                      <Line key={m} type="monotone" dataKey={m} name={t(`names.${m}`)} stroke={COLOURS[i % COLOURS.length]} dot={false} isAnimationActive={false} connectNulls={false} />
                    ))}
                  </LineChart>
                </ResponsiveContainer>
              </div>
              <table className="mt-1 w-full text-xs tabular-nums">
                <thead>
                  <tr className="text-slate-500">
                    <th className="text-left font-normal">{t("metric")}</th>
                    <th className="text-right font-normal">{t("latest")}</th>
                    <th className="text-right font-normal">{t("average")}</th>
                    <th className="text-right font-normal">{t("peak")}</th>
                  </tr>
                </thead>
                <tbody>
                  {panel.metrics.map((m) => {
                    const values = view.points.map((p) => p.values[m]).filter((v): v is number => typeof v === "number");
                    const avg = values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);
                    return (
                      <tr key={m} data-testid={`metric-${m}`}>
                        <td>{t(`names.${m}`)}</td>
                        <td className="text-right" data-testid={`metric-${m}-latest`}>{values.length ? (values.at(-1) as number).toFixed(1) : "-"}</td>
                        <td className="text-right">{values.length ? avg.toFixed(1) : "-"}</td>
                        <td className="text-right">{values.length ? Math.max(...values).toFixed(1) : "-"}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </figure>
          ))}
        </div>
      )}
    </div>
  );
}
