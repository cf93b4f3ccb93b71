import { describe, expect, it } from "vitest";
import { capacityFactors, capacityVerdict, maxOverSubscriptionRatio, pyRound2, type PoolCapacity } from "./capacity";
import { poolStateOf, protocolVariants, type PoolReport, type PoolState } from "./pool-state";
import { CINDER_ZED_DEFAULTS, capacityWeights, explainNoPool, scheduleVolume, scheduleVolumes, type VolumeRequest } from "./scheduler";
import { boolFromString, capabilitySatisfies, matchCapability } from "./specs-ops";

const pool = (over: Partial<PoolCapacity> = {}): PoolCapacity => ({ totalGb: 1000, freeGb: 1000, provisionedGb: 0, reservedPercentage: 0, thinSupport: true, maxOverSubscriptionRatio: 1, ...over });

function state(id: string, report: Partial<PoolReport> = {}, opts: { az?: string; cloudRatio?: number | "auto"; up?: boolean } = {}): PoolState {
  const r: PoolReport = { name: id, backendName: "oceanstor", totalGb: 1000, freeGb: 1000, allocatedGb: 0, reservedPercentage: 0, thinSupport: false, thickSupport: true, ratio: null, protocol: "iSCSI", ...report };
  return poolStateOf({ id, host: `cinder-${id}`, az: opts.az ?? "az1", enabled: true, up: opts.up ?? true }, r, opts.cloudRatio ?? 3);
}

const req = (over: Partial<VolumeRequest> = {}): VolumeRequest => ({ sizeGb: 10, azs: [], extraSpecs: {}, ...over });

