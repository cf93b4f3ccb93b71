"use client";
import type { ColumnDef } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import type { ImageDto } from "@/lib/server/queries/catalog";
import { gib } from "@/lib/client/format";
import { DataTable, type ServerPage } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Dot, Tag } from "@/components/ui/status-badge";
import { Time } from "@/components/ui/time";
import { ImageRowActions } from "./image-dialog";

export function ImageTable({ rows, page, manage, filtered }: { rows: ImageDto[]; page: ServerPage; manage: boolean; filtered: boolean }) {
  const t = useTranslations("images");
  const columns: ColumnDef<ImageDto, unknown>[] = [
    { id: "name", header: t("name"), cell: ({ row: { original: i } }) => <span className="font-medium">{i.name}</span> },
    { id: "status", header: t("status"), cell: ({ row: { original: i } }) => <Dot tone={i.status === "active" ? "green" : i.status === "deleted" ? "red" : "grey"}>{t(`statuses.${i.status}`)}</Dot> },
    { id: "os", header: t("os"), cell: ({ row: { original: i } }) => i.osVersion },
    { id: "format", header: t("format"), cell: ({ row: { original: i } }) => <Tag>{i.diskFormat}</Tag> },
    { id: "architecture", header: t("architecture"), cell: ({ row: { original: i } }) => i.architecture },
    { id: "minDisk", header: t("minDisk"), cell: ({ row: { original: i } }) => <span className="tabular-nums">{`${i.minDiskGb} GB`}</span> },
    { id: "minRam", header: t("minRam"), cell: ({ row: { original: i } }) => <span className="tabular-nums">{gib(i.minRamMb)}</span> },
    { id: "sizeMb", header: t("size"), cell: ({ row: { original: i } }) => <span className="tabular-nums">{gib(i.sizeMb)}</span> },
    { id: "visibility", header: t("visibility"), cell: ({ row: { original: i } }) => t(`visibilities.${i.visibility}`) },
    { id: "instances", header: t("inUse"), cell: ({ row: { original: i } }) => <span className="tabular-nums">{i.instances}</span> },
    { id: "createdAt", header: t("createdAt"), cell: ({ row: { original: i } }) => <Time at={i.createdAt} relative /> },
    ...(manage ? ([{ id: "actions", header: t("actions"), cell: ({ row: { original: i } }) => <ImageRowActions id={i.id} name={i.name} status={i.status} /> }] satisfies ColumnDef<ImageDto, unknown>[]) : []),
  ];
  return <DataTable data={rows} columns={columns} page={page} sortable={["name", "sizeMb", "instances", "createdAt"]} rowTestId={(i) => `image-${i.name}`} empty={<EmptyState title={filtered ? t("emptyFiltered") : t("empty")} />} />;
}
