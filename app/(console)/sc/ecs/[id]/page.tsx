import { getTranslations } from "next-intl/server";
import { getInstance } from "@/lib/server/queries/instances";
import { attachableVolumes } from "@/lib/server/queries/volumes";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { InstanceDetailView } from "@/components/ecs/instance-detail";
import { instanceInterfaces } from "@/lib/server/queries/network";
import { orNotFound, pageActor } from "../../../page-guard";
import { MetricCard } from "../../../metric-card";

export default async function EcsDetailPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string>> }) {
  const actor = await pageActor("sc", "ecs:view");
  const { id } = await params;
  const instance = await orNotFound(() => getInstance(actor, id));
  const operatesVolumes = actor.permissions.has("evs:operate") || actor.permissions.has("evs:operate_all");
  const [t, tn, attachable, interfaces] = await Promise.all([getTranslations("ecs"), getTranslations("nav"), operatesVolumes ? attachableVolumes(actor, { projectId: instance.projectId, azId: instance.az }) : null, instanceInterfaces(actor, id)]);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: t("title"), href: "/sc/ecs" }, { label: instance.name }]} />
      <InstanceDetailView initial={instance} listHref="/sc/ecs" hostHrefBase={actor.permissions.has("host:view") ? "/service-om/hosts" : undefined} attachableVolumes={attachable} interfaces={interfaces} manageNetwork={actor.permissions.has("vpc:manage")} />
      <div className="mt-4">
        <MetricCard actor={actor} kind="instance" sourceId={instance.id} range={(await searchParams).range} testId="instance-metrics" />
      </div>
    </>
  );
}
