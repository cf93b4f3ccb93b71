import { getTranslations } from "next-intl/server";
import { computeCapacity } from "@/lib/server/queries/hosts";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { AzCapacityTable, chartData } from "@/components/hosts/az-capacity-table";
import { CapacityChart } from "@/components/hosts/capacity-chart";
import { pageActor } from "../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("som.overview") };
}

export default async function ServiceOmOverview() {
  const actor = await pageActor("capacity:view");
  const [cap, t, tn] = await Promise.all([computeCapacity(actor), getTranslations("capacity"), getTranslations("nav")]);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("som.title") }, { label: tn("som.overview") }]} />
      <PageHeader title={t("computeTitle")} description={t("ratios", { cpu: cap.ratios.cpu, ram: cap.ratios.ram, disk: cap.ratios.disk, reserved: cap.ratios.reservedMemoryMb })} />
      <div className="space-y-4">
        <Card title={t("perAz")}>
          <AzCapacityTable azs={cap.azs} />
        </Card>
        <Card title={t("chartTitle")}>
          <CapacityChart data={chartData(cap.azs)} />
        </Card>
      </div>
    </>
  );
}
