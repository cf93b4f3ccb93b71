"use client";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ServerDeviceDto } from "@/lib/server/queries/infrastructure";
import { DataTable, type ServerPage } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Dot, Tag } from "@/components/ui/status-badge";

const TONE = { normal: "green", warning: "amber", critical: "red" } as const;

/** eSight's servers: health, role, model, serial number, management address, AZ. */
export function DeviceTable({ rows, page, filtered }: { rows: ServerDeviceDto[]; page: ServerPage; filtered: boolean }) {
  const t = useTranslations("esight");
  const columns: ColumnDef<ServerDeviceDto, unknown>[] = [
    {
      id: "name",
      header: t("name"),
      cell: ({ row: { original: s } }) => (
        <Link className="font-medium text-brand-600 hover:underline" href={`/esight/devices/${s.id}`}>
          {s.name}
        </Link>
      ),
    },
    {
      id: "health",
      header: t("healthCol"),
      cell: ({ row: { original: s } }) => (
        <span className="flex items-center gap-1.5">
          <Dot tone={TONE[s.health]}>{t(`health.${s.health}`)}</Dot>
          {s.maintenance ? <Tag>{t("maintenance")}</Tag> : null}
        </span>
      ),
    },
    { id: "role", header: t("role"), cell: ({ row: { original: s } }) => t(`roles.${s.role}`) },
    { id: "model", header: t("model"), cell: ({ row: { original: s } }) => s.model },
    { id: "serial", header: t("serial"), cell: ({ row: { original: s } }) => <span className="font-mono text-xs">{s.serialNo}</span> },
    { id: "ip", header: t("mgmtIp"), cell: ({ row: { original: s } }) => <span className="font-mono text-xs">{s.ip}</span> },
    { id: "az", header: t("az"), cell: ({ row: { original: s } }) => s.az ?? "-" },
  ];
  return <DataTable data={rows} columns={columns} page={page} sortable={["name", "health", "role", "model", "az"]} rowTestId={(s) => `device-${s.name}`} empty={<EmptyState title={filtered ? t("emptyFiltered") : t("empty")} />} />;
}
