import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { hardwareInventory, pageDevices, type DeviceHealth } from "@/lib/server/queries/infrastructure";
import { deviceListParams } from "@/lib/schemas/compute";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { DeviceTable } from "@/components/hosts/device-table";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { Card, Stat } from "@/components/ui/card";
import { CapacityBar } from "@/components/ui/capacity-bar";
import { Dot } from "@/components/ui/status-badge";
import { pageActor, searchParamsOf } from "../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("esight.devices") };
}

const TONE: Record<DeviceHealth, "green" | "amber" | "red"> = { normal: "green", warning: "amber", critical: "red" };

const ROLES = ["controller", "network", "compute", "switch"] as const;

export default async function EsightDevicesPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await pageActor("esight", "hardware:view");
  const p = searchParamsOf(deviceListParams, await searchParams);
  const [inv, page, t, tn] = await Promise.all([hardwareInventory(actor), pageDevices(actor, p), getTranslations("esight"), getTranslations("nav")]);
  const azs = [...new Set(inv.servers.map((s) => s.az).filter((a): a is string => a !== null))].sort();
  const count = (h: DeviceHealth) => [...inv.servers, ...inv.storage, ...inv.switches].filter((s) => s.health === h).length;
  return (
    <>
      <Breadcrumbs items={[{ label: tn("esight.title") }, { label: tn("esight.devices") }]} />
      <PageHeader title={t("title")} description={t("description")} />
      <div className="mb-4 grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label={t("devices")} value={inv.servers.length + inv.storage.length + inv.switches.length} />
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
                  <Link className="font-medium text-brand-600 hover:underline" href={`/esight/arrays/${a.id}`}>
                    {a.name}
                  </Link>
                  <Dot tone={TONE[a.health]}>{t(`health.${a.health}`)}</Dot>
                </div>
                <div className="mt-1 text-xs text-slate-500">{`${a.model} · SN ${a.serialNo} · ${a.raidLevel} · ${t("disks", { count: a.diskCount })}`}</div>
                {a.pools.map((p) => (
                  <CapacityBar key={p.name} className="mt-2" label={`${p.name} (${p.az}, ${p.diskType})`} used={p.writtenGb} total={p.totalGb} detail={`${Math.round(p.writtenGb)} / ${p.totalGb} GB`} />
                ))}
              </div>
            ))}
          </div>
        </Card>
        <Card title={t("servers", { count: inv.servers.length + inv.switches.length })}>
          <ListToolbar
            placeholder={t("search")}
            exportHref="/api/v1/export/devices"
            filters={[
              { key: "health", label: t("healthCol"), options: (["normal", "warning", "critical"] as const).map((h) => ({ value: h, label: t(`health.${h}`) })) },
              { key: "role", label: t("role"), options: ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) })) },
              { key: "az", label: t("az"), options: azs.map((a) => ({ value: a, label: a })) },
            ]}
          />
          <DeviceTable rows={page.rows} page={page} filtered={Boolean(p.q || p.health || p.role || p.az)} />
        </Card>
      </div>
    </>
  );
}
