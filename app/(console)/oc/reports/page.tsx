import { getTranslations } from "next-intl/server";
import { capacityReport, vdcUsageReport } from "@/lib/server/queries/operations-dashboard";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { SimpleTable } from "@/components/ui/simple-table";
import { Time } from "@/components/ui/time";
import { PrintButton } from "@/components/operations/print-button";
import { cloudNow } from "@/lib/server/services/clock";
import { pageActor } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("oc.reports") };
}

/** OC's capacity and VDC usage reports as one printable page (the browser prints it; the same rows download as CSV). */
export default async function OcReportsPage() {
  const actor = await pageActor("oc", "capacity:view");
  const [rows, vdcs, now, t, tn] = await Promise.all([capacityReport(actor), vdcUsageReport(actor), cloudNow(), getTranslations("capacity"), getTranslations("nav")]);
  const num = (n: number | null) => (n === null ? "-" : n.toLocaleString("en-US"));
  return (
    <>
      <Breadcrumbs items={[{ label: tn("oc.title"), href: "/oc" }, { label: tn("oc.reports") }]} />
      <PageHeader
        title={t("reports.pageTitle")}
        description={<>{t("reports.generated")} <Time at={now.toISOString()} /></>}
        actions={
          <span className="flex gap-2 print:hidden">
            <a className="rounded-sm border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50" href="/api/v1/export/capacity" download data-testid="download-capacity">{t("reports.capacityCsv")}</a>
            <PrintButton />
          </span>
        }
      />
      <div className="space-y-4">
        <Card title={t("reports.capacityTitle")}>
          <SimpleTable
            rows={rows}
            rowKey={(r) => `${r.type}|${r.name}|${r.resource}`}
            rowTestId={(r) => `report-${r.type}-${r.name}-${r.resource}`}
            columns={[
              { header: t("reports.type"), cell: (r) => t(`reports.types.${r.type}`) },
              { header: t("az"), cell: (r) => r.az },
              { header: t("reports.name"), cell: (r) => r.name },
              { header: t("reports.resource"), cell: (r) => `${r.resource} (${r.unit})` },
              { header: t("reports.total"), cell: (r) => num(r.total), className: "tabular-nums" },
              { header: t("reports.limit"), cell: (r) => num(r.limit), className: "tabular-nums" },
              { header: t("reports.allocated"), cell: (r) => num(r.allocated), className: "tabular-nums" },
              { header: t("reports.used"), cell: (r) => num(r.used), className: "tabular-nums" },
              { header: t("reports.free"), cell: (r) => num(r.free), className: "tabular-nums" },
              { header: t("reports.oversubscription"), cell: (r) => r.oversubscription.toFixed(2), className: "tabular-nums" },
              { header: t("daysUntilFull"), cell: (r) => (r.daysUntilFull === null ? "-" : t("days", { days: Math.round(r.daysUntilFull) })), className: "tabular-nums" },
            ]}
          />
        </Card>
        <Card title={t("reports.vdcTitle")} actions={<a className="text-sm text-brand-600 hover:underline print:hidden" href="/api/v1/export/vdc-usage" download>{t("reports.vdcCsv")}</a>}>
          <SimpleTable
            rows={vdcs.rows}
            rowKey={(r) => `${r.vdcId}|${r.region}|${r.resource}`}
            columns={[
              { header: t("reports.vdc"), cell: (r) => <span style={{ paddingLeft: `${(r.level - 1) * 12}px` }}>{r.vdc}</span> },
              { header: t("reports.region"), cell: (r) => r.region },
              { header: t("reports.resource"), cell: (r) => r.resource },
              { header: t("reports.limit"), cell: (r) => (r.limit < 0 ? t("reports.unlimited") : num(r.limit)), className: "tabular-nums" },
              { header: t("reports.used"), cell: (r) => num(r.used), className: "tabular-nums" },
              { header: "%", cell: (r) => (r.percent === null ? "-" : `${r.percent}`), className: "tabular-nums" },
            ]}
          />
        </Card>
      </div>
    </>
  );
}
