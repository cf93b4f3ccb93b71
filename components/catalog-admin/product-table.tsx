"use client";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { AdminProductDto } from "@/lib/server/queries/catalog-admin";
import { DataTable, type ServerPage } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Dot } from "@/components/ui/status-badge";
import { Time } from "@/components/ui/time";
import type { ProductChoices } from "./product-dialog";
import { ProductDialog } from "./product-dialog";
import { PublishToggle } from "./product-actions";
import { ProductIcon } from "./product-icon";
import { useSeedText } from "@/components/ui/seed-text";

/** The catalog's products; `choices` (the manager's) adds the edit and publish controls. */
export function ProductTable({ rows, page, vdcNames, choices, filtered }: { rows: AdminProductDto[]; page: ServerPage; vdcNames: Record<string, string>; choices: ProductChoices | null; filtered: boolean }) {
  const t = useTranslations("products");
  const seed = useSeedText();
  const columns: ColumnDef<AdminProductDto, unknown>[] = [
    {
      id: "name",
      header: t("name"),
      cell: ({ row: { original: p } }) => (
        <Link href={`/sc/products/${p.id}`} className="flex items-center gap-2 font-medium text-brand-600 hover:underline">
          <ProductIcon icon={p.icon} className="h-4 w-4 text-slate-500" />
          {seed(p.name)}
        </Link>
      ),
    },
    { id: "category", header: t("category"), cell: ({ row: { original: p } }) => `${t(`categories.${p.category}`)} · ${t(`serviceTypes.${p.serviceType}`)}` },
    { id: "where", header: t("where"), cell: ({ row: { original: p } }) => (p.azId ? t("azLocked", { az: p.azId }) : p.offeredAzIds.length ? p.offeredAzIds.join(", ") : p.regionId ? t("regionLocked", { region: p.regionId }) : t("anywhere")) },
    { id: "approval", header: t("approval"), cell: ({ row: { original: p } }) => (p.needsApproval ? seed(p.process ?? "-") : t("noApproval")) + (p.overrides.length ? ` ${t("overrideCount", { n: p.overrides.length })}` : "") },
    { id: "visibleTo", header: t("visibleTo"), cell: ({ row: { original: p } }) => (p.visibleVdcIds.length ? p.visibleVdcIds.map((v) => vdcNames[v] ?? v).join(", ") : t("allVdcs")) },
    { id: "orders", header: t("ordersCol"), cell: ({ row: { original: p } }) => <span className="tabular-nums">{p.orders}</span> },
    { id: "status", header: t("status"), cell: ({ row: { original: p } }) => <Dot tone={p.published ? "green" : "grey"}>{t(p.published ? "published" : "unpublished")}</Dot> },
    { id: "createdAt", header: t("createdAt"), cell: ({ row: { original: p } }) => <Time at={p.createdAt} relative /> },
    ...(choices
      ? ([
          {
            id: "actions",
            header: t("actions"),
            cell: ({ row: { original: p } }) => (
              <span className="flex">
                <ProductDialog product={p} choices={choices} />
                <PublishToggle id={p.id} name={p.name} published={p.published} />
              </span>
            ),
          },
        ] satisfies ColumnDef<AdminProductDto, unknown>[])
      : []),
  ];
  return (
    <DataTable
      data={rows}
      columns={columns}
      page={page}
      sortable={["name", "category", "orders", "createdAt"]}
      rowTestId={(p) => `product-row-${p.id}`}
      empty={<EmptyState title={filtered ? t("emptyFiltered") : t("empty")} hint={filtered ? undefined : choices ? t("emptyHint") : undefined} />}
    />
  );
}
