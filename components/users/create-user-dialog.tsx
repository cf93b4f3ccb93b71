"use client";
import { UserPlus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { createUserAction } from "@/lib/server/actions/organizations";
import { TextField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { useServerAction } from "@/components/ui/use-server-action";
import { useFeedback } from "@/components/ui/feedback";

/** A role the caller may grant, and the scopes it may be held at ("global", "vdc", "project"). */
export interface RoleChoice {
  role: string;
  scopes: readonly string[];
}

/** Create a user in a VDC the caller manages (or a global one, for an operation admin). */
export function CreateUserDialog({ vdcs, roles, fixedVdcId }: { vdcs: { id: string; name: string }[]; roles: RoleChoice[]; fixedVdcId?: string }) {
  const t = useTranslations("users");
  const tr = useTranslations("roles");
  const [form, setForm] = useState({ username: "", displayName: "", email: "", password: "", role: roles[0]?.role ?? "tenant_user", vdcId: fixedVdcId ?? vdcs[0]?.id ?? "" });
  const { run, pending, error, fields, reset } = useServerAction();
  const done = useFeedback();
  const tf = useTranslations("feedback");
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  // A role held only globally is created without a VDC (the role table decides, on the server).
  const global = roles.find((r) => r.role === form.role)?.scopes.includes("global") ?? false;
  const input = (k: "username" | "displayName" | "email" | "password", type = "text") => (
    <TextField type={type} label={t(`fields.${k}`)} value={form[k]} onChange={(v) => setForm((f) => ({ ...f, [k]: v }))} error={fields[k]} autoComplete="off" />
  );
  return (
    <FormDialog
      trigger={{ kind: "create", label: t("create"), icon: <UserPlus className="h-4 w-4" /> }}
      title={t("create")}
      description={t("passwordPolicy")}
      submitLabel={t("createButton")}
      cancelLabel={t("cancel")}
      pending={pending}
      error={error}
      onOpen={reset}
      onSubmit={(close) =>
        run(() => createUserAction({ ...form, vdcId: global ? null : form.vdcId || null }), () => (close(), setForm((f) => ({ ...f, username: "", displayName: "", email: "", password: "" }))), {
          success: done("created", "user", form.username),
          link: { href: `/sc/users?q=${encodeURIComponent(form.username)}`, label: tf("open", { name: form.username }) },
        })
      }
    >
        {input("username")}
        {input("displayName")}
        {input("email", "email")}
        {input("password", "password")}
        <label className="block">
          <span className="mb-1 block text-xs text-slate-600">{t("fields.role")}</span>
          <select value={form.role} onChange={set("role")} className="h-8 w-full rounded-sm border border-slate-300 px-2" aria-label={t("fields.role")}>
            {roles.map(({ role }) => (
              <option key={role} value={role}>
                {tr(role)}
              </option>
            ))}
          </select>
        </label>
        {!global && !fixedVdcId ? (
          <label className="block">
            <span className="mb-1 block text-xs text-slate-600">{t("fields.vdc")}</span>
            <select value={form.vdcId} onChange={set("vdcId")} className="h-8 w-full rounded-sm border border-slate-300 px-2" aria-label={t("fields.vdc")}>
              {vdcs.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
    </FormDialog>
  );
}
