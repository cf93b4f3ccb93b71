import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { vdcTree } from "@/lib/server/queries/organizations";
import { listAzs, listRegions } from "@/lib/server/queries/catalog";
import { isGlobalAdmin } from "@/lib/server/auth/org-scope";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { VdcTree } from "@/components/organizations/vdc-tree";
import { CreateVdcDialog } from "@/components/organizations/create-vdc-dialog";
import { pageActor } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("org"))("title") };
}

export default async function OrganizationsPage() {
  const actor = await pageActor("sc", "vdc:view");
  const [tree, regions, azs, t, tn] = await Promise.all([vdcTree(actor), listRegions(), listAzs(), getTranslations("org"), getTranslations("nav")]);
  const region = regions[0];
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: t("title") }]} />
      <PageHeader
        title={t("title")}
        description={t("subtitle")}
        actions={isGlobalAdmin(actor) && region ? <CreateVdcDialog parent={null} regionId={region.id} azs={azs} parentLimits={{}} /> : null}
      />
      <Card title={t("tree")}>
        {tree.length ? (
          <VdcTree nodes={tree} />
        ) : (
          <EmptyState title={t("emptyTree")} />
        )}
        <p className="mt-4 text-xs text-slate-500">
          {t("treeHint")} <Link href="/sc/audit" className="text-brand-600 hover:underline">{tn("sc.audit")}</Link>
        </p>
      </Card>
    </>
  );
}
