import { useTranslations } from "next-intl";
import type { AzCapacity } from "@/lib/server/queries/hosts";
import { Card } from "@/components/ui/card";
import { AzCapacityTable, chartData } from "./az-capacity-table";
import { CapacityChart } from "./capacity-chart";

/** Compute capacity per AZ as a table (every number readable) and as a chart. */
export function ComputeCapacity({ azs }: { azs: AzCapacity[] }) {
  const t = useTranslations("capacity");
  return (
    <>
      <Card title={t("perAz")}>
        <AzCapacityTable azs={azs} />
      </Card>
      <Card title={t("chartTitle")}>
        <CapacityChart data={chartData(azs)} />
      </Card>
    </>
  );
}
