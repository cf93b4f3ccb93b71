// Capacity as Cinder (Zed) computes it: `cinder/utils.py` (calculate_capacity_factors,
// calculate_max_over_subscription_ratio) and `cinder/scheduler/filters/capacity_filter.py`.
// Pure, and exact to Python's float arithmetic, including the two-decimal rounding Cinder
// applies to the factors it compares.

/** A capacity a driver reports: a number of GiB, or one of the two words Cinder accepts instead. */
export type CapacityGb = number | "infinite" | "unknown";

export const isUnbounded = (c: CapacityGb): c is "infinite" | "unknown" => c === "infinite" || c === "unknown";

/** Cinder's INITIAL_AUTO_MOSR: the `auto` ratio of a pool nothing has been provisioned on yet. */
export const INITIAL_AUTO_RATIO = 20;

/**
 * Python's round(x, 2): correctly rounded from the double's exact value, ties to even. A tie at
 * two decimals is exact only for x = k/8 with k odd (0.125, 0.375, ...); toFixed rounds those up,
 * and is exact everywhere else.
 */
export function pyRound2(x: number): number {
  if (!Number.isFinite(x)) return x;
  // Already at two decimals or fewer (whole GiB, mostly): the same double either way.
  if (Math.round(x * 100) / 100 === x) return x;
  if (Number.isInteger(x * 8) && !Number.isInteger(x * 4)) {
    const lo = Math.floor(x * 100);
    return (lo % 2 === 0 ? lo : lo + 1) / 100;
  }
  return Number(x.toFixed(2));
}

export interface CapacityFactors {
  totalCapacity: number;
  reservedCapacity: number;
  totalReservedAvailable: number;
  /** What Cinder may allocate: (total - reserved) x ratio for thin, total - reserved for thick. */
  totalAvailable: number;
  calculatedFree: number;
  /** What a new volume is checked and weighed against. */
  virtualFree: number;
  provisionedRatio: number;
  freePercent: number;
  thin: boolean;
}

/**
 * cinder.utils.calculate_capacity_factors. `thin` is the request's provisioning (thin unless the
 * type says `provisioning:type=thick`); it counts only where the pool supports thin provisioning.
 */
export function capacityFactors(total: number, free: number, provisioned: number, thinSupport: boolean, ratio: number, reservedPercentage: number, thin: boolean): CapacityFactors {
  const reservedCapacity = Math.floor(total * (reservedPercentage / 100));
  const totalReservedAvailable = total - reservedCapacity;
  const thinNow = thin && thinSupport;
  const totalAvailable = thinNow ? totalReservedAvailable * ratio : totalReservedAvailable;
  const calculatedFree = totalAvailable - provisioned;
  // Thick: the array's own free space can be less than the arithmetic says.
  const virtualFree = !thinNow && free < calculatedFree ? free : calculatedFree;
  return {
    totalCapacity: total,
    reservedCapacity,
    totalReservedAvailable: pyRound2(totalReservedAvailable),
    totalAvailable: pyRound2(totalAvailable),
    calculatedFree: pyRound2(calculatedFree),
    virtualFree: pyRound2(virtualFree),
    provisionedRatio: pyRound2(totalAvailable ? provisioned / totalAvailable : 0),
    freePercent: pyRound2(totalAvailable ? (virtualFree / totalAvailable) * 100 : 0),
    thin: thinNow,
  };
}

/** The ratio a pool asks for: a number, `auto`, or nothing (the cloud's setting applies). */
export type RatioSetting = number | "auto" | null;

/**
 * cinder.utils.calculate_max_over_subscription_ratio, as the scheduler computes it when a pool
 * reports: 1 without thin support or with an unbounded capacity; `auto` gives
 * 1 + provisioned / (used + 1), or 20 while nothing is provisioned.
 */
export function maxOverSubscriptionRatio(pool: { thinSupport: boolean; totalGb: CapacityGb; freeGb: CapacityGb; provisionedGb: number; ratio: RatioSetting }, cloudRatio: number | "auto"): number {
  if (!pool.thinSupport) return 1;
  if (isUnbounded(pool.totalGb) || isUnbounded(pool.freeGb)) return 1;
  // `capability.get(...) or global`: a ratio of 0 falls back to the cloud's, as nothing does.
  const ratio = pool.ratio || cloudRatio;
  if (ratio !== "auto") return ratio;
  if (pool.provisionedGb === 0) return INITIAL_AUTO_RATIO;
  return 1 + pool.provisionedGb / (pool.totalGb - pool.freeGb + 1);
}

/** What the capacity filter needs of a pool. */
export interface PoolCapacity {
  totalGb: CapacityGb;
  freeGb: CapacityGb;
  provisionedGb: number;
  reservedPercentage: number;
  thinSupport: boolean;
  /** As computed when the pool reported (maxOverSubscriptionRatio). */
  maxOverSubscriptionRatio: number;
}

