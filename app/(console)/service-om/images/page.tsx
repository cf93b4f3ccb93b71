import { getTranslations } from "next-intl/server";
import { imageListParams } from "@/lib/schemas/compute";
import { pageImages } from "@/lib/server/queries/catalog";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { RegisterImageDialog } from "@/components/compute/image-dialog";
import { ImageTable } from "@/components/compute/image-table";
import { pageActor, searchParamsOf } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("som.images") };
}

const STATUSES = ["active", "deactivated", "deleted"] as const;

export default async function ImagesPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await pageActor("service-om", "image:view");
  const p = searchParamsOf(imageListParams, await searchParams);
  const manage = actor.permissions.has("image:manage");
  const [page, t, tn] = await Promise.all([pageImages(actor, p), getTranslations("images"), getTranslations("nav")]);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("som.title"), href: "/service-om" }, { label: tn("som.images") }]} />
      <PageHeader title={tn("som.images")} description={t("description")} />
      <ListToolbar
        placeholder={t("search")}
        filters={[
          { key: "status", label: t("status"), options: STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) })) },
          { key: "arch", label: t("architecture"), options: ["x86_64", "aarch64"].map((a) => ({ value: a, label: a })) },
          { key: "visibility", label: t("visibility"), options: ["public", "private", "shared"].map((v) => ({ value: v, label: t(`visibilities.${v}`) })) },
        ]}
      >
        {manage ? <RegisterImageDialog /> : null}
      </ListToolbar>
      <ImageTable rows={page.rows} page={page} manage={manage} filtered={Boolean(p.q || p.status || p.arch || p.visibility)} />
    </>
  );
}
