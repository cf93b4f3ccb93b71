// A filter scheduler that decides as Nova's (Zed) does, proven against Nova's own classes by the
// differential test (tests/differential/nova-scheduler.test.ts). The order of a decision:
//
//  1. The AZ (Zed maps it to a Placement aggregate), the host manager (ignored hosts out, or only
//     a forced or requested one), a disabled compute service out.
//  2. Placement (a separate service in Nova, emulated here): only hosts whose inventory has room
//     for the non-zero amounts of VCPU, MEMORY_MB and DISK_GB, that have every required trait
//     and no forbidden one, and that are in no isolated host group, remain.
//  3. The filters, in the configured order (a forced host skips them all). (`filters.ts`)
//  4. The RAM, CPU and disk weighers: raw values clamped at 0, normalized between 0 and the
//     largest, times a multiplier (a host group's metadata may set it per host). (`weighers.ts`)
//  5. One of the best `hostSubsetSize` at random; for further instances of the same request the
//     filters that run once per request are not run again, the survivors are weighed again on the
//     consumed state, and the first in weight order that Placement still accepts takes it.
//
// HCS mode adds one rule Nova does not have: among host groups carrying the flavor's tag, the
// less utilized group first (`hcsHostGroupPreference`, documented as HCS behaviour). With it
// off, every decision equals Nova's.
import type { Random } from "../shared/random";
import { chainFor, cloudIndex, explainFilters, fastFilters, FILTER_CHAIN, placementDisk, placementMemory, placementVcpu, planRequest, type FilterName, type Rejection, type RequestPlan } from "./filters";
import { DEFAULT_AZ, wantsHugePages, type HostState, type RequestSpec, type SchedulerSettings } from "./request";
import { GROUP_PREFERENCE_SCALE, tagGroupScores, weighTotals, type DiskBonus, type Weights } from "./weighers";

export * from "./request";
export * from "./filters";
export * from "./weighers";

export interface HostVerdict {
  host: HostState;
  rejection: Rejection | null;
  weights: Weights | null;
}

export interface ScheduleResult {
  /** Hosts to try, best first: the pick, then up to `alternates` others in weight order. */
  ranked: HostState[];
  /** Every host with the stage that rejected it or its weights (only with `explain`). */
  verdicts: HostVerdict[];
  /** How many hosts each stage left, in chain order: the shape of the funnel (only with `explain`). */
  funnel: { filter: FilterName; remaining: number }[];
}

export interface ScheduleOptions {
  /** Keep a verdict for every host ("explain placement"); costs an object per host. */
  explain?: boolean;
  /** How many hosts to rank after the pick (Nova's alternates, for reschedules and lost races). */
  alternates?: number;
}

/** Indexes of the `k` largest totals, largest first; ties keep input order (Python's sort is stable). */
function topK(totals: Float64Array, k: number): number[] {
  if (k > 32) return Array.from(totals.keys()).sort((a, b) => (totals[b] as number) - (totals[a] as number) || a - b).slice(0, k);
  const best: number[] = [];
  for (let i = 0; i < totals.length; i++) {
    const w = totals[i] as number;
    if (best.length === k && w <= (totals[best[k - 1] as number] as number)) continue;
    let pos = best.length;
    while (pos > 0 && w > (totals[best[pos - 1] as number] as number)) pos--;
    best.splice(pos, 0, i);
    if (best.length > k) best.pop();
  }
  return best;
}

/** The indexes ranked best first (with the HCS preference added), and per-host weights when explaining. */
function rank(
  survivors: readonly HostState[],
  keys: ReadonlySet<string>,
  all: () => readonly HostState[],
  plan: RequestPlan,
  want: number,
  explain: boolean,
  diskBonus?: DiskBonus,
): { weights: Weights[] | null; order: number[] } {
  const { totals, columns } = weighTotals(survivors, plan.settings, keys, diskBonus);
  const groupScores = survivors.length > 1 ? tagGroupScores(all(), plan) : null;
  const group = groupScores ? new Float64Array(survivors.length) : null;
  if (groupScores && group)
    survivors.forEach((h, i) => {
      let best = 0;
      for (const g of h.groups) best = Math.max(best, groupScores.get(g.name) ?? 0);
      group[i] = best * GROUP_PREFERENCE_SCALE;
      totals[i] = (totals[i] as number) + (group[i] as number);
    });
  const weights = explain
    ? survivors.map((_, i) => ({ ram: columns?.ram?.[i] ?? 0, cpu: columns?.cpu?.[i] ?? 0, disk: columns?.disk?.[i] ?? 0, group: group?.[i] ?? 0, total: totals[i] as number }))
    : null;
  return { weights, order: topK(totals, want) };
}

