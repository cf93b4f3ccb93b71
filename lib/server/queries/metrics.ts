import "server-only";
import { z } from "zod";
import { bucketStart, chooseTier, METRIC_PANELS, type SourceKind, type TierName } from "@/lib/cloud/operations";
import { ForbiddenError, NotFoundError } from "@/lib/cloud/shared";
import { dbReader } from "../db";
import { assertInScope, can, type Actor } from "../auth/actor";
import { readPoints } from "../repositories/metrics";
import { cloudNow } from "../services/clock";

// Charts read one series in one tier: the finest tier that reaches back over the range and draws
// at most MAX_POINTS points (`chooseTier`), so a 90-day chart reads 90 daily points, not 12,960.

export const CHART_RANGES = ["1h", "6h", "24h", "7d", "30d", "90d"] as const;
export type ChartRange = (typeof CHART_RANGES)[number];
export const chartRangeSchema = z.enum(CHART_RANGES).catch("24h");

const RANGE_SECONDS: Record<ChartRange, number> = { "1h": 3600, "6h": 6 * 3600, "24h": 86400, "7d": 7 * 86400, "30d": 30 * 86400, "90d": 90 * 86400 };
const MAX_POINTS = 200;

export interface Chart {
  kind: SourceKind;
  sourceId: string;
  range: ChartRange;
  tier: TierName;
  from: Date;
  to: Date;
  panels: (typeof METRIC_PANELS)[SourceKind];
  points: { at: Date; values: Record<string, number> }[];
}

/** Who may read a source's metrics: what may read the source itself. */
async function authorize(actor: Actor, kind: SourceKind, sourceId: string): Promise<void> {
  switch (kind) {
    case "host":
    case "az":
    case "server":
      if (!can(actor, "host:view") && !can(actor, "capacity:view")) throw new ForbiddenError("host:view");
      return;
    case "pool":
      if (!can(actor, "storage:view") && !can(actor, "capacity:view")) throw new ForbiddenError("storage:view");
      return;
    case "instance": {
      if (!can(actor, "ecs:view")) throw new ForbiddenError("ecs:view");
      assertInScope(actor, "instance", sourceId, await dbReader.instance.findUnique({ where: { id: sourceId }, select: { projectId: true } }));
      return;
    }
    case "eip": {
      if (!can(actor, "vpc:view")) throw new ForbiddenError("vpc:view");
      const eip = await dbReader.eip.findUnique({ where: { id: sourceId }, select: { projectId: true } });
      if (!eip) throw new NotFoundError("eip", sourceId);
      assertInScope(actor, "eip", sourceId, eip);
      return;
    }
  }
}

export async function metricChart(actor: Actor, kind: SourceKind, sourceId: string, range: ChartRange): Promise<Chart> {
  await authorize(actor, kind, sourceId);
  const to = await cloudNow();
  const from = new Date(to.getTime() - RANGE_SECONDS[range] * 1000);
  const tier = chooseTier(from.getTime(), to.getTime(), to.getTime(), MAX_POINTS);
  // The bucket the range starts in is drawn too: a 90-day chart shows 90 daily points.
  const points = await readPoints(dbReader, kind, [sourceId], tier.name, new Date(bucketStart(from.getTime(), tier.stepSeconds)), to);
  return { kind, sourceId, range, tier: tier.name, from, to, panels: METRIC_PANELS[kind], points: points.map((p) => ({ at: p.at, values: p.data })) };
}
