import { getTranslations } from "next-intl/server";
import { AlarmListPage } from "../../alarm-pages";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("oc.alarms") };
}

export default function Page({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  return <AlarmListPage portal="oc" searchParams={searchParams} />;
}
