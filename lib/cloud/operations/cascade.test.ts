import { describe, expect, it } from "vitest";
import { alarmKey, groupByRootCause, raise, reconcile, type AlarmRecord } from "./alarms";
import { assessCascade, type CascadeTopology } from "./cascade";

function topology(failedDisks: string[], opts: { portsDown?: string[]; serviceDown?: boolean } = {}): CascadeTopology {
  return {
    disks: ["d0", "d1", "d2", "d3", "d4"].map((id) => ({ id, raidGroupId: "rg5", failed: failedDisks.includes(id) })),
    raidGroups: [{ id: "rg5", kind: "classic", level: "RAID5", parity: null }],
    pools: [{ id: "pool-a", raidGroupId: "rg5" }],
    volumes: [
      { id: "vol-1", poolId: "pool-a", instanceIds: ["ecs-1"] },
      { id: "vol-2", poolId: "pool-a", instanceIds: [] },
    ],
    hosts: [{ id: "cmp-1", serviceDown: Boolean(opts.serviceDown), instanceIds: ["ecs-2", "ecs-3"] }],
    ports: ["GE1/0/1", "GE1/0/2"].map((id) => ({ id, switchId: "sw-1", hostId: "cmp-1", down: (opts.portsDown ?? []).includes(id) })),
    redundancy: [],
  };
}

describe("a fault's cascade across the layers", () => {
  it("degrades a RAID 5 group on one failed disk: a major alarm rooted in the disk, nothing above it", () => {
    const impact = assessCascade(topology(["d2"]), 100);
    expect(impact.raidGroups.get("rg5")).toBe("degraded");
    expect(impact.offlinePools.size).toBe(0);
    expect(impact.alarms.map((a) => [alarmKey(a), a.severity, a.rootKey])).toEqual([
      ["disk:d2|disk_failed", "major", null],
      ["raid:rg5|raid_group_abnormal", "major", "disk:d2|disk_failed"],
    ]);
  });

  it("fails the group on a second disk: the pool goes offline, its volumes to error, their instances affected, all under one root", () => {
    const impact = assessCascade(topology(["d2", "d4"]), 200);
    expect(impact.raidGroups.get("rg5")).toBe("failed");
    expect([...impact.offlinePools]).toEqual(["pool-a"]);
    expect([...impact.errorVolumes]).toEqual(["vol-1", "vol-2"]);
    expect([...impact.affectedInstances]).toEqual([["ecs-1", { reason: "volume_error", via: "vol-1" }]]);
    const alarms = impact.alarms.map((e) => raise(null, e));
    const groups = groupByRootCause(alarms);
    expect(groups.map((g) => [alarmKey(g.root), g.derived.length])).toEqual([
      ["disk:d2|disk_failed", 5],
      ["disk:d4|disk_failed", 0],
    ]);
    expect(impact.alarms.find((a) => a.source === "raid:rg5")?.severity).toBe("critical");
  });

  it("reverses every layer on repair: the alarms the repaired state no longer implies all clear", () => {
    const failed = assessCascade(topology(["d2", "d4"]), 200).alarms.map((e) => raise(null, e));
    const halfRepaired = reconcile(failed, assessCascade(topology(["d4"]), 300).alarms);
    expect(halfRepaired.clear).toEqual(["disk:d2|disk_failed", "instance:ecs-1|instance_affected", "pool:pool-a|pool_offline", "volume:vol-1|volume_error", "volume:vol-2|volume_error"]);
    // The group is degraded again (major), now rooted in the disk still failed.
    expect(halfRepaired.raise).toEqual([{ source: "raid:rg5", type: "raid_group_abnormal", severity: "major", at: 300, rootKey: "disk:d4|disk_failed" }]);
    const open: AlarmRecord[] = failed.filter((a) => !halfRepaired.clear.includes(alarmKey(a)));
    expect(reconcile(open, assessCascade(topology([]), 400).alarms)).toEqual({ raise: [], clear: ["disk:d4|disk_failed", "raid:rg5|raid_group_abnormal"], reroot: [] });
  });

  it("cuts a host off when every port cabled to it is down, and flags its instances", () => {
    expect(assessCascade(topology([], { portsDown: ["GE1/0/1"] }), 1).isolatedHosts.size).toBe(0);
    const impact = assessCascade(topology([], { portsDown: ["GE1/0/1", "GE1/0/2"] }), 1);
    expect([...impact.isolatedHosts]).toEqual(["cmp-1"]);
    expect([...impact.affectedInstances.keys()]).toEqual(["ecs-2", "ecs-3"]);
    expect(impact.alarms.find((a) => a.type === "host_network_lost")?.rootKey).toBe("port:sw-1:GE1/0/1|port_down");
  });

  it("flags a stopped compute host's instances under its host-down alarm", () => {
    const impact = assessCascade(topology([], { serviceDown: true }), 1);
    expect(impact.alarms.filter((a) => a.type === "instance_affected").map((a) => a.rootKey)).toEqual(["host:cmp-1|host_down", "host:cmp-1|host_down"]);
  });

  it("raises minor for a PSU lost with redundancy left and critical with none", () => {
    const t = { ...topology([]), redundancy: [{ deviceId: "srv-1", group: "psu", kind: "psu" as const, working: 1, members: 2, needed: 1 }] };
    expect(assessCascade(t, 1).alarms).toEqual([{ source: "psu:srv-1:psu", type: "psu_failed", severity: "minor", at: 1, rootKey: null }]);
    t.redundancy = [{ deviceId: "srv-1", group: "psu", kind: "psu", working: 0, members: 2, needed: 1 }];
    expect(assessCascade(t, 1).alarms[0]?.severity).toBe("critical");
  });

  it("is deterministic whatever order the topology lists things in", () => {
    const t = topology(["d4", "d2"]);
    const shuffled = { ...t, disks: [...t.disks].reverse(), volumes: [...t.volumes].reverse() };
    expect(assessCascade(shuffled, 5).alarms).toEqual(assessCascade(t, 5).alarms);
  });
});
