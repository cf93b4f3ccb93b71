import { getTranslations } from "next-intl/server";
import { listServerGroups } from "@/lib/server/queries/server-groups";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { CreateServerGroupDialog, ServerGroupTable } from "@/components/ecs/server-groups";
import { pageActor } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("ecs.serverGroups"))("title") };
}

export default async function ServerGroupsPage() {
  const actor = await pageActor("sc", "ecs:view");
  const [groups, t, tn] = await Promise.all([listServerGroups(actor), getTranslations("ecs.serverGroups"), getTranslations("nav")]);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: t("title") }]} />
      <PageHeader title={t("title")} description={t("description")} actions={actor.permissions.has("ecs:create") ? <CreateServerGroupDialog /> : null} />
      <div className="rounded-sm border border-slate-200 bg-white">
        <ServerGroupTable groups={groups} canDelete={actor.permissions.has("ecs:delete")} />
      </div>
    </>
  );
}
