import "server-only";
import { DEFAULT_AZ, explainNoHost, NOVA_ZED_DEFAULTS, requestSpecFor, schedule, type FilterName, type NoHostExplanation, type Rejection, type Weights } from "@/lib/cloud/compute";
import type { LaunchInput } from "@/lib/schemas/instances";
import { planLaunch } from "../services/instances";
import { NotFoundError, seededRandom } from "@/lib/cloud/shared";
import { db, dbReader } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { cachedHostStates } from "../repositories/host-cache";
import { loadSettings } from "../repositories/settings";
import { cloudNow } from "../services/clock";
import { explainNoPool, scheduleVolume, thinRequest } from "@/lib/cloud/storage";
import type { VolumeType } from "@/lib/generated/prisma/client";
import { findRow } from "../repositories/sql";
import { poolStates, volumeSchedulerSettings } from "../repositories/volumes";

export interface PlacementRow {
  host: string;
  hostId: string;
  az: string;
  /** 1 = where it would land now; 2.. = alternates in weight order; null = rejected. */
  rank: number | null;
  rejection: Rejection | null;
  weights: Weights | null;
}

export interface PlacementDto {
  request: { az: string | null; flavor: string; image: string; vcpus: number; memoryMb: number; diskGb: number; extraSpecs: Record<string, string> };
  funnel: { filter: FilterName; remaining: number }[];
  total: number;
  rows: PlacementRow[];
  noHost: ReturnType<typeof explainNoHost> | null;
  multipliers: { ram: number; cpu: number; disk: number };
}

/**
 * "Where would this land now?": the scheduler run as a dry run over the current hosts, keeping
 * every host's verdict: the filter that rejected it and why, or its weights and rank.
 */
export async function explainPlacement(actor: Actor, input: { az: string | null; flavorId: string; imageId: string; forceHost?: string | null }): Promise<PlacementDto> {
  requirePermission(actor, "host:view");
  const [flavor, image, settings, now] = await Promise.all([
    db.flavor.findFirst({ where: { id: input.flavorId, deletedAt: null } }),
    db.image.findFirst({ where: { id: input.imageId, status: { not: "deleted" } } }),
    loadSettings(db),
    cloudNow(),
  ]);
  if (!flavor) throw new NotFoundError("flavor", input.flavorId);
  if (!image) throw new NotFoundError("image", input.imageId);
  // A forced host (`az:host`) shows what Nova would do with it: only capacity is checked there.
  const req = { ...requestSpecFor(input.az, flavor, image), forceHost: input.forceHost ?? null };
  const hosts = await cachedHostStates(dbReader, settings, now);
  // host_subset_size 1 for the dry run: show the deterministic best, not one random draw.
  const result = schedule(hosts, req, { ...NOVA_ZED_DEFAULTS, ...settings, hostSubsetSize: 1 }, seededRandom(1), { explain: true });
  const rank = new Map(result.ranked.map((h, i) => [h.id, i + 1]));
  const rows = result.verdicts
    .map((v) => ({ host: v.host.name, hostId: v.host.id, az: v.host.az ?? DEFAULT_AZ, rank: rank.get(v.host.id) ?? null, rejection: v.rejection, weights: v.weights }))
    .sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.host.localeCompare(b.host));
  return {
    request: { az: input.az, flavor: flavor.name, image: image.name, vcpus: flavor.vcpus, memoryMb: flavor.ramMb, diskGb: flavor.diskGb, extraSpecs: req.extraSpecs },
    funnel: result.funnel,
    total: hosts.length,
    rows,
    noHost: result.ranked.length === 0 ? explainNoHost(result, req) : null,
    multipliers: { ram: settings.ramWeightMultiplier, cpu: settings.cpuWeightMultiplier, disk: settings.diskWeightMultiplier },
  };
}

/**
 * For a tenant's order form: could this item be placed right now? A dry run of the launch's own
 * checks and scheduler, claiming nothing; the answer can change before the order is approved.
 */
export async function wouldPlace(actor: Actor, item: LaunchInput): Promise<{ fits: true } | { fits: false; explanation: NoHostExplanation }> {
  const plan = await planLaunch(actor, item);
  const [settings, now] = await Promise.all([loadSettings(db), cloudNow()]);
  const hosts = await cachedHostStates(dbReader, settings, now);
  const result = schedule(hosts, plan.req, settings, seededRandom(1));
  // One host able to take one instance answers "could it land?"; a batch is checked whole at launch.
  if (result.ranked.length > 0) return { fits: true };
  return { fits: false, explanation: explainNoHost(schedule(hosts, plan.req, settings, seededRandom(1), { explain: true }), plan.req) };
}

/**
 * Explain placement's volume mode: Cinder's scheduler as a dry run over the current pools for a
 * volume of this type and size in this AZ: every pool with the filter that refused it and why, or
 * its virtual free capacity and weight, ranked. Nothing is claimed.
 */
export async function explainVolumePlacement(actor: Actor, input: { az: string | null; volumeTypeId: string; sizeGb: number }) {
  requirePermission(actor, "storage:view");
  const type = await findRow<VolumeType>(dbReader, "VolumeType", { id: input.volumeTypeId, deletedAt: null });
  if (!type) throw new NotFoundError("volume_type", input.volumeTypeId);
  const [settings, now] = await Promise.all([loadSettings(dbReader), cloudNow()]);
  const pools = await poolStates(dbReader, settings, now);
  const req = { sizeGb: input.sizeGb, azs: input.az ? [input.az] : [], extraSpecs: type.extraSpecs as Record<string, string> };
  const scheduler = volumeSchedulerSettings(settings);
  const result = scheduleVolume(pools, req, scheduler, { explain: true });
  const rank = new Map(result.ranked.map((p, i) => [p.id, i + 1]));
  const rows = result.verdicts
    .map((v) => ({ pool: v.pool.id, az: v.pool.az, rank: rank.get(v.pool.id) ?? null, rejection: v.rejection, virtualFree: v.rawWeight, weight: v.weight }))
    .sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.pool.localeCompare(b.pool));
  return {
    request: { az: input.az, type: type.name, sizeGb: input.sizeGb, thin: thinRequest(req), extraSpecs: req.extraSpecs },
    funnel: result.funnel,
    total: pools.length,
    rows,
    noPool: result.ranked.length === 0 ? explainNoPool(result, req) : null,
    multiplier: scheduler.capacityWeightMultiplier,
  };
}

export type VolumePlacementRow = Awaited<ReturnType<typeof explainVolumePlacement>>["rows"][number];
