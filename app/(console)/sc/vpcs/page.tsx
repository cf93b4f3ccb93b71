import { getTranslations } from "next-intl/server";
import { networkListParams } from "@/lib/schemas/network";
import { listVpcs } from "@/lib/server/queries/network";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { CreateVpcDialog, VpcTable } from "@/components/network/vpcs";
import { pageActor, searchParamsOf } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("network"))("vpcsTitle") };
}

/** The caller's VPCs (every tenant's for a network administrator), with create and delete. */
export default async function VpcsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await pageActor("sc", "vpc:view");
  const p = searchParamsOf(networkListParams, await searchParams);
  const [page, t, tn] = await Promise.all([listVpcs(actor, p), getTranslations("network"), getTranslations("nav")]);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: t("vpcsTitle") }]} />
      <PageHeader title={t("vpcsTitle")} description={t("vpcsDescription")} />
      <ListToolbar placeholder={t("searchVpcs")}>{actor.permissions.has("vpc:manage") ? <CreateVpcDialog /> : null}</ListToolbar>
      <VpcTable rows={page.rows} page={page} filtered={Boolean(p.q)} showProject={actor.scope.all || actor.scope.projectIds.length > 1} />
    </>
  );
}
