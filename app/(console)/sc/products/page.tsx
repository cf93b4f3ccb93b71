import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { listProducts } from "@/lib/server/queries/catalog-admin";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { SimpleTable } from "@/components/ui/simple-table";
import { Dot } from "@/components/ui/status-badge";
import { ProductDialog } from "@/components/catalog-admin/product-dialog";
import { PublishToggle } from "@/components/catalog-admin/product-actions";
import { ProductIcon } from "@/components/catalog-admin/product-icon";
import { pageActor } from "../../page-guard";
import { productChoices } from "./choices";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("sc.products") };
}

/** The operation admin's products: what the catalog offers, where, to whom, through which approval. */
export default async function ProductsPage() {
  const actor = await pageActor("sc", "catalog:manage");
  const [products, choices, t, tn] = await Promise.all([listProducts(actor), productChoices(actor), getTranslations("products"), getTranslations("nav")]);
  const vdcName = (id: string) => choices.vdcs.find((v) => v.id === id)?.name ?? id;
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: tn("sc.products") }]} />
      <PageHeader title={tn("sc.products")} description={t("description")} actions={<ProductDialog choices={choices} />} />
      <div className="overflow-x-auto rounded-sm border border-slate-200 bg-white">
        <SimpleTable
          rows={products}
          rowKey={(p) => p.id}
          rowTestId={(p) => `product-row-${p.id}`}
          columns={[
            {
              header: t("name"),
              cell: (p) => (
                <Link href={`/sc/products/${p.id}`} className="flex items-center gap-2 font-medium text-brand-600 hover:underline">
                  <ProductIcon icon={p.icon} className="h-4 w-4 text-slate-500" />
                  {p.name}
                </Link>
              ),
            },
            { header: t("category"), cell: (p) => `${t(`categories.${p.category}`)} · ${t(`serviceTypes.${p.serviceType}`)}` },
            { header: t("where"), cell: (p) => (p.azId ? t("azLocked", { az: p.azId }) : p.offeredAzIds.length ? p.offeredAzIds.join(", ") : p.regionId ? t("regionLocked", { region: p.regionId }) : t("anywhere")) },
            { header: t("approval"), cell: (p) => (p.needsApproval ? (p.process ?? "-") : t("noApproval")) + (p.overrides.length ? ` ${t("overrideCount", { n: p.overrides.length })}` : "") },
            { header: t("visibleTo"), cell: (p) => (p.visibleVdcIds.length ? p.visibleVdcIds.map(vdcName).join(", ") : t("allVdcs")) },
            { header: t("ordersCol"), cell: (p) => p.orders, className: "tabular-nums" },
            { header: t("status"), cell: (p) => <Dot tone={p.published ? "green" : "grey"}>{t(p.published ? "published" : "unpublished")}</Dot> },
            {
              header: t("actions"),
              cell: (p) => (
                <span className="flex">
                  <ProductDialog product={p} choices={choices} />
                  <PublishToggle id={p.id} name={p.name} published={p.published} />
                </span>
              ),
            },
          ]}
        />
      </div>
    </>
  );
}
