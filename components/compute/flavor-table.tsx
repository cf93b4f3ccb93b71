"use client";
import type { ColumnDef } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import type { FlavorDto } from "@/lib/server/queries/catalog";
import { gib } from "@/lib/client/format";
import { DataTable, type ServerPage } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { SpecTags } from "@/components/ui/spec-tags";
import { DeleteFlavorButton, FlavorDialog } from "./flavor-dialog";

/** Flavors; `vdcs` (a manager's) adds edit and delete. */
export function FlavorTable({ rows, page, vdcs, filtered }: { rows: FlavorDto[]; page: ServerPage; vdcs: { id: string; name: string }[] | null; filtered: boolean }) {
  const t = useTranslations("flavors");
  const columns: ColumnDef<FlavorDto, unknown>[] = [
    { id: "name", header: t("name"), cell: ({ row: { original: f } }) => <span className="font-medium">{f.name}</span> },
    { id: "category", header: t("category"), cell: ({ row: { original: f } }) => t(`categories.${f.category}`) },
    { id: "vcpus", header: "vCPU", cell: ({ row: { original: f } }) => <span className="tabular-nums">{f.vcpus}</span> },
    { id: "ramMb", header: t("ram"), cell: ({ row: { original: f } }) => <span className="tabular-nums">{gib(f.ramMb)}</span> },
    { id: "diskGb", header: t("disk"), cell: ({ row: { original: f } }) => <span className="tabular-nums">{`${f.diskGb} GB`}</span> },
    { id: "ephemeralSwap", header: t("ephemeralSwap"), cell: ({ row: { original: f } }) => <span className="tabular-nums">{f.ephemeralGb || f.swapMb ? `${f.ephemeralGb} GB / ${f.swapMb} MB` : "-"}</span> },
    { id: "visibility", header: t("visibility"), cell: ({ row: { original: f } }) => t(f.isPublic ? "public" : "private") },
    { id: "extraSpecs", header: t("extraSpecs"), cell: ({ row: { original: f } }) => <SpecTags specs={f.extraSpecs} /> },
    { id: "instances", header: t("inUse"), cell: ({ row: { original: f } }) => <span className="tabular-nums">{f.instances}</span> },
    ...(vdcs
      ? ([
          {
            id: "actions",
            header: t("actions"),
            cell: ({ row: { original: f } }) => (
              <span className="flex">
                <FlavorDialog flavor={f} vdcs={vdcs} />
                <DeleteFlavorButton id={f.id} name={f.name} instances={f.instances} />
              </span>
            ),
          },
        ] satisfies ColumnDef<FlavorDto, unknown>[])
      : []),
  ];
  return <DataTable data={rows} columns={columns} page={page} sortable={["name", "vcpus", "ramMb", "diskGb", "instances"]} rowTestId={(f) => `flavor-${f.name}`} empty={<EmptyState title={filtered ? t("emptyFiltered") : t("empty")} />} />;
}
