"use client";
import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** Allocated vs what the over-commit ratios allow, per AZ, as percentages of the limit. */
export function CapacityChart({ data }: { data: { az: string; vcpuPct: number; ramPct: number; diskPct: number }[] }) {
  const t = useTranslations("capacity");
  return (
    <div className="h-64 w-full" role="img" aria-label={t("chartLabel")}>
      <ResponsiveContainer>
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="az" />
          <YAxis unit="%" domain={[0, 100]} />
          <Tooltip formatter={(v) => `${v}%`} />
          <Legend />
          <Bar dataKey="vcpuPct" name={t("vcpu")} fill="#1a73e8" />
          <Bar dataKey="ramPct" name={t("ram")} fill="#14b8a6" />
          <Bar dataKey="diskPct" name={t("disk")} fill="#f59e0b" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
