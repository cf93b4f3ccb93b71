import { getTranslations } from "next-intl/server";
import { SERVER_GROUP_POLICIES } from "@/lib/cloud/compute/scheduler";
import { serverGroupListParams } from "@/lib/schemas/instances";
import { pageServerGroups } from "@/lib/server/queries/server-groups";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { CreateServerGroupDialog, ServerGroupTable } from "@/components/ecs/server-groups";
import { pageActor, searchParamsOf } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("ecs.serverGroups"))("title") };
}

export default async function ServerGroupsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await pageActor("sc", "ecs:view");
  const p = searchParamsOf(serverGroupListParams, await searchParams);
  const [page, t, tn] = await Promise.all([pageServerGroups(actor, p), getTranslations("ecs.serverGroups"), getTranslations("nav")]);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: t("title") }]} />
      <PageHeader title={t("title")} description={t("description")} />
      <ListToolbar placeholder={t("search")} filters={[{ key: "policy", label: t("policyLabel"), options: SERVER_GROUP_POLICIES.map((x) => ({ value: x, label: t(`policy.${x}`) })) }]}>
        {actor.permissions.has("ecs:create") ? <CreateServerGroupDialog /> : null}
      </ListToolbar>
      <ServerGroupTable groups={page.rows} page={page} canDelete={actor.permissions.has("ecs:delete")} filtered={Boolean(p.q || p.policy)} />
    </>
  );
}
