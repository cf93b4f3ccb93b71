import { getTranslations } from "next-intl/server";
import { listMyOrders } from "@/lib/server/queries/orders";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { OrderTable } from "@/components/orders/order-table";
import { pageActor } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("orders"))("mine") };
}

export default async function MyOrdersPage() {
  const actor = await pageActor("sc", "ecs:create");
  const [rows, t, tn] = await Promise.all([listMyOrders(actor), getTranslations("orders"), getTranslations("nav")]);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: t("mine") }]} />
      <PageHeader title={t("mine")} description={t("mineDescription")} />
      <div className="rounded-sm border border-slate-200 bg-white">
        <OrderTable rows={rows} />
      </div>
    </>
  );
}
