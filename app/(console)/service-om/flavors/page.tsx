import { getTranslations } from "next-intl/server";
import { flavorListParams } from "@/lib/schemas/compute";
import { pageFlavors } from "@/lib/server/queries/catalog";
import { flattenVdcTree, vdcTree, type VdcNodeDto } from "@/lib/server/queries/organizations";
import { FlavorDialog } from "@/components/compute/flavor-dialog";
import { FlavorTable } from "@/components/compute/flavor-table";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { pageActor, searchParamsOf } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("som.flavors") };
}

const CATEGORIES = ["general", "compute", "memory", "hugepage"] as const;

export default async function FlavorsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await pageActor("service-om", "flavor:view");
  const p = searchParamsOf(flavorListParams, await searchParams);
  const canManage = actor.permissions.has("flavor:manage");
  const [page, tree, t, tn] = await Promise.all([pageFlavors(actor, p), canManage && actor.permissions.has("vdc:view") ? vdcTree(actor) : Promise.resolve([] as VdcNodeDto[]), getTranslations("flavors"), getTranslations("nav")]);
  const vdcs = flattenVdcTree(tree);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("som.title"), href: "/service-om" }, { label: tn("som.flavors") }]} />
      <PageHeader title={tn("som.flavors")} description={t("description")} />
      <ListToolbar
        placeholder={t("search")}
        filters={[
          { key: "category", label: t("category"), options: CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) })) },
          { key: "visibility", label: t("visibility"), options: [{ value: "public", label: t("public") }, { value: "private", label: t("private") }] },
        ]}
      >
        {canManage ? <FlavorDialog vdcs={vdcs} /> : null}
      </ListToolbar>
      <FlavorTable rows={page.rows} page={page} vdcs={canManage ? vdcs : null} filtered={Boolean(p.q || p.category || p.visibility)} />
    </>
  );
}
