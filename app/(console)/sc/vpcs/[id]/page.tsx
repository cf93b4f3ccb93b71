import { getTranslations } from "next-intl/server";
import { vpcDetail } from "@/lib/server/queries/network";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { VpcDetailView } from "@/components/network/vpc-detail";
import { orNotFound, pageActor } from "../../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("network"))("vpcsTitle") };
}

export default async function VpcDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await pageActor("sc", "vpc:view");
  const { id } = await params;
  const vpc = await orNotFound(() => vpcDetail(actor, id));
  const [t, tn] = await Promise.all([getTranslations("network"), getTranslations("nav")]);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: t("vpcsTitle"), href: "/sc/vpcs" }, { label: vpc.name }]} />
      <VpcDetailView vpc={vpc} canManage={actor.permissions.has("vpc:manage")} />
    </>
  );
}
