"use server";
import { cookies } from "next/headers";
import { AuthError, CredentialsSignin } from "next-auth";
import { getTranslations } from "next-intl/server";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n/locales";
import { loginInput } from "@/lib/schemas/auth";
import { LOCK_MINUTES } from "@/lib/cloud/identity";
import { signIn, signOut } from "../auth";

export interface LoginState {
  error: string | null;
  /** Kept so a failed attempt does not make the user type their name again. */
  username: string;
  attempt: number;
}

/** Public by nature (it is how one becomes authenticated); validates and rate-limits by lockout. */
export async function loginAction(prev: LoginState, form: FormData): Promise<LoginState> {
  const t = await getTranslations("login");
  const parsed = loginInput.safeParse({ username: form.get("username"), password: form.get("password") });
  const fail = (error: string): LoginState => ({ error, username: String(form.get("username") ?? "").slice(0, 64), attempt: prev.attempt + 1 });
  if (!parsed.success) return fail(t("errors.missing"));
  const next = String(form.get("next") ?? "/");
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: next.startsWith("/") && !next.startsWith("//") ? next : "/" });
    return { error: null, username: parsed.data.username, attempt: prev.attempt + 1 };
  } catch (err) {
    if (err instanceof CredentialsSignin) {
      if (err.code === "account_locked") return fail(t("errors.locked", { minutes: LOCK_MINUTES }));
      if (err.code === "account_disabled") return fail(t("errors.disabled"));
      if (err.code === "rate_limited") return fail(t("errors.rateLimited"));
      return fail(t("errors.invalid"));
    }
    if (err instanceof AuthError) return fail(t("errors.generic"));
    throw err; // NEXT_REDIRECT on success
  }
}

/**
 * Signing out needs no permission beyond being the session's owner, which the cookie proves.
 * The session is revoked on the server by Auth.js's signOut event (lib/server/auth), the same
 * path as its own POST /api/auth/signout.
 */
export async function logoutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}

/** The language switch; a preference cookie, no data, so any visitor may set it. */
export async function setLocaleAction(locale: string): Promise<void> {
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 86400, sameSite: "lax" });
}
