"use client";
import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

interface Row {
  az: string;
  vcpuPct: number;
  ramPct: number;
  diskPct: number;
  vcpuLabel: string;
  ramLabel: string;
  diskLabel: string;
}

/**
 * Allocated against what the over-commit ratios allow, per AZ, as a share of the limit. The scale
 * follows the data (a cloud at 0.3 % still shows bars), and each bar carries its absolute amount.
 */
export function CapacityChart({ data }: { data: Row[] }) {
  const t = useTranslations("capacity");
  const top = Math.max(...data.flatMap((d) => [d.vcpuPct, d.ramPct, d.diskPct]), 0);
  // Headroom above the tallest bar for its label; never more than 100 %, never less than 1 %.
  const domainMax = Math.min(100, Math.max(1, Math.ceil(top * 1.3 * 10) / 10));
  const bars = [
    { key: "vcpuPct", label: "vcpuLabel", name: t("vcpu"), fill: "#1a73e8" },
    { key: "ramPct", label: "ramLabel", name: t("ram"), fill: "#14b8a6" },
    { key: "diskPct", label: "diskLabel", name: t("disk"), fill: "#f59e0b" },
  ] as const;
  return (
    <div className="h-72 w-full" role="img" aria-label={t("chartLabel")}>
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
