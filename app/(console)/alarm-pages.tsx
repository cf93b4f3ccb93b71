import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Portal } from "@/lib/cloud/identity";
import { ALARM_STATES, ALARM_TYPES, SEVERITIES } from "@/lib/cloud/operations";
import { alarmDetail, listAlarms, openRootCauses } from "@/lib/server/queries/alarms";
import { alarmListParams } from "@/lib/schemas/operations";
import { AlarmActions, AlarmSource, AlarmStateBadge, AlarmTable, Severity } from "@/components/operations/alarms";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { Card, Field } from "@/components/ui/card";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { PageHeader } from "@/components/ui/page-header";
import { SimpleTable } from "@/components/ui/simple-table";
import { Time } from "@/components/ui/time";
import type { Actor } from "@/lib/server/auth/actor";
import { orNotFound, searchParamsOf } from "./page-guard";

// The alarm list and an alarm's page, served from OC and from eSight. Each route's page authorizes
// itself (its portal and alarm:view) before calling these with the actor.

const TITLE: Record<"oc" | "esight", string> = { oc: "oc.title", esight: "esight.title" };

export async function AlarmListPage({ actor, portal, searchParams }: { actor: Actor; portal: "oc" | "esight"; searchParams: Promise<Record<string, string>> }) {
  const p = searchParamsOf(alarmListParams, await searchParams);
  const [page, roots, t, tn] = await Promise.all([listAlarms(actor, p), openRootCauses(actor, 5), getTranslations("alarms"), getTranslations("nav")]);
  const base = `/${portal}/alarms`;
  return (
    <>
      <Breadcrumbs items={[{ label: tn(TITLE[portal]) }, { label: tn(`${portal}.alarms`) }]} />
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-4">
        <Card title={<span data-testid="root-cause-summary">{t("rootCauses", { roots: roots.roots, alarms: roots.alarms })}</span>}>
          <SimpleTable
            rows={roots.groups}
            rowKey={(g) => g.root.id}
            rowTestId={(g) => `root-${g.root.source}`}
            empty={<p className="text-sm text-slate-500">{t("noOpenAlarms")}</p>}
            columns={[
              { header: t("columns.severity"), cell: (g) => <Severity severity={g.root.severity} /> },
              { header: t("columns.rootCause"), cell: (g) => <Link className="font-medium text-brand-600 hover:underline" href={`${base}/${g.root.id}`}>{`${t(`types.${g.root.type}`)} · ${g.root.sourceName}`}</Link> },
              { header: t("columns.derived"), cell: (g) => <span data-testid="derived-count">{t("derivedCount", { count: g.derived })}</span> },
              { header: t("columns.byType"), cell: (g) => Object.entries(g.byType).map(([type, n]) => `${t(`types.${type}`)} × ${n}`).join(", ") || "-" },
              { header: t("columns.state"), cell: (g) => <AlarmStateBadge state={g.root.state} /> },
            ]}
          />
        </Card>
        <Card title={t("list", { count: page.total })}>
          <ListToolbar
            placeholder={t("search")}
            exportHref="/api/v1/export/alarms"
            filters={[
              { key: "state", label: t("columns.state"), options: (["open", ...ALARM_STATES] as const).map((s) => ({ value: s, label: t(`state.${s}`) })) },
              { key: "severity", label: t("columns.severity"), options: SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) })) },
              { key: "type", label: t("columns.type"), options: ALARM_TYPES.map((s) => ({ value: s, label: t(`types.${s}`) })) },
            ]}
          />
          <AlarmTable rows={page.rows} page={page} base={base} filtered={Boolean(p.q || p.severity || p.type || (p.state && p.state !== "open"))} />
        </Card>
      </div>
    </>
  );
}

export async function AlarmDetailPage({ actor, portal, params }: { actor: Actor; portal: Extract<Portal, "oc" | "esight">; params: Promise<{ id: string }> }) {
  const { id } = await params;
  const a = await orNotFound(() => alarmDetail(actor, id));
  const [t, tn] = await Promise.all([getTranslations("alarms"), getTranslations("nav")]);
  const base = `/${portal}/alarms`;
  const related = (rows: typeof a.derived) => (
    <SimpleTable
      rows={rows}
      rowKey={(d) => d.id}
      rowTestId={(d) => `related-${d.source}-${d.type}`}
      columns={[
        { header: t("columns.severity"), cell: (d) => <Severity severity={d.severity} /> },
        { header: t("columns.type"), cell: (d) => <Link className="text-brand-600 hover:underline" href={`${base}/${d.id}`}>{t(`types.${d.type}`)}</Link> },
        { header: t("columns.source"), cell: (d) => <AlarmSource alarm={d} /> },
        { header: t("columns.state"), cell: (d) => <AlarmStateBadge state={d.state} /> },
        { header: t("columns.last"), cell: (d) => <Time at={d.lastAt} /> },
      ]}
    />
  );
  return (
    <>
      <Breadcrumbs items={[{ label: tn(TITLE[portal]) }, { label: tn(`${portal}.alarms`), href: base }, { label: `${t(`types.${a.type}`)} · ${a.sourceName}` }]} />
      <div className="space-y-4">
        <Card title={<span data-testid="alarm-title">{`${t(`types.${a.type}`)} · ${a.sourceName}`}</span>} actions={<AlarmActions alarm={a} />}>
          <dl className="grid grid-cols-1 gap-x-8 lg:grid-cols-2">
            <div>
              <Field label={t("columns.severity")}><Severity severity={a.severity} /></Field>
              <Field label={t("columns.state")}><span data-testid="alarm-state"><AlarmStateBadge state={a.state} /></span></Field>
              <Field label={t("columns.source")}><AlarmSource alarm={a} /></Field>
              <Field label={t("columns.count")}>{a.count}</Field>
            </div>
            <div>
              <Field label={t("columns.first")}><Time at={a.firstAt} /></Field>
              <Field label={t("columns.last")}><Time at={a.lastAt} /></Field>
              <Field label={t("acknowledgedBy")}>{a.acknowledgedBy ?? "-"}</Field>
              <Field label={t("clearedAt")}>{a.clearedAt ? <span><Time at={a.clearedAt} /> · {a.clearedBy === "auto" ? t("clearedAuto") : a.clearedBy}</span> : "-"}</Field>
            </div>
          </dl>
          <p className="mt-2 text-xs text-slate-500">{t(`explain.${a.type}`)}</p>
        </Card>
        {a.root ? <Card title={t("rootIs")}><div data-testid="alarm-root">{related([a.root])}</div></Card> : null}
        {a.derived.length > 0 ? <Card title={<span data-testid="derived-title">{t("derivedTitle", { count: a.derived.length })}</span>}>{related(a.derived)}</Card> : null}
        <Card title={t("comments")}>
          {a.comments.length === 0 ? (
            <p className="text-sm text-slate-500">{t("noComments")}</p>
          ) : (
            <ul className="space-y-2" data-testid="alarm-comments">
              {a.comments.map((c) => (
                <li key={c.id} className="text-sm">
                  <span className="font-medium">{c.userName}</span> <span className="text-xs text-slate-500"><Time at={c.at} /></span>
                  <p>{c.text}</p>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