/** host_subset_size: choose randomly among the best N; the rest stay in weight order. */
function pickFromSubset(order: number[], survivors: number, settings: SchedulerSettings, rng: Random): void {
  const subset = Math.max(1, Math.min(settings.hostSubsetSize, survivors));
  if (subset > 1) {
    const idx = Math.floor(rng.next() * subset);
    const [chosen] = order.splice(idx, 1);
    if (chosen !== undefined) order.unshift(chosen);
  }
}

export function schedule(hosts: readonly HostState[], req: RequestSpec, settings: SchedulerSettings, rng: Random, opts: ScheduleOptions = {}): ScheduleResult {
  const explain = opts.explain ?? false;
  const plan = planRequest(req, settings);
  const cloud = cloudIndex(hosts);
  const chain = chainFor(plan, 0, cloud);
  const filtered = explain ? explainFilters(hosts, plan, chain) : null;
  const survivors = filtered ? filtered.survivors : fastFilters(hosts, plan, chain);
  const rejections = filtered?.rejections ?? null;
  // The funnel is an explanation: only an explaining run counts what each stage removed.
  let remaining = hosts.length;
  const funnel = filtered
    ? FILTER_CHAIN.map((f) => {
        remaining -= filtered.removedBy.get(f.name) ?? 0;
        return { filter: f.name, remaining };
      })
    : [];
  const subset = Math.max(1, Math.min(settings.hostSubsetSize, survivors.length));
  const want = explain ? survivors.length : Math.min(survivors.length, subset + (opts.alternates ?? 4));
  const { weights, order } = rank(survivors, cloud.metadataKeys, () => hosts, plan, want, explain);
  pickFromSubset(order, survivors.length, settings, rng);
  const ranked = order.map((i) => survivors[i] as HostState);
  let verdicts: HostVerdict[] = [];
  if (explain && weights) {
    const weightOf = new Map(survivors.map((h, i) => [h, weights[i] as Weights]));
    verdicts = hosts.map((host) => ({ host, rejection: rejections?.get(host) ?? null, weights: weightOf.get(host) ?? null }));
  }
  return { ranked, verdicts, funnel };
}

/** What a chosen host gives up for one instance, in Placement and in the host manager's view. */
export function consume(host: HostState, req: RequestSpec): void {
  host.vcpusUsed += req.vcpus;
  host.memoryMbUsed += req.memoryMb;
  host.diskGbUsed += req.diskGb;
  if (wantsHugePages(req.extraSpecs)) host.hugePagesUsedMb += req.memoryMb;
  host.instanceCount += 1;
}

export interface BatchResult {
  /** Per instance, the host chosen and then the others of its round in weight order (alternates). */
  placements: HostState[][];
  /** The instance that found no host (placements stop there), or null when all were placed. */
  failedAt: number | null;
}

/**
 * Several instances of one request, as Nova's FilterScheduler._schedule places them. The filters
 * run once; each later instance re-runs only the filters that are not once-per-request on the
 * previous round's hosts (in that round's order), weighs them on the state the earlier picks
 * consumed (hosts that no longer fit still count in the normalization), and takes the first host
 * in weight order that Placement still accepts. Works on copies: the hosts passed in are not changed.
 */
export function scheduleBatch(hosts: readonly HostState[], req: RequestSpec, count: number, settings: SchedulerSettings, rng: Random, alternates = 4): BatchResult {
  const plan = planRequest(req, settings);
  const cloud = cloudIndex(hosts);
  // Only a host this request consumed is copied (copy -> the caller's host); the rest are read as they are.
  const original = new Map<HostState, HostState>();
  const copyOf = new Map<HostState, HostState>();
  const diskBonus = new Map<HostState, number>();
  const placements: HostState[][] = [];
  let current: HostState[] = [];
  const swapGb = req.diskGb - req.localGb;
  const consumedView = () => (copyOf.size ? hosts.map((h) => copyOf.get(h) ?? h) : hosts);
  for (let index = 0; index < count; index++) {
    const chain = chainFor(plan, index, cloud);
    const survivors = fastFilters(index === 0 ? hosts : current, plan, chain);
    if (survivors.length === 0) return { placements, failedAt: index };
    // The whole order matters while later instances will start from it; for the last one, the best few do.
    const subset = Math.max(1, Math.min(settings.hostSubsetSize, survivors.length));
    let want = index < count - 1 ? survivors.length : Math.min(survivors.length, subset + alternates);
    const fits = (h: HostState) => !placementVcpu(h, plan) && !placementMemory(h, plan) && !placementDisk(h, plan);
    let sorted: HostState[];
    let claimed: HostState | undefined;
    for (;;) {
      const { order } = rank(survivors, cloud.metadataKeys, consumedView, plan, want, false, diskBonus);
      pickFromSubset(order, survivors.length, settings, rng);
      sorted = order.map((i) => survivors[i] as HostState);
      // The claim: the first host in this order that Placement still has room on.
      claimed = sorted.find(fits);
      if (claimed || want === survivors.length) break;
      want = survivors.length;
    }
    if (!claimed) return { placements, failedAt: index };
    let copy = copyOf.get(original.get(claimed) ?? claimed) ?? null;
    if (!copy) {
      copy = { ...claimed };
      original.set(copy, claimed);
      copyOf.set(claimed, copy);
    }
    consume(copy, req);
    // Nova's host manager takes root + ephemeral off the free disk, not the swap Placement counted.
    if (swapGb > 0) diskBonus.set(copy, (diskBonus.get(copy) ?? 0) + swapGb * 1024);
    const mine = original.get(copy) as HostState;
    if (req.serverGroup) req = { ...req, serverGroup: { ...req.serverGroup, hostIds: [...req.serverGroup.hostIds, mine.id] } };
    plan.req = req;
    placements.push([claimed, ...sorted.filter((h) => h !== claimed)].map((h) => original.get(h) ?? h));
    // The next round starts from this round's order (the pick first), as Nova's loop does.
    current = sorted.map((h) => (h === claimed ? (copy as HostState) : h));
  }
  return { placements, failedAt: null };
}

