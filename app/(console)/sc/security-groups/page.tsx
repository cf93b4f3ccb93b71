import { getTranslations } from "next-intl/server";
import { networkListParams } from "@/lib/schemas/network";
import { listSecurityGroups } from "@/lib/server/queries/network";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { CreateSecurityGroupDialog, SecurityGroupTable } from "@/components/network/security-groups";
import { pageActor, searchParamsOf } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("network"))("groupsTitle") };
}

export default async function SecurityGroupsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await pageActor("sc", "vpc:view");
  const p = searchParamsOf(networkListParams, await searchParams);
  const [page, t, tn] = await Promise.all([listSecurityGroups(actor, p), getTranslations("network"), getTranslations("nav")]);
  const canManage = actor.permissions.has("vpc:manage");
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: t("groupsTitle") }]} />
      <PageHeader title={t("groupsTitle")} description={t("groupsDescription")} />
      <ListToolbar placeholder={t("searchGroups")}>{canManage ? <CreateSecurityGroupDialog /> : null}</ListToolbar>
      <SecurityGroupTable rows={page.rows} page={page} filtered={Boolean(p.q)} showProject={actor.scope.all || actor.scope.projectIds.length > 1} canManage={canManage} />
    </>
  );
}
