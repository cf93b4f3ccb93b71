"use client";
import { Languages } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setLocaleAction } from "@/lib/server/actions/session";

export function LanguageSwitch() {
  const locale = useLocale();
  const t = useTranslations("topbar");
  const router = useRouter();
  const [pending, start] = useTransition();
  const next = locale === "zh-CN" ? "en" : "zh-CN";
  return (
    <button
      type="button"
      disabled={pending}
      className="flex h-8 items-center gap-1 rounded-sm px-2 text-xs text-slate-200 hover:bg-topbar-hover"
      onClick={() =>
        start(async () => {
          await setLocaleAction(next);
          router.refresh();
        })
      }
      aria-label={t("switchLanguage")}
    >
      <Languages className="h-4 w-4" aria-hidden />
      {next === "zh-CN" ? "中文" : "English"}
    </button>
  );
}
