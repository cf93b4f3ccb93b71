// A volume scheduler that decides as Cinder's FilterScheduler (Zed) does with its default
// filters and weigher, proven against Cinder's own classes by the differential test
// (tests/differential/cinder-scheduler.test.ts). The order of a decision:
//
//  1. The host manager: pools whose volume service is disabled or down are not candidates.
//  2. IgnoreAttemptedHostsFilter (a reschedule does not return to a pool that failed it; a real
//     Cinder filter, off in Zed's defaults: it only acts on a retry, so first attempts are Zed's).
//  3. AvailabilityZoneFilter, CapabilitiesFilter, CapacityFilter (Zed's scheduler_default_filters,
//     independent predicates: checked in this order so that a refusal names the type's pools).
//  4. CapacityWeigher: the virtual free capacity, normalized between the smallest and the largest
//     of the candidates, times capacity_weight_multiplier (negative: stack instead of spread).
//  5. The best weight takes the volume (ties: the first pool, as Python's stable sort keeps it),
//     and its state consumes the volume (consume_from_volume) for the volumes that follow.
import { DomainError } from "../shared/errors";
import { capacityVerdict, capacityWeight, fitWeight, type CapacityVerdict } from "./capacity";
import { consumeVolume, type PoolState } from "./pool-state";
import { capabilitySatisfies, type CapabilityValue } from "./specs-ops";

export interface VolumeRequest {
  sizeGb: number;
  /** request_spec availability_zones: where the volume may land (empty: anywhere). */
  azs: readonly string[];
  /** The volume type's extra specs ({} for no type). */
  extraSpecs: Readonly<Record<string, string>>;
  /** Pools that already failed this volume (a reschedule). */
  attempted?: readonly string[];
}

export interface VolumeSchedulerSettings {
  /** capacity_weight_multiplier: positive spreads volumes over the emptiest pools, negative stacks them. */
  capacityWeightMultiplier: number;
  /** scheduler_max_attempts: a volume whose creation fails on its pool is scheduled again, this many times in all. */
  maxAttempts: number;
}

export const CINDER_ZED_DEFAULTS: VolumeSchedulerSettings = { capacityWeightMultiplier: 1, maxAttempts: 3 };

// Cinder runs AvailabilityZoneFilter, CapacityFilter, CapabilitiesFilter in that order; the filters
// are independent predicates, so any order leaves the same candidates. The type's capabilities
// are checked before capacity here so that a refusal explains itself by the pools the volume
// type could use ("the SAS pool is full"), not by a pool of another type that has room.
export const VOLUME_FILTERS = ["VolumeService", "IgnoreAttemptedHostsFilter", "AvailabilityZoneFilter", "CapabilitiesFilter", "CapacityFilter"] as const;
export type VolumeFilterName = (typeof VOLUME_FILTERS)[number];

export type VolumeRejection =
  | { filter: "VolumeService"; code: "service_disabled" | "service_down" }
  | { filter: "IgnoreAttemptedHostsFilter"; code: "attempted" }
  | { filter: "AvailabilityZoneFilter"; code: "az"; az: string; wanted: string }
  | { filter: "CapacityFilter"; code: Extract<CapacityVerdict, { ok: false }>["reason"]; requested: number; virtualFree: number | null; provisionedRatio?: number; ratio?: number }
  | { filter: "CapabilitiesFilter"; code: "capability"; key: string; wanted: string; have: CapabilityValue | undefined };

/** Thin unless the type asks for thick (`provisioning:type=thick`), as Cinder reads it. */
export const thinRequest = (req: VolumeRequest) => req.extraSpecs["provisioning:type"] !== "thick";

/** Which filter refuses the pool, or null: the chain in order, first refusal wins. */
export function poolRejection(pool: PoolState, req: VolumeRequest, thin = thinRequest(req)): VolumeRejection | null {
  if (!pool.enabled) return { filter: "VolumeService", code: "service_disabled" };
  if (!pool.up) return { filter: "VolumeService", code: "service_down" };
  if (req.attempted?.includes(pool.id)) return { filter: "IgnoreAttemptedHostsFilter", code: "attempted" };
  if (req.azs.length > 0 && !req.azs.includes(pool.az)) return { filter: "AvailabilityZoneFilter", code: "az", az: pool.az, wanted: req.azs.join(",") };
  for (const [key, wanted] of Object.entries(req.extraSpecs)) {
    if (!capabilitySatisfies(pool.capabilities, key, wanted)) return { filter: "CapabilitiesFilter", code: "capability", key, wanted, have: capabilityAt(pool.capabilities, key) };
  }
  const capacity = capacityVerdict(pool, req.sizeGb, thin);
  if (!capacity.ok) return { filter: "CapacityFilter", code: capacity.reason, requested: req.sizeGb, virtualFree: capacity.virtualFree, provisionedRatio: capacity.provisionedRatio, ratio: capacity.ratio };
  return null;
}

