import { getTranslations } from "next-intl/server";
import { backendNames, listVolumeTypesAdmin, shareableVdcs } from "@/lib/server/queries/storage";
import { listAzs } from "@/lib/server/queries/catalog";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { CreateVolumeTypeDialog, VolumeTypeTable } from "@/components/storage/volume-types";
import { pageActor } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("volumeTypes"))("title") };
}

export default async function VolumeTypesPage() {
  const actor = await pageActor("service-om", "storage:view");
  const manage = actor.permissions.has("storage:manage");
  const [types, azs, vdcs, backends, t, tn] = await Promise.all([listVolumeTypesAdmin(actor), listAzs(), manage ? shareableVdcs(actor) : [], backendNames(actor), getTranslations("volumeTypes"), getTranslations("nav")]);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("som.title"), href: "/service-om" }, { label: t("title") }]} />
      <PageHeader title={t("title")} description={t("description")} actions={manage ? <CreateVolumeTypeDialog azs={azs} vdcs={vdcs} backends={backends} /> : null} />
      <Card>
        <VolumeTypeTable rows={types} vdcs={vdcs} manage={manage} />
      </Card>
    </>
  );
}
