"use client";
import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { cn } from "@/lib/client/cn";

/** One series: `<key>Pct` holds the share (0-100) and `<key>Label` the absolute amount shown on the bar. */
export interface ShareSeries {
  key: string;
  name: string;
  fill: string;
}

/**
 * Shares per AZ (or any category) as grouped bars. The scale follows the data (a cloud at 0.3 %
 * still shows bars, headroom above the tallest for its label, never past 100 %), and each bar
 * carries its absolute amount; the tooltip gives both.
 */
export function ShareChart({ data, series, label, className, testId }: { data: (Record<string, string | number> & { az: string })[]; series: readonly ShareSeries[]; label: string; className?: string; testId?: string }) {
  const top = Math.max(...data.flatMap((d) => series.map((s) => Number(d[`${s.key}Pct`]) || 0)), 0);
  const domainMax = Math.min(100, Math.max(1, Math.ceil(top * 1.3 * 10) / 10));
  return (
    <div className={cn("h-72 w-full", className)} role="img" aria-label={label} data-testid={testId}>
      <ResponsiveContainer>
        <BarChart data={data} margin={{ top: 20, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="az" />
          <YAxis unit="%" domain={[0, domainMax]} allowDecimals />
          <Tooltip formatter={(v, _n, item) => `${String(v)}% (${String((item.payload as Record<string, unknown>)[String(item.dataKey).replace("Pct", "Label")])})`} />
          <Legend />
          {series.map((s) => (
            <Bar key={s.key} dataKey={`${s.key}Pct`} name={s.name} fill={s.fill} minPointSize={2}>
              <LabelList dataKey={`${s.key}Label`} position="top" className="fill-slate-600 text-[10px]" />
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
