import { getTranslations } from "next-intl/server";
import type { SourceKind } from "@/lib/cloud/operations";
import { CHART_RANGES, chartRangeSchema, metricChart } from "@/lib/server/queries/metrics";
import type { Actor } from "@/lib/server/auth/actor";
import { MetricCharts } from "@/components/operations/metric-charts";
import { Card } from "@/components/ui/card";

// A source's metrics card on its detail page (host, ECS, pool, OC's AZs). The page has authorized
// the source; metricChart authorizes again and reads one tier of one series.

export async function MetricCard({ actor, kind, sourceId, range, title, testId }: { actor: Actor; kind: SourceKind; sourceId: string; range: string | undefined; title?: string; testId?: string }) {
  const [chart, t] = await Promise.all([metricChart(actor, kind, sourceId, chartRangeSchema.parse(range)), getTranslations("metrics")]);
  return (
    <Card title={title ?? t("title")}>
      <MetricCharts testId={testId} view={{ range: chart.range, ranges: CHART_RANGES, tier: chart.tier, panels: chart.panels, points: chart.points.map((p) => ({ at: p.at.toISOString(), values: p.values })) }} />
    </Card>
  );
}
