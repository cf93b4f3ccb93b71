import { getTranslations } from "next-intl/server";
import { AlarmListPage } from "../../alarm-pages";
import { pageActor } from "../../page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("esight.alarms") };
}

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await pageActor("esight", "alarm:view");
  return <AlarmListPage actor={actor} portal="esight" searchParams={searchParams} />;
}
