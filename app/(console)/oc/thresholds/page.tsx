import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { listThresholdRules } from "@/lib/server/queries/operations-dashboard";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { SimpleTable } from "@/components/ui/simple-table";
import { Time } from "@/components/ui/time";
import { Severity } from "@/components/operations/alarms";
import { DeleteThresholdRuleButton, ThresholdRuleDialog } from "@/components/operations/thresholds";
import { pageActor } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("oc.thresholds") };
}

/** The alarm engine's threshold rules: read by whoever sees alarms, edited by the O&M admin. */
export default async function ThresholdRulesPage() {
  const actor = await pageActor("oc", "alarm:view");
  const [rules, t, tm, tn] = await Promise.all([listThresholdRules(actor), getTranslations("thresholds"), getTranslations("metrics"), getTranslations("nav")]);
  const manage = actor.permissions.has("threshold:manage");
  return (
    <>
      <Breadcrumbs items={[{ label: tn("oc.title"), href: "/oc" }, { label: tn("oc.thresholds") }]} />
      <PageHeader title={t("title")} description={t("description")} actions={manage ? <ThresholdRuleDialog /> : null} />
      <Card>
        <SimpleTable
          rows={rules}
          rowKey={(r) => r.id}
          rowTestId={(r) => `rule-${r.kind}-${r.metric}-${r.value}`}
          empty={t("empty")}
          columns={[
            { header: t("kind"), cell: (r) => t(`kinds.${r.kind}`) },
            { header: t("condition"), cell: (r) => <span className="font-mono text-xs">{`${tm(`names.${r.metric}`)} ${r.comparison} ${r.value}`}</span> },
            { header: t("duration"), cell: (r) => t("seconds", { seconds: r.durationSeconds }), className: "tabular-nums" },
            { header: t("severity"), cell: (r) => <Severity severity={r.severity} /> },
            { header: t("state"), cell: (r) => (r.enabled ? t("on") : t("off")) },
            { header: t("openAlarms"), cell: (r) => (r.openAlarms > 0 ? <Link className="text-brand-600 hover:underline" href={`/oc/alarms?type=threshold&q=${encodeURIComponent(r.id)}`}>{r.openAlarms}</Link> : 0), className: "tabular-nums" },
            { header: t("updated"), cell: (r) => <><Time at={r.updatedAt.toISOString()} /> <span className="text-xs text-slate-500">{r.updatedBy ?? ""}</span></> },
            ...(manage ? [{ header: "", cell: (r: (typeof rules)[number]) => <span className="flex gap-1"><ThresholdRuleDialog rule={r} /><DeleteThresholdRuleButton rule={r} /></span> }] : []),
          ]}
        />
      </Card>
    </>
  );
}
