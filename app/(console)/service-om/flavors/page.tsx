import { getTranslations } from "next-intl/server";
import { listFlavors } from "@/lib/server/queries/catalog";
import { gib } from "@/lib/client/format";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { Tag } from "@/components/ui/status-badge";
import { pageActor } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("som.flavors") };
}

export default async function FlavorsPage() {
  const actor = await pageActor("flavor:view");
  const [flavors, t, tn] = await Promise.all([listFlavors(actor), getTranslations("flavors"), getTranslations("nav")]);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("som.title"), href: "/service-om" }, { label: tn("som.flavors") }]} />
      <PageHeader title={tn("som.flavors")} description={t("description")} />
      <div className="overflow-x-auto rounded-sm border border-slate-200 bg-white">
        <table className="w-full text-left text-[13px]">
          <thead className="bg-slate-50 text-xs text-slate-600">
            <tr>
              <th className="px-3 py-2">{t("name")}</th>
              <th className="px-3 py-2">{t("category")}</th>
              <th className="px-3 py-2">vCPU</th>
              <th className="px-3 py-2">{t("ram")}</th>
              <th className="px-3 py-2">{t("disk")}</th>
              <th className="px-3 py-2">{t("visibility")}</th>
              <th className="px-3 py-2">{t("extraSpecs")}</th>
            </tr>
          </thead>
          <tbody>
            {flavors.map((f) => (
              <tr key={f.id} className="border-t border-slate-100">
                <td className="px-3 py-2 font-medium">{f.name}</td>
                <td className="px-3 py-2">{t(`categories.${f.category}`)}</td>
                <td className="px-3 py-2 tabular-nums">{f.vcpus}</td>
                <td className="px-3 py-2 tabular-nums">{gib(f.ramMb)}</td>
                <td className="px-3 py-2 tabular-nums">{f.diskGb} GB</td>
                <td className="px-3 py-2">{t(f.isPublic ? "public" : "private")}</td>
                <td className="px-3 py-2">
                  <div className="flex flex-wrap gap-1">
                    {Object.entries(f.extraSpecs).map(([k, v]) => (
                      <Tag key={k}>{`${k}=${v}`}</Tag>
                    ))}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
