import "server-only";
import { capacityFactors, poolStateOf, type CapabilityValue, type PoolReport, type PoolState, type RatioSetting } from "@/lib/cloud/storage";
import type { StoragePool } from "@/lib/generated/prisma/client";
import { SERVICE_DOWN_SECONDS } from "./hosts";

/** A ratio as stored (a setting or a pool's override): a number, "auto", or null (not set). */
export function parseRatio(stored: string | null): RatioSetting {
  if (stored === null || stored.trim() === "") return null;
  if (stored.trim() === "auto") return "auto";
  const n = Number(stored);
  return Number.isFinite(n) ? n : null;
}

/** The CPS thin-provisioning ratio (Cinder's global max_over_subscription_ratio). */
export function cloudRatioOf(settings: { thinProvisioningRatio: string }): number | "auto" {
  return parseRatio(settings.thinProvisioningRatio) ?? 3;
}

/**
 * Cinder's servicegroup, for a pool's volume service: it runs and the volume services reported
 * within the down time. A pool whose RAID group failed is down too: its driver cannot report it.
 */
export function isPoolUp(pool: { serviceRunning: boolean; offline?: boolean }, now: Date, reportedAt: Date | null): boolean {
  return pool.serviceRunning && !pool.offline && reportedAt !== null && now.getTime() - reportedAt.getTime() <= SERVICE_DOWN_SECONDS * 1000;
}

/**
 * What the pool's volume driver reports (get_volume_stats): the array's free space is what is not
 * physically written; allocated and provisioned are the sizes of the volumes on it.
 */
export function poolReportOf(row: StoragePool): PoolReport {
  return {
    name: row.name,
    backendName: row.backendName,
    totalGb: row.totalGb,
    freeGb: Math.max(0, Math.round((row.totalGb - row.writtenGb) * 100) / 100),
    allocatedGb: row.allocatedGb,
    provisionedGb: row.allocatedGb,
    reservedPercentage: row.reservedPercentage,
    thinSupport: row.thinSupport,
    thickSupport: row.thickSupport,
    ratio: parseRatio(row.ratioOverride),
    protocol: row.protocol,
    vendorName: "Huawei",
    driverVersion: "2.6.3",
    capabilities: { ...(row.capabilities as Record<string, CapabilityValue>), tier: row.tier },
  };
}

/** The volume service's host of a pool's array (Cinder's `host`, before @backend#pool). */
export const volumeHostOf = (row: { arrayId: string }) => `cinder-volume@${row.arrayId}`;

/** A pool's name as Cinder writes it on volumes and in get_pools: host@backend#pool. */
export const cinderPoolName = (row: { arrayId: string; backendName: string; name: string }) => `${volumeHostOf(row)}@${row.backendName}#${row.name}`;

export function poolStateFromRow(row: StoragePool, cloudRatio: number | "auto", now: Date, reportedAt: Date | null): PoolState {
  return poolStateOf({ id: row.id, host: volumeHostOf(row), az: row.azId, enabled: row.enabled, up: isPoolUp(row, now, reportedAt) }, poolReportOf(row), cloudRatio);
}

/** The figures a pool page shows, in Cinder's terms: thin volumes may be provisioned up to (total - reserved) x ratio. */
export function poolFigures(state: PoolState) {
  const total = typeof state.totalGb === "number" ? state.totalGb : 0;
  const free = typeof state.freeGb === "number" ? state.freeGb : 0;
  const thin = capacityFactors(total, free, state.provisionedGb, state.thinSupport, state.maxOverSubscriptionRatio, state.reservedPercentage, true);
  const thick = capacityFactors(total, free, state.provisionedGb, state.thinSupport, state.maxOverSubscriptionRatio, state.reservedPercentage, false);
  return {
    totalGb: total,
    freeGb: free,
    writtenGb: Math.round((total - free) * 100) / 100,
    allocatedGb: state.allocatedGb,
    ratio: state.maxOverSubscriptionRatio,
    /** What thin volumes may add up to, and how much of it is left. */
    thinLimitGb: state.thinSupport ? thin.totalAvailable : null,
    thinFreeGb: state.thinSupport ? thin.virtualFree : null,
    /** What a thick volume can still get. */
    thickFreeGb: thick.virtualFree,
  };
}
