"use client";
import { MapPin } from "lucide-react";
import { useTranslations } from "next-intl";
import { useSeedText } from "@/components/ui/seed-text";

/**
 * The region in use. The seeded cloud has one region, so the selector is read-only until a second
 * region exists (switching regions is not wired yet: it would be a promise the console cannot keep).
 */
export function RegionSelect({ regions }: { regions: { id: string; name: string }[] }) {
  const t = useTranslations("topbar");
  const seed = useSeedText();
  return (
    <label className="flex items-center gap-1 text-xs text-slate-300">
      <MapPin className="h-3.5 w-3.5" aria-hidden />
      <span className="sr-only">{t("region")}</span>
      <select className="h-7 rounded-sm border border-slate-600 bg-topbar px-1 text-xs text-white" aria-label={t("region")} defaultValue={regions[0]?.id} disabled={regions.length <= 1}>
        {regions.map((r) => (
          <option key={r.id} value={r.id}>
            {seed(r.name)}
          </option>
        ))}
      </select>
    </label>
  );
}
