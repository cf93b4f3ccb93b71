import { getTranslations } from "next-intl/server";
import { attachableInstances, getVolume } from "@/lib/server/queries/volumes";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { VolumeDetailView } from "@/components/evs/volume-detail";
import { orNotFound, pageActor } from "../../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("evs"))("title") };
}

export default async function EvsDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await pageActor("sc", "evs:view");
  const { id } = await params;
  const volume = await orNotFound(() => getVolume(actor, id));
  const [attachable, t, tn] = await Promise.all([volume.can.attach ? attachableInstances(actor, { projectId: volume.projectId, azId: volume.az }) : [], getTranslations("evs"), getTranslations("nav")]);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: t("title"), href: "/sc/evs" }, { label: volume.name }]} />
      <VolumeDetailView initial={volume} attachable={attachable} poolHrefBase={actor.permissions.has("storage:view") ? "/service-om/storage-pools" : undefined} />
    </>
  );
}