/** The value a (possibly `capabilities:`-scoped) key names, for the explanation. */
function capabilityAt(caps: Record<string, CapabilityValue>, key: string): CapabilityValue | undefined {
  let cap: CapabilityValue | undefined = caps;
  for (const part of key.replace(/^capabilities:/, "").split(":")) {
    if (cap === null || typeof cap !== "object" || Array.isArray(cap)) return undefined;
    cap = (cap as Record<string, CapabilityValue>)[part];
  }
  return cap;
}

const OFFSET_MIN = 10_000;
const OFFSET_MULT = 100;

/**
 * CapacityWeigher through BaseWeightHandler: each pool's virtual free capacity (-1 for an
 * unbounded one when spreading; when stacking an unbounded one is pushed past the largest),
 * normalized between the smallest and the largest, times the multiplier.
 */
export function capacityWeights(pools: readonly PoolState[], thin: boolean, multiplier: number): { raw: number[]; weights: number[] } {
  const raw = pools.map((p) => capacityWeight(p, thin, multiplier));
  let min = Infinity;
  let max = -Infinity;
  for (const w of raw) {
    if (w < min) min = w;
    if (w > max) max = w;
  }
  let scaled = raw;
  if (max === Infinity) {
    const finite = raw.filter((w) => w !== Infinity);
    // Every candidate unbounded while stacking: Cinder's max() of nothing raises; here they tie.
    if (finite.length === 0) return { raw, weights: raw.map(() => 0) };
    max = Math.max(...finite);
    const offset = (max - min) * OFFSET_MULT;
    max += offset === 0 ? OFFSET_MIN : offset;
    scaled = raw.map((w) => (w === Infinity ? max : w));
  }
  const range = max - min;
  return { raw, weights: scaled.map((w) => 0 + multiplier * (range === 0 ? 0 : (w - min) / range)) };
}

export interface PoolVerdict {
  pool: PoolState;
  rejection: VolumeRejection | null;
  /** The virtual free capacity the weigher read, and the weight it gave (candidates only). */
  rawWeight: number | null;
  weight: number | null;
}

export interface VolumeScheduleResult {
  /** The candidates, best first (Cinder tries them in this order when a creation fails). */
  ranked: PoolState[];
  /** Every pool with the filter that refused it or its weight (only with `explain`). */
  verdicts: PoolVerdict[];
  /** How many pools each stage left, in chain order (only with `explain`). */
  funnel: { filter: VolumeFilterName; remaining: number }[];
}

/** How many candidates a decision ranks after the pick (for a creation that fails on its pool). */
export const VOLUME_ALTERNATES = 4;

/**
 * One volume: filter, weigh, rank. Nothing is consumed. Without `explain` only the best
 * `1 + VOLUME_ALTERNATES` candidates are ranked, through the pool index (fastCandidates); with it,
 * every pool's verdict and weight, the way Cinder computes them.
 */
export function scheduleVolume(pools: readonly PoolState[], req: VolumeRequest, settings: VolumeSchedulerSettings, opts: { explain?: boolean } = {}): VolumeScheduleResult {
  if (!opts.explain) return { ranked: fastCandidates(pools, req, settings, 1 + VOLUME_ALTERNATES), verdicts: [], funnel: [] };
  const thin = thinRequest(req);
  const candidates: PoolState[] = [];
  const rejections: (VolumeRejection | null)[] = [];
  for (const pool of pools) {
    const r = poolRejection(pool, req, thin);
    rejections.push(r);
    if (!r) candidates.push(pool);
  }
  const { raw, weights } = capacityWeights(candidates, thin, settings.capacityWeightMultiplier);
  // Python's sorted(reverse=True) is stable: equal weights keep the pools' order.
  const order = candidates.map((_, i) => i).sort((a, b) => (weights[b] as number) - (weights[a] as number) || a - b);
  const ranked = order.map((i) => candidates[i] as PoolState);
  const weightOf = new Map(candidates.map((p, i) => [p, i]));
  const verdicts = pools.map((pool, i) => {
    const c = weightOf.get(pool);
    return { pool, rejection: rejections[i] ?? null, rawWeight: c === undefined ? null : (raw[c] as number), weight: c === undefined ? null : (weights[c] as number) };
  });
  let remaining = pools.length;
  const funnel = VOLUME_FILTERS.map((filter) => {
    remaining -= verdicts.filter((v) => v.rejection?.filter === filter).length;
    return { filter, remaining };
  });
  return { ranked, verdicts, funnel };
}

