import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ORDER_KINDS, ORDER_STATUSES, orderListParams } from "@/lib/schemas/orders";
import { listOrders, orderProductNames, readsAllOrders } from "@/lib/server/queries/orders";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { buttonClass } from "@/components/ui/button";
import { OrderTable } from "@/components/orders/order-table";
import { EmptyState } from "@/components/ui/empty-state";
import { pageActor, searchParamsOf } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("orders"))("mine") };
}

export default async function OrdersPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await pageActor("sc", ["ecs:create", "order:view_all"]);
  const p = searchParamsOf(orderListParams, await searchParams);
  const all = readsAllOrders(actor, p.scope);
  const [page, products, t, tn] = await Promise.all([listOrders(actor, p), orderProductNames(actor, all), getTranslations("orders"), getTranslations("nav")]);
  const filtered = Boolean(p.q || p.status || p.kind || p.product);
  const title = all ? t("all") : t("mine");
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: title }]} />
      <PageHeader title={title} description={all ? t("allDescription") : t("mineDescription")} />
      <ListToolbar
        placeholder={t("search")}
        exportHref={all ? "/api/v1/export/orders" : undefined}
        filters={[
          { key: "status", label: t("statusLabel"), options: ORDER_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })) },
          { key: "kind", label: t("kindLabel"), options: ORDER_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) })) },
          { key: "product", label: t("product"), options: products.map((x) => ({ value: x.id, label: x.name })) },
        ]}
      />
      <OrderTable
        rows={page.rows}
        page={page}
        showApplicant={all}
        empty={
          filtered ? (
            <EmptyState title={t("emptyFiltered")} hint={t("emptyFilteredHint")} />
          ) : all ? (
            <EmptyState title={t("emptyAll")} />
          ) : (
            <EmptyState
              title={t("emptyMine")}
              hint={t("emptyMineHint")}
              action={
                <Link href="/sc/catalog" className={buttonClass({ variant: "primary" })}>
                  {t("toCatalog")}
                </Link>
              }
            />
          )
        }
      />
    </>
  );
}
