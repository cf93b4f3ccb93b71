import { getTranslations } from "next-intl/server";
import { computeCapacity } from "@/lib/server/queries/hosts";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { ComputeCapacity } from "@/components/hosts/compute-capacity";
import { pageActor } from "../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("som.overview") };
}

export default async function ServiceOmOverview() {
  const actor = await pageActor("service-om", "capacity:view");
  const [cap, t, tn] = await Promise.all([computeCapacity(actor), getTranslations("capacity"), getTranslations("nav")]);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("som.title") }, { label: tn("som.overview") }]} />
      <PageHeader title={t("computeTitle")} description={t("ratios", { cpu: cap.ratios.cpu, ram: cap.ratios.ram, disk: cap.ratios.disk, reserved: cap.ratios.reservedMemoryMb })} />
      <div className="space-y-4">
        <ComputeCapacity azs={cap.azs} />
      </div>
    </>
  );
}
