"use client";
import { useTranslations } from "next-intl";
import { ShareChart } from "@/components/ui/share-chart";

// A type alias (not an interface) so that it is a record of its fields for the chart.
type Row = {
  az: string;
  vcpuPct: number;
  ramPct: number;
  diskPct: number;
  vcpuLabel: string;
  ramLabel: string;
  diskLabel: string;
};

/** Allocated against what the over-commit ratios allow, per AZ, as a share of the limit, each bar with its absolute amount. */
export function CapacityChart({ data }: { data: Row[] }) {
  const t = useTranslations("capacity");
  const series = [
    { key: "vcpu", name: t("vcpu"), fill: "#1a73e8" },
    { key: "ram", name: t("ram"), fill: "#14b8a6" },
    { key: "disk", name: t("disk"), fill: "#f59e0b" },
  ];
  return <ShareChart data={data} series={series} label={t("chartLabel")} />;
}
