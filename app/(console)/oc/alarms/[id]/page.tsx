import { getTranslations } from "next-intl/server";
import { AlarmDetailPage } from "../../../alarm-pages";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("oc.alarms") };
}

export default function Page({ params }: { params: Promise<{ id: string }> }) {
  return <AlarmDetailPage portal="oc" params={params} />;
}
