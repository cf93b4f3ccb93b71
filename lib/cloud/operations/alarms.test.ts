import { describe, expect, it } from "vitest";
import { seededRandom } from "../shared/random";
import { acknowledge, alarmAllowed, alarmKey, clear, countBySeverity, groupByRootCause, isOpen, raise, reconcile, type AlarmRecord } from "./alarms";
import { SEVERITIES } from "./thresholds";

const ev = (source: string, type: string, at: number, severity: AlarmRecord["severity"] = "major", rootKey: string | null = null) => ({ source, type, at, severity, rootKey });

describe("alarm deduplication and states", () => {
  it("counts a repeat of the same source and type into the open alarm, with the latest severity", () => {
    const first = raise(null, ev("host:h1", "threshold", 1000, "minor"));
    const again = raise(first, ev("host:h1", "threshold", 5000, "major"));
    expect(again).toMatchObject({ count: 2, firstAt: 1000, lastAt: 5000, severity: "major", state: "active" });
    // An older event arriving late counts but moves nothing back.
    expect(raise(again, ev("host:h1", "threshold", 3000, "warning"))).toMatchObject({ count: 3, lastAt: 5000, severity: "major" });
  });

  it("opens a new alarm after the previous one cleared (history stays as it was)", () => {
    const cleared = clear(raise(null, ev("disk:d1", "disk_failed", 1)), 10);
    expect(cleared).toMatchObject({ state: "cleared", clearedAt: 10 });
    const next = raise(cleared, ev("disk:d1", "disk_failed", 20));
    expect(next).toMatchObject({ state: "active", count: 1, firstAt: 20, clearedAt: null });
    expect(cleared.count).toBe(1);
  });

  it("acknowledges only an active alarm, clears an open one, and always takes a comment", () => {
    const a = raise(null, ev("s", "t", 1));
    expect(alarmAllowed(a, "acknowledge")).toBe(true);
    const acked = acknowledge(a);
    expect(acked.state).toBe("acknowledged");
    expect(alarmAllowed(acked, "acknowledge")).toBe(false);
    expect(alarmAllowed(acked, "clear")).toBe(true);
    const done = clear(acked, 2);
    expect([alarmAllowed(done, "acknowledge"), alarmAllowed(done, "clear"), alarmAllowed(done, "comment")]).toEqual([false, false, true]);
    expect(acknowledge(done)).toBe(done);
  });

  it("keeps exactly one open alarm per source and type over a seeded storm of events, counts adding up", () => {
    const r = seededRandom(20261202);
    const book = new Map<string, AlarmRecord>();
    const history: AlarmRecord[] = [];
    let events = 0;
    for (let i = 0; i < 5000; i++) {
      const source = `host:h${r.int(1, 20)}`;
      const type = r.pick(["threshold", "host_down", "psu_failed"]);
      const k = alarmKey({ source, type });
      if (r.next() < 0.1 && book.has(k)) {
        history.push(clear(book.get(k) as AlarmRecord, i));
        book.delete(k);
        continue;
      }
      book.set(k, raise(book.get(k) ?? null, ev(source, type, i, r.pick(SEVERITIES))));
      events++;
    }
    const all = [...book.values(), ...history];
    expect(all.reduce((n, a) => n + a.count, 0)).toBe(events);
    expect([...book.values()].every(isOpen)).toBe(true);
    expect(new Set([...book.values()].map(alarmKey)).size).toBe(book.size);
  });

  it("counts open alarms by severity for the top bar", () => {
    const open = [raise(null, ev("a", "t", 1, "critical")), acknowledge(raise(null, ev("b", "t", 1, "major"))), clear(raise(null, ev("c", "t", 1, "critical")), 2)];
    expect(countBySeverity(open)).toEqual({ critical: 1, major: 1, minor: 0, warning: 0 });
  });
});

describe("reconciling condition alarms with the state", () => {
  it("raises what the state implies, clears what it no longer does, and leaves the rest", () => {
    const open = [raise(null, ev("disk:d1", "disk_failed", 1)), raise(null, ev("raid:g1", "raid_group_abnormal", 1, "major"))];
    const implied = [ev("disk:d1", "disk_failed", 9), ev("raid:g1", "raid_group_abnormal", 9, "critical"), ev("pool:p1", "pool_offline", 9, "critical")];
    const r = reconcile(open, implied);
    expect(r.raise.map(alarmKey)).toEqual(["raid:g1|raid_group_abnormal", "pool:p1|pool_offline"]);
    expect(r.clear).toEqual([]);
    expect(reconcile(open, [])).toEqual({ raise: [], clear: ["disk:d1|disk_failed", "raid:g1|raid_group_abnormal"], reroot: [] });
    // An unchanged state changes nothing.
    expect(reconcile(open, [ev("disk:d1", "disk_failed", 9), ev("raid:g1", "raid_group_abnormal", 9, "major")])).toEqual({ raise: [], clear: [], reroot: [] });
    // The same condition with another root moves the link only.
    expect(reconcile(open, [ev("disk:d1", "disk_failed", 9), ev("raid:g1", "raid_group_abnormal", 9, "major", "disk:d2|disk_failed")]).reroot).toEqual([{ key: "raid:g1|raid_group_abnormal", rootKey: "disk:d2|disk_failed" }]);
  });
});

describe("root-cause grouping", () => {
  it("puts a chain of derived alarms under the fault at its top", () => {
    const disk = raise(null, ev("disk:d1", "disk_failed", 1));
    const raid = raise(null, ev("raid:g1", "raid_group_abnormal", 2, "critical", alarmKey(disk)));
    const pool = raise(null, ev("pool:p1", "pool_offline", 3, "critical", alarmKey(raid)));
    const vols = Array.from({ length: 5 }, (_, i) => raise(null, ev(`volume:v${i}`, "volume_error", 4, "major", alarmKey(pool))));
    const other = raise(null, ev("host:h9", "host_down", 2, "critical"));
    const groups = groupByRootCause([...vols, pool, other, raid, disk]);
    expect(groups.map((g) => [alarmKey(g.root), g.derived.length])).toEqual([
      ["disk:d1|disk_failed", 7],
      ["host:h9|host_down", 0],
    ]);
    expect(groups[0]?.derived.slice(0, 2).map(alarmKey)).toEqual(["raid:g1|raid_group_abnormal", "pool:p1|pool_offline"]);
  });

  it("lets an alarm whose root is not listed stand as its own root, and survives a cycle", () => {
    const orphan = raise(null, ev("volume:v1", "volume_error", 1, "major", "pool:gone|pool_offline"));
    expect(groupByRootCause([orphan])).toEqual([{ root: orphan, derived: [] }]);
    const a = raise(null, ev("a", "t", 1, "major", "b|t"));
    const b = raise(null, ev("b", "t", 2, "major", "a|t"));
    expect(groupByRootCause([a, b]).reduce((n, g) => n + 1 + g.derived.length, 0)).toBe(2);
  });
});
