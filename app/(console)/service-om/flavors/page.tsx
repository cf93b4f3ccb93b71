import { getTranslations } from "next-intl/server";
import { listFlavors } from "@/lib/server/queries/catalog";
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
  const actor = await pageActor("flavor:view");
  const [flavors, t, tn] = await Promise.all([listFlavors(actor), getTranslations("flavors"), getTranslations("nav")]);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("som.title"), href: "/service-om" }, { label: tn("som.flavors") }]} />
      <PageHeader title={tn("som.flavors")} description={t("description")} />
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
            { header: t("visibility"), cell: (f) => t(f.isPublic ? "public" : "private") },
            { header: t("extraSpecs"), cell: (f) => <SpecTags specs={f.extraSpecs} /> },
          ]}
        />
      </div>
    </>
  );
}
