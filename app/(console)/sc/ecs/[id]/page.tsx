import { getTranslations } from "next-intl/server";
import { getInstance } from "@/lib/server/queries/instances";
import { attachableVolumes } from "@/lib/server/queries/volumes";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { InstanceDetailView } from "@/components/ecs/instance-detail";
import { instanceInterfaces } from "@/lib/server/queries/network";
import { orNotFound, pageActor } from "../../../page-guard";

export default async function EcsDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await pageActor("sc", "ecs:view");
  const { id } = await params;
  const instance = await orNotFound(() => getInstance(actor, id));
  const operatesVolumes = actor.permissions.has("evs:operate") || actor.permissions.has("evs:operate_all");
  const [t, tn, attachable, interfaces] = await Promise.all([getTranslations("ecs"), getTranslations("nav"), operatesVolumes ? attachableVolumes(actor, { projectId: instance.projectId, azId: instance.az }) : null, instanceInterfaces(actor, id)]);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: t("title"), href: "/sc/ecs" }, { label: instance.name }]} />
      <InstanceDetailView initial={instance} listHref="/sc/ecs" hostHrefBase={actor.permissions.has("host:view") ? "/service-om/hosts" : undefined} attachableVolumes={attachable} interfaces={interfaces} manageNetwork={actor.permissions.has("vpc:manage")} />
    </>
  );
}
