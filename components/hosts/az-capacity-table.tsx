import { useTranslations } from "next-intl";
import type { AzCapacity } from "@/lib/server/queries/hosts";
import { gib, pct } from "@/lib/client/format";
import { CapacityBar } from "@/components/ui/capacity-bar";

/** Per AZ: physical total, the limit the ratios allow, allocated, free; every number as text too. */
export function AzCapacityTable({ azs }: { azs: AzCapacity[] }) {
  const t = useTranslations("capacity");
  return (
    <table className="w-full text-left text-[13px]">
      <thead className="bg-slate-50 text-xs text-slate-600">
        <tr>
          <th className="whitespace-nowrap px-3 py-2">{t("az")}</th>
          <th className="whitespace-nowrap px-3 py-2">{t("hosts")}</th>
          <th className="whitespace-nowrap px-3 py-2">{t("vcpu")}</th>
          <th className="whitespace-nowrap px-3 py-2">{t("ram")}</th>
          <th className="whitespace-nowrap px-3 py-2">{t("disk")}</th>
          <th className="whitespace-nowrap px-3 py-2">{t("instances")}</th>
        </tr>
      </thead>
      <tbody>
        {azs.map((a) => (
          <tr key={a.az} className="border-t border-slate-100 align-top" data-testid={`capacity-${a.az}`}>
            <td className="px-3 py-2 font-medium">{a.az}</td>
            <td className="px-3 py-2">{t("hostsUp", { up: a.hostsUp, total: a.hosts, enabled: a.hostsEnabled })}</td>
            <td className="px-3 py-2">
              <CapacityBar used={a.vcpusUsed} total={a.vcpuLimit} detail={t("breakdown", { used: a.vcpusUsed, limit: a.vcpuLimit, physical: a.vcpus, free: a.vcpuLimit - a.vcpusUsed })} />
            </td>
            <td className="px-3 py-2">
              <CapacityBar
                used={a.memoryMbUsed}
                total={a.memoryMbLimit}
                detail={t("breakdown", { used: gib(a.memoryMbUsed), limit: gib(a.memoryMbLimit), physical: gib(a.memoryMb), free: gib(a.memoryMbLimit - a.memoryMbUsed) })}
              />
            </td>
            <td className="px-3 py-2">
              <CapacityBar used={a.diskGbUsed} total={a.diskGbLimit} detail={t("breakdown", { used: `${a.diskGbUsed} GB`, limit: `${a.diskGbLimit} GB`, physical: `${a.diskGb} GB`, free: `${a.diskGbLimit - a.diskGbUsed} GB` })} />
            </td>
            <td className="px-3 py-2 tabular-nums">{a.instances}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function chartData(azs: AzCapacity[]) {
  return azs.map((a) => ({
    az: a.az,
    vcpuPct: pct(a.vcpusUsed, a.vcpuLimit),
    ramPct: pct(a.memoryMbUsed, a.memoryMbLimit),
    diskPct: pct(a.diskGbUsed, a.diskGbLimit),
    // What each bar stands for, written on it: a tenth of a percent is still "12 of 11,520 vCPUs".
    vcpuLabel: `${a.vcpusUsed} / ${a.vcpuLimit}`,
    ramLabel: `${gib(a.memoryMbUsed)} / ${gib(a.memoryMbLimit)}`,
    diskLabel: `${a.diskGbUsed} / ${a.diskGbLimit} GB`,
  }));
}
