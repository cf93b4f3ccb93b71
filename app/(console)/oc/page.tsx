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
import { pageActor } from "../page-guard";

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

export default async function OcCapacityPage() {
  const actor = await pageActor("oc", "capacity:view");
  const [cap, pools, nets, subnets, t, tn] = await Promise.all([computeCapacity(actor), storagePools(actor), externalNetworkUsage(actor), subnetUsage(actor), getTranslations("capacity"), getTranslations("nav")]);
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
            ]}
          />
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
