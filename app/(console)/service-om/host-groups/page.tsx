import { getTranslations } from "next-intl/server";
import { hostsByAz, listAzs, listHostGroups } from "@/lib/server/queries/catalog";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { SimpleTable } from "@/components/ui/simple-table";
import { SpecTags } from "@/components/ui/spec-tags";
import { DeleteHostGroupButton, HostGroupDialog } from "@/components/compute/host-group-dialog";
import { pageActor } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("som.hostGroups") };
}

export default async function HostGroupsPage() {
  const actor = await pageActor("service-om", "host:view");
  const [groups, azs, byAz, t, tn] = await Promise.all([listHostGroups(actor), listAzs(), hostsByAz(actor), getTranslations("hostGroups"), getTranslations("nav")]);
  const canManage = actor.permissions.has("host:manage");
  return (
    <>
      <Breadcrumbs items={[{ label: tn("som.title"), href: "/service-om" }, { label: tn("som.hostGroups") }]} />
      <PageHeader title={tn("som.hostGroups")} description={t("description")} actions={canManage ? <HostGroupDialog azs={azs} hostsByAz={byAz} /> : null} />
      <div className="rounded-sm border border-slate-200 bg-white">
        <SimpleTable
          rows={groups}
          rowKey={(g) => g.id}
          rowTestId={(g) => `host-group-${g.name}`}
          columns={[
            { header: t("name"), cell: (g) => g.name, className: "font-medium" },
            { header: t("az"), cell: (g) => g.az },
            { header: t("metadata"), cell: (g) => <SpecTags specs={g.metadata} /> },
            { header: t("hostsCol"), cell: (g) => <span title={g.hosts.join(", ")}>{t("hostCount", { count: g.hosts.length })}</span> },
            ...(canManage
              ? [{ header: t("actions"), cell: (g: (typeof groups)[number]) => <span className="flex"><HostGroupDialog group={g} azs={azs} hostsByAz={byAz} /><DeleteHostGroupButton id={g.id} name={g.name} /></span> }]
              : []),
          ]}
        />
      </div>
    </>
  );
}
