import "server-only";
import type { HostState } from "@/lib/cloud/compute";
import type { Db, Tx } from "../db";
import { hostWithGroups, isUp, lastComputeReport, toHostState, type HostRow } from "./hosts";
import type { CloudSettingsRow } from "./settings";

// The scheduler's hosts kept in memory, as Nova's host manager keeps its HostStates. The first
// read loads every host; later reads fetch only the rows written since the last look (every
// write sets Host.updatedAt, which is indexed), so a launch at 5,000 hosts reads a handful of rows
// instead of all of them. The database stays the source of truth: a claim is a conditional
// update, so a view that is a moment stale can lose a claim (and try the next host), never
// over-commit. Each console process keeps its own cache; they converge through the same reads.

/** Rows written up to this long before the newest one seen are read again: a transaction that stamped its rows earlier but committed later is not missed. */
const OVERLAP_MS = 2_000;
/** A full reload now and then, whatever the stamps say (a host deleted, a clock stepped back). */
const FULL_RELOAD_MS = 60_000;

interface HostCache {
  rows: Map<string, HostRow>;
  /** The HostStates handed out: one object per host, updated in place so the hosts' identity (and indexes built on the array) hold. */
  byId: Map<string, HostState>;
  list: HostState[];
  /** The newest updatedAt seen (ms). */
  seen: number;
  loadedAt: number;
  settingsAt: number;
}

const globalForCache = globalThis as unknown as { __hcsHostCache?: HostCache | null };

/** What the scheduler's static stages read of a host row (its groups included). */
function staticKey(row: HostRow): string {
  return JSON.stringify([row.azId, row.architecture, row.cpuModel, row.cpuInfo, row.traits, row.hypervisorType, row.hypervisorVersion, row.groups.map((g) => [g.hostGroup.name, g.hostGroup.metadata])]);
}

/** Forget the cache (tests that rewrite hosts behind the services' back, a database reset). */
export function resetHostCache(): void {
  globalForCache.__hcsHostCache = null;
}

/**
 * Every host as the scheduler sees it now. The objects are shared by concurrent requests: read
 * them, never change them (the scheduler works on copies when it consumes).
 */
export async function cachedHostStates(client: Db | Tx, settings: CloudSettingsRow, now: Date): Promise<HostState[]> {
  const wall = Date.now();
  let cache = globalForCache.__hcsHostCache ?? null;
  const full = !cache || wall - cache.loadedAt > FULL_RELOAD_MS || cache.settingsAt !== settings.updatedAt.getTime();
  const [rows, reportedAt] = await Promise.all([
    full
      ? client.host.findMany({ include: hostWithGroups, orderBy: { name: "asc" } })
      : client.host.findMany({ where: { updatedAt: { gte: new Date((cache as HostCache).seen - OVERLAP_MS) } }, include: hostWithGroups }),
    lastComputeReport(client),
  ]);
  if (full || !cache) {
    cache = { rows: new Map(), byId: new Map(), list: [], seen: 0, loadedAt: wall, settingsAt: settings.updatedAt.getTime() };
    for (const row of rows) {
      const state = toHostState(row, settings, now, reportedAt);
      cache.rows.set(row.id, row);
      cache.byId.set(row.id, state);
      cache.list.push(state);
      cache.seen = Math.max(cache.seen, row.updatedAt.getTime());
    }
    globalForCache.__hcsHostCache = cache;
    return cache.list;
  }
  let added = false;
  let reshaped = false;
  for (const row of rows) {
    const prev = cache.rows.get(row.id);
    cache.seen = Math.max(cache.seen, row.updatedAt.getTime());
    if (prev && prev.updatedAt.getTime() === row.updatedAt.getTime() && prev.vcpusUsed === row.vcpusUsed && prev.memoryMbUsed === row.memoryMbUsed && prev.diskGbUsed === row.diskGbUsed) continue;
    cache.rows.set(row.id, row);
    const fresh = toHostState(row, settings, now, reportedAt);
    const state = cache.byId.get(row.id);
    if (!state) {
      cache.byId.set(row.id, fresh);
      added = true;
    } else if (prev && staticKey(prev) === staticKey(row)) {
      // Usage, state or ratios changed: the host keeps its groups, traits and cpu_info objects
      // (what the scheduler's per-class answers hang on).
      const { groups: _g, traits: _t, cpuInfo: _c, ...dynamic } = fresh;
      Object.assign(state, dynamic);
    } else {
      Object.assign(state, fresh);
      reshaped = true;
    }
  }
  if (added) cache.list = [...cache.byId.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // A host's groups, traits or CPU changed: hand out a new list, so indexes built on the old one are not reused.
  else if (reshaped) cache.list = [...cache.list];
  // Liveness moves with the cloud clock and the shared report, not with the rows.
  for (const state of cache.list) {
    const row = cache.rows.get(state.id) as HostRow;
    state.up = isUp(row, now, reportedAt);
  }
  return cache.list;
}
