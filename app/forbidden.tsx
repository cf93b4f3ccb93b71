import Link from "next/link";
import { useTranslations } from "next-intl";
import { ErrorState } from "@/components/ui/empty-state";

/** What forbidden() renders, with status 403: a page the caller's roles do not open. */
export default function Forbidden() {
  const t = useTranslations("errors");
  return (
    <div className="p-10" data-testid="forbidden">
      <ErrorState title={t("FORBIDDEN")} hint={t("forbiddenPageHint")} action={<Link className="text-brand-600 hover:underline" href="/">{t("goHome")}</Link>} />
    </div>
  );
}