describe("Cinder's capacity arithmetic", () => {
  it("rounds as Python's round(x, 2) does: ties to even, on the double's exact value", () => {
    expect(pyRound2(0.125)).toBe(0.12);
    expect(pyRound2(0.375)).toBe(0.38);
    expect(pyRound2(1234.625)).toBe(1234.62);
    expect(pyRound2(-0.125)).toBe(-0.12);
    // 2.675 and 1.005 are stored just below the half: they round down in Python too.
    expect(pyRound2(2.675)).toBe(2.67);
    expect(pyRound2(1.005)).toBe(1);
    expect(pyRound2(7.456)).toBe(7.46);
  });

  it("lets a thin pool of 10 TiB at ratio 3.0 take 30 TiB of thin volumes and no more", () => {
    const p = pool({ totalGb: 10_240, freeGb: 10_240, maxOverSubscriptionRatio: 3 });
    expect(capacityFactors(10_240, 10_240, 0, true, 3, 0, true).virtualFree).toBe(30_720);
    expect(capacityVerdict(p, 30_720, true)).toEqual({ ok: true, virtualFree: 30_720 });
    expect(capacityVerdict(p, 30_721, true)).toMatchObject({ ok: false, reason: "virtual_free" });
    // With 20 TiB provisioned, 10 TiB remain.
    expect(capacityVerdict({ ...p, provisionedGb: 20_480 }, 10_241, true)).toMatchObject({ ok: false, reason: "virtual_free", virtualFree: 10_240 });
  });

  it("checks a thick volume against the real free space after the reserved percentage", () => {
    // Thick: (1000 - 10 %) - 900 provisioned = 0 GiB, whatever the array says is free.
    expect(capacityVerdict(pool({ freeGb: 300, provisionedGb: 900, reservedPercentage: 10 }), 1, false)).toMatchObject({ ok: false, reason: "free", virtualFree: 0 });
    // And the array's own free space when it is less than the arithmetic.
    const low = pool({ freeGb: 50, provisionedGb: 100 });
    expect(capacityVerdict(low, 50, false)).toEqual({ ok: true, virtualFree: 50 });
    expect(capacityVerdict(low, 51, false)).toMatchObject({ ok: false, reason: "free" });
  });

  it("refuses a thin request past the over-subscription ratio, and on a pool whose ratio is below 1", () => {
    // (provisioned + requested) / (total x ratio) > ratio: Cinder compares the ratio of the
    // provisioned space to the already multiplied total with the ratio itself.
    expect(capacityVerdict(pool({ totalGb: 100, freeGb: 100, provisionedGb: 900, maxOverSubscriptionRatio: 3 }), 10, true)).toMatchObject({ ok: false, reason: "ratio_exceeded", ratio: 3 });
    // At exactly the ratio it is the virtual free space that refuses.
    expect(capacityVerdict(pool({ totalGb: 100, freeGb: 100, provisionedGb: 890, maxOverSubscriptionRatio: 3 }), 10, true)).toMatchObject({ ok: false, reason: "virtual_free", virtualFree: -590 });
    expect(capacityVerdict(pool({ maxOverSubscriptionRatio: 0.5 }), 1, true)).toMatchObject({ ok: false, reason: "invalid_ratio" });
    // A thick request on the same pool is checked against its free space only.
    expect(capacityVerdict(pool({ maxOverSubscriptionRatio: 0.5 }), 1, false)).toMatchObject({ ok: true });
  });

  it("trusts unbounded capacities as Cinder does, except with a reservation it cannot compute", () => {
    expect(capacityVerdict(pool({ freeGb: "infinite" }), 10_000_000, true)).toEqual({ ok: true, virtualFree: null });
    expect(capacityVerdict(pool({ totalGb: "unknown", freeGb: 10 }), 100, true)).toEqual({ ok: true, virtualFree: null });
    expect(capacityVerdict(pool({ totalGb: "unknown", freeGb: 10, reservedPercentage: 5 }), 1, true)).toMatchObject({ ok: false, reason: "reserved_of_unbounded" });
    expect(capacityVerdict(pool({ totalGb: 0, freeGb: 0 }), 1, true)).toMatchObject({ ok: false, reason: "no_total" });
    // A manage request (size 0) always fits.
    expect(capacityVerdict(pool({ totalGb: 0, freeGb: 0 }), 0, true).ok).toBe(true);
  });

  it("computes the ratio as Cinder: the pool's, else the cloud's; `auto` from what is provisioned", () => {
    const base = { thinSupport: true, totalGb: 1000, freeGb: 600, provisionedGb: 500 } as const;
    expect(maxOverSubscriptionRatio({ ...base, ratio: 2 }, 3)).toBe(2);
    expect(maxOverSubscriptionRatio({ ...base, ratio: null }, 3)).toBe(3);
    // A ratio of 0 is "not set" in Python's `or`.
    expect(maxOverSubscriptionRatio({ ...base, ratio: 0 }, 3)).toBe(3);
    expect(maxOverSubscriptionRatio({ ...base, ratio: "auto" }, 3)).toBe(1 + 500 / 401);
    expect(maxOverSubscriptionRatio({ ...base, provisionedGb: 0, ratio: null }, "auto")).toBe(20);
    expect(maxOverSubscriptionRatio({ ...base, thinSupport: false, ratio: 5 }, 3)).toBe(1);
    expect(maxOverSubscriptionRatio({ ...base, freeGb: "infinite", ratio: 5 }, 3)).toBe(1);
  });
});