export type CapacityVerdict =
  | { ok: true; virtualFree: number | null }
  | { ok: false; reason: "no_total" | "reserved_of_unbounded" | "ratio_exceeded" | "invalid_ratio" | "virtual_free" | "free"; virtualFree: number | null; provisionedRatio?: number; ratio?: number };

/**
 * CapacityFilter.backend_passes for a request of `size` GiB (an extension asks for the growth
 * only; 0 is a manage request and always passes).
 */
export function capacityVerdict(pool: PoolCapacity, size: number, thin: boolean): CapacityVerdict {
  if (size === 0) return { ok: true, virtualFree: null };
  // A driver that cannot tell its free space is trusted; the reschedule catches it if wrong.
  if (isUnbounded(pool.freeGb)) return { ok: true, virtualFree: null };
  if (isUnbounded(pool.totalGb)) return pool.reservedPercentage === 0 ? { ok: true, virtualFree: null } : { ok: false, reason: "reserved_of_unbounded", virtualFree: null };
  if (pool.totalGb <= 0) return { ok: false, reason: "no_total", virtualFree: null };
  const ratio = pool.thinSupport ? pool.maxOverSubscriptionRatio : 1;
  const f = capacityFactors(pool.totalGb, pool.freeGb, pool.provisionedGb, pool.thinSupport, ratio, pool.reservedPercentage, thin);
  if (thin && pool.thinSupport && pool.maxOverSubscriptionRatio >= 1) {
    const provisionedRatio = (pool.provisionedGb + size) / f.totalAvailable;
    if (provisionedRatio > pool.maxOverSubscriptionRatio) return { ok: false, reason: "ratio_exceeded", virtualFree: f.virtualFree, provisionedRatio, ratio: pool.maxOverSubscriptionRatio };
    return f.virtualFree >= size ? { ok: true, virtualFree: f.virtualFree } : { ok: false, reason: "virtual_free", virtualFree: f.virtualFree };
  }
  if (thin && pool.thinSupport) return { ok: false, reason: "invalid_ratio", virtualFree: f.virtualFree, ratio: pool.maxOverSubscriptionRatio };
  return f.virtualFree < size ? { ok: false, reason: "free", virtualFree: f.virtualFree } : { ok: true, virtualFree: f.virtualFree };
}

/**
 * The capacity filter and weigher in one pass without allocating, for the scheduler's hot loop:
 * NaN when the filter refuses the pool, else what the weigher reads (capacityWeight). Agrees with
 * capacityVerdict and capacityWeight (the differential test runs both paths).
 */
export function fitWeight(pool: PoolCapacity, size: number, thin: boolean, multiplier: number): number {
  const total = pool.totalGb;
  const free = pool.freeGb;
  const unboundedWeight = multiplier > 0 ? -1 : Infinity;
  if (size === 0) return isUnbounded(free) || isUnbounded(total) ? unboundedWeight : exactVirtualFree(pool, thin);
  if (isUnbounded(free)) return unboundedWeight;
  if (isUnbounded(total)) return pool.reservedPercentage === 0 ? unboundedWeight : NaN;
  if (total <= 0) return NaN;
  const thinNow = thin && pool.thinSupport;
  const reserved = total - Math.floor(total * (pool.reservedPercentage / 100));
  const available = thinNow ? reserved * pool.maxOverSubscriptionRatio : reserved;
  const calculated = available - pool.provisionedGb;
  const virtualFree = pyRound2(!thinNow && free < calculated ? free : calculated);
  if (thinNow && pool.maxOverSubscriptionRatio >= 1) {
    if ((pool.provisionedGb + size) / pyRound2(available) > pool.maxOverSubscriptionRatio) return NaN;
    return virtualFree >= size ? virtualFree : NaN;
  }
  if (thinNow) return NaN;
  return virtualFree < size ? NaN : virtualFree;
}

function exactVirtualFree(pool: PoolCapacity, thin: boolean): number {
  return capacityFactors(pool.totalGb as number, pool.freeGb as number, pool.provisionedGb, pool.thinSupport, pool.maxOverSubscriptionRatio, pool.reservedPercentage, thin).virtualFree;
}

/** CapacityWeigher._weigh_object: the virtual free capacity; an unbounded pool weighs least. */
export function capacityWeight(pool: PoolCapacity, thin: boolean, multiplier: number): number {
  if (isUnbounded(pool.freeGb) || isUnbounded(pool.totalGb)) return multiplier > 0 ? -1 : Infinity;
  return capacityFactors(pool.totalGb, pool.freeGb, pool.provisionedGb, pool.thinSupport, pool.maxOverSubscriptionRatio, pool.reservedPercentage, thin).virtualFree;
}
