import { getTranslations } from "next-intl/server";
import { computeCapacity } from "@/lib/server/queries/hosts";
import { externalNetworks, storagePools } from "@/lib/server/queries/infrastructure";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { Card, Stat } from "@/components/ui/card";
import { CapacityBar } from "@/components/ui/capacity-bar";
import { AzCapacityTable, chartData } from "@/components/hosts/az-capacity-table";
import { CapacityChart } from "@/components/hosts/capacity-chart";
import { pageActor } from "../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("oc.capacity") };
}

export default async function OcCapacityPage() {
  const actor = await pageActor("capacity:view");
  const [cap, pools, nets, t, tn] = await Promise.all([computeCapacity(actor), storagePools(actor), externalNetworks(actor), getTranslations("capacity"), getTranslations("nav")]);
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
        <Card title={t("perAz")}>
          <AzCapacityTable azs={cap.azs} />
        </Card>
        <Card title={t("chartTitle")}>
          <CapacityChart data={chartData(cap.azs)} />
        </Card>
        <Card title={t("storageTitle")}>
          <table className="w-full text-left text-[13px]">
            <thead className="bg-slate-50 text-xs text-slate-600">
              <tr>
                <th className="px-3 py-2">{t("pool")}</th>
                <th className="px-3 py-2">{t("az")}</th>
                <th className="px-3 py-2">{t("array")}</th>
                <th className="px-3 py-2">{t("physicalUsed")}</th>
                <th className="px-3 py-2">{t("provisioned")}</th>
                <th className="px-3 py-2">{t("thinRatio")}</th>
              </tr>
            </thead>
            <tbody>
              {pools.map((p) => (
                <tr key={p.id} className="border-t border-slate-100">
                  <td className="px-3 py-2 font-medium">{p.name} <span className="text-xs text-slate-500">({p.diskType})</span></td>
                  <td className="px-3 py-2">{p.azId}</td>
                  <td className="px-3 py-2">{p.array.name}</td>
                  <td className="px-3 py-2"><CapacityBar used={p.usedGb} total={p.totalGb} detail={`${p.usedGb} / ${p.totalGb} GB`} /></td>
                  <td className="px-3 py-2"><CapacityBar used={p.provisionedGb} total={Math.floor(p.totalGb * p.thinRatio)} detail={`${p.provisionedGb} / ${Math.floor(p.totalGb * p.thinRatio)} GB`} /></td>
                  <td className="px-3 py-2 tabular-nums">{p.supportsThin ? p.thinRatio : "-"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <Card title={t("networksTitle")}>
          <table className="w-full text-left text-[13px]">
            <thead className="bg-slate-50 text-xs text-slate-600">
              <tr>
                <th className="px-3 py-2">{t("network")}</th>
                <th className="px-3 py-2">{t("kind")}</th>
                <th className="px-3 py-2">CIDR</th>
                <th className="px-3 py-2">{t("gateway")}</th>
                <th className="px-3 py-2">{t("pool")}</th>
              </tr>
            </thead>
            <tbody>
              {nets.map((n) => (
                <tr key={n.id} className="border-t border-slate-100">
                  <td className="px-3 py-2 font-medium">{n.name}</td>
                  <td className="px-3 py-2">{t(`netKinds.${n.kind}`)}{n.vlanId ? ` · VLAN ${n.vlanId}` : ""}</td>
                  <td className="px-3 py-2 font-mono text-xs">{n.cidr}</td>
                  <td className="px-3 py-2 font-mono text-xs">{n.gateway}</td>
                  <td className="px-3 py-2 font-mono text-xs">{`${n.poolStart} - ${n.poolEnd}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      </div>
    </>
  );
}
