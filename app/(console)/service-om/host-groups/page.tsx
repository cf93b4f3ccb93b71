import { getTranslations } from "next-intl/server";
import { hostGroupListParams } from "@/lib/schemas/compute";
import { hostsByAz, listAzs, pageHostGroups } from "@/lib/server/queries/catalog";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { HostGroupDialog } from "@/components/compute/host-group-dialog";
import { HostGroupTable } from "@/components/compute/host-group-table";
import { pageActor, searchParamsOf } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("som.hostGroups") };
}

export default async function HostGroupsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await pageActor("service-om", "host:view");
  const p = searchParamsOf(hostGroupListParams, await searchParams);
  const canManage = actor.permissions.has("host:manage");
  const [page, azs, byAz, t, tn] = await Promise.all([pageHostGroups(actor, p), listAzs(), canManage ? hostsByAz(actor) : Promise.resolve({}), getTranslations("hostGroups"), getTranslations("nav")]);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("som.title"), href: "/service-om" }, { label: tn("som.hostGroups") }]} />
      <PageHeader title={tn("som.hostGroups")} description={t("description")} />
      <ListToolbar placeholder={t("search")} filters={[{ key: "az", label: t("az"), options: azs.map((a) => ({ value: a.id, label: a.name })) }]}>
        {canManage ? <HostGroupDialog azs={azs} hostsByAz={byAz} /> : null}
      </ListToolbar>
      <HostGroupTable rows={page.rows} page={page} manage={canManage ? { azs, hostsByAz: byAz } : null} filtered={Boolean(p.q || p.az)} />
    </>
  );
}
