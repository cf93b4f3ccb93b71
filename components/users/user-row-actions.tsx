"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { updateUserAction } from "@/lib/server/actions/organizations";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/empty-state";
import { useServerAction } from "@/components/ui/use-server-action";
import { useFeedback } from "@/components/ui/feedback";

/** Disable or enable a user, or reset their password (which also lifts a lockout). */
export function UserRowActions({ id, username, disabled }: { id: string; username: string; disabled: boolean }) {
  const t = useTranslations("users");
  const [resetting, setResetting] = useState(false);
  const [password, setPassword] = useState("");
  const { run, pending, error, reset } = useServerAction();
  const done = useFeedback();
  const tf = useTranslations("feedback");
  return (
    <div className="flex items-center gap-1">
      <Button size="sm" variant="link" disabled={pending} onClick={() => run(() => updateUserAction({ id, patch: { disabled: !disabled } }), undefined, { success: done(disabled ? "enabled" : "disabled", "user", username) })} aria-label={t(disabled ? "enableUser" : "disableUser", { username })}>
        {t(disabled ? "enable" : "disable")}
      </Button>
      <Button size="sm" variant="link" onClick={() => (reset(), setPassword(""), setResetting(true))} aria-label={t("resetFor", { username })}>
        {t("resetPassword")}
      </Button>
      {error && !resetting ? <span className="text-xs text-red-600">{error}</span> : null}
      <Dialog
        open={resetting}
        onOpenChange={setResetting}
        title={t("resetFor", { username })}
        description={t("passwordPolicy")}
        footer={
          <>
            <Button onClick={() => setResetting(false)}>{t("cancel")}</Button>
            <Button variant="primary" disabled={pending} onClick={() => run(() => updateUserAction({ id, patch: { password } }), () => setResetting(false), { success: tf("passwordReset", { name: username }) })}>
              {t("resetPassword")}
            </Button>
          </>
        }
      >
        <label className="block">
          <span className="mb-1 block text-xs text-slate-600">{t("fields.password")}</span>
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} className="h-8 w-full rounded-sm border border-slate-300 px-2" aria-label={t("newPassword")} autoComplete="new-password" />
        </label>
        {error ? <Alert>{error}</Alert> : null}
      </Dialog>
    </div>
  );
}
