import { useTranslations } from "next-intl";
import type { Rejection } from "@/lib/cloud/compute/scheduler";
import { gib } from "@/lib/client/format";

/** One host's rejection in words: which rule, and the numbers that broke it. */
export function RejectionText({ r }: { r: Rejection }) {
  const t = useTranslations("placement.reasons");
  const tu = useTranslations("placement.units");
  // Every amount with its unit: memory in GiB, disk in GB, vCPUs counted.
  const unit = (n: number) => (r.filter === "MEMORY_MB" || r.filter === "NUMATopologyFilter" ? gib(n) : r.filter === "DISK_GB" ? `${n} GB` : r.filter === "VCPU" ? tu("vcpus", { n }) : String(n));
  switch (r.code) {
    case "az_mismatch":
      return <>{t("az_mismatch", { have: r.hostAz, wanted: r.wantedAz })}</>;
    case "host_disabled":
    case "host_down":
      return <>{t(r.code)}</>;
    case "arch_mismatch":
    case "hypervisor_mismatch":
    case "vm_mode_mismatch":
    case "hypervisor_version_mismatch":
      return <>{t(r.code, { have: r.have, wanted: r.wanted })}</>;
    case "trait_missing":
    case "trait_forbidden":
      return <>{t(r.code, { trait: r.trait })}</>;
    case "isolated_aggregate":
      return <>{t("isolated_aggregate", { group: r.group, trait: r.trait })}</>;
    case "tenant_isolation":
      return <>{t("tenant_isolation", { have: r.have })}</>;
    case "extra_spec_mismatch":
    case "capability_mismatch":
      return <>{t(r.code, { key: r.key, have: r.have, wanted: r.wanted })}</>;
    case "not_requested_host":
      return <>{t("not_requested_host", { host: r.requested })}</>;
    case "ignored_host":
      return <>{t("ignored_host")}</>;
    case "affinity_violation":
    case "anti_affinity_violation":
      return <>{t(r.code, { group: r.group })}</>;
    case "hugepages_insufficient":
      return <>{t("hugepages_insufficient", { free: gib(r.freeMb), requested: gib(r.requestedMb) })}</>;
    case "exceeds_physical":
      return <>{t("exceeds_physical", { physical: unit(r.physical), requested: unit(r.requested) })}</>;
    case "insufficient":
      return <>{t("insufficient", { free: unit(Math.max(0, r.free)), requested: unit(r.requested) })}</>;
  }
}
