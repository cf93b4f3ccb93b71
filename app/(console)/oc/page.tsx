import { getTranslations } from "next-intl/server";
import { computeCapacity } from "@/lib/server/queries/hosts";
import { storagePools } from "@/lib/server/queries/infrastructure";
import { externalNetworkUsage, subnetUsage } from "@/lib/server/queries/network";
import { ExternalPoolTable } from "@/components/network/network-admin";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { Card, Stat } from "@/components/ui/card";
import { CapacityBar } from "@/components/ui/capacity-bar";
import { ComputeCapacity } from "@/components/hosts/compute-capacity";
import { SimpleTable } from "@/components/ui/simple-table";
import { StorageChart, type AzStorageRow } from "@/components/storage/storage-chart";
import type { StoragePoolDto } from "@/lib/server/queries/infrastructure";
import { openAlarmCounts } from "@/lib/server/queries/alarms";
import { poolForecasts, topHosts } from "@/lib/server/queries/operations-dashboard";
import { SEVERITIES } from "@/lib/cloud/operations";
import Link from "next/link";
import { pageActor } from "../page-guard";
import { MetricCard } from "../metric-card";

/** The pools of each AZ added up (a pool belongs to exactly one AZ). */
function storagePerAz(pools: StoragePoolDto[]): AzStorageRow[] {
  const byAz = new Map<string, AzStorageRow>();
  for (const p of pools) {
    const row = byAz.get(p.az) ?? { az: p.az, totalGb: 0, writtenGb: 0, allocatedGb: 0, limitGb: 0 };
    row.totalGb += p.totalGb;
    row.writtenGb += p.writtenGb;
    row.allocatedGb += p.allocatedGb;
    row.limitGb += Math.floor(p.thinLimitGb ?? p.totalGb);
    byAz.set(p.az, row);
  }
  return [...byAz.values()].sort((a, b) => a.az.localeCompare(b.az));
}

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("oc.capacity") };
}

