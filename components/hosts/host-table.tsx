"use client";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { HostDto } from "@/lib/server/queries/hosts";
import { gib } from "@/lib/client/format";
import { CapacityBar } from "@/components/ui/capacity-bar";
import { DataTable, type ServerPage } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Dot, Tag } from "@/components/ui/status-badge";

export function HostState({ host }: { host: Pick<HostDto, "enabled" | "up"> }) {
  const t = useTranslations("hosts");
  return (
    <span className="flex flex-col gap-0.5">
      <Dot tone={host.up ? "green" : "red"}>{t(host.up ? "up" : "down")}</Dot>
      <Dot tone={host.enabled ? "green" : "grey"}>{t(host.enabled ? "enabled" : "disabled")}</Dot>
    </span>
  );
}

export function HostTable({ rows, page }: { rows: HostDto[]; page: ServerPage }) {
  const t = useTranslations("hosts");
  const columns: ColumnDef<HostDto, unknown>[] = [
    {
      id: "name",
      header: t("columns.name"),
      cell: ({ row }) => (
        <div>
          <Link href={`/service-om/hosts/${row.original.id}`} className="font-medium text-brand-600 hover:underline">
            {row.original.name}
          </Link>
          <div className="font-mono text-[11px] text-slate-400">{row.original.ip}</div>
        </div>
      ),
    },
    { id: "state", header: t("columns.state"), cell: ({ row }) => <HostState host={row.original} /> },
    { id: "az", header: t("columns.az"), cell: ({ row }) => row.original.az },
    {
      id: "cpuModel",
      header: t("columns.cpuModel"),
      cell: ({ row }) => (
        <div>
          <div>{row.original.cpuModel}</div>
          <div className="mt-0.5 flex gap-1">
            <Tag>{row.original.architecture}</Tag>
            {row.original.groups.map((g) => (
              <Tag key={g}>{g}</Tag>
            ))}
          </div>
        </div>
      ),
    },
    {
      id: "vcpusUsed",
      header: t("columns.vcpu"),
      cell: ({ row }) => (
        <CapacityBar used={row.original.vcpusUsed} total={row.original.vcpuLimit} detail={t("allocOf", { used: row.original.vcpusUsed, total: row.original.vcpuLimit, physical: row.original.vcpus })} />
      ),
    },
    {
      id: "memoryMbUsed",
      header: t("columns.ram"),
      cell: ({ row }) => (
        <CapacityBar
          used={row.original.memoryMbUsed}
          total={row.original.memoryMbLimit}
          detail={t("allocOf", { used: gib(row.original.memoryMbUsed), total: gib(row.original.memoryMbLimit), physical: gib(row.original.memoryMb) })}
        />
      ),
    },
    { id: "instanceCount", header: t("columns.instances"), cell: ({ row }) => <span className="tabular-nums">{row.original.instanceCount}</span> },
  ];
  return (
    <DataTable
      data={rows}
      columns={columns}
      page={page}
      sortable={["name", "az", "cpuModel", "vcpusUsed", "memoryMbUsed", "instanceCount"]}
      rowTestId={(r) => `host-row-${r.name}`}
      empty={<EmptyState title={t("empty")} />}
    />
  );
}
