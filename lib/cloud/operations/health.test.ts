import { describe, expect, it } from "vitest";
import { rollUpHealth, type ComponentStatus } from "./health";

const psu = (id: string, failed = false): ComponentStatus => ({ id, kind: "psu", failed, redundancyGroup: "psu" });
const fan = (id: string, failed = false): ComponentStatus => ({ id, kind: "fan", failed, redundancyGroup: "fans" });

describe("device health roll-up", () => {
  it("is green with every component working", () => {
    expect(rollUpHealth({ components: [psu("PSU1"), psu("PSU2"), { id: "CPU1", kind: "cpu", failed: false }] })).toEqual({ health: "normal", maintenance: false, reasons: [] });
  });

  it("turns yellow when one PSU of a redundant pair fails, red when both do", () => {
    const one = rollUpHealth({ components: [psu("PSU1", true), psu("PSU2")] });
    expect(one.health).toBe("warning");
    expect(one.reasons).toEqual([{ rule: "redundancy_lost", health: "warning", subject: "psu", kind: "psu" }]);
    expect(rollUpHealth({ components: [psu("PSU1", true), psu("PSU2", true)] }).reasons[0]).toMatchObject({ rule: "redundancy_exhausted", health: "critical" });
  });

  it("keeps a fan wall yellow while the fans it needs still turn (N+1), red below that", () => {
    const fans = (failed: number) => Array.from({ length: 6 }, (_, i) => fan(`FAN${i + 1}`, i < failed));
    expect(rollUpHealth({ components: fans(1), needed: { fans: 5 } }).health).toBe("warning");
    expect(rollUpHealth({ components: fans(2), needed: { fans: 5 } }).health).toBe("critical");
  });

  it("counts a disk in a RAID group through its group: degraded is yellow, failed is red", () => {
    const disks: ComponentStatus[] = [{ id: "D0", kind: "disk", failed: true }, { id: "D1", kind: "disk", failed: false }];
    const inGroup = new Set(["D0", "D1"]);
    const degraded = rollUpHealth({ components: disks, disksInGroups: inGroup, raidGroups: [{ name: "RG0", state: "degraded" }] });
    expect(degraded).toMatchObject({ health: "warning", reasons: [{ rule: "raid_degraded", subject: "RG0" }] });
    expect(rollUpHealth({ components: disks, disksInGroups: inGroup, raidGroups: [{ name: "RG0", state: "failed" }] }).health).toBe("critical");
    // Outside any group the failed disk is itself the reason.
    expect(rollUpHealth({ components: disks }).reasons).toEqual([{ rule: "component_failed", health: "warning", subject: "D0", kind: "disk" }]);
  });

  it("makes a failed CPU red and a failed DIMM yellow", () => {
    expect(rollUpHealth({ components: [{ id: "CPU2", kind: "cpu", failed: true }] }).health).toBe("critical");
    expect(rollUpHealth({ components: [{ id: "DIMM010", kind: "dimm", failed: true }] }).health).toBe("warning");
  });

  it("makes a switch yellow for a port down and red when its last uplink goes", () => {
    const ports = (down: string[]): ComponentStatus[] => ["1", "2", "47", "48"].map((p) => ({ id: `GE1/0/${p}`, kind: "port", failed: down.includes(p), uplink: p === "47" || p === "48" }));
    expect(rollUpHealth({ components: ports(["1"]) }).health).toBe("warning");
    expect(rollUpHealth({ components: ports(["47"]) }).health).toBe("warning");
    const cut = rollUpHealth({ components: ports(["47", "48"]) });
    expect(cut.health).toBe("critical");
    expect(cut.reasons[0]).toMatchObject({ rule: "uplinks_down" });
  });

  it("does not count an administrator's maintenance as a fault, but a stopped compute service is red", () => {
    expect(rollUpHealth({ components: [], maintenance: true })).toEqual({ health: "normal", maintenance: true, reasons: [] });
    expect(rollUpHealth({ components: [], maintenance: true, serviceDown: true }).health).toBe("critical");
  });

  it("lists the worst reasons first", () => {
    const view = rollUpHealth({ components: [psu("PSU1", true), psu("PSU2"), { id: "CPU1", kind: "cpu", failed: true }] });
    expect(view.reasons.map((r) => r.health)).toEqual(["critical", "warning"]);
  });
});
