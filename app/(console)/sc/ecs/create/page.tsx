import { randomBytes } from "node:crypto";
import { getTranslations } from "next-intl/server";
import { launchWizardData } from "@/lib/server/queries/launch-wizard";
import { launchQuota } from "@/lib/server/queries/organizations";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { LaunchWizard } from "@/components/ecs/launch-wizard";
import { pageActor } from "../../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("ecs.create"))("title") };
}

export default async function CreateEcsPage() {
  const actor = await pageActor("sc", "ecs:create");
  const [data, t, te, tn] = await Promise.all([launchWizardData(actor), getTranslations("ecs.create"), getTranslations("ecs"), getTranslations("nav")]);
  const region = data.regions[0];
  // The disks the wizard creates count against volumes and gigabytes too.
  const quota = region ? await launchQuota(actor, region.id, actor.permissions.has("evs:create") ? ["instances", "cores", "ram_gb", "volumes", "gigabytes"] : undefined) : null;
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: te("title"), href: "/sc/ecs" }, { label: t("title") }]} />
      <PageHeader title={t("title")} description={t("description")} />
      <LaunchWizard data={data} region={region?.name ?? "-"} defaultName={`ecs-${randomBytes(2).toString("hex")}`} quota={quota} />
    </>
  );
}
