import { getTranslations } from "next-intl/server";
import { keyPairListParams } from "@/lib/schemas/key-pairs";
import { listKeyPairs } from "@/lib/server/queries/key-pairs";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { CreateKeyPairDialog, KeyPairTable } from "@/components/ecs/key-pairs";
import { pageActor, searchParamsOf } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("keyPairs"))("title") };
}

/** The caller's own key pairs (Nova's are per user), offered by the purchase wizard's login step. */
export default async function KeyPairsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await pageActor("sc", "ecs:create");
  const p = searchParamsOf(keyPairListParams, await searchParams);
  const [page, t, tn] = await Promise.all([listKeyPairs(actor, p), getTranslations("keyPairs"), getTranslations("nav")]);
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: t("title") }]} />
      <PageHeader title={t("title")} description={t("description")} />
      <ListToolbar placeholder={t("search")}>
        <CreateKeyPairDialog />
      </ListToolbar>
      <KeyPairTable rows={page.rows} page={page} filtered={Boolean(p.q)} />
    </>
  );
}
