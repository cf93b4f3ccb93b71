// Seeded random storage clouds and volume requests for the Cinder differential test. Each case
// is plain data that both schedulers read: ours through poolStateOf, Cinder's through
// BackendState.update_from_volume_capability (cinder_harness.py). Drawn around the edges Cinder's
// arithmetic has: thin and thick, reserved percentages, explicit, `auto` and invalid ratios, the
// cloud's ratio as fallback, infinite and unknown capacities, AZ lists, capability specs of every
// operator on typed values, several volumes per request, and sizes equal to a pool's virtual free
// capacity. Cases where Cinder itself would raise (an ordering operator on a number, `auto` with
// more free than total, every candidate unbounded while stacking) are not drawn.
import { capacityVerdict, poolStateOf, type CapabilityValue, type CapacityGb, type PoolReport, type PoolState, type RatioSetting, type VolumeRequest, type VolumeSchedulerSettings } from "@/lib/cloud/storage";
import { seededRandom, type Random } from "@/lib/cloud/shared";

export interface CinderPool {
  id: string;
  host: string;
  az: string;
  enabled: boolean;
  up: boolean;
  report: PoolReport;
}

export interface CinderCase {
  pools: CinderPool[];
  cloudRatio: number | "auto";
  settings: VolumeSchedulerSettings;
  request: VolumeRequest;
  count: number;
}

const AZS = ["az1", "az2", "az3"];
const BACKENDS = ["oceanstor-ssd", "oceanstor-sas", "oceanstor-nlsas", "fusionstorage"];

const pick = <T>(rng: Random, xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)] as T;
const int = (rng: Random, lo: number, hi: number) => lo + Math.floor(rng.next() * (hi - lo + 1));
const chance = (rng: Random, p: number) => rng.next() < p;

/** A capacity in GiB: mostly whole, sometimes with a fraction Cinder's rounding can trip on (k/8 ties included). */
function gib(rng: Random, lo: number, hi: number): number {
  const whole = int(rng, lo, hi);
  if (chance(rng, 0.7)) return whole;
  return whole + pick(rng, [0.125, 0.375, 0.5, 0.625, 0.875, 0.33, 0.005, 0.995]);
}

function customCapabilities(rng: Random): Record<string, CapabilityValue> {
  const caps: Record<string, CapabilityValue> = {};
  if (chance(rng, 0.8)) caps.disk_type = pick(rng, ["ssd", "sas", "nl_sas", "mix"]);
  if (chance(rng, 0.8)) caps.tier = int(rng, 0, 3);
  if (chance(rng, 0.7)) caps.QoS_support = chance(rng, 0.6);
  if (chance(rng, 0.5)) caps.multiattach = chance(rng, 0.5);
  if (chance(rng, 0.5)) caps.compression = pick<CapabilityValue>(rng, [true, false, "True", "false", "yes", "1", 1, 0]);
  if (chance(rng, 0.5)) caps.smartcache = pick(rng, ["true", "false", "on", "off"]);
  if (chance(rng, 0.4)) caps.raid_levels = pick<CapabilityValue>(rng, [["RAID5", "RAID6"], ["RAID10"], ["RAID5"], []]);
  if (chance(rng, 0.4)) caps.max_iops = pick<CapabilityValue>(rng, [5000, 20000, 80000, 2.5, "12000", "fast"]);
  if (chance(rng, 0.3)) caps.qos = { max_iops: int(rng, 1000, 100000), burst: chance(rng, 0.5) };
  if (chance(rng, 0.3)) caps.replication = pick(rng, ["hypermetro", "async", "sync hypermetro", "none"]);
  return caps;
}

function pool(rng: Random, i: number, stacking: boolean): CinderPool {
  const unboundedOk = !stacking && chance(rng, 0.08);
  const total: CapacityGb = unboundedOk ? pick<CapacityGb>(rng, ["infinite", "unknown", gib(rng, 100, 50_000)]) : chance(rng, 0.03) ? pick(rng, [0, 0.5]) : gib(rng, 50, 60_000);
  const totalNum = typeof total === "number" ? total : 10_000;
  const freeBase = chance(rng, 0.15) ? totalNum : gib(rng, 0, Math.max(0, Math.floor(totalNum)));
  const free: CapacityGb = !stacking && chance(rng, 0.05) ? pick<CapacityGb>(rng, ["infinite", "unknown"]) : Math.min(freeBase, totalNum);
  const allocated = chance(rng, 0.2) ? 0 : int(rng, 0, Math.floor(totalNum * 2.5));
  const thinSupport = chance(rng, 0.7);
  const ratio: RatioSetting = pick<RatioSetting>(rng, [null, null, 1, 1.5, 2, 3, 3.5, 20, "auto", "auto", 0.5, 0]);
  return {
    id: `pool-${i}`,
    host: `cinder-volume-${i}`,
    az: pick(rng, AZS),
    enabled: chance(rng, 0.93),
    up: chance(rng, 0.93),
    report: {
      name: `pool${i}`,
      backendName: pick(rng, BACKENDS),
      totalGb: total,
      freeGb: free,
      allocatedGb: allocated,
      provisionedGb: chance(rng, 0.3) ? undefined : allocated + (chance(rng, 0.5) ? int(rng, 0, 5000) : 0),
      reservedPercentage: pick(rng, [0, 0, 0, 5, 10, 15, 20, 50]),
      thinSupport,
      thickSupport: !thinSupport || chance(rng, 0.6),
      ratio,
      protocol: pick(rng, ["iSCSI", "FC", "iscsi", "fibre_channel"]),
      vendorName: "Huawei",
      driverVersion: "2.6.3",
      capabilities: customCapabilities(rng),
    },
  };
}

