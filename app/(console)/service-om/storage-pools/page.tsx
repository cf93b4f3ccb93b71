import { getTranslations } from "next-intl/server";
import { listPools } from "@/lib/server/queries/storage";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { Card, Stat } from "@/components/ui/card";
import { PoolTable } from "@/components/storage/pools";
import { pageActor } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("pools"))("title") };
}

export default async function StoragePoolsPage() {
  const actor = await pageActor("service-om", "storage:view");
  const [pools, t, tn] = await Promise.all([listPools(actor), getTranslations("pools"), getTranslations("nav")]);
  const sum = (f: (p: (typeof pools)[number]) => number) => Math.round(pools.reduce((a, p) => a + f(p), 0));
  return (
    <>
      <Breadcrumbs items={[{ label: tn("som.title"), href: "/service-om" }, { label: t("title") }]} />
      <PageHeader title={t("title")} description={t("description")} />
      <div className="mb-4 grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label={t("stats.pools")} value={pools.length} hint={t("stats.down", { count: pools.filter((p) => !p.up || !p.enabled).length })} />
        <Stat label={t("stats.physical")} value={`${sum((p) => p.totalGb).toLocaleString("en-US")} GB`} />
        <Stat label={t("stats.written")} value={`${sum((p) => p.writtenGb).toLocaleString("en-US")} GB`} />
        <Stat label={t("stats.allocated")} value={`${sum((p) => p.allocatedGb).toLocaleString("en-US")} GB`} />
      </div>
      <Card>
        <PoolTable rows={pools} />
      </Card>
    </>
  );
}
