"use client";
import type { ColumnDef } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import type { UserDto } from "@/lib/server/queries/organizations";
import { DataTable, type ServerPage } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Dot, Tag } from "@/components/ui/status-badge";
import { Time } from "@/components/ui/time";
import type { RoleChoice } from "./create-user-dialog";
import { UserEditDialog } from "./user-edit-dialog";
import { UserRowActions } from "./user-row-actions";

/** What the caller may change: nothing for the auditor (the operation column is left out). */
export interface UserManagement {
  selfId: string;
  roles: RoleChoice[];
  vdcs: { id: string; name: string }[];
  projects: { id: string; name: string; vdc: string }[];
}

export function UserTable({ rows, page, manage, filtered }: { rows: UserDto[]; page: ServerPage; manage: UserManagement | null; filtered: boolean }) {
  const t = useTranslations("users");
  const tr = useTranslations("roles");
  const columns: ColumnDef<UserDto, unknown>[] = [
    { id: "username", header: t("fields.username"), cell: ({ row: { original: u } }) => <div><div className="font-medium">{u.username}</div><div className="text-xs text-slate-500">{u.displayName}</div></div> },
    { id: "vdc", header: t("fields.vdc"), cell: ({ row: { original: u } }) => u.vdc ?? t("global") },
    { id: "roles", header: t("fields.role"), cell: ({ row: { original: u } }) => <div className="flex flex-wrap gap-1">{u.roles.map((r) => <Tag key={r.id}>{`${tr(r.role)}${r.scope ? ` · ${r.scope}` : ""}`}</Tag>)}</div> },
    { id: "state", header: t("state"), cell: ({ row: { original: u } }) => (u.disabled ? <Dot tone="grey">{t("disabled")}</Dot> : u.locked ? <Dot tone="amber">{t("locked")}</Dot> : <Dot tone="green">{t("enabled")}</Dot>) },
    { id: "lastLoginAt", header: t("lastLogin"), cell: ({ row: { original: u } }) => <Time at={u.lastLoginAt} relative clock="wall" /> },
    ...(manage
      ? ([
          {
            id: "actions",
            header: t("actions"),
            cell: ({ row: { original: u } }) =>
              u.id === manage.selfId ? null : (
                <div className="flex items-center">
                  <UserEditDialog user={u} roles={manage.roles} vdcs={manage.vdcs} projects={manage.projects} />
                  <UserRowActions id={u.id} username={u.username} disabled={u.disabled} />
                </div>
              ),
          },
        ] satisfies ColumnDef<UserDto, unknown>[])
      : []),
  ];
  return (
    <DataTable
      data={rows}
      columns={columns}
      page={page}
      sortable={["username", "vdc", "lastLoginAt"]}
      rowTestId={(u) => `user-row-${u.username}`}
      empty={<EmptyState title={filtered ? t("emptyFiltered") : t("empty")} hint={filtered ? t("emptyFilteredHint") : undefined} />}
    />
  );
}
