import { getTranslations } from "next-intl/server";
import { listParams } from "@/lib/schemas/instances";
import { listInstances } from "@/lib/server/queries/instances";
import { listAzs } from "@/lib/server/queries/catalog";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { InstanceListToolbar } from "@/components/ecs/instance-list-toolbar";
import { InstanceTable } from "@/components/ecs/instance-table";
import { pageActor, searchParamsOf } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("som.instances") };
}

export default async function AllInstancesPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await pageActor("service-om", "ecs:view_all");
  const params = searchParamsOf(listParams, await searchParams);
  const [page, azs, t, tn] = await Promise.all([listInstances(actor, params, { allTenants: true }), listAzs(), getTranslations("ecs"), getTranslations("nav")]);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("som.title"), href: "/service-om" }, { label: tn("som.instances") }]} />
      <PageHeader title={tn("som.instances")} description={t("allTenantsDescription")} />
      <InstanceListToolbar azs={azs} />
      <InstanceTable initial={page.rows} page={page} operator hrefBase="/service-om/instances" />
    </>
  );
}
