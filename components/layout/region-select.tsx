"use client";
import { MapPin } from "lucide-react";
import { useTranslations } from "next-intl";

/** The region in use. One region is emulated today; the selector lists every region the cloud has. */
export function RegionSelect({ regions }: { regions: { id: string; name: string }[] }) {
  const t = useTranslations("topbar");
  return (
    <label className="flex items-center gap-1 text-xs text-slate-300">
      <MapPin className="h-3.5 w-3.5" aria-hidden />
      <span className="sr-only">{t("region")}</span>
      <select className="h-7 rounded-sm border border-slate-600 bg-topbar px-1 text-xs text-white" aria-label={t("region")} defaultValue={regions[0]?.id}>
        {regions.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name}
          </option>
        ))}
      </select>
    </label>
  );
}
