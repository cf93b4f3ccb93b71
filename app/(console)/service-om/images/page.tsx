import { getTranslations } from "next-intl/server";
import { listImages } from "@/lib/server/queries/catalog";
import { gib } from "@/lib/client/format";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { Dot, Tag } from "@/components/ui/status-badge";
import { pageActor } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("som.images") };
}

export default async function ImagesPage() {
  const actor = await pageActor("image:view");
  const [images, t, tn] = await Promise.all([listImages(actor), getTranslations("images"), getTranslations("nav")]);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("som.title"), href: "/service-om" }, { label: tn("som.images") }]} />
      <PageHeader title={tn("som.images")} description={t("description")} />
      <div className="overflow-x-auto rounded-sm border border-slate-200 bg-white">
        <table className="w-full text-left text-[13px]">
          <thead className="bg-slate-50 text-xs text-slate-600">
            <tr>
              <th className="px-3 py-2">{t("name")}</th>
              <th className="px-3 py-2">{t("status")}</th>
              <th className="px-3 py-2">{t("os")}</th>
              <th className="px-3 py-2">{t("format")}</th>
              <th className="px-3 py-2">{t("architecture")}</th>
              <th className="px-3 py-2">{t("minDisk")}</th>
              <th className="px-3 py-2">{t("minRam")}</th>
              <th className="px-3 py-2">{t("size")}</th>
              <th className="px-3 py-2">{t("visibility")}</th>
            </tr>
          </thead>
          <tbody>
            {images.map((i) => (
              <tr key={i.id} className="border-t border-slate-100">
                <td className="px-3 py-2 font-medium">{i.name}</td>
                <td className="px-3 py-2"><Dot tone={i.status === "active" ? "green" : "grey"}>{t(`statuses.${i.status}`)}</Dot></td>
                <td className="px-3 py-2">{i.osVersion}</td>
                <td className="px-3 py-2"><Tag>{i.diskFormat}</Tag></td>
                <td className="px-3 py-2">{i.architecture}</td>
                <td className="px-3 py-2 tabular-nums">{i.minDiskGb} GB</td>
                <td className="px-3 py-2 tabular-nums">{gib(i.minRamMb)}</td>
                <td className="px-3 py-2 tabular-nums">{gib(i.sizeMb)}</td>
                <td className="px-3 py-2">{t(`visibilities.${i.visibility}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
