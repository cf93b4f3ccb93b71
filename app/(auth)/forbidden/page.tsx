import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ErrorState } from "@/components/ui/empty-state";

export default async function Forbidden({ searchParams }: { searchParams: Promise<{ need?: string }> }) {
  const t = await getTranslations("errors");
  const { need } = await searchParams;
  return (
    <div className="p-10">
      <ErrorState
        title={t("FORBIDDEN")}
        hint={t("forbiddenHint", { permission: need ?? "-" })}
        action={<Link className="text-brand-600 hover:underline" href="/">{t("goHome")}</Link>}
      />
    </div>
  );
}
