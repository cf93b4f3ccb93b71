import { getTranslations } from "next-intl/server";
import { volumeListParams } from "@/lib/schemas/volumes";
import { listVolumes } from "@/lib/server/queries/volumes";
import { listVolumeTypes, volumeSourceImages } from "@/lib/server/queries/storage";
import { listAzs } from "@/lib/server/queries/catalog";
import { launchQuota } from "@/lib/server/queries/organizations";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { CreateVolumeDialog, VolumeTable } from "@/components/evs/volumes";
import { pageActor, searchParamsOf } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("evs"))("title") };
}

export default async function EvsListPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await pageActor("sc", "evs:view");
  const params = searchParamsOf(volumeListParams, await searchParams);
  const [page, azs, t, tn] = await Promise.all([listVolumes(actor, params), listAzs(), getTranslations("evs"), getTranslations("nav")]);
  const canCreate = actor.permissions.has("evs:create");
  const [types, quota, images] = canCreate
    ? await Promise.all([listVolumeTypes(actor), azs[0] ? launchQuota(actor, azs[0].regionId, ["volumes", "gigabytes"], "evs:create") : null, volumeSourceImages(actor)])
    : [[], null, []];
  const left = (r: "volumes" | "gigabytes") => quota?.rows.find((x) => x.resource === r)?.available ?? null;
  const create = canCreate ? <CreateVolumeDialog azs={azs} types={types} headroom={{ volumes: left("volumes"), gigabytes: left("gigabytes") }} images={images} /> : null;
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: t("title") }]} />
      <PageHeader title={t("title")} description={t("description")} />
      <ListToolbar
        placeholder={t("searchPlaceholder")}
        filters={[
          { key: "status", label: t("columns.status"), options: ["available", "in-use", "transitional", "error"].map((s) => ({ value: s, label: t(`filters.${s}`) })) },
          { key: "az", label: t("columns.az"), options: azs.map((a) => ({ value: a.id, label: a.name })) },
        ]}
      >
        {create}
      </ListToolbar>
      <VolumeTable initial={page.rows} page={page} emptyAction={create} />
    </>
  );
}
