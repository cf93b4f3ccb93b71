import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Plus } from "lucide-react";
import { listParams } from "@/lib/schemas/instances";
import { listInstances } from "@/lib/server/queries/instances";
import { listAzs } from "@/lib/server/queries/catalog";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { InstanceListToolbar } from "@/components/ecs/instance-list-toolbar";
import { InstanceTable } from "@/components/ecs/instance-table";
import { pageActor, searchParamsOf } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("ecs"))("title") };
}

export default async function EcsListPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await pageActor("sc", "ecs:view");
  const params = searchParamsOf(listParams, await searchParams);
  const [page, azs, t, tn] = await Promise.all([listInstances(actor, params), listAzs(), getTranslations("ecs"), getTranslations("nav")]);
  const canCreate = actor.permissions.has("ecs:create");
  const create = canCreate ? (
    <Link href="/sc/ecs/create" className={buttonClass({ variant: "primary" })}>
      <Plus className="h-4 w-4" /> {t("buy")}
    </Link>
  ) : null;
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: t("title") }]} />
      <PageHeader title={t("title")} description={t("description")} />
      <InstanceListToolbar azs={azs}>
        {create}
      </InstanceListToolbar>
      <InstanceTable initial={page.rows} page={page} hrefBase="/sc/ecs" emptyAction={create} />
    </>
  );
}
