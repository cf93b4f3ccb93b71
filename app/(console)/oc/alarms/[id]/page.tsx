import { getTranslations } from "next-intl/server";
import { AlarmDetailPage } from "../../../alarm-pages";
import { pageActor } from "../../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("oc.alarms") };
}

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const actor = await pageActor("oc", "alarm:view");
  return <AlarmDetailPage actor={actor} portal="oc" params={params} />;
}
