import { getTranslations } from "next-intl/server";
import { networkListParams } from "@/lib/schemas/network";
import { eipBindTargets, listEips } from "@/lib/server/queries/network";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { AllocateEipDialog, EipTable } from "@/components/network/eips";
import { pageActor, searchParamsOf } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("network"))("eipsTitle") };
}

/** The caller's EIPs: allocate, bind to an ECS interface (where the public network is reachable), unbind, bandwidth, release. */
export default async function EipsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await pageActor("sc", "vpc:view");
  const p = searchParamsOf(networkListParams, await searchParams);
  const [page, t, tn] = await Promise.all([listEips(actor, p), getTranslations("network"), getTranslations("nav")]);
  const canManage = actor.permissions.has("vpc:manage");
  const targets = canManage ? await eipBindTargets(actor, [...new Set(page.rows.map((r) => r.projectId))]) : {};
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: t("eipsTitle") }]} />
      <PageHeader title={t("eipsTitle")} description={t("eipsDescription")} />
      <ListToolbar placeholder={t("searchEips")}>{canManage ? <AllocateEipDialog /> : null}</ListToolbar>
      <EipTable rows={page.rows} page={page} filtered={Boolean(p.q)} targets={targets} showProject={actor.scope.all || actor.scope.projectIds.length > 1} canManage={canManage} />
    </>
  );
}
