import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Cloud } from "lucide-react";
import { currentActor } from "@/lib/server/auth/session";
import { LoginForm } from "@/components/auth/login-form";
import { LanguageSwitch } from "@/components/layout/language-switch";

export async function generateMetadata() {
  const t = await getTranslations("login");
  return { title: t("title") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await currentActor()) redirect("/");
  const t = await getTranslations("login");
  const { callbackUrl } = await searchParams;
  // Keep only the path: after sign-in the user returns to this site, never to another.
  let next = "/";
  if (callbackUrl) {
    try {
      const u = new URL(callbackUrl, "http://local");
      next = u.pathname + u.search;
    } catch {
      next = "/";
    }
  }
  return (
    <div className="flex min-h-full bg-topbar">
      <div className="hidden flex-1 flex-col justify-between p-10 text-white lg:flex">
        <div className="flex items-center gap-2 text-lg font-semibold">
          <Cloud className="h-6 w-6 text-brand-500" aria-hidden /> {t("product")}
        </div>
        <div>
          <h1 className="text-3xl font-semibold">{t("headline")}</h1>
          <p className="mt-3 max-w-lg text-sm text-slate-300">{t("tagline")}</p>
        </div>
        <div className="text-xs text-slate-500">{t("footer")}</div>
      </div>
      <div className="flex w-full items-center justify-center bg-canvas p-6 lg:w-[460px]">
        <div className="w-full max-w-sm rounded-sm border border-slate-200 bg-white p-7 shadow-sm">
          <div className="mb-5 flex items-center justify-between">
            <h2 className="text-lg font-semibold text-slate-900">{t("title")}</h2>
            <div className="rounded-sm bg-topbar">
              <LanguageSwitch />
            </div>
          </div>
          <LoginForm next={next} />
          <p className="mt-4 text-xs text-slate-500">{t("demoHint")}</p>
        </div>
      </div>
    </div>
  );
}
