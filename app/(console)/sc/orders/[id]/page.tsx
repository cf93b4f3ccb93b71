import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { seedText } from "@/lib/cloud/seed/names-zh";
import { getOrder } from "@/lib/server/queries/orders";
import { describeApprover } from "@/lib/client/approvers";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { Card, Field } from "@/components/ui/card";
import { SimpleTable } from "@/components/ui/simple-table";
import { OrderStatus } from "@/components/orders/order-status";
import { CancelOrderButton, OrderDecision } from "@/components/orders/order-actions";
import { orNotFound, pageActor } from "../../../page-guard";
import { Time } from "@/components/ui/time";

export default async function OrderPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string>> }) {
  const actor = await pageActor("sc", "portal:sc");
  const { id } = await params;
  const fromInbox = (await searchParams).from === "approvals";
  const o = await orNotFound(() => getOrder(actor, id));
  const [t, tq, tn, ts, tr] = await Promise.all([getTranslations("orders"), getTranslations("quota.resources"), getTranslations("nav"), getTranslations("orders.spec"), getTranslations("roles")]);
  const mine = o.applicantId === actor.userId;
  const locale = await getLocale();
  const seed = (s: string) => seedText(s, locale);
  const describe = (s: (typeof o.path)[number]["spec"][number]) => describeApprover(s, ts, tr, (u) => o.userNames[u] ?? u);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, fromInbox || (!mine && !actor.permissions.has("order:view_all")) ? { label: t("inbox"), href: "/sc/approvals" } : { label: mine ? t("mine") : t("all"), href: "/sc/orders" }, { label: o.orderNo }]} />
      <div className="space-y-4">
        <Card
          title={
            <span className="flex items-center gap-3">
              <span className="font-mono" data-testid="order-no">{o.orderNo}</span>
              <span data-testid="order-status"><OrderStatus status={o.status} /></span>
            </span>
          }
          actions={o.canCancel ? <CancelOrderButton id={o.id} orderNo={o.orderNo} /> : null}
        >
          <div className="grid grid-cols-1 gap-x-8 lg:grid-cols-2">
            <dl>
              <Field label={t("product")}>{seed(o.product)}</Field>
              <Field label={t("kindLabel")}>
                <span data-testid="order-kind">{t(`kinds.${o.kind}`)}</span>
              </Field>
              <Field label={t("applicant")}>{`${o.applicant} · ${o.vdc}`}</Field>
              <Field label={t("createdAt")}><Time at={o.createdAt} /></Field>
            </dl>
            <dl>
              <Field label={t("process")}>{o.processName ? t("processVersion", { name: seed(o.processName), version: o.processVersion ?? 1 }) : t("noApproval")}</Field>
              {o.timeoutAt ? <Field label={t("timeoutAt")}><Time at={o.timeoutAt} /></Field> : null}
              {/* A release's instances are gone once it completes: its items name them instead. */}
              {o.resourceIds.length && o.kind !== "release" ? (
                <Field label={t("resources")}>
                  {o.resourceIds.map((r) => (
                    <Link key={r} href={o.serviceType === "eip" ? `/sc/eips?q=${r}` : `/sc/${{ evs: "evs", vpc: "vpcs" }[o.serviceType] ?? "ecs"}/${r}`} className="mr-2 font-mono text-xs text-brand-600 hover:underline">
                      {r.slice(0, 8)}
                    </Link>
                  ))}
                </Field>
              ) : null}
            </dl>
          </div>
        </Card>
        <Card title={t("items")}>
          <SimpleTable
            rows={o.items}
            rowKey={(i) => i.name}
            columns={[
              { header: t("itemName"), cell: (i) => i.name },
              ...(o.kind === "release"
                ? []
                : o.kind === "resize"
                  ? [{ header: t("flavor"), cell: (i: (typeof o.items)[number]) => t("flavorChange", { from: i.fromFlavor ?? "-", to: i.flavor ?? "-" }) }]
                  : o.serviceType === "vpc"
                    ? [{ header: t("cidr"), cell: (i: (typeof o.items)[number]) => <span className="font-mono text-xs">{i.cidr ?? "-"}</span> }]
                  : o.serviceType === "eip"
                    ? [
                        { header: t("bandwidth"), cell: (i: (typeof o.items)[number]) => (i.bandwidthMbit === null ? "-" : `${i.bandwidthMbit} Mbit/s`) },
                        { header: t("count"), cell: (i: (typeof o.items)[number]) => i.count },
                      ]
                  : o.serviceType === "evs"
                    ? [
                        { header: t("az"), cell: (i: (typeof o.items)[number]) => i.az ?? "-" },
                        { header: t("volumeType"), cell: (i: (typeof o.items)[number]) => i.volumeType ?? "-" },
                        { header: t("size"), cell: (i: (typeof o.items)[number]) => (i.sizeGb === null ? "-" : `${i.sizeGb} GB`) },
                        { header: t("image"), cell: (i: (typeof o.items)[number]) => i.image ?? "-" },
                        { header: t("count"), cell: (i: (typeof o.items)[number]) => i.count },
                      ]
                    : [
                      { header: t("az"), cell: (i: (typeof o.items)[number]) => i.az ?? "-" },
                      { header: t("flavor"), cell: (i: (typeof o.items)[number]) => i.flavor ?? "-" },
                      { header: t("image"), cell: (i: (typeof o.items)[number]) => i.image ?? "-" },
                      { header: t("count"), cell: (i: (typeof o.items)[number]) => i.count },
                    ]),
            ]}
          />
        </Card>
        {o.path.length ? (
          <Card title={t("path")}>
            <ol className="space-y-3" data-testid="approval-path">
              {o.path.map((l) => (
                <li key={l.no} className="rounded-sm border border-slate-200 p-3" data-testid={`level-${l.no}`} data-state={l.state}>
                  <div className="flex items-center justify-between">
                    <span className="font-medium">{t("levelTitle", { no: l.no, name: seed(l.name) })}</span>
                    <span className="text-xs text-slate-500">{t(`mode.${l.mode}`)} · {t(`levelState.${l.state}`)}</span>
                  </div>
                  <div className="mt-1 text-xs text-slate-500">{l.spec.map(describe).join("; ")}</div>
                  {l.approvers.length ? <div className="mt-1 text-xs text-slate-600">{t("waitingFor", { users: l.approvers.join(", ") })}</div> : null}
                  {l.decisions.map((d, n) => (
                    <div key={n} className="mt-1 text-[13px]">
                      <span className={d.verdict === "approve" ? "text-green-700" : "text-red-700"}>{t(`verdict.${d.verdict}`)}</span> · {d.by} · <Time at={d.at} />
                      {d.comment ? <span className="text-slate-600"> · {d.comment}</span> : null}
                    </div>
                  ))}
                </li>
              ))}
            </ol>
          </Card>
        ) : null}
        {o.canDecide ? (
          <Card title={t("decideTitle")}>
            <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
              <div>
                <h3 className="mb-2 text-xs font-semibold text-slate-600">{t("quotaTitle", { vdc: o.vdc })}</h3>
                <SimpleTable
                  rows={o.quota}
                  rowKey={(q) => q.resource}
                  columns={[
                    { header: t("resource"), cell: (q) => (tq.has(q.resource) ? tq(q.resource) : q.resource) },
                    { header: t("before"), cell: (q) => `${q.usedWithout} / ${q.limit === -1 ? "∞" : q.limit}` },
                    { header: t("after"), cell: (q) => `${q.usedWith} / ${q.limit === -1 ? "∞" : q.limit}` },
                  ]}
                />
              </div>
              <OrderDecision id={o.id} orderNo={o.orderNo} />
            </div>
          </Card>
        ) : null}
        <Card title={t("timeline")}>
          <ol className="space-y-1 border-l-2 border-slate-200 pl-3 text-xs" data-testid="order-timeline">
            {o.timeline.map((e, n) => (
              <li key={n} className="flex gap-3">
                <span className="w-40 shrink-0 tabular-nums text-slate-500"><Time at={e.at} className="tabular-nums" /></span>
                <span className="text-slate-800">{t(`events.${e.event}`)}{e.level ? ` · ${t("levelNo", { no: e.level })}` : ""}</span>
                {e.by ? <span className="text-slate-600">{e.by}</span> : null}
                {e.comment ? <span className="text-slate-500">{e.comment}</span> : null}
              </li>
            ))}
          </ol>
        </Card>
      </div>
    </>
  );
}
