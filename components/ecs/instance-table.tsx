"use client";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { InstanceDto } from "@/lib/server/queries/instances";
import { gib } from "@/lib/client/format";
import { useInstanceRows } from "@/lib/client/use-polling";
import { DataTable, type ServerPage } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { InstanceStatus } from "@/components/ui/status-badge";
import { InstanceActions } from "./instance-actions";
import { Time } from "@/components/ui/time";

/** The ECS list for tenants (hrefBase /sc/ecs) and, with host and project columns, for operators. */
export function InstanceTable({ initial, page, operator = false, hrefBase, emptyAction }: { initial: InstanceDto[]; page: ServerPage; operator?: boolean; hrefBase: string; emptyAction?: React.ReactNode }) {
  const t = useTranslations("ecs");
  const router = useRouter();
  const { rows, refetch } = useInstanceRows(initial);
  const done = () => {
    void refetch();
    router.refresh();
  };
  const columns: ColumnDef<InstanceDto, unknown>[] = [
    {
      id: "name",
      header: t("columns.name"),
      cell: ({ row }) => (
        <div>
          <Link href={`${hrefBase}/${row.original.id}`} className="font-medium text-brand-600 hover:underline">
            {row.original.name}
          </Link>
          <div className="font-mono text-[11px] text-slate-400">{row.original.id.slice(0, 8)}</div>
        </div>
      ),
    },
    { id: "status", header: t("columns.status"), cell: ({ row }) => <InstanceStatus status={row.original.status} taskState={row.original.taskState} transitional={row.original.transitional} /> },
    { id: "az", header: t("columns.az"), cell: ({ row }) => row.original.az },
    {
      id: "flavor",
      header: t("columns.flavor"),
      cell: ({ row }) => (
        <div>
          <div>{row.original.flavor}</div>
          <div className="text-[11px] text-slate-500">
            {t("vcpuRam", { vcpus: row.original.vcpus, ram: gib(row.original.memoryMb) })}
          </div>
        </div>
      ),
    },
    { id: "image", header: t("columns.image"), cell: ({ row }) => <span className="text-slate-700">{row.original.image}</span> },
    { id: "ip", header: t("columns.ip"), cell: ({ row }) => <span className="font-mono text-xs">{row.original.ipAddress ?? "-"}</span> },
    ...(operator
      ? ([
          { id: "project", header: t("columns.project"), cell: ({ row }) => row.original.project },
          { id: "host", header: t("columns.host"), cell: ({ row }) => row.original.host ?? "-" },
        ] satisfies ColumnDef<InstanceDto, unknown>[])
      : []),
    { id: "createdAt", header: t("columns.createdAt"), cell: ({ row }) => <Time at={row.original.createdAt} relative /> },
    {
      id: "actions",
      header: t("columns.actions"),
      cell: ({ row }) => row.original.readOnly ? <span className="text-xs text-slate-400">-</span> : <InstanceActions compact operator={operator} byOrder={row.original.changesByOrder} id={row.original.id} name={row.original.name} actions={row.original.actions} state={row.original} onDone={done} />,
    },
  ];
  return (
    <DataTable
      data={rows}
      columns={columns}
      page={page}
      sortable={["name", "status", "az", "flavor", "createdAt", ...(operator ? ["host"] : [])]}
      rowTestId={(r) => `instance-row-${r.name}`}
      empty={<EmptyState title={t("empty")} hint={t("emptyHint")} action={emptyAction} />}
    />
  );
}