// ---------------------------------------------------------------- the index behind the fast path

/** Capability keys that differ from pool to pool and change as volumes land: never part of a pool's class. */
const PER_POOL_KEYS = new Set(["pool_name", "total_capacity_gb", "free_capacity_gb", "allocated_capacity_gb", "provisioned_capacity_gb", "timestamp"]);

interface PoolClass {
  /** A member's capabilities: every member answers a spec on the class's keys alike. */
  capabilities: Record<string, CapabilityValue>;
  /** Indexes of the members in the pool list, ascending (ties go to the first). */
  members: number[];
  /** Spec set (JSON) -> whether the class satisfies it. */
  verdicts: Map<string, boolean>;
}

interface PoolIndex {
  byAz: Map<string, PoolClass[]>;
  all: PoolClass[];
}

const classKeys = new WeakMap<object, string>();
const indexes = new WeakMap<readonly PoolState[], PoolIndex>();

/** The pool's class: its AZ and every capability but the per-pool ones (cached per capability object, which a consumed copy shares). */
function classKeyOf(pool: PoolState): string {
  let key = classKeys.get(pool.capabilities);
  if (key === undefined) {
    key = JSON.stringify(Object.entries(pool.capabilities).filter(([k]) => !PER_POOL_KEYS.has(k)));
    classKeys.set(pool.capabilities, key);
  }
  return `${pool.az}\u0000${key}`;
}

function poolIndex(pools: readonly PoolState[]): PoolIndex {
  let index = indexes.get(pools);
  if (index) return index;
  const byKey = new Map<string, PoolClass>();
  index = { byAz: new Map(), all: [] };
  pools.forEach((pool, i) => {
    const key = classKeyOf(pool);
    let cls = byKey.get(key);
    if (!cls) {
      cls = { capabilities: pool.capabilities, members: [], verdicts: new Map() };
      byKey.set(key, cls);
      index.all.push(cls);
      const inAz = index.byAz.get(pool.az) ?? [];
      inAz.push(cls);
      index.byAz.set(pool.az, inAz);
    }
    cls.members.push(i);
  });
  indexes.set(pools, index);
  return index;
}

/** Does a spec read a per-pool key (then each pool answers it, not its class)? */
const perPoolSpec = (key: string) => PER_POOL_KEYS.has(key.replace(/^capabilities:/, "").split(":")[0] ?? "");

/**
 * The best `k` candidates, best first, as the full path would rank them: the classes of the
 * requested AZs whose capabilities satisfy the type (answered once per class and spec set), then
 * each member's service state, attempts and capacity in one pass (fitWeight), keeping the `k`
 * best by weight and pool order. With one weigher, normalizing does not change the order: a
 * positive multiplier prefers the most virtual free capacity, a negative one the least, zero
 * none (the pools' order decides).
 */
function fastCandidates(pools: readonly PoolState[], req: VolumeRequest, settings: VolumeSchedulerSettings, k: number): PoolState[] {
  const index = poolIndex(pools);
  const thin = thinRequest(req);
  const m = settings.capacityWeightMultiplier;
  const specs = Object.entries(req.extraSpecs);
  const perPool = specs.some(([key]) => perPoolSpec(key));
  const specKey = JSON.stringify(specs);
  const classes = req.azs.length === 0 ? index.all : req.azs.flatMap((az) => index.byAz.get(az) ?? []);
  const best: number[] = [];
  const scores: number[] = [];
  for (const cls of classes) {
    if (!perPool) {
      let ok = cls.verdicts.get(specKey);
      if (ok === undefined) {
        ok = specs.every(([key, wanted]) => capabilitySatisfies(cls.capabilities, key, wanted));
        cls.verdicts.set(specKey, ok);
      }
      if (!ok) continue;
    }
    for (const i of cls.members) {
      const pool = pools[i] as PoolState;
      if (!pool.enabled || !pool.up || req.attempted?.includes(pool.id)) continue;
      const w = fitWeight(pool, req.sizeGb, thin, m);
      if (Number.isNaN(w)) continue;
      if (perPool && !specs.every(([key, wanted]) => capabilitySatisfies(pool.capabilities, key, wanted))) continue;
      // Higher is better; an unbounded pool (Infinity when stacking) is the least preferred.
      const score = m > 0 ? w : m < 0 ? -w : 0;
      if (best.length === k && !beats(score, i, scores[k - 1] as number, best[k - 1] as number)) continue;
      let pos = best.length;
      while (pos > 0 && beats(score, i, scores[pos - 1] as number, best[pos - 1] as number)) pos--;
      best.splice(pos, 0, i);
      scores.splice(pos, 0, score);
      if (best.length > k) {
        best.pop();
        scores.pop();
      }
    }
  }
  return best.map((i) => pools[i] as PoolState);
}

