import { getTranslations } from "next-intl/server";
import { auditFilters } from "@/lib/schemas/organizations";
import { listAudit } from "@/lib/server/queries/organizations";
import { readsWholeAuditLog } from "@/lib/server/queries/organizations";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { AuditTable } from "@/components/audit/audit-table";
import { DateRange } from "@/components/audit/date-range";
import { VerifyChainButton } from "@/components/audit/verify-chain";
import { pageActor, searchParamsOf } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("audit"))("title") };
}

const ACTIONS = ["auth.", "ecs.", "order.", "vdc.", "quota.", "resource_set.", "user.", "product.", "process.", "flavor.", "image.", "host", "settings.", "clock."];

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await pageActor("sc", "audit:view");
  const sp = await searchParams;
  const filters = searchParamsOf(auditFilters, { ...sp, actor: sp.q || undefined });
  const [page, whole, t, tn] = await Promise.all([listAudit(actor, filters), readsWholeAuditLog(actor), getTranslations("audit"), getTranslations("nav")]);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: t("title") }]} />
      <PageHeader title={t("title")} description={t("description")} actions={whole ? <VerifyChainButton /> : null} />
      <ListToolbar
        placeholder={t("userFilter")}
        exportHref="/api/v1/audit/export"
        filters={[
          { key: "action", label: t("allActions"), options: ACTIONS.map((a) => ({ value: a, label: t(`actions.${a.replace(".", "")}`) })) },
          { key: "result", label: t("allResults"), options: [{ value: "success", label: t("result.success") }, { value: "failure", label: t("result.failure") }] },
        ]}
      >
        <DateRange />
      </ListToolbar>
      <AuditTable rows={page.rows} page={page} filtered={Boolean(filters.actor || filters.action || filters.result || filters.from || filters.to)} />
    </>
  );
}
