"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { OrderRowDto } from "@/lib/server/queries/orders";
import { decideOrdersAction } from "@/lib/server/actions/orders";
import { Button } from "@/components/ui/button";
import { Alert, EmptyState } from "@/components/ui/empty-state";
import { SimpleTable } from "@/components/ui/simple-table";
import { useServerAction } from "@/components/ui/use-server-action";
import { OrderStatus } from "./order-status";
import { Time } from "@/components/ui/time";

/**
 * Orders as a table: a tenant's own, or an approver's inbox. In the pending inbox rows can be
 * selected and approved together; each order is still decided (and audited) on its own.
 */
export function OrderTable({ rows, selectable = false, showApplicant = false }: { rows: OrderRowDto[]; selectable?: boolean; showApplicant?: boolean }) {
  const t = useTranslations("orders");
  const [selected, setSelected] = useState<string[]>([]);
  const [summary, setSummary] = useState<string | null>(null);
  const { run, pending, error } = useServerAction();
  if (rows.length === 0) return <EmptyState title={t("empty")} />;
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const approveSelected = () =>
    run(async () => {
      const res = await decideOrdersAction({ ids: selected, verdict: "approve" });
      if (res.ok) {
        const failed = res.data.filter((r) => !r.ok).length;
        setSummary(t("batchDone", { ok: res.data.length - failed, failed }));
        setSelected([]);
      }
      return res;
    });
  return (
    <div className="space-y-2">
      {selectable ? (
        <div className="flex items-center gap-3 px-3 pt-3">
          <Button variant="primary" size="sm" disabled={selected.length === 0 || pending} onClick={approveSelected}>
            {t("approveSelected", { n: selected.length })}
          </Button>
          {summary ? <span className="text-xs text-slate-600">{summary}</span> : null}
        </div>
      ) : null}
      {error ? <Alert>{error}</Alert> : null}
      <SimpleTable
        rows={rows}
        rowKey={(o) => o.id}
        rowTestId={(o) => `order-${o.orderNo}`}
        columns={[
          ...(selectable
            ? [{ header: <span className="sr-only">{t("select")}</span>, cell: (o: OrderRowDto) => <input type="checkbox" checked={selected.includes(o.id)} onChange={() => toggle(o.id)} aria-label={t("selectOrder", { no: o.orderNo })} /> }]
            : []),
          {
            header: t("orderNo"),
            cell: (o) => (
              <Link className="font-mono text-xs text-brand-600 hover:underline" href={`/sc/orders/${o.id}`}>
                {o.orderNo}
              </Link>
            ),
          },
          { header: t("product"), cell: (o) => o.product },
          ...(showApplicant ? [{ header: t("applicant"), cell: (o: OrderRowDto) => `${o.applicant} · ${o.vdc}` }] : []),
          {
            header: t("items"),
            cell: (o) => (
              <span className="text-xs text-slate-600">
                {o.kind !== "create" ? <span className="mr-1 rounded-sm bg-slate-100 px-1 text-slate-700">{t(`kinds.${o.kind}`)}</span> : null}
                {o.summary}
              </span>
            ),
          },
          { header: t("statusLabel"), cell: (o) => (<span>
            <OrderStatus status={o.status} />
            {o.level ? <span className="ml-1 text-xs text-slate-500">{t("atLevel", { no: o.level.no, name: o.level.name })}</span> : null}
          </span>) },
          { header: t("createdAt"), cell: (o) => <Time at={o.createdAt} relative /> },
        ]}
      />
    </div>
  );
}
