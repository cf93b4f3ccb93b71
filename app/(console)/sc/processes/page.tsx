import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { listProcesses } from "@/lib/server/queries/catalog-admin";
import { flattenVdcTree, vdcTree } from "@/lib/server/queries/organizations";
import { isGlobalAdmin } from "@/lib/server/auth/org-scope";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { SimpleTable } from "@/components/ui/simple-table";
import { Dot } from "@/components/ui/status-badge";
import { CreateProcessDialog } from "@/components/catalog-admin/process-dialogs";
import { vdcLabel } from "@/lib/client/format";
import { pageActor } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("sc.processes") };
}

/** Approval processes: the operation admin's global ones and every VDC's; a VDC admin's subtree and the global ones. */
export default async function ProcessesPage() {
  const actor = await pageActor("sc", "process:manage");
  const [processes, tree, t, tn] = await Promise.all([listProcesses(actor), vdcTree(actor), getTranslations("processes"), getTranslations("nav")]);
  const global = isGlobalAdmin(actor);
  // A VDC admin sees their own VDC in the tree; they own processes for it and its subtree.
  const owners = flattenVdcTree(tree).map((v) => ({ id: v.id, name: vdcLabel(v) }));
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: tn("sc.processes") }]} />
      <PageHeader title={tn("sc.processes")} description={t("description")} actions={<CreateProcessDialog owners={owners} global={global} />} />
      <div className="overflow-x-auto rounded-sm border border-slate-200 bg-white">
        <SimpleTable
          rows={processes}
          rowKey={(p) => p.id}
          rowTestId={(p) => `process-row-${p.name}`}
          empty={t("empty")}
          columns={[
            {
              header: t("name"),
              cell: (p) => (
                <Link href={`/sc/processes/${p.id}`} className="font-medium text-brand-600 hover:underline">
                  {p.name}
                </Link>
              ),
            },
            { header: t("owner"), cell: (p) => p.owner?.name ?? t("global") },
            { header: t("levels"), cell: (p) => p.latest.levels.map((l) => l.name).join(" → ") },
            {
              header: t("version"),
              cell: (p) => (
                <span className="flex flex-col">
                  <span>{p.publishedVersion ? t("publishedVersion", { v: p.publishedVersion }) : t("neverPublished")}</span>
                  {p.draft ? <Dot tone="amber">{t("draftVersion", { v: p.latest.version })}</Dot> : null}
                </span>
              ),
            },
            { header: t("boundBy"), cell: (p) => (p.boundBy.length ? p.boundBy.join(", ") : "-") },
          ]}
        />
      </div>
    </>
  );
}
