"use client";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ProcessDto } from "@/lib/server/queries/catalog-admin";
import { DataTable, type ServerPage } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Dot } from "@/components/ui/status-badge";
import { Time } from "@/components/ui/time";
import { useSeedText } from "@/components/ui/seed-text";

export function ProcessTable({ rows, page, filtered }: { rows: ProcessDto[]; page: ServerPage; filtered: boolean }) {
  const t = useTranslations("processes");
  const seed = useSeedText();
  const columns: ColumnDef<ProcessDto, unknown>[] = [
    {
      id: "name",
      header: t("name"),
      cell: ({ row: { original: p } }) => (
        <Link href={`/sc/processes/${p.id}`} className="font-medium text-brand-600 hover:underline">
          {seed(p.name)}
        </Link>
      ),
    },
    { id: "owner", header: t("owner"), cell: ({ row: { original: p } }) => p.owner?.name ?? t("global") },
    { id: "levels", header: t("levels"), cell: ({ row: { original: p } }) => p.latest.levels.map((l) => seed(l.name)).join(" → ") },
    {
      id: "version",
      header: t("version"),
      cell: ({ row: { original: p } }) => (
        <span className="flex flex-col">
          <span>{p.publishedVersion ? t("publishedVersion", { v: p.publishedVersion }) : t("neverPublished")}</span>
          {p.draft ? <Dot tone="amber">{t("draftVersion", { v: p.latest.version })}</Dot> : null}
        </span>
      ),
    },
    { id: "boundBy", header: t("boundBy"), cell: ({ row: { original: p } }) => (p.boundBy.length ? p.boundBy.join(", ") : "-") },
    { id: "orders", header: t("ordersCol"), cell: ({ row: { original: p } }) => <span className="tabular-nums">{p.versions.reduce((n, v) => n + v.orders, 0)}</span> },
    { id: "createdAt", header: t("createdAt"), cell: ({ row: { original: p } }) => <Time at={p.createdAt} relative /> },
  ];
  return <DataTable data={rows} columns={columns} page={page} sortable={["name", "orders", "createdAt"]} rowTestId={(p) => `process-row-${p.name}`} empty={<EmptyState title={filtered ? t("emptyFiltered") : t("empty")} />} />;
}
