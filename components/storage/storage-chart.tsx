"use client";
import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface AzStorageRow {
  az: string;
  totalGb: number;
  writtenGb: number;
  allocatedGb: number;
  /** What volumes may be given in all: each thin pool's thin limit, each thick-only pool's physical size. */
  limitGb: number;
}

const share = (used: number, total: number) => (total > 0 ? Math.round((used / total) * 1000) / 10 : 0);
const gb = (n: number) => `${Math.round(n).toLocaleString("en-US")} GB`;

/** Storage per AZ: physically written as a share of the pools' capacity, and given to volumes as a share of what the ratios allow. */
export function StorageChart({ rows }: { rows: AzStorageRow[] }) {
  const t = useTranslations("capacity");
  const data = rows.map((r) => ({ az: r.az, writtenPct: share(r.writtenGb, r.totalGb), allocatedPct: share(r.allocatedGb, r.limitGb), writtenLabel: `${gb(r.writtenGb)} / ${gb(r.totalGb)}`, allocatedLabel: `${gb(r.allocatedGb)} / ${gb(r.limitGb)}` }));
  const top = Math.max(...data.flatMap((d) => [d.writtenPct, d.allocatedPct]), 0);
  const domainMax = Math.min(100, Math.max(1, Math.ceil(top * 1.3 * 10) / 10));
  const bars = [
    { key: "writtenPct", label: "writtenLabel", name: t("storageWritten"), fill: "#6366f1" },
    { key: "allocatedPct", label: "allocatedLabel", name: t("storageAllocated"), fill: "#0ea5e9" },
  ] as const;
  return (
    <div className="h-64 w-full" role="img" aria-label={t("storageChartLabel")} data-testid="storage-chart">
      <ResponsiveContainer>
        <BarChart data={data} margin={{ top: 20, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="az" />
          <YAxis unit="%" domain={[0, domainMax]} allowDecimals />
          <Tooltip formatter={(v, _n, item) => `${String(v)}% (${String((item.payload as Record<string, unknown>)[String(item.dataKey).replace("Pct", "Label")])})`} />
          <Legend />
          {bars.map((b) => (
            <Bar key={b.key} dataKey={b.key} name={b.name} fill={b.fill} minPointSize={2}>
              <LabelList dataKey={b.label} position="top" className="fill-slate-600 text-[10px]" />
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
