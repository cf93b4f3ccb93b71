"use client";
import type { ColumnDef } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import type { AuditRowDto } from "@/lib/server/queries/organizations";
import { DataTable, type ServerPage } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Dot } from "@/components/ui/status-badge";
import { Time } from "@/components/ui/time";

/** Audit entries, newest first, in words: actions, roles and targets by name; a row opens to show before and after. */
export function AuditTable({ rows, page, filtered }: { rows: AuditRowDto[]; page: ServerPage; filtered: boolean }) {
  const t = useTranslations("audit");
  const tr = useTranslations("roles");
  const action = (a: string) => (t.has(`actionNames.${a}`) ? t(`actionNames.${a}`) : a);
  const kind = (k: string) => (t.has(`targetTypes.${k}`) ? t(`targetTypes.${k}`) : k);
  const columns: ColumnDef<AuditRowDto, unknown>[] = [
    { id: "seq", header: t("columns.seq"), cell: ({ row: { original: r } }) => <span className="tabular-nums text-slate-500">{r.seq}</span> },
    { id: "time", header: t("columns.time"), cell: ({ row: { original: r } }) => <Time at={r.at} /> },
    {
      id: "user",
      header: t("columns.user"),
      cell: ({ row: { original: r } }) => (
        <div>
          <div>{r.actorName}</div>
          <div className="text-[11px] text-slate-500">{r.roles ? r.roles.split(",").map((x) => (tr.has(x.trim()) ? tr(x.trim()) : x)).join(", ") : "-"}</div>
        </div>
      ),
    },
    { id: "vdc", header: t("columns.vdc"), cell: ({ row: { original: r } }) => r.vdc ?? "-" },
    { id: "action", header: t("columns.action"), cell: ({ row: { original: r } }) => <span title={r.action}>{action(r.action)}</span> },
    {
      id: "target",
      header: t("columns.target"),
      cell: ({ row: { original: r } }) => (
        <span className="text-xs" title={r.targetId ?? undefined}>
          <span className="text-slate-500">{kind(r.targetType)}</span> {r.targetName ?? r.targetId ?? ""}
        </span>
      ),
    },
    { id: "result", header: t("columns.result"), cell: ({ row: { original: r } }) => <Dot tone={r.result === "success" ? "green" : "red"}>{t(`result.${r.result}`)}</Dot> },
    {
      id: "source",
      header: t("columns.source"),
      cell: ({ row: { original: r } }) => (
        <div>
          <span className="font-mono text-xs">{r.sourceIp ?? "-"}</span>
          {r.channel === "api" && <div className="text-[11px] text-slate-500">{t("viaApi")}</div>}
        </div>
      ),
    },
  ];
  return (
    <DataTable
      data={rows}
      columns={columns}
      page={page}
      sortable={["seq"]}
      rowTestId={(r) => `audit-${r.action}`}
      empty={<EmptyState title={filtered ? t("emptyFiltered") : t("empty")} />}
      detail={(r) => (
        <>
          <div className="grid grid-cols-1 gap-3 text-xs md:grid-cols-2">
            <div>
              <div className="mb-1 font-medium text-slate-600">{t("before")}</div>
              <pre className="overflow-auto rounded-sm bg-white p-2">{JSON.stringify(r.before, null, 2) ?? "null"}</pre>
            </div>
            <div>
              <div className="mb-1 font-medium text-slate-600">{t("after")}</div>
              <pre className="overflow-auto rounded-sm bg-white p-2">{JSON.stringify(r.after, null, 2) ?? "null"}</pre>
            </div>
          </div>
          {r.detail ? <div className="mt-2 text-xs text-red-700">{r.detail}</div> : null}
        </>
      )}
    />
  );
}
