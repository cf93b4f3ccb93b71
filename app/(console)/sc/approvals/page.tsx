import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { inboxListParams } from "@/lib/schemas/orders";
import { listInbox } from "@/lib/server/queries/orders";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { OrderTable } from "@/components/orders/order-table";
import { EmptyState } from "@/components/ui/empty-state";
import { cn } from "@/lib/client/cn";
import { pageActor, searchParamsOf } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("orders"))("inbox") };
}

export default async function ApprovalsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await pageActor("sc", ["order:approve", "order:view_all"]);
  const p = searchParamsOf(inboxListParams, await searchParams);
  const decides = actor.permissions.has("order:approve");
  const [page, t, tn] = await Promise.all([listInbox(actor, p), getTranslations("orders"), getTranslations("nav")]);
  const filtered = Boolean(p.q || p.vdc || p.product);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: t("inbox") }]} />
      <PageHeader title={t("inbox")} description={decides ? t("inboxDescription") : t("inboxReadOnly")} />
      <div className="mb-3 flex items-center gap-4 text-[13px]">
        {(["pending", "handled"] as const).map((tab) => (
          <Link key={tab} href={`/sc/approvals?tab=${tab}`} aria-current={p.tab === tab ? "page" : undefined} className={cn("border-b-2 pb-1", p.tab === tab ? "border-brand-500 font-medium text-brand-700" : "border-transparent text-slate-600")}>
            {t(`tabs.${tab}`)}
          </Link>
        ))}
      </div>
      <ListToolbar
        placeholder={t("searchInbox")}
        filters={[
          { key: "vdc", label: t("filterVdc"), options: page.vdcs.map(([value, label]) => ({ value, label })) },
          { key: "product", label: t("filterProduct"), options: page.products.map(([value, label]) => ({ value, label })) },
        ]}
      />
      <OrderTable
        rows={page.rows}
        page={page}
        selectable={decides && p.tab === "pending"}
        showApplicant
        sortable={["orderNo", "product", "applicant", "status", "createdAt"]}
        from="approvals"
        empty={<EmptyState title={filtered ? t("emptyFiltered") : p.tab === "pending" ? (decides ? t("emptyPending") : t("emptyPendingAll")) : decides ? t("emptyHandled") : t("emptyHandledAll")} hint={filtered ? t("emptyFilteredHint") : undefined} />}
      />
    </>
  );
}
