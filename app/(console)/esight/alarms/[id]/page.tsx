import { getTranslations } from "next-intl/server";
import { AlarmDetailPage } from "../../../alarm-pages";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("esight.alarms") };
}

export default function Page({ params }: { params: Promise<{ id: string }> }) {
  return <AlarmDetailPage portal="esight" params={params} />;
}
