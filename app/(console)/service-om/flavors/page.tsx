import { getTranslations } from "next-intl/server";
import { listFlavors } from "@/lib/server/queries/catalog";
import { flattenVdcTree, vdcTree, type VdcNodeDto } from "@/lib/server/queries/organizations";
import { DeleteFlavorButton, FlavorDialog } from "@/components/compute/flavor-dialog";
import { gib } from "@/lib/client/format";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { SimpleTable } from "@/components/ui/simple-table";
import { SpecTags } from "@/components/ui/spec-tags";
import { pageActor } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("som.flavors") };
}

export default async function FlavorsPage() {
  const actor = await pageActor("service-om", "flavor:view");
  const canManage = actor.permissions.has("flavor:manage");
  const [flavors, tree, t, tn] = await Promise.all([listFlavors(actor), canManage && actor.permissions.has("vdc:view") ? vdcTree(actor) : Promise.resolve([] as VdcNodeDto[]), getTranslations("flavors"), getTranslations("nav")]);
  const vdcs = flattenVdcTree(tree);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("som.title"), href: "/service-om" }, { label: tn("som.flavors") }]} />
      <PageHeader title={tn("som.flavors")} description={t("description")} actions={canManage ? <FlavorDialog vdcs={vdcs} /> : null} />
      <div className="overflow-x-auto rounded-sm border border-slate-200 bg-white">
        <SimpleTable
          rows={flavors}
          rowKey={(f) => f.id}
          columns={[
            { header: t("name"), cell: (f) => f.name, className: "font-medium" },
            { header: t("category"), cell: (f) => t(`categories.${f.category}`) },
            { header: "vCPU", cell: (f) => f.vcpus, className: "tabular-nums" },
            { header: t("ram"), cell: (f) => gib(f.ramMb), className: "tabular-nums" },
            { header: t("disk"), cell: (f) => `${f.diskGb} GB`, className: "tabular-nums" },
            { header: t("ephemeralSwap"), cell: (f) => (f.ephemeralGb || f.swapMb ? `${f.ephemeralGb} GB / ${f.swapMb} MB` : "-"), className: "tabular-nums" },
            { header: t("visibility"), cell: (f) => t(f.isPublic ? "public" : "private") },
            { header: t("extraSpecs"), cell: (f) => <SpecTags specs={f.extraSpecs} /> },
            { header: t("inUse"), cell: (f) => f.instances, className: "tabular-nums" },
            ...(canManage
              ? [{ header: t("actions"), cell: (f: (typeof flavors)[number]) => <span className="flex"><FlavorDialog flavor={f} vdcs={vdcs} /><DeleteFlavorButton id={f.id} name={f.name} instances={f.instances} /></span> }]
              : []),
          ]}
          rowTestId={(f) => `flavor-${f.name}`}
        />
      </div>
    </>
  );
}
