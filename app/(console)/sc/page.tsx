import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Plus } from "lucide-react";
import { instanceCounts } from "@/lib/server/queries/instances";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { Card, Stat } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { pageActor } from "../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("sc.overview") };
}

export default async function ScOverview() {
  const actor = await pageActor("sc", "portal:sc");
  const [t, tn] = await Promise.all([getTranslations("sc"), getTranslations("nav")]);
  const counts = actor.permissions.has("ecs:view") ? await instanceCounts(actor) : {};
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview") }]} />
      <PageHeader title={t("title", { name: actor.displayName })} description={t("description")} />
      <div className="mb-4 grid grid-cols-2 gap-3 lg:grid-cols-5">
        <Stat label={t("stats.total")} value={total} />
        <Stat label={t("stats.active")} value={counts.active ?? 0} />
        <Stat label={t("stats.stopped")} value={counts.stopped ?? 0} />
        <Stat label={t("stats.building")} value={counts.building ?? 0} />
        <Stat label={t("stats.error")} value={counts.error ?? 0} />
      </div>
      <Card title={t("services")}>
        <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
          <div className="rounded-sm border border-slate-200 p-4">
            <div className="font-medium">{t("ecs.name")}</div>
            <p className="mt-1 text-xs text-slate-500">{t("ecs.description")}</p>
            <div className="mt-3 flex gap-2">
              <Link href="/sc/ecs" className={buttonClass({ size: "sm" })}>
                {t("ecs.manage")}
              </Link>
              {actor.permissions.has("ecs:create") ? (
                <Link href="/sc/ecs/create" className={buttonClass({ size: "sm", variant: "primary" })}>
                  <Plus className="h-3.5 w-3.5" /> {t("ecs.buy")}
                </Link>
              ) : null}
            </div>
          </div>
        </div>
      </Card>
    </>
  );
}
