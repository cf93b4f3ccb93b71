"use client";
import { useTranslations } from "next-intl";
import { ErrorState } from "@/components/ui/empty-state";
import { Button } from "@/components/ui/button";

export function PageError({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations("errors");
  return <ErrorState title={t("pageFailed")} hint={t("pageFailedHint")} action={<Button onClick={reset}>{t("retry")}</Button>} />;
}
