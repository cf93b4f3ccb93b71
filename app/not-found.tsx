import Link from "next/link";
import { useTranslations } from "next-intl";
import { ErrorState } from "@/components/ui/empty-state";

export default function NotFound() {
  const t = useTranslations("errors");
  return (
    <div className="p-10">
      <ErrorState title={t("notFoundTitle")} hint={t("notFoundHint")} action={<Link className="text-brand-600 hover:underline" href="/">{t("goHome")}</Link>} />
    </div>
  );
}
