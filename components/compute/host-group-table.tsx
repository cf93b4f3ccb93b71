"use client";
import type { ColumnDef } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import type { HostGroupDto } from "@/lib/server/queries/catalog";
import { DataTable, type ServerPage } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { SpecTags } from "@/components/ui/spec-tags";
import { DeleteHostGroupButton, HostGroupDialog } from "./host-group-dialog";

type Azs = { id: string; name: string }[];

/** Host groups (Nova aggregates); `manage` (AZs and their hosts) adds edit and delete. */
export function HostGroupTable({ rows, page, manage, filtered }: { rows: HostGroupDto[]; page: ServerPage; manage: { azs: Azs; hostsByAz: Record<string, { id: string; name: string }[]> } | null; filtered: boolean }) {
  const t = useTranslations("hostGroups");
  const columns: ColumnDef<HostGroupDto, unknown>[] = [
    { id: "name", header: t("name"), cell: ({ row: { original: g } }) => <span className="font-medium">{g.name}</span> },
    { id: "az", header: t("az"), cell: ({ row: { original: g } }) => g.az },
    { id: "metadata", header: t("metadata"), cell: ({ row: { original: g } }) => <SpecTags specs={g.metadata} /> },
    { id: "hosts", header: t("hostsCol"), cell: ({ row: { original: g } }) => <span title={g.hosts.join(", ")}>{t("hostCount", { count: g.hosts.length })}</span> },
    ...(manage
      ? ([
          {
            id: "actions",
            header: t("actions"),
            cell: ({ row: { original: g } }) => (
              <span className="flex">
                <HostGroupDialog group={g} azs={manage.azs} hostsByAz={manage.hostsByAz} />
                <DeleteHostGroupButton id={g.id} name={g.name} />
              </span>
            ),
          },
        ] satisfies ColumnDef<HostGroupDto, unknown>[])
      : []),
  ];
  return <DataTable data={rows} columns={columns} page={page} sortable={["name", "az", "hosts"]} rowTestId={(g) => `host-group-${g.name}`} empty={<EmptyState title={filtered ? t("emptyFiltered") : t("empty")} hint={filtered ? undefined : t("emptyHint")} />} />;
}
