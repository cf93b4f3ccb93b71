"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { UserDto } from "@/lib/server/queries/organizations";
import { assignRoleAction, removeRoleAction, updateUserAction } from "@/lib/server/actions/organizations";
import { TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/empty-state";
import { useServerAction } from "@/components/ui/use-server-action";
import type { RoleChoice } from "./create-user-dialog";
import { useFeedback } from "@/components/ui/feedback";

/** Edit a user's name and email, and the roles they hold on VDCs and projects. */
export function UserEditDialog({ user, roles, vdcs, projects }: { user: UserDto; roles: RoleChoice[]; vdcs: { id: string; name: string }[]; projects: { id: string; name: string; vdc: string }[] }) {
  const t = useTranslations("users");
  const tr = useTranslations("roles");
  const [open, setOpen] = useState(false);
  const [displayName, setDisplayName] = useState(user.displayName);
  const [email, setEmail] = useState(user.email);
  const [role, setRole] = useState(roles[0]?.role ?? "tenant_user");
  const [scope, setScope] = useState(vdcs[0] ? `vdc:${vdcs[0].id}` : "");
  const { run, pending, error, reset } = useServerAction();
  const done = useFeedback();
  const tf = useTranslations("feedback");
  // Offer only the scopes the role table allows for the chosen role.
  const scopes = roles.find((r) => r.role === role)?.scopes ?? [];
  const global = scopes.includes("global");
  return (
    <>
      <Button size="sm" variant="link" onClick={() => (reset(), setOpen(true))} aria-label={t("editFor", { username: user.username })}>
        {t("edit")}
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={t("editFor", { username: user.username })}>
        <div className="grid grid-cols-2 gap-2">
          <TextField label={t("fields.displayName")} value={displayName} onChange={setDisplayName} />
          <TextField label={t("fields.email")} value={email} onChange={setEmail} />
        </div>
        <Button size="sm" variant="primary" disabled={pending} onClick={() => run(() => updateUserAction({ id: user.id, patch: { displayName, email } }), undefined, { success: done("saved", "user", user.username) })}>
          {t("saveProfile")}
        </Button>
        <div className="border-t border-slate-100 pt-3">
          <div className="mb-2 text-xs font-semibold text-slate-700">{t("rolesTitle")}</div>
          <ul className="mb-3 space-y-1">
            {user.roles.map((r) => (
              <li key={r.id} className="flex items-center justify-between text-[13px]">
                <span>
                  {tr(r.role)} <span className="text-xs text-slate-500">{r.scope ?? t("global")}</span>
                </span>
                <Button size="sm" variant="link" disabled={pending} onClick={() => run(() => removeRoleAction({ userId: user.id, assignmentId: r.id }), undefined, { success: tf("roleRemoved", { role: tr(r.role), name: user.username }) })} aria-label={t("removeRole", { role: tr(r.role) })}>
                  {t("remove")}
                </Button>
              </li>
            ))}
          </ul>
          <div className="flex flex-wrap items-end gap-2">
            <select value={role} onChange={(e) => (setRole(e.target.value), setScope(vdcs[0] ? `vdc:${vdcs[0].id}` : ""))} className="h-8 rounded-sm border border-slate-300 px-2" aria-label={t("fields.role")}>
              {roles.map(({ role: r }) => (
                <option key={r} value={r}>
                  {tr(r)}
                </option>
              ))}
            </select>
            {!global ? (
              <select value={scope} onChange={(e) => setScope(e.target.value)} className="h-8 max-w-56 rounded-sm border border-slate-300 px-2" aria-label={t("scope")}>
                {scopes.includes("vdc") ? (
                <optgroup label={t("vdcs")}>
                  {vdcs.map((v) => (
                    <option key={v.id} value={`vdc:${v.id}`}>
                      {v.name}
                    </option>
                  ))}
                </optgroup>
                ) : null}
                {scopes.includes("project") ? (
                <optgroup label={t("projects")}>
                  {projects.map((p) => (
                    <option key={p.id} value={`project:${p.id}`}>
                      {`${p.name} (${p.vdc})`}
                    </option>
                  ))}
                </optgroup>
                ) : null}
              </select>
            ) : null}
            <Button
              size="sm"
              disabled={pending}
              onClick={() => {
                const [kind, id] = scope.split(":");
                run(() => assignRoleAction({ userId: user.id, role, vdcId: !global && kind === "vdc" ? (id ?? null) : null, projectId: !global && kind === "project" ? (id ?? null) : null }), undefined, {
                  success: tf("roleAssigned", { role: tr(role), name: user.username }),
                });
              }}
            >
              {t("addRole")}
            </Button>
          </div>
        </div>
        {error ? <Alert>{error}</Alert> : null}
      </Dialog>
    </>
  );
}
