import "server-only";
import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { loadSettings } from "../repositories/settings";
import { clockState } from "../services/clock";

export async function cloudSettings(actor: Actor) {
  requirePermission(actor, "settings:view");
  const [s, clock] = await Promise.all([loadSettings(db), clockState()]);
  return {
    settings: {
      cpuAllocationRatio: s.cpuAllocationRatio,
      ramAllocationRatio: s.ramAllocationRatio,
      diskAllocationRatio: s.diskAllocationRatio,
      reservedHostCpus: s.reservedHostCpus,
      reservedHostMemoryMb: s.reservedHostMemoryMb,
      hostSubsetSize: s.hostSubsetSize,
      ramWeightMultiplier: s.ramWeightMultiplier,
      cpuWeightMultiplier: s.cpuWeightMultiplier,
      diskWeightMultiplier: s.diskWeightMultiplier,
      powerSyncSeconds: s.powerSyncSeconds,
      resizeConfirmWindowSeconds: s.resizeConfirmWindowSeconds,
      isolatedAggregateFiltering: s.isolatedAggregateFiltering,
      hcsHostGroupPreference: s.hcsHostGroupPreference,
      thinProvisioningRatio: s.thinProvisioningRatio,
      vniRanges: s.vniRanges,
      capacityWeightMultiplier: s.capacityWeightMultiplier,
    },
    clock: { nowIso: clock.now.toISOString(), speed: clock.speed },
    updatedAt: s.updatedAt.toISOString(),
  };
}
