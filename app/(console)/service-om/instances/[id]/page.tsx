import { getTranslations } from "next-intl/server";
import { getInstance } from "@/lib/server/queries/instances";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { InstanceDetailView } from "@/components/ecs/instance-detail";
import { instanceInterfaces } from "@/lib/server/queries/network";
import { orNotFound, pageActor } from "../../../page-guard";
import { MetricCard } from "../../../metric-card";

export default async function AdminInstancePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string>> }) {
  const actor = await pageActor("service-om", "ecs:view_all");
  const { id } = await params;
  const instance = await orNotFound(() => getInstance(actor, id));
  const [tn, { range }] = await Promise.all([getTranslations("nav"), searchParams]);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("som.title"), href: "/service-om" }, { label: tn("som.instances"), href: "/service-om/instances" }, { label: instance.name }]} />
      <InstanceDetailView initial={instance} listHref="/service-om/instances" hostHrefBase="/service-om/hosts" interfaces={await instanceInterfaces(actor, instance.id)} />
      <div className="mt-4">
        <MetricCard actor={actor} kind="instance" sourceId={instance.id} range={range} testId="instance-metrics" />
      </div>
    </>
  );
}
