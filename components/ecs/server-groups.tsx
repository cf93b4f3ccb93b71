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
import { SimpleTable } from "@/components/ui/simple-table";
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
export function ServerGroupTable({ groups, canDelete }: { groups: ServerGroupDto[]; canDelete: boolean }) {
  const t = useTranslations("ecs.serverGroups");
  if (groups.length === 0) return <EmptyState title={t("empty")} hint={t("emptyHint")} />;
  return (
    <SimpleTable
      rows={groups}
      rowKey={(g) => g.id}
      rowTestId={(g) => `server-group-${g.name}`}
      columns={[
        { header: t("name"), cell: (g) => <span className="font-medium">{g.name}</span> },
        { header: t("policyLabel"), cell: (g) => t(`policy.${g.policy}`) },
        { header: t("project"), cell: (g) => g.project },
        {
          header: t("members"),
          cell: (g) =>
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
        { header: t("createdAt"), cell: (g) => <Time at={g.createdAt} relative /> },
        ...(canDelete ? [{ header: t("actions"), cell: (g: ServerGroupDto) => <DeleteServerGroup group={g} /> }] : []),
      ]}
    />
  );
}
