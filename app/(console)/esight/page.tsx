import { getTranslations } from "next-intl/server";
import { hardwareInventory, type DeviceHealth } from "@/lib/server/queries/infrastructure";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { Card, Stat } from "@/components/ui/card";
import { CapacityBar } from "@/components/ui/capacity-bar";
import { Dot } from "@/components/ui/status-badge";
import { pageActor } from "../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("esight.devices") };
}

const TONE: Record<DeviceHealth, "green" | "amber" | "red"> = { normal: "green", warning: "amber", critical: "red" };

export default async function EsightDevicesPage() {
  const actor = await pageActor("hardware:view");
  const [inv, t, tn] = await Promise.all([hardwareInventory(actor), getTranslations("esight"), getTranslations("nav")]);
  const count = (h: DeviceHealth) => inv.servers.filter((s) => s.health === h).length + inv.storage.filter((s) => s.health === h).length;
  return (
    <>
      <Breadcrumbs items={[{ label: tn("esight.title") }, { label: tn("esight.devices") }]} />
      <PageHeader title={t("title")} description={t("description")} />
      <div className="mb-4 grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label={t("devices")} value={inv.servers.length + inv.storage.length} />
        <Stat label={<Dot tone="green">{t("health.normal")}</Dot>} value={count("normal")} />
        <Stat label={<Dot tone="amber">{t("health.warning")}</Dot>} value={count("warning")} />
        <Stat label={<Dot tone="red">{t("health.critical")}</Dot>} value={count("critical")} />
      </div>
      <div className="space-y-4">
        <Card title={t("storage")}>
          <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
            {inv.storage.map((a) => (
              <div key={a.id} className="rounded-sm border border-slate-200 p-3">
                <div className="flex items-center justify-between">
                  <span className="font-medium">{a.name}</span>
                  <Dot tone={TONE[a.health]}>{t(`health.${a.health}`)}</Dot>
                </div>
                <div className="mt-1 text-xs text-slate-500">{`${a.model} · SN ${a.serialNo} · ${a.raidLevel} · ${t("disks", { count: a.diskCount })}`}</div>
                {a.pools.map((p) => (
                  <CapacityBar key={p.name} className="mt-2" label={`${p.name} (${p.az}, ${p.diskType})`} used={p.usedGb} total={p.totalGb} detail={`${p.usedGb} / ${p.totalGb} GB`} />
                ))}
              </div>
            ))}
          </div>
        </Card>
        <Card title={t("servers", { count: inv.servers.length })}>
          <div className="max-h-[560px] overflow-auto">
            <table className="w-full text-left text-[13px]">
              <thead className="sticky top-0 bg-slate-50 text-xs text-slate-600">
                <tr>
                  <th className="px-3 py-2">{t("name")}</th>
                  <th className="px-3 py-2">{t("healthCol")}</th>
                  <th className="px-3 py-2">{t("role")}</th>
                  <th className="px-3 py-2">{t("model")}</th>
                  <th className="px-3 py-2">{t("serial")}</th>
                  <th className="px-3 py-2">{t("mgmtIp")}</th>
                  <th className="px-3 py-2">AZ</th>
                </tr>
              </thead>
              <tbody>
                {inv.servers.map((s) => (
                  <tr key={s.id} className="border-t border-slate-100">
                    <td className="px-3 py-1.5 font-medium">{s.name}</td>
                    <td className="px-3 py-1.5"><Dot tone={TONE[s.health]}>{t(`health.${s.health}`)}</Dot></td>
                    <td className="px-3 py-1.5">{t(`roles.${s.role}`)}</td>
                    <td className="px-3 py-1.5">{s.model}</td>
                    <td className="px-3 py-1.5 font-mono text-xs">{s.serialNo}</td>
                    <td className="px-3 py-1.5 font-mono text-xs">{s.ip}</td>
                    <td className="px-3 py-1.5">{s.az ?? "-"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      </div>
    </>
  );
}
