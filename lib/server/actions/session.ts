"use server";
import { cookies } from "next/headers";
import { AuthError, CredentialsSignin } from "next-auth";
import { getTranslations } from "next-intl/server";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n/locales";
import { loginInput } from "@/lib/schemas/auth";
import { signIn, signOut, LOCK_MINUTES } from "../auth";

export interface LoginState {
  error: string | null;
}

/** Public by nature (it is how one becomes authenticated); validates and rate-limits by lockout. */
export async function loginAction(_prev: LoginState, form: FormData): Promise<LoginState> {
  const t = await getTranslations("login");
  const parsed = loginInput.safeParse({ username: form.get("username"), password: form.get("password") });
  if (!parsed.success) return { error: t("errors.missing") };
  const next = String(form.get("next") ?? "/");
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: next.startsWith("/") && !next.startsWith("//") ? next : "/" });
    return { error: null };
  } catch (err) {
    if (err instanceof CredentialsSignin) {
      if (err.code === "account_locked") return { error: t("errors.locked", { minutes: LOCK_MINUTES }) };
      if (err.code === "account_disabled") return { error: t("errors.disabled") };
      return { error: t("errors.invalid") };
    }
    if (err instanceof AuthError) return { error: t("errors.generic") };
    throw err; // NEXT_REDIRECT on success
  }
}

/** Signing out needs no permission beyond being the session's owner, which the cookie proves. */
export async function logoutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}

/** The language switch; a preference cookie, no data, so any visitor may set it. */
export async function setLocaleAction(locale: string): Promise<void> {
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 86400, sameSite: "lax" });
}