/** A spec for one of the capabilities, with an operator that suits its type as a real type would. */
function spec(rng: Random): [string, string] {
  return pick<() => [string, string]>(rng, [
    () => ["volume_backend_name", pick(rng, BACKENDS)],
    () => ["capabilities:volume_backend_name", `<or> ${pick(rng, BACKENDS)} <or> ${pick(rng, BACKENDS)}`],
    () => ["disk_type", pick(rng, ["ssd", "sas", "<in> s", "s== ssd", "s!= nl_sas", "<or> ssd <or> sas", "s>= sas", "s< p"])],
    () => ["capabilities:tier", pick(rng, ["= 1", ">= 2", "<= 1", "== 0", "!= 3", "2", "<is> True"])],
    () => ["QoS_support", pick(rng, ["<is> True", "<is> False", "True", "<is> yes"])],
    () => ["multiattach", pick(rng, ["<is> True", "<is> False"])],
    () => ["compression", pick(rng, ["<is> True", "<is> False", "True", "= 1", "s== True"])],
    () => ["smartcache", pick(rng, ["<is> True", "true", "<in> o"])],
    () => ["raid_levels", pick(rng, ["RAID5", "RAID10", "s== RAID6", "<in> RAID"])],
    () => ["max_iops", pick(rng, [">= 10000", "= 3000", "== 5000", "<= 20000"])],
    () => ["capabilities:qos:max_iops", pick(rng, [">= 50000", "<= 50000"])],
    () => ["capabilities:qos:burst", "<is> True"],
    () => ["replication", pick(rng, ["<in> hypermetro", "s== none", "<or> async <or> sync"])],
    () => ["storage_protocol", pick(rng, ["iSCSI", "fc", "<or> FC <or> iSCSI", "fibre_channel"])],
    () => ["thin_provisioning_support", pick(rng, ["<is> True", "True"])],
    () => ["missing_capability", "<is> True"],
    // Scoped for others than the CapabilitiesFilter: ignored by it.
    () => ["RESKEY:availability_zones", pick(rng, AZS)],
    () => ["qos:read_iops_sec", "20000"],
    () => ["huawei:smartpartition", "true"],
  ])();
}

export function cinderCase(seed: number): CinderCase {
  const rng = seededRandom(seed);
  const multiplier = pick(rng, [1, 1, 1, 2.5, -1, -0.5, 0]);
  // Cinder weighs an unbounded pool as infinite unless the multiplier is positive; with every candidate so, it raises.
  const stacking = multiplier <= 0;
  const pools = Array.from({ length: int(rng, 3, 40) }, (_, i) => pool(rng, i, stacking));
  const cloudRatio = pick<number | "auto">(rng, [20, 3, 1.5, "auto"]);
  const extraSpecs: Record<string, string> = {};
  const provisioning = pick(rng, [null, "thin", "thick", "thick"]);
  if (provisioning) extraSpecs["provisioning:type"] = provisioning;
  // Mostly none or one: a spec no pool of the case reports refuses everything, which teaches little.
  for (let i = pick(rng, [0, 0, 0, 1, 1, 1, 2, 3]); i > 0; i--) {
    const [k, v] = spec(rng);
    extraSpecs[k] = v;
  }
  const azs = pick<string[]>(rng, [[], [], [pick(rng, AZS)], [pick(rng, AZS)], ["az1", "az2"]]);
  const request: VolumeRequest = { sizeGb: pick(rng, [int(rng, 1, 100), int(rng, 1, 2000), int(rng, 1000, 60_000)]), azs, extraSpecs };
  // A size right at some pool's virtual free capacity, where >= and > part ways.
  if (chance(rng, 0.3)) {
    const states = toPoolStates({ pools, cloudRatio, settings: { capacityWeightMultiplier: multiplier, maxAttempts: 3 }, request, count: 1 });
    const edges = states.flatMap((p) => {
      const v = capacityVerdict(p, 1, provisioning !== "thick").virtualFree;
      return v !== null && v >= 1 && Number.isInteger(v) ? [v] : [];
    });
    if (edges.length) request.sizeGb = pick(rng, edges);
  }
  return { pools, cloudRatio, settings: { capacityWeightMultiplier: multiplier, maxAttempts: 3 }, request, count: pick(rng, [1, 1, 2, 3]) };
}

export function toPoolStates(c: CinderCase): PoolState[] {
  return c.pools.map((p) => poolStateOf({ id: p.id, host: p.host, az: p.az, enabled: p.enabled, up: p.up }, p.report, c.cloudRatio));
}