/** Ranked before: a higher score, or the same score earlier in the pool list. */
const beats = (score: number, i: number, otherScore: number, other: number) => score > otherScore || (score === otherScore && i < other);

export interface VolumeBatchResult {
  /** Per volume, its candidates best first (the first takes it). */
  placements: PoolState[][];
  /** The first volume no pool could take, or null. */
  failedAt: number | null;
}

/**
 * Several volumes of one request, one after another as Cinder schedules them: each is filtered
 * and weighed on the pools as the volumes before it left them (consume_from_volume). The pools
 * passed in are not changed; the placements name the caller's pool objects.
 */
export function scheduleVolumes(pools: readonly PoolState[], req: VolumeRequest, count: number, settings: VolumeSchedulerSettings): VolumeBatchResult {
  let view: PoolState[] = [...pools];
  const original = new Map<PoolState, PoolState>(pools.map((p) => [p, p]));
  const placements: PoolState[][] = [];
  for (let i = 0; i < count; i++) {
    const { ranked } = scheduleVolume(view, req, settings);
    if (ranked.length === 0) return { placements, failedAt: i };
    placements.push(ranked.map((p) => original.get(p) as PoolState));
    const top = ranked[0] as PoolState;
    const consumed = consumeVolume(top, req.sizeGb);
    original.set(consumed, original.get(top) as PoolState);
    view = view.map((p) => (p === top ? consumed : p));
  }
  return { placements, failedAt: null };
}

export interface NoPoolExplanation {
  azs: string[];
  poolCount: number;
  filter: VolumeFilterName | null;
  code: VolumeRejection["code"] | "no_pools";
  requested: number;
  /** For capacity: the largest virtual free capacity any pool in scope offered. */
  bestAvailable: number | null;
  /** For capabilities: the spec no pool satisfied. */
  wanted: string | null;
  funnel: { filter: VolumeFilterName; remaining: number }[];
}

/** Why nothing fits: the last stage that refused any pool in the AZ, with its numbers. Takes an explained result. */
export function explainNoPool(result: VolumeScheduleResult, req: VolumeRequest): NoPoolExplanation {
  const inScope = result.verdicts.filter((v) => req.azs.length === 0 || req.azs.includes(v.pool.az));
  const base = { azs: [...req.azs], poolCount: inScope.length, requested: req.sizeGb, funnel: result.funnel };
  if (inScope.length === 0) return { ...base, filter: null, code: "no_pools", bestAvailable: null, wanted: null };
  // A pool that would take the volume but for its service (disabled, or down) is the reason, not
  // the pools of other types that the later filters refused.
  const wouldServe = (v: PoolVerdict) => v.rejection?.filter === "VolumeService" && (poolRejection({ ...v.pool, enabled: true, up: true }, req)?.filter ?? "CapacityFilter") === "CapacityFilter";
  const last = inScope.some(wouldServe) ? "VolumeService" : ([...VOLUME_FILTERS].reverse().find((f) => inScope.some((v) => v.rejection?.filter === f)) ?? null);
  const decisive = (last === "VolumeService" ? inScope.filter(wouldServe) : inScope).map((v) => v.rejection).filter((r): r is VolumeRejection => r?.filter === last);
  const first = decisive[0] as VolumeRejection;
  const free = decisive.flatMap((r) => (r.filter === "CapacityFilter" && r.virtualFree !== null ? [r.virtualFree] : []));
  return {
    ...base,
    filter: last,
    code: first.code,
    bestAvailable: free.length ? Math.max(...free) : null,
    wanted: first.filter === "CapabilitiesFilter" ? `${first.key}=${first.wanted}` : null,
  };
}

/** "No valid backend was found", with the reason an administrator can act on. */
export class NoValidBackendError extends DomainError {
  constructor(readonly explanation: NoPoolExplanation) {
    super("NO_VALID_BACKEND", `No valid backend: ${explanation.filter ?? "no pools"} (${explanation.code})`, {
      az: explanation.azs.join(",") || "-",
      pools: explanation.poolCount,
      filter: explanation.filter ?? "-",
      reason: `no_backend_${explanation.code}`,
      requested: explanation.requested,
      available: explanation.bestAvailable ?? 0,
      wanted: explanation.wanted ?? "-",
    });
  }
}
