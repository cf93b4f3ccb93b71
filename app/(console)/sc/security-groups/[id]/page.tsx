import { getTranslations } from "next-intl/server";
import { securityGroupDetail } from "@/lib/server/queries/network";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { SecurityGroupDetailView } from "@/components/network/security-groups";
import { orNotFound, pageActor } from "../../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("network"))("groupsTitle") };
}

export default async function SecurityGroupDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await pageActor("sc", "vpc:view");
  const { id } = await params;
  const group = await orNotFound(() => securityGroupDetail(actor, id));
  const [t, tn] = await Promise.all([getTranslations("network"), getTranslations("nav")]);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: t("groupsTitle"), href: "/sc/security-groups" }, { label: group.name }]} />
      <SecurityGroupDetailView group={group} canManage={actor.permissions.has("vpc:manage")} />
    </>
  );
}
