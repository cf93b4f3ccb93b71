"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { loginAction, type LoginState } from "@/lib/server/actions/session";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/empty-state";

export function LoginForm({ next }: { next: string }) {
  const t = useTranslations("login");
  const [state, action, pending] = useActionState<LoginState, FormData>(loginAction, { error: null, username: "", attempt: 0 });
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next} />
      <div>
        <label htmlFor="username" className="mb-1 block text-xs text-slate-600">
          {t("username")}
        </label>
        <input id="username" name="username" defaultValue={state.username} key={state.attempt} autoComplete="username" required className="h-9 w-full rounded-sm border border-slate-300 px-2.5 outline-none focus:border-brand-500" />
      </div>
      <div>
        <label htmlFor="password" className="mb-1 block text-xs text-slate-600">
          {t("password")}
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className="h-9 w-full rounded-sm border border-slate-300 px-2.5 outline-none focus:border-brand-500" />
      </div>
      {state.error ? <div data-testid="login-error"><Alert>{state.error}</Alert></div> : null}
      <Button type="submit" variant="primary" className="h-9 w-full" disabled={pending}>
        {pending ? t("signingIn") : t("signIn")}
      </Button>
    </form>
  );
}
