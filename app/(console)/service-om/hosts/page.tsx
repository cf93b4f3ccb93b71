import { getTranslations } from "next-intl/server";
import { listParams } from "@/lib/schemas/instances";
import { listHosts } from "@/lib/server/queries/hosts";
import { listAzs } from "@/lib/server/queries/catalog";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { HostTable } from "@/components/hosts/host-table";
import { pageActor, searchParamsOf } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("hosts"))("title") };
}

export default async function HostsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await pageActor("service-om", "host:view");
  const params = searchParamsOf(listParams, await searchParams);
  const [page, azs, t, tn] = await Promise.all([listHosts(actor, params), listAzs(), getTranslations("hosts"), getTranslations("nav")]);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("som.title"), href: "/service-om" }, { label: t("title") }]} />
      <PageHeader title={t("title")} description={t("description")} />
      <ListToolbar
        exportHref="/api/v1/export/hosts"
        placeholder={t("searchPlaceholder")}
        filters={[
          { key: "az", label: t("columns.az"), options: azs.map((a) => ({ value: a.id, label: a.name })) },
          { key: "status", label: t("columns.state"), options: [{ value: "enabled", label: t("enabled") }, { value: "disabled", label: t("disabled") }] },
          { key: "arch", label: t("architecture"), options: [{ value: "x86_64", label: "x86_64" }, { value: "aarch64", label: "aarch64" }] },
        ]}
      />
      <HostTable rows={page.rows} page={page} />
    </>
  );
}
