import { getTranslations } from "next-intl/server";
import { getInstance } from "@/lib/server/queries/instances";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { InstanceDetailView } from "@/components/ecs/instance-detail";
import { instanceInterfaces } from "@/lib/server/queries/network";
import { orNotFound, pageActor } from "../../../page-guard";

export default async function AdminInstancePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await pageActor("service-om", "ecs:view_all");
  const { id } = await params;
  const instance = await orNotFound(() => getInstance(actor, id));
  const tn = await getTranslations("nav");
  return (
    <>
      <Breadcrumbs items={[{ label: tn("som.title"), href: "/service-om" }, { label: tn("som.instances"), href: "/service-om/instances" }, { label: instance.name }]} />
      <InstanceDetailView initial={instance} listHref="/service-om/instances" hostHrefBase="/service-om/hosts" interfaces={await instanceInterfaces(actor, instance.id)} />
    </>
  );
}
