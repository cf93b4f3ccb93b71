"use client";
import { useTranslations } from "next-intl";
import { ShareChart } from "@/components/ui/share-chart";

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
  const series = [
    { key: "written", name: t("storageWritten"), fill: "#6366f1" },
    { key: "allocated", name: t("storageAllocated"), fill: "#0ea5e9" },
  ];
  return <ShareChart data={data} series={series} label={t("storageChartLabel")} className="h-64" testId="storage-chart" />;
}
