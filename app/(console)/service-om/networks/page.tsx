import { getTranslations } from "next-intl/server";
import { networkListParams } from "@/lib/schemas/network";
import { externalNetworkUsage, listAllPorts, listVpcs, networkAgents } from "@/lib/server/queries/network";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { NetworkAdminView } from "@/components/network/network-admin";
import { pageActor, searchParamsOf } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("network"))("adminTitle") };
}

/** Service OM: external networks and their pools, every tenant's networks and ports, the network nodes' agents. */
export default async function NetworksAdminPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await pageActor("service-om", "network:manage");
  const p = searchParamsOf(networkListParams, await searchParams);
  const [external, vpcs, ports, agents, t, tn] = await Promise.all([externalNetworkUsage(actor), listVpcs(actor, { ...p, page: 1, pageSize: 100 }), listAllPorts(actor, p), networkAgents(actor), getTranslations("network"), getTranslations("nav")]);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("som.title"), href: "/service-om" }, { label: t("adminTitle") }]} />
      <PageHeader title={t("adminTitle")} description={t("adminDescription")} />
      <NetworkAdminView external={external} vpcs={vpcs.rows} ports={ports} agents={agents} />
    </>
  );
}