describe("capability specs, read as Cinder reads them", () => {
  it("compares typed values: a boolean matches only through <is>", () => {
    expect(matchCapability(true, "True")).toBe(false);
    expect(matchCapability(true, "<is> True")).toBe(true);
    expect(matchCapability("yes", "<is> True")).toBe(true);
    expect(matchCapability(1, "<is> True")).toBe(true);
    expect(matchCapability(2.5, "<is> False")).toBe(true);
    expect(boolFromString(" ON ")).toBe(true);
    // A number never equals a word, but is compared as one with the numeric operators.
    expect(matchCapability(5, "5")).toBe(false);
    expect(matchCapability(5, "= 4")).toBe(true);
    expect(matchCapability(5, "== 5.0")).toBe(true);
    expect(matchCapability("fast", ">= 1")).toBe(false);
    expect(matchCapability(true, ">= 1")).toBe(true);
  });

  it("knows <in>, <or>, the string operators and s!= on other types", () => {
    expect(matchCapability("sync hypermetro", "<in> hypermetro")).toBe(true);
    expect(matchCapability("sas", "<or> ssd <or> sas")).toBe(true);
    expect(matchCapability("nl_sas", "<or> ssd <or> sas")).toBe(false);
    expect(matchCapability("sas", "s>= p")).toBe(true);
    expect(matchCapability(3, "s!= 3")).toBe(true);
    expect(matchCapability(null, "<is> False")).toBe(false);
    expect(matchCapability(null, null)).toBe(true);
  });

  it("walks scoped keys, ignores other services' scopes, and matches any element of a list", () => {
    const caps = { qos: { max_iops: 80_000 }, raid_levels: ["RAID5", "RAID6"], storage_protocol: protocolVariants("FC") };
    expect(capabilitySatisfies(caps, "capabilities:qos:max_iops", ">= 50000")).toBe(true);
    expect(capabilitySatisfies(caps, "capabilities:qos:burst", "<is> True")).toBe(false);
    expect(capabilitySatisfies(caps, "raid_levels", "RAID6")).toBe(true);
    expect(capabilitySatisfies(caps, "storage_protocol", "fibre_channel")).toBe(true);
    expect(capabilitySatisfies(caps, "RESKEY:availability_zones", "az9")).toBe(true);
    expect(capabilitySatisfies(caps, "provisioning:type", "thick")).toBe(true);
    expect(capabilitySatisfies(caps, "missing", "x")).toBe(false);
  });
});

