"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { SERVER_GROUP_POLICIES, type ServerGroupPolicy } from "@/lib/cloud/compute/scheduler";
import type { ServerGroupDto } from "@/lib/server/queries/server-groups";
import { createServerGroupAction, deleteServerGroupAction } from "@/lib/server/actions/instances";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { TextField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable, type ServerPage } from "@/components/ui/data-table";
import { useServerAction } from "@/components/ui/use-server-action";
import { Time } from "@/components/ui/time";
import { useFeedback } from "@/components/ui/feedback";

export function CreateServerGroupDialog() {
  const t = useTranslations("ecs.serverGroups");
  const [name, setName] = useState("");
  const [policy, setPolicy] = useState<ServerGroupPolicy>("anti-affinity");
  const { run, pending, error, fields, reset } = useServerAction();
  const done = useFeedback();
  return (
    <FormDialog
      trigger={{ kind: "create", label: t("create") }}
      title={t("create")}
      description={t("createHint")}
      submitLabel={t("save")}
      cancelLabel={t("cancel")}
      pending={pending}
      error={error}
      onOpen={() => (reset(), setName(""))}
      onSubmit={(close) => run(() => createServerGroupAction({ name, policy }), close, { success: done("created", "serverGroup", name) })}
    >
      <TextField label={t("name")} value={name} onChange={setName} error={fields.name} />
      <fieldset>
        <legend className="mb-1 text-xs text-slate-600">{t("policyLabel")}</legend>
        {SERVER_GROUP_POLICIES.map((p) => (
          <label key={p} className="flex items-start gap-2 py-1">
            <input type="radio" name="policy" checked={policy === p} onChange={() => setPolicy(p)} className="mt-0.5" />
            <span>
              <span className="font-medium">{t(`policy.${p}`)}</span>
              <span className="block text-xs text-slate-500">{t(`policyHint.${p}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
    </FormDialog>
  );
}

function DeleteServerGroup({ group }: { group: ServerGroupDto }) {
  const t = useTranslations("ecs.serverGroups");
  const done = useFeedback();
  return (
    <ConfirmButton
      look="link"
      label={t("delete")}
      ariaLabel={t("deleteFor", { name: group.name })}
      title={t("deleteFor", { name: group.name })}
      description={group.members.length ? t("deleteWithMembers", { n: group.members.length }) : t("deleteEmpty")}
      cancelLabel={t("cancel")}
      confirmLabel={t("delete")}
      action={() => deleteServerGroupAction({ id: group.id })}
      success={done("deleted", "serverGroup", group.name)}
    />
  );
}

/** The project's server groups: policy, members and (for operators) the hosts they run on. */
export function ServerGroupTable({ groups, page, canDelete, filtered }: { groups: ServerGroupDto[]; page: ServerPage; canDelete: boolean; filtered: boolean }) {
  const t = useTranslations("ecs.serverGroups");
  const columns: ColumnDef<ServerGroupDto, unknown>[] = [
    { id: "name", header: t("name"), cell: ({ row: { original: g } }) => <span className="font-medium">{g.name}</span> },
    { id: "policy", header: t("policyLabel"), cell: ({ row: { original: g } }) => t(`policy.${g.policy}`) },
    { id: "project", header: t("project"), cell: ({ row: { original: g } }) => g.project },
    {
      id: "members",
      header: t("members"),
      cell: ({ row: { original: g } }) =>
        g.members.length === 0 ? (
          <span className="text-slate-400">-</span>
        ) : (
          <ul>
            {g.members.map((m) => (
              <li key={m.id}>
                {m.name}
                {m.host ? <span className="text-slate-500"> · {m.host}</span> : null}
              </li>
            ))}
          </ul>
        ),
    },
    { id: "createdAt", header: t("createdAt"), cell: ({ row: { original: g } }) => <Time at={g.createdAt} relative /> },
    ...(canDelete ? ([{ id: "actions", header: t("actions"), cell: ({ row: { original: g } }) => <DeleteServerGroup group={g} /> }] satisfies ColumnDef<ServerGroupDto, unknown>[]) : []),
  ];
  return (
    <DataTable
      data={groups}
      columns={columns}
      page={page}
      sortable={["name", "policy", "createdAt"]}
      rowTestId={(g) => `server-group-${g.name}`}
      empty={<EmptyState title={filtered ? t("emptyFiltered") : t("empty")} hint={filtered ? undefined : t("emptyHint")} />}
    />
  );
}
