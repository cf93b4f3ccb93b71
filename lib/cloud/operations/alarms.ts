// Alarms as an O&M console keeps them. An alarm is identified by its source (a device, component,
// pool, host or service) and its type: a second occurrence of the same source and type while the
// first is still open adds to it (count, last occurrence, the latest severity) instead of making
// another row. An open alarm is active or acknowledged; it clears when its condition ends (auto)
// or when an operator clears it (manual), and a cleared alarm is history: the next occurrence
// opens a new one.

import type { Severity } from "./thresholds";

export type AlarmState = "active" | "acknowledged" | "cleared";
export const ALARM_STATES: readonly AlarmState[] = ["active", "acknowledged", "cleared"];

export interface AlarmRecord {
  source: string;
  type: string;
  severity: Severity;
  state: AlarmState;
  firstAt: number;
  lastAt: number;
  count: number;
  clearedAt: number | null;
  /** The root cause this alarm derives from (another alarm's source and type), or null for a root. */
  rootKey: string | null;
}

export interface AlarmEvent {
  source: string;
  type: string;
  severity: Severity;
  at: number;
  rootKey?: string | null;
}

export const alarmKey = (a: { source: string; type: string }) => `${a.source}|${a.type}`;

export const isOpen = (a: Pick<AlarmRecord, "state">) => a.state !== "cleared";

/**
 * The open alarm after an event: the same alarm counted again when one is open for the source and
 * type, else a new active alarm. An event older than the alarm's last occurrence still counts but
 * does not move the last occurrence back (events may arrive out of order).
 */
export function raise(open: AlarmRecord | null, e: AlarmEvent): AlarmRecord {
  if (open && isOpen(open)) {
    const newer = e.at >= open.lastAt;
    return {
      ...open,
      count: open.count + 1,
      lastAt: Math.max(open.lastAt, e.at),
      firstAt: Math.min(open.firstAt, e.at),
      severity: newer ? e.severity : open.severity,
      // A condition's root may move (the first of two failed disks repaired): the latest says.
      rootKey: newer && e.rootKey !== undefined ? e.rootKey : open.rootKey,
    };
  }
  return { source: e.source, type: e.type, severity: e.severity, state: "active", firstAt: e.at, lastAt: e.at, count: 1, clearedAt: null, rootKey: e.rootKey ?? null };
}

export type AlarmOperation = "acknowledge" | "clear" | "comment";

/** Which operations an alarm allows now: shared by the service that refuses and the page that offers. */
export function alarmAllowed(alarm: Pick<AlarmRecord, "state">, op: AlarmOperation): boolean {
  switch (op) {
    case "acknowledge":
      return alarm.state === "active";
    case "clear":
      return isOpen(alarm);
    case "comment":
      return true;
  }
}

export function acknowledge(alarm: AlarmRecord): AlarmRecord {
  if (!alarmAllowed(alarm, "acknowledge")) return alarm;
  return { ...alarm, state: "acknowledged" };
}

export function clear(alarm: AlarmRecord, at: number): AlarmRecord {
  if (!isOpen(alarm)) return alarm;
  return { ...alarm, state: "cleared", clearedAt: at };
}

/** Open alarms counted by severity, for the top bar. */
export function countBySeverity(alarms: readonly Pick<AlarmRecord, "state" | "severity">[]): Record<Severity, number> {
  const out: Record<Severity, number> = { critical: 0, major: 0, minor: 0, warning: 0 };
  for (const a of alarms) if (isOpen(a)) out[a.severity]++;
  return out;
}

export interface RootCauseGroup<A> {
  root: A;
  derived: A[];
}

/**
 * Alarms grouped under their root causes ("1 root cause, 14 derived alarms"). A derived alarm
 * names its root's key; a chain (a pool offline because its RAID group failed because a disk did)
 * resolves to the top. An alarm whose root is not among the alarms given (cleared and filtered
 * out, say) stands as its own group. Groups come most recent first; derived alarms in time order.
 */
export function groupByRootCause<A extends Pick<AlarmRecord, "source" | "type" | "rootKey"> & { firstAt: number | Date; lastAt: number | Date }>(alarms: readonly A[]): RootCauseGroup<A>[] {
  const byKey = new Map(alarms.map((a) => [alarmKey(a), a]));
  const topOf = (a: A): A => {
    const chain = [alarmKey(a)];
    let current = a;
    while (current.rootKey && byKey.has(current.rootKey)) {
      const at = chain.indexOf(current.rootKey);
      // Roots that name each other in a circle (bad data): the circle's smallest key is the root, for every member.
      if (at >= 0) return byKey.get(chain.slice(at).sort()[0] as string) as A;
      chain.push(current.rootKey);
      current = byKey.get(current.rootKey) as A;
    }
    return current;
  };
  const groups = new Map<string, RootCauseGroup<A>>();
  for (const a of alarms) {
    const root = topOf(a);
    const key = alarmKey(root);
    const group = groups.get(key) ?? { root, derived: [] };
    if (root !== a) group.derived.push(a);
    groups.set(key, group);
  }
  const list = [...groups.values()];
  for (const g of list) g.derived.sort((x, y) => Number(x.firstAt) - Number(y.firstAt) || alarmKey(x).localeCompare(alarmKey(y)));
  const latest = (g: RootCauseGroup<A>) => Math.max(Number(g.root.lastAt), ...g.derived.map((d) => Number(d.lastAt)));
  return list.sort((x, y) => latest(y) - latest(x) || alarmKey(x.root).localeCompare(alarmKey(y.root)));
}

/**
 * What the alarm book must change so that the open alarms of some conditions are exactly the ones
 * the current state implies: raise what is implied and not open (or open with another severity:
 * the alarm is counted again with the new one), clear what is open and no longer implied. Alarms
 * already open as implied are left alone, so re-evaluating an unchanged state changes nothing.
 */
export function reconcile(open: readonly Pick<AlarmRecord, "source" | "type" | "severity" | "state" | "rootKey">[], implied: readonly AlarmEvent[]): { raise: AlarmEvent[]; clear: string[]; reroot: { key: string; rootKey: string | null }[] } {
  const openByKey = new Map(open.filter(isOpen).map((a) => [alarmKey(a), a]));
  const impliedKeys = new Set<string>();
  const toRaise: AlarmEvent[] = [];
  const reroot: { key: string; rootKey: string | null }[] = [];
  for (const e of implied) {
    const k = alarmKey(e);
    if (impliedKeys.has(k)) continue;
    impliedKeys.add(k);
    const current = openByKey.get(k);
    if (!current || current.severity !== e.severity) toRaise.push(e);
    // Same alarm, another root (not a new occurrence): only the link moves.
    else if ((current.rootKey ?? null) !== (e.rootKey ?? null)) reroot.push({ key: k, rootKey: e.rootKey ?? null });
  }
  const toClear = [...openByKey.keys()].filter((k) => !impliedKeys.has(k)).sort();
  return { raise: toRaise, clear: toClear, reroot };
}