describe("the volume scheduler", () => {
  it("spreads by virtual free capacity normalized between the smallest and the largest", () => {
    const pools = [state("a", { freeGb: 100, totalGb: 100 }), state("b", { freeGb: 300, totalGb: 300 }), state("c", { freeGb: 200, totalGb: 200 })];
    expect(capacityWeights(pools, false, 1).weights).toEqual([0, 1, 0.5]);
    expect(scheduleVolume(pools, req(), CINDER_ZED_DEFAULTS).ranked.map((p) => p.id)).toEqual(["b", "c", "a"]);
    // A negative multiplier stacks: the fullest pool first.
    expect(scheduleVolume(pools, req(), { ...CINDER_ZED_DEFAULTS, capacityWeightMultiplier: -1 }).ranked[0]?.id).toBe("a");
  });

  it("weighs an unbounded pool least, whichever way the multiplier points", () => {
    const pools = [state("inf", { freeGb: "infinite" }), state("a", { freeGb: 100, totalGb: 100 }), state("b", { freeGb: 300, totalGb: 300 })];
    expect(capacityWeights(pools, false, 1).raw).toEqual([-1, 100, 300]);
    // Stacking: infinity is replaced by the largest plus 100 x the spread (20,300 here).
    expect(capacityWeights(pools, false, -1).weights).toEqual([-1, 0, -(200 / 20_200)]);
    expect(scheduleVolume(pools, req(), { ...CINDER_ZED_DEFAULTS, capacityWeightMultiplier: -1 }).ranked.map((p) => p.id)).toEqual(["a", "b", "inf"]);
  });

  it("places several volumes one after another on the state the earlier ones left", () => {
    const pools = [state("a", { totalGb: 1000, freeGb: 1000, allocatedGb: 900 }), state("b", { totalGb: 1000, freeGb: 1000, allocatedGb: 920 })];
    const batch = scheduleVolumes(pools, req({ sizeGb: 30 }), 3, CINDER_ZED_DEFAULTS);
    expect(batch.placements.map((p) => p[0]?.id)).toEqual(["a", "b", "a"]);
    expect(batch.failedAt).toBeNull();
    // The caller's pools are not changed.
    expect(pools[0]?.allocatedGb).toBe(900);
    // 100 and 80 GiB free: two volumes of 60 fit, one on each, and the third nowhere.
    expect(scheduleVolumes(pools, req({ sizeGb: 60 }), 4, CINDER_ZED_DEFAULTS)).toMatchObject({ failedAt: 2 });
  });

  it("leaves out pools of a down or disabled service, other AZs, attempted pools and unmatched types", () => {
    const pools = [state("down", {}, { up: false }), state("other", {}, { az: "az2" }), state("ssd", { capabilities: { disk_type: "ssd" } }), state("sas", { capabilities: { disk_type: "sas" } })];
    const r = scheduleVolume(pools, req({ azs: ["az1"], extraSpecs: { disk_type: "ssd" } }), CINDER_ZED_DEFAULTS, { explain: true });
    expect(r.ranked.map((p) => p.id)).toEqual(["ssd"]);
    expect(r.verdicts.map((v) => v.rejection?.filter ?? null)).toEqual(["VolumeService", "AvailabilityZoneFilter", null, "CapabilitiesFilter"]);
    expect(r.funnel).toEqual([
      { filter: "VolumeService", remaining: 3 },
      { filter: "IgnoreAttemptedHostsFilter", remaining: 3 },
      { filter: "AvailabilityZoneFilter", remaining: 2 },
      { filter: "CapabilitiesFilter", remaining: 1 },
      { filter: "CapacityFilter", remaining: 1 },
    ]);
    expect(scheduleVolume(pools, req({ azs: ["az1"], extraSpecs: { disk_type: "ssd" }, attempted: ["ssd"] }), CINDER_ZED_DEFAULTS).ranked).toEqual([]);
  });

  it("explains a refusal with the AZ, the filter and the numbers", () => {
    const pools = [state("a", { totalGb: 500, freeGb: 200, allocatedGb: 300 }), state("b", { totalGb: 500, freeGb: 400, allocatedGb: 100 }), state("c", {}, { az: "az2" })];
    const big = req({ sizeGb: 450, azs: ["az1"], extraSpecs: { "provisioning:type": "thick" } });
    const why = explainNoPool(scheduleVolume(pools, big, CINDER_ZED_DEFAULTS, { explain: true }), big);
    expect(why).toMatchObject({ azs: ["az1"], poolCount: 2, filter: "CapacityFilter", code: "free", requested: 450, bestAvailable: 400 });
    const nowhere = req({ azs: ["az9"] });
    expect(explainNoPool(scheduleVolume(pools, nowhere, CINDER_ZED_DEFAULTS, { explain: true }), nowhere)).toMatchObject({ code: "no_pools", poolCount: 0 });
    const typed = req({ extraSpecs: { disk_type: "ssd" } });
    expect(explainNoPool(scheduleVolume(pools, typed, CINDER_ZED_DEFAULTS, { explain: true }), typed)).toMatchObject({ filter: "CapabilitiesFilter", wanted: "disk_type=ssd" });
  });

  it("blames the service of the pool that would have taken the volume, not the pools of other types", () => {
    const sas = state("sas", { backendName: "sas" }, { up: false });
    const ssd = state("ssd", { backendName: "ssd" });
    const wantSas = req({ extraSpecs: { volume_backend_name: "sas" } });
    expect(explainNoPool(scheduleVolume([sas, ssd], wantSas, CINDER_ZED_DEFAULTS, { explain: true }), wantSas)).toMatchObject({ filter: "VolumeService", code: "service_down" });
    // A down pool of another type is no excuse: the type is offered nowhere.
    const wantNl = req({ extraSpecs: { volume_backend_name: "nl" } });
    expect(explainNoPool(scheduleVolume([sas, ssd], wantNl, CINDER_ZED_DEFAULTS, { explain: true }), wantNl)).toMatchObject({ filter: "CapabilitiesFilter" });
  });
});
