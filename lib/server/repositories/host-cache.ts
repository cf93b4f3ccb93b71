import "server-only";
import type { HostState } from "@/lib/cloud/compute";
import type { Db, Tx } from "../db";
import { isUp, lastComputeReport, schedulerHostRows, toHostState, type SchedulerHostRow as HostRow } from "./hosts";
import type { CloudSettingsRow } from "./settings";

// The scheduler's hosts kept in memory, as Nova's host manager keeps its HostStates. The first
// read loads every host; later reads fetch only the rows written since the last look (every
// write sets Host.updatedAt, which is indexed), so a launch at 5,000 hosts reads a handful of rows
// instead of all of them. The database stays the source of truth: a claim is a conditional
// update, so a view that is a moment stale can lose a claim (and try the next host), never
// over-commit. Each console process keeps its own cache; they converge through the same reads.

/**
 * Rows written up to this long before the newest one seen are read again: a transaction that
 * stamped its rows earlier but committed later is not missed. Claims stamp the row inside short
 * transactions; a row missed all the same (a transaction slower than this) only makes the view
 * stale until the next full reload, which a conditional claim tolerates. Every row in the window
 * is read again on every launch, so the window is kept short.
 */
const OVERLAP_MS = 500;
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
  /** Whether the compute services' shared report was recent at the last look (liveness is recomputed only when it flips). */
  live: boolean;
}

const globalForCache = globalThis as unknown as { __hcsHostCache?: HostCache | null };

/** What the scheduler's static stages read of a host row (its groups included). */
function staticKey(row: HostRow): string {
  return JSON.stringify([row.azId, row.architecture, row.cpuModel, row.cpuInfo, row.traits, row.hypervisorType, row.hypervisorVersion, row.groups.map((g) => [g.hostGroup.name, g.hostGroup.metadata])]);
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Forget the cache (tests that rewrite hosts behind the services' back, a database reset). */
export function resetHostCache(): void {
  globalForCache.__hcsHostCache = null;
}

/** The read in flight per client: requests that ask meanwhile share it (a cold cache is loaded once, not once per waiting launch). */
const inFlight = new WeakMap<Db | Tx, Promise<HostState[]>>();

/**
 * Every host as the scheduler sees it now. The objects are shared by concurrent requests: read
 * them, never change them (the scheduler works on copies when it consumes). Outside a
 * transaction, pass `dbReader` (committed rows only).
 */
export async function cachedHostStates(client: Db | Tx, settings: CloudSettingsRow, now: Date): Promise<HostState[]> {
  const pending = inFlight.get(client);
  if (pending) {
    const list = await pending;
    if (globalForCache.__hcsHostCache?.settingsAt === settings.updatedAt.getTime()) return list;
  }
  const read = refresh(client, settings, now);
  inFlight.set(client, read);
  try {
    return await read;
  } finally {
    if (inFlight.get(client) === read) inFlight.delete(client);
  }
}

async function refresh(client: Db | Tx, settings: CloudSettingsRow, now: Date): Promise<HostState[]> {
  const wall = Date.now();
  let cache = globalForCache.__hcsHostCache ?? null;
  const full = !cache || wall - cache.loadedAt > FULL_RELOAD_MS || cache.settingsAt !== settings.updatedAt.getTime();
  const [rows, reportedAt] = await Promise.all([schedulerHostRows(client, full ? null : new Date((cache as HostCache).seen - OVERLAP_MS)), lastComputeReport(client)]);
  const live = isUp({ serviceRunning: true, networkLost: false }, now, reportedAt);
  if (full || !cache) {
    rows.sort(byName);
    cache = { rows: new Map(), byId: new Map(), list: [], seen: 0, loadedAt: wall, settingsAt: settings.updatedAt.getTime(), live };
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
  const changed: HostState[] = [];
  for (const row of rows) {
    const prev = cache.rows.get(row.id);
    cache.seen = Math.max(cache.seen, row.updatedAt.getTime());
    if (prev && prev.updatedAt.getTime() === row.updatedAt.getTime() && prev.vcpusUsed === row.vcpusUsed && prev.memoryMbUsed === row.memoryMbUsed && prev.diskGbUsed === row.diskGbUsed) continue;
    cache.rows.set(row.id, row);
    const fresh = toHostState(row, settings, now, reportedAt);
    const state = cache.byId.get(row.id);
    changed.push(state ?? fresh);
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
  if (added) cache.list = [...cache.byId.values()].sort(byName);
  // A host's groups, traits or CPU changed: hand out a new list, so indexes built on the old one are not reused.
  else if (reshaped) cache.list = [...cache.list];
  // Liveness moves with the cloud clock and the shared report: every host when the report turns
  // stale or fresh again, otherwise only the rows just read (a service stopped or started).
  for (const state of live === cache.live ? changed : cache.list) state.up = isUp(cache.rows.get(state.id) as HostRow, now, reportedAt);
  cache.live = live;
  return cache.list;
}
