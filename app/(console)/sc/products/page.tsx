import { getTranslations } from "next-intl/server";
import { productListParams } from "@/lib/schemas/catalog-admin";
import { pageProducts } from "@/lib/server/queries/catalog-admin";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { ProductDialog } from "@/components/catalog-admin/product-dialog";
import { ProductTable } from "@/components/catalog-admin/product-table";
import { pageActor, searchParamsOf } from "../../page-guard";
import { productChoices } from "./choices";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("sc.products") };
}

const CATEGORIES = ["compute", "storage", "network"] as const;

/** The operation admin's products: what the catalog offers, where, to whom, through which approval. The auditor reads them. */
export default async function ProductsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await pageActor("sc", "catalog:view");
  const p = searchParamsOf(productListParams, await searchParams);
  const manage = actor.permissions.has("catalog:manage");
  const [page, choices, t, tn] = await Promise.all([pageProducts(actor, p), productChoices(actor), getTranslations("products"), getTranslations("nav")]);
  const vdcNames = Object.fromEntries(choices.vdcs.map((v) => [v.id, v.name]));
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: tn("sc.products") }]} />
      <PageHeader title={tn("sc.products")} description={manage ? t("description") : t("descriptionReadOnly")} />
      <ListToolbar
        placeholder={t("search")}
        filters={[
          { key: "category", label: t("category"), options: CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) })) },
          { key: "published", label: t("status"), options: [{ value: "yes", label: t("published") }, { value: "no", label: t("unpublished") }] },
          { key: "approval", label: t("approval"), options: [{ value: "yes", label: t("needsApproval") }, { value: "no", label: t("noApproval") }] },
        ]}
      >
        {manage ? <ProductDialog choices={choices} /> : null}
      </ListToolbar>
      <ProductTable rows={page.rows} page={page} vdcNames={vdcNames} choices={manage ? choices : null} filtered={Boolean(p.q || p.category || p.published || p.approval)} />
    </>
  );
}