export default async function OcCapacityPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await pageActor("oc", "capacity:view");
  const [cap, pools, nets, subnets, top, forecasts, alarms, sp, t, tn, ta] = await Promise.all([
    computeCapacity(actor),
    storagePools(actor),
    externalNetworkUsage(actor),
    subnetUsage(actor),
    topHosts(actor, "cpu", 10),
    poolForecasts(actor),
    openAlarmCounts(actor),
    searchParams,
    getTranslations("capacity"),
    getTranslations("nav"),
    getTranslations("alarms"),
  ]);
  const trendAz = cap.azs.find((a) => a.az === sp.az)?.az ?? cap.azs[0]?.az ?? null;
  const withParam = (key: string, value: string) => `/oc?${new URLSearchParams({ ...sp, [key]: value }).toString()}`;
  const hosts = cap.azs.reduce((s, a) => s + a.hosts, 0);
  const up = cap.azs.reduce((s, a) => s + a.hostsUp, 0);
  const instances = cap.azs.reduce((s, a) => s + a.instances, 0);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("oc.title") }, { label: tn("oc.capacity") }]} />
      <PageHeader title={t("ocTitle")} description={t("ocDescription")} />
      <div className="mb-4 grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label={t("azCount")} value={cap.azs.length} />
        <Stat label={t("computeHosts")} value={hosts} hint={t("hostsUpHint", { up })} />
        <Stat label={t("instances")} value={instances} />
        <Stat label={t("storagePools")} value={pools.length} />
      </div>
      <div className="space-y-4">
        {alarms ? (
          <Card title={t("alarmSummary")}>
            <div className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="oc-alarm-summary">
              {SEVERITIES.map((s) => (
                <Link key={s} href={`/oc/alarms?severity=${s}`} className="block" data-testid={`oc-alarms-${s}`}>
                  <Stat label={ta(`severity.${s}`)} value={alarms[s]} />
                </Link>
              ))}
            </div>
          </Card>
        ) : null}
        {trendAz ? (
          <div>
            <div className="mb-2 flex flex-wrap items-center gap-1 text-xs" role="group" aria-label={t("trendAz")}>
              <span className="mr-1 text-slate-500">{t("trendAz")}</span>
              {cap.azs.map((a) => (
                <Link key={a.az} href={withParam("az", a.az)} scroll={false} aria-current={a.az === trendAz ? "true" : undefined} className={a.az === trendAz ? "rounded-sm border border-brand-600 bg-brand-50 px-2 py-0.5 text-brand-700" : "rounded-sm border border-slate-200 px-2 py-0.5 text-slate-600 hover:bg-slate-50"}>
                  {a.az}
                </Link>
              ))}
            </div>
            <MetricCard actor={actor} kind="az" sourceId={trendAz} range={sp.range} title={t("trendTitle", { az: trendAz })} testId="oc-trends" />
          </div>
        ) : null}
        <Card title={t("topHosts")}>
          <SimpleTable
            rows={top}
            rowKey={(h) => h.id}
            rowTestId={(h) => `top-host-${h.name}`}
            empty={t("noSamples")}
            columns={[
              { header: "#", cell: (h) => top.indexOf(h) + 1, className: "tabular-nums" },
              { header: t("host"), cell: (h) => (actor.permissions.has("host:view") && actor.permissions.has("portal:service-om") ? <Link className="text-brand-600 hover:underline" href={`/service-om/hosts/${h.id}`}>{h.name}</Link> : h.name) },
              { header: t("az"), cell: (h) => h.az },
              { header: t("cpuUtil"), cell: (h) => <CapacityBar used={h.cpu} total={100} detail={`${h.cpu.toFixed(1)} %`} /> },
              { header: t("memUtil"), cell: (h) => <CapacityBar used={h.memory} total={100} detail={`${h.memory.toFixed(1)} %`} /> },
            ]}
          />
        </Card>
        <ComputeCapacity azs={cap.azs} />
        <Card title={t("storageTitle")}>
          <StorageChart rows={storagePerAz(pools)} />
          <SimpleTable
            rows={pools}
            rowKey={(p) => p.id}
            columns={[
              { header: t("pool"), cell: (p) => <><span className="font-medium">{p.name}</span> <span className="text-xs text-slate-500">({p.diskType})</span></> },
              { header: t("az"), cell: (p) => p.az },
              { header: t("array"), cell: (p) => p.array },
              { header: t("physicalUsed"), cell: (p) => <CapacityBar used={p.writtenGb} total={p.totalGb} detail={`${Math.round(p.writtenGb)} / ${p.totalGb} GB`} /> },
              { header: t("provisioned"), cell: (p) => <CapacityBar used={p.allocatedGb} total={Math.floor(p.thinLimitGb ?? p.totalGb)} detail={`${p.allocatedGb} / ${Math.floor(p.thinLimitGb ?? p.totalGb)} GB`} /> },
              { header: t("thinRatio"), cell: (p) => (p.thinSupport ? Math.round(p.ratio * 100) / 100 : "-"), className: "tabular-nums" },
              {
                header: t("daysUntilFull"),
                cell: (p) => {
                  const d = forecasts.get(p.id);
                  return <span data-testid={`forecast-${p.name}`}>{d === null || d === undefined ? t("noForecast") : t("days", { days: Math.round(d) })}</span>;
                },
                className: "tabular-nums",
              },
            ]}
          />
        </Card>
        <Card title={t("reports.title")}>
          <p className="mb-3 text-xs text-slate-500">{t("reports.hint")}</p>
          <ul className="flex flex-wrap gap-3 text-sm" data-testid="oc-reports">
            <li><a className="text-brand-600 hover:underline" href="/api/v1/export/capacity" download>{t("reports.capacityCsv")}</a></li>
            <li><Link className="text-brand-600 hover:underline" href="/oc/reports">{t("reports.printable")}</Link></li>
            <li><a className="text-brand-600 hover:underline" href="/api/v1/export/vdc-usage" download>{t("reports.vdcCsv")}</a></li>
            {alarms ? <li><a className="text-brand-600 hover:underline" href="/api/v1/export/alarms?state=open" download>{t("reports.alarmsCsv")}</a></li> : null}
          </ul>
        </Card>
        <Card title={t("networksTitle")}>
          <ExternalPoolTable rows={nets} />
        </Card>
        <Card title={t("subnetUsageTitle")}>
          <SimpleTable
            rows={subnets}
            rowKey={(s) => s.id}
            rowTestId={(s) => `subnet-usage-${s.name}`}
            empty={t("noSubnets")}
            columns={[
              { header: t("subnet"), cell: (s) => <><span className="font-medium">{s.name}</span> <span className="font-mono text-xs text-slate-500">{s.cidr}</span></> },
              { header: t("vpc"), cell: (s) => s.vpc },
              { header: t("project"), cell: (s) => s.project },
              { header: t("addressesUsed"), cell: (s) => <CapacityBar used={Number(s.used)} total={Number(s.total)} detail={`${s.used} / ${s.total}`} /> },
            ]}
          />
        </Card>
      </div>
    </>
  );
}
