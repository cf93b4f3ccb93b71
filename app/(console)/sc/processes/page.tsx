import { getTranslations } from "next-intl/server";
import { processListParams } from "@/lib/schemas/catalog-admin";
import { pageProcesses } from "@/lib/server/queries/catalog-admin";
import { flattenVdcTree, vdcTree } from "@/lib/server/queries/organizations";
import { isGlobalAdmin } from "@/lib/server/auth/org-scope";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { CreateProcessDialog } from "@/components/catalog-admin/process-dialogs";
import { ProcessTable } from "@/components/catalog-admin/process-table";
import { vdcLabel } from "@/lib/client/format";
import { pageActor, searchParamsOf } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("sc.processes") };
}

/** Approval processes: the operation admin's global ones and every VDC's; a VDC admin's subtree and the global ones; the auditor reads all. */
export default async function ProcessesPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await pageActor("sc", "process:view");
  const p = searchParamsOf(processListParams, await searchParams);
  const manage = actor.permissions.has("process:manage");
  const [page, tree, t, tn] = await Promise.all([pageProcesses(actor, p), vdcTree(actor), getTranslations("processes"), getTranslations("nav")]);
  // A VDC admin sees their own VDC in the tree; they own processes for it and its subtree.
  const owners = flattenVdcTree(tree).map((v) => ({ id: v.id, name: vdcLabel(v) }));
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: tn("sc.processes") }]} />
      <PageHeader title={tn("sc.processes")} description={manage ? t("description") : t("descriptionReadOnly")} />
      <ListToolbar
        placeholder={t("search")}
        filters={[
          { key: "owner", label: t("owner"), options: [{ value: "global", label: t("global") }, ...owners.map((o) => ({ value: o.id, label: o.name }))] },
          { key: "state", label: t("version"), options: [{ value: "published", label: t("statePublished") }, { value: "draft", label: t("neverPublished") }] },
        ]}
      >
        {manage ? <CreateProcessDialog owners={owners} global={isGlobalAdmin(actor)} /> : null}
      </ListToolbar>
      <ProcessTable rows={page.rows} page={page} filtered={Boolean(p.q || p.owner || p.state)} />
    </>
  );
}
