import { getTranslations } from "next-intl/server";
import { Download } from "lucide-react";
import { auditFilters } from "@/lib/schemas/organizations";
import { listAudit } from "@/lib/server/queries/organizations";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClass } from "@/components/ui/button";
import { AuditTable } from "@/components/audit/audit-table";
import { pageActor, searchParamsOf } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("audit"))("title") };
}

const ACTIONS = ["ecs.", "vdc.", "quota.", "resource_set.", "user."];

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await pageActor("sc", "audit:view");
  const sp = await searchParams;
  const filters = searchParamsOf(auditFilters, { ...sp, actor: sp.q || undefined });
  const [page, t, tn] = await Promise.all([listAudit(actor, filters), getTranslations("audit"), getTranslations("nav")]);
  const query = new URLSearchParams(Object.entries({ action: filters.action, actor: filters.actor, result: filters.result }).filter((e): e is [string, string] => Boolean(e[1])));
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: t("title") }]} />
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <a href={`/api/v1/audit/export?${query.toString()}`} className={buttonClass({})} download>
            <Download className="h-4 w-4" /> {t("export")}
          </a>
        }
      />
      <ListToolbar
        placeholder={t("userFilter")}
        filters={[
          { key: "action", label: t("allActions"), options: ACTIONS.map((a) => ({ value: a, label: t(`actions.${a.replace(".", "")}`) })) },
          { key: "result", label: t("allResults"), options: [{ value: "success", label: t("result.success") }, { value: "failure", label: t("result.failure") }] },
        ]}
      />
      <div className="rounded-sm border border-slate-200 bg-white">
        {page.rows.length ? <AuditTable rows={page.rows} /> : <EmptyState title={t("empty")} />}
        <div className="flex justify-end gap-3 border-t border-slate-100 px-3 py-2 text-xs text-slate-600">
          <span>{t("total", { count: page.total })}</span>
          {page.page > 1 ? <a className="text-brand-600" href={`?${new URLSearchParams({ ...sp, page: String(page.page - 1) })}`}>{t("newer")}</a> : null}
          <span>{`${page.page} / ${pages}`}</span>
          {page.page < pages ? <a className="text-brand-600" href={`?${new URLSearchParams({ ...sp, page: String(page.page + 1) })}`}>{t("older")}</a> : null}
        </div>
      </div>
    </>
  );
}
