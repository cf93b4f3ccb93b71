import { getTranslations } from "next-intl/server";
import { AlarmDetailPage } from "../../../alarm-pages";
import { pageActor } from "../../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("esight.alarms") };
}

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const actor = await pageActor("esight", "alarm:view");
  return <AlarmDetailPage actor={actor} portal="esight" params={params} />;
}
