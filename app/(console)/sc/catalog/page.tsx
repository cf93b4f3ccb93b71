import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { seedText } from "@/lib/cloud/seed/names-zh";
import { listCatalog } from "@/lib/server/queries/orders";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClass } from "@/components/ui/button";
import { ProductIcon } from "@/components/catalog-admin/product-icon";
import { pageActor } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("catalog"))("title") };
}

export default async function CatalogPage() {
  const actor = await pageActor("sc", "ecs:create");
  const [products, t, tn, locale] = await Promise.all([listCatalog(actor), getTranslations("catalog"), getTranslations("nav"), getLocale()]);
  const seed = (s: string) => seedText(s, locale);
  const categories = [...new Set(products.map((p) => p.category))];
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: t("title") }]} />
      <PageHeader title={t("title")} description={t("description")} />
      {products.length === 0 ? <EmptyState title={t("empty")} /> : null}
      {categories.map((c) => (
        <section key={c} className="mb-6">
          <h2 className="mb-2 text-sm font-semibold text-slate-700">{t.has(`categories.${c}`) ? t(`categories.${c}`) : c}</h2>
          <div className="grid grid-cols-1 gap-3 md:grid-cols-2 xl:grid-cols-3">
            {products
              .filter((p) => p.category === c)
              .map((p) => (
                <div key={p.id} className="flex flex-col rounded-sm border border-slate-200 bg-white p-4" data-testid={`product-${p.id}`}>
                  <div className="mb-2 flex items-center gap-2">
                    <ProductIcon icon={p.icon} />
                    <h3 className="font-semibold">{seed(p.name)}</h3>
                  </div>
                  <p className="flex-1 text-[13px] text-slate-600">{seed(p.description)}</p>
                  <ul className="mt-2 space-y-0.5 text-xs text-slate-500">
                    <li>{p.azId ? t("lockedAz", { az: p.azId }) : p.azIds.length ? t("offeredAzs", { azs: p.azIds.join(", ") }) : p.regionId ? t("lockedRegion", { region: p.regionId }) : t("anyAz")}</li>
                    <li>{p.needsApproval ? t("approval", { process: seed(p.process ?? "-") }) : t("noApproval")}</li>
                  </ul>
                  <Link href={`/sc/catalog/${p.id}`} className={`${buttonClass({ variant: "primary", size: "sm" })} mt-3 self-start`} aria-label={t("applyFor", { name: p.name })}>
                    {t("apply")}
                  </Link>
                </div>
              ))}
          </div>
        </section>
      ))}
    </>
  );
}
