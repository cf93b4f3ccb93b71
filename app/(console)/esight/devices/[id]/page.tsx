import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { deviceDetail } from "@/lib/server/queries/infrastructure";
import { deviceAlarms } from "@/lib/server/queries/alarms";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { Card, Field } from "@/components/ui/card";
import { SimpleTable } from "@/components/ui/simple-table";
import { Dot, Tag } from "@/components/ui/status-badge";
import { AlarmSource, AlarmStateBadge, ComponentDrill, Severity } from "@/components/operations/alarms";
import { Time } from "@/components/ui/time";
import { orNotFound, pageActor } from "../../../page-guard";
import { MetricCard } from "../../../metric-card";

const TONE = { normal: "green", warning: "amber", critical: "red" } as const;

/** A server or switch in eSight: what it is, its health and why, every part (with drills), its alarms and, for a compute host, its metrics. */
export default async function DevicePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string>> }) {
  const actor = await pageActor("esight", "hardware:view");
  const { id } = await params;
  const d = await orNotFound(() => deviceDetail(actor, id));
  const [alarms, sp, t, tn, ta] = await Promise.all([actor.permissions.has("alarm:view") ? deviceAlarms(actor, id) : null, searchParams, getTranslations("esight"), getTranslations("nav"), getTranslations("alarms")]);
  const drills = actor.permissions.has("drill:run");
  return (
    <>
      <Breadcrumbs items={[{ label: tn("esight.title") }, { label: tn("esight.devices"), href: "/esight" }, { label: d.name }]} />
      <div className="space-y-4">
        <Card title={<span data-testid="device-name">{d.name}</span>}>
          <dl className="grid grid-cols-1 gap-x-8 lg:grid-cols-2">
            <div>
              <Field label={t("healthCol")}>
                <span className="flex items-center gap-1.5" data-testid="device-health">
                  <Dot tone={TONE[d.health]}>{t(`health.${d.health}`)}</Dot>
                  {d.maintenance ? <Tag>{t("maintenance")}</Tag> : null}
                </span>
              </Field>
              <Field label={t("device.why")}>
                {d.reasons.length === 0 ? (
                  t("device.noFault")
                ) : (
                  <ul data-testid="device-reasons">
                    {d.reasons.map((r) => (
                      <li key={`${r.rule}-${r.subject}`}>{t(`device.rules.${r.rule}`, { subject: r.subject })}</li>
                    ))}
                  </ul>
                )}
              </Field>
              <Field label={t("role")}>{t(`roles.${d.role}`)}</Field>
              <Field label={t("az")}>{d.az ?? "-"}</Field>
            </div>
            <div>
              <Field label={t("model")}>{d.model}</Field>
              <Field label={t("serial")}><span className="font-mono text-xs">{d.serialNo}</span></Field>
              <Field label={t("mgmtIp")}><span className="font-mono text-xs">{d.ip}</span></Field>
              <Field label={t("device.firmware")}>{typeof d.firmware === "string" ? d.firmware : `BIOS ${d.firmware.bios} · iBMC ${d.firmware.bmc}`}</Field>
              {d.hostId && actor.permissions.has("host:view") && actor.permissions.has("portal:service-om") ? (
                <Field label={t("device.serviceOm")}><Link className="text-brand-600 hover:underline" href={`/service-om/hosts/${d.hostId}`}>{d.name}</Link></Field>
              ) : null}
            </div>
          </dl>
        </Card>
        {alarms ? (
          <Card title={t("device.alarms", { count: alarms.length })}>
            <SimpleTable
              rows={alarms}
              rowKey={(a) => a.id}
              rowTestId={(a) => `device-alarm-${a.type}`}
              empty={ta("noOpenAlarms")}
              columns={[
                { header: ta("columns.severity"), cell: (a) => <Severity severity={a.severity} /> },
                { header: ta("columns.type"), cell: (a) => <Link className="text-brand-600 hover:underline" href={`/esight/alarms/${a.id}`}>{ta(`types.${a.type}`)}</Link> },
                { header: ta("columns.source"), cell: (a) => <AlarmSource alarm={a} /> },
                { header: ta("columns.state"), cell: (a) => <AlarmStateBadge state={a.state} /> },
                { header: ta("columns.last"), cell: (a) => <Time at={a.lastAt} /> },
              ]}
            />
          </Card>
        ) : null}
        <Card title={t("device.components", { count: d.components.length })}>
          <SimpleTable
            rows={d.components}
            rowKey={(c) => c.id}
            rowTestId={(c) => `part-${c.slot}`}
            columns={[
              { header: t("device.slot"), cell: (c) => <span className="font-mono text-xs">{c.slot}</span> },
              { header: t("device.kind"), cell: (c) => t(`device.kinds.${c.kind}`) },
              { header: t("model"), cell: (c) => c.model },
              { header: t("serial"), cell: (c) => <span className="font-mono text-xs">{c.serialNo}</span> },
              { header: t("device.firmware"), cell: (c) => c.firmware ?? "-" },
              { header: t("device.link"), cell: (c) => (c.link ? <Link className="text-brand-600 hover:underline" href={c.link.href}>{c.link.name}</Link> : c.uplink ? t("device.uplink") : "-") },
              { header: t("healthCol"), cell: (c) => <Dot tone={c.health === "normal" ? "green" : "red"}>{t(c.kind === "port" ? `device.port.${c.health}` : `device.part.${c.health}`)}</Dot> },
              ...(drills ? [{ header: t("drill"), cell: (c: (typeof d.components)[number]) => <ComponentDrill part={{ id: c.id, label: `${d.name} ${c.slot}`, kind: c.kind, can: c.can }} /> }] : []),
            ]}
          />
        </Card>
        {d.kind === "server" ? <MetricCard actor={actor} kind={d.hostId ? "host" : "server"} sourceId={d.id} range={sp.range} testId="device-metrics" /> : null}
      </div>
    </>
  );
}
