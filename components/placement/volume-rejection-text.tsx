import { useTranslations } from "next-intl";
import type { VolumeRejection } from "@/lib/cloud/storage";

/** One pool's refusal in words: which rule, and the numbers or the spec that broke it. */
export function VolumeRejectionText({ r }: { r: VolumeRejection }) {
  const t = useTranslations("placement.volume.reasons");
  switch (r.filter) {
    case "VolumeService":
    case "IgnoreAttemptedHostsFilter":
      return <>{t(r.code)}</>;
    case "AvailabilityZoneFilter":
      return <>{t("az", { have: r.az, wanted: r.wanted })}</>;
    case "CapabilitiesFilter":
      return <>{t("capability", { key: r.key, wanted: r.wanted, have: r.have === undefined ? "-" : JSON.stringify(r.have) })}</>;
    case "CapacityFilter":
      return <>{t(r.code, { requested: r.requested, free: r.virtualFree ?? "-", ratio: r.ratio ?? "-", provisioned: r.provisionedRatio?.toFixed(2) ?? "-" })}</>;
  }
}
