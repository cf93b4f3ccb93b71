import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { listInbox } from "@/lib/server/queries/orders";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { OrderTable } from "@/components/orders/order-table";
import { cn } from "@/lib/client/cn";
import { pageActor, searchParamsOf } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("orders"))("inbox") };
}

const params = z.object({ tab: z.enum(["pending", "handled"]).default("pending"), vdc: z.string().max(64).optional(), product: z.string().max(64).optional() });

export default async function ApprovalsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await pageActor("sc", "order:approve");
  const p = searchParamsOf(params, await searchParams);
  const [all, t, tn] = await Promise.all([listInbox(actor, p.tab), getTranslations("orders"), getTranslations("nav")]);
  const rows = all.filter((o) => (!p.vdc || o.vdcId === p.vdc) && (!p.product || o.productId === p.product));
  const vdcs = [...new Map(all.map((o) => [o.vdcId, o.vdc])).entries()];
  const products = [...new Map(all.map((o) => [o.productId, o.product])).entries()];
  const select = "h-8 rounded-sm border border-slate-300 bg-white px-2 text-[13px]";
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: t("inbox") }]} />
      <PageHeader title={t("inbox")} description={t("inboxDescription")} />
      <div className="mb-3 flex items-center gap-4 text-[13px]">
        {(["pending", "handled"] as const).map((tab) => (
          <Link key={tab} href={`/sc/approvals?tab=${tab}`} aria-current={p.tab === tab ? "page" : undefined} className={cn("border-b-2 pb-1", p.tab === tab ? "border-brand-500 font-medium text-brand-700" : "border-transparent text-slate-600")}>
            {t(`tabs.${tab}`)}
          </Link>
        ))}
      </div>
      <form method="get" className="mb-3 flex items-end gap-2">
        <input type="hidden" name="tab" value={p.tab} />
        <select name="vdc" defaultValue={p.vdc ?? ""} className={select} aria-label={t("filterVdc")}>
          <option value="">{t("allVdcs")}</option>
          {vdcs.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
        <select name="product" defaultValue={p.product ?? ""} className={select} aria-label={t("filterProduct")}>
          <option value="">{t("allProducts")}</option>
          {products.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
        <button type="submit" className="h-8 rounded-sm border border-slate-300 bg-white px-3 text-[13px] hover:border-brand-500">
          {t("filter")}
        </button>
      </form>
      <div className="rounded-sm border border-slate-200 bg-white">
        <OrderTable rows={rows} selectable={p.tab === "pending"} showApplicant />
      </div>
    </>
  );
}
