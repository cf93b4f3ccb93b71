"use client";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import type { OrderRowDto } from "@/lib/server/queries/orders";
import { decideOrdersAction } from "@/lib/server/actions/orders";
import { Button } from "@/components/ui/button";
import { DataTable, type ServerPage } from "@/components/ui/data-table";
import { Time } from "@/components/ui/time";
import { useServerAction } from "@/components/ui/use-server-action";
import { notify } from "@/components/ui/toaster";
import { OrderStatus } from "./order-status";
import { useSeedText } from "@/components/ui/seed-text";

/**
 * Orders as a table: a tenant's own, everyone's for a reader of all orders, or an approver's
 * inbox. In the pending inbox rows can be selected and approved together; each order is still
 * decided (and audited) on its own. `from` marks where the order was opened from (the side menu
 * highlights that page, not "My orders").
 */
export function OrderTable({
  rows,
  page,
  selectable = false,
  showApplicant = false,
  sortable = ["orderNo", "product", "status", "createdAt"],
  from,
  empty,
}: {
  rows: OrderRowDto[];
  page: ServerPage;
  selectable?: boolean;
  showApplicant?: boolean;
  /** Columns the list's query sorts on. */
  sortable?: string[];
  from?: "approvals";
  empty: ReactNode;
}) {
  const t = useTranslations("orders");
  const seed = useSeedText();
  const [selected, setSelected] = useState<string[]>([]);
  const { run, pending } = useServerAction();
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const href = (o: OrderRowDto) => `/sc/orders/${o.id}${from ? `?from=${from}` : ""}`;
  const approveSelected = () =>
    run(async () => {
      const res = await decideOrdersAction({ ids: selected, verdict: "approve" });
      if (res.ok) {
        const failed = res.data.filter((r) => !r.ok).length;
        notify(failed ? "error" : "success", t("batchDone", { ok: res.data.length - failed, failed }));
        setSelected([]);
      }
      return res;
    });
  const columns: ColumnDef<OrderRowDto, unknown>[] = [
    ...(selectable
      ? ([
          {
            id: "select",
            header: () => <span className="sr-only">{t("select")}</span>,
            cell: ({ row: { original: o } }) => <input type="checkbox" checked={selected.includes(o.id)} onChange={() => toggle(o.id)} aria-label={t("selectOrder", { no: o.orderNo })} />,
          },
        ] satisfies ColumnDef<OrderRowDto, unknown>[])
      : []),
    {
      id: "orderNo",
      header: t("orderNo"),
      cell: ({ row: { original: o } }) => (
        <Link className="font-mono text-xs text-brand-600 hover:underline" href={href(o)}>
          {o.orderNo}
        </Link>
      ),
    },
    { id: "product", header: t("product"), cell: ({ row: { original: o } }) => seed(o.product) },
    ...(showApplicant ? ([{ id: "applicant", header: t("applicant"), cell: ({ row: { original: o } }) => `${o.applicant} · ${o.vdc}` }] satisfies ColumnDef<OrderRowDto, unknown>[]) : []),
    {
      id: "items",
      header: t("items"),
      cell: ({ row: { original: o } }) => (
        <span className="text-xs text-slate-600">
          {o.kind !== "create" ? <span className="mr-1 rounded-sm bg-slate-100 px-1 text-slate-700">{t(`kinds.${o.kind}`)}</span> : null}
          {o.summary}
        </span>
      ),
    },
    {
      id: "status",
      header: t("statusLabel"),
      cell: ({ row: { original: o } }) => (
        <span>
          <OrderStatus status={o.status} />
          {o.level ? <span className="ml-1 text-xs text-slate-500">{t("atLevel", { no: o.level.no, name: seed(o.level.name) })}</span> : null}
        </span>
      ),
    },
    { id: "createdAt", header: t("createdAt"), cell: ({ row: { original: o } }) => <Time at={o.createdAt} relative /> },
  ];
  return (
    <div className="space-y-2">
      {selectable ? (
        <div className="flex items-center gap-3">
          <Button variant="primary" size="sm" disabled={selected.length === 0 || pending} onClick={approveSelected}>
            {t("approveSelected", { n: selected.length })}
          </Button>
        </div>
      ) : null}
      <DataTable data={rows} columns={columns} page={page} sortable={sortable} rowTestId={(o) => `order-${o.orderNo}`} empty={empty} />
    </div>
  );
}