/**
 * The reason to give a person when no host fits: the stage that removed the last hosts, and
 * the nearest miss among the hosts it rejected (the most any host could still give).
 */
export interface NoHostExplanation {
  az: string | null;
  hostCount: number;
  filter: FilterName | null;
  /** For capacity stages: what was asked for and the best any host could offer. */
  requested: number | null;
  bestAvailable: number | null;
  code: Rejection["code"] | "no_hosts";
  /** For property filters: what the request wanted (an architecture, a key=value, a trait). */
  wanted: string | null;
  funnel: { filter: FilterName; remaining: number }[];
}

/** Takes a result scheduled with `explain: true` (it reads every host's verdict). */
export function explainNoHost(result: ScheduleResult, req: RequestSpec): NoHostExplanation {
  const inScope = result.verdicts.filter((v) => !req.az || (v.host.az ?? DEFAULT_AZ) === req.az);
  if (inScope.length === 0)
    return { az: req.az, hostCount: 0, filter: null, requested: null, bestAvailable: null, code: "no_hosts", wanted: null, funnel: result.funnel };
  // The decisive stage is the last one in the chain that rejected any host: the hosts it
  // rejected had passed everything before it.
  const last = [...result.funnel].reverse().find((step, i, arr) => {
    const prev = arr[i + 1]?.remaining ?? result.verdicts.length;
    return step.remaining < prev;
  });
  let filter = last?.filter ?? null;
  let decisive = inScope.filter((v) => v.rejection?.filter === filter).map((v) => v.rejection as Rejection);
  // With a forced or requested host, only that host's own verdict matters (unless it does not exist).
  const only = req.forceHost ?? req.requestedHost;
  const own = only ? result.verdicts.find((v) => v.host.name === only)?.rejection : null;
  if (own) {
    filter = own.filter;
    decisive = [own];
  }
  let requested: number | null = null;
  let best: number | null = null;
  let code: Rejection["code"] | "no_hosts" = decisive[0]?.code ?? "no_hosts";
  let wanted: string | null = null;
  for (const r of decisive) {
    if (r.filter === "ImagePropertiesFilter") wanted = r.wanted;
    else if (r.code === "extra_spec_mismatch" || r.code === "capability_mismatch") wanted = `${r.key}=${r.wanted}`;
    else if (r.code === "not_requested_host") wanted = r.requested;
    else if (r.code === "affinity_violation" || r.code === "anti_affinity_violation") wanted = r.group;
    else if (r.code === "trait_missing" || r.code === "trait_forbidden" || r.code === "isolated_aggregate") wanted = r.trait;
    if (r.code === "insufficient") {
      requested = r.requested;
      best = Math.max(best ?? -Infinity, r.free);
    } else if (r.code === "exceeds_physical") {
      requested = r.requested;
      best = Math.max(best ?? -Infinity, r.physical);
    } else if (r.code === "hugepages_insufficient") {
      requested = r.requestedMb;
      best = Math.max(best ?? -Infinity, r.freeMb);
    }
  }
  // If some hosts were short of room and others too small outright, say "insufficient": room
  // may come back; a physical limit never will.
  if (decisive.some((r) => r.code === "insufficient")) code = "insufficient";
  return { az: req.az, hostCount: inScope.length, filter, requested, bestAvailable: best === null ? null : Math.max(0, best), code, wanted, funnel: result.funnel };
}
