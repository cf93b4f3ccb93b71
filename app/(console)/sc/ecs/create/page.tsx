import { randomBytes } from "node:crypto";
import { getTranslations } from "next-intl/server";
import { listAzs, listFlavors, listImages, listRegions } from "@/lib/server/queries/catalog";
import { launchQuota } from "@/lib/server/queries/organizations";
import { listServerGroups } from "@/lib/server/queries/server-groups";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { LaunchWizard } from "@/components/ecs/launch-wizard";
import { pageActor } from "../../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("ecs.create"))("title") };
}

export default async function CreateEcsPage() {
  const actor = await pageActor("sc", "ecs:create");
  const [azs, flavors, images, regions, serverGroups, t, te, tn] = await Promise.all([
    listAzs(),
    listFlavors(actor),
    listImages(actor),
    listRegions(),
    listServerGroups(actor),
    getTranslations("ecs.create"),
    getTranslations("ecs"),
    getTranslations("nav"),
  ]);
  const quota = regions[0] ? await launchQuota(actor, regions[0].id) : null;
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: te("title"), href: "/sc/ecs" }, { label: t("title") }]} />
      <PageHeader title={t("title")} description={t("description")} />
      <LaunchWizard azs={azs} flavors={flavors} images={images.filter((i) => i.status === "active" && (i.visibility === "public" || i.ownerProjectId === actor.defaultProjectId))} region={regions[0]?.name ?? "-"} defaultName={`ecs-${randomBytes(2).toString("hex")}`} quota={quota} serverGroups={serverGroups.filter((g) => g.projectId === actor.defaultProjectId)} />
    </>
  );
}
