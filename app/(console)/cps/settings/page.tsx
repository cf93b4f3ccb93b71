import { getTranslations } from "next-intl/server";
import { cloudSettings } from "@/lib/server/queries/settings";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { ClockForm, CloudSettingsForm } from "@/components/settings/cloud-settings-form";
import { pageActor } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("cps.settings") };
}

export default async function CpsSettingsPage() {
  const actor = await pageActor("cps", "settings:view");
  const [data, t, tn] = await Promise.all([cloudSettings(actor), getTranslations("cps.settings"), getTranslations("nav")]);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("cps.title"), href: "/cps" }, { label: tn("cps.settings") }]} />
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-4">
        <CloudSettingsForm initial={data.settings} canEdit={actor.permissions.has("settings:edit")} />
        <ClockForm speed={data.clock.speed} canEdit={actor.permissions.has("clock:edit")} />
      </div>
    </>
  );
}
