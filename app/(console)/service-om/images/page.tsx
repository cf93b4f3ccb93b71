import { getTranslations } from "next-intl/server";
import { listImages } from "@/lib/server/queries/catalog";
import { gib } from "@/lib/client/format";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { Dot, Tag } from "@/components/ui/status-badge";
import { SimpleTable } from "@/components/ui/simple-table";
import { ImageRowActions, RegisterImageDialog } from "@/components/compute/image-dialog";
import { pageActor } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("som.images") };
}

export default async function ImagesPage() {
  const actor = await pageActor("service-om", "image:view");
  const [images, t, tn] = await Promise.all([listImages(actor), getTranslations("images"), getTranslations("nav")]);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("som.title"), href: "/service-om" }, { label: tn("som.images") }]} />
      <PageHeader title={tn("som.images")} description={t("description")} actions={actor.permissions.has("image:manage") ? <RegisterImageDialog /> : null} />
      <div className="overflow-x-auto rounded-sm border border-slate-200 bg-white">
        <SimpleTable
          rows={images}
          rowKey={(i) => i.id}
          columns={[
            { header: t("name"), cell: (i) => i.name, className: "font-medium" },
            { header: t("status"), cell: (i) => <Dot tone={i.status === "active" ? "green" : i.status === "deleted" ? "red" : "grey"}>{t(`statuses.${i.status}`)}</Dot> },
            { header: t("os"), cell: (i) => i.osVersion },
            { header: t("format"), cell: (i) => <Tag>{i.diskFormat}</Tag> },
            { header: t("architecture"), cell: (i) => i.architecture },
            { header: t("minDisk"), cell: (i) => `${i.minDiskGb} GB`, className: "tabular-nums" },
            { header: t("minRam"), cell: (i) => gib(i.minRamMb), className: "tabular-nums" },
            { header: t("size"), cell: (i) => gib(i.sizeMb), className: "tabular-nums" },
            { header: t("visibility"), cell: (i) => t(`visibilities.${i.visibility}`) },
            { header: t("inUse"), cell: (i) => i.instances, className: "tabular-nums" },
            ...(actor.permissions.has("image:manage") ? [{ header: t("actions"), cell: (i: (typeof images)[number]) => <ImageRowActions id={i.id} name={i.name} status={i.status} /> }] : []),
          ]}
          rowTestId={(i) => `image-${i.name}`}
        />
      </div>
    </>
  );
}
