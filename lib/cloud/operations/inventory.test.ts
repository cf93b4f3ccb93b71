import { describe, expect, it } from "vitest";
import { ACCESS_PORTS, cableHosts, cloudInventory, componentDrillAllowed, SERVER_NEEDS, serverComponents, serverFirmware, switchComponents } from "./inventory";
import { rollUpHealth } from "./health";

describe("hardware inventory", () => {
  it("gives a server the same parts every time, with memory and cores that add up", () => {
    const shape = { cores: 64, memoryMb: 512 * 1024, architecture: "x86_64" as const };
    const a = serverComponents(7, "cmp-az1-0001", shape);
    expect(serverComponents(7, "cmp-az1-0001", shape)).toEqual(a);
    expect(serverComponents(7, "cmp-az1-0002", shape).map((c) => c.serialNo)).not.toEqual(a.map((c) => c.serialNo));
    const dimmGb = a.filter((c) => c.kind === "dimm").reduce((n, c) => n + (c.capacity ?? 0), 0);
    expect(dimmGb).toBe(512);
    expect(a.filter((c) => c.kind === "cpu").reduce((n, c) => n + (c.capacity ?? 0), 0)).toBe(64);
    expect(a.filter((c) => c.kind === "psu")).toHaveLength(2);
    expect(new Set(a.map((c) => c.slot)).size).toBe(a.length);
    expect(new Set(a.map((c) => c.serialNo)).size).toBe(a.length);
    expect(serverFirmware(7, "cmp-az1-0001")).toEqual(serverFirmware(7, "cmp-az1-0001"));
  });

  it("builds redundant sets the health roll-up reads: one PSU or fan lost is yellow, both PSUs red", () => {
    const parts = serverComponents(1, "srv", { cores: 32, memoryMb: 256 * 1024, architecture: "aarch64" });
    const fail = (slots: string[]) => rollUpHealth({ components: parts.map((c) => ({ id: c.slot, kind: c.kind, failed: slots.includes(c.slot), redundancyGroup: c.redundancyGroup ?? undefined })), needed: SERVER_NEEDS });
    expect(fail([]).health).toBe("normal");
    expect(fail(["PSU1"]).health).toBe("warning");
    expect(fail(["FAN3"]).health).toBe("warning");
    expect(fail(["FAN3", "FAN4"]).health).toBe("critical");
    expect(fail(["PSU1", "PSU2"]).health).toBe("critical");
    expect(fail(["NIC1"]).health).toBe("warning");
    expect(parts.find((c) => c.kind === "cpu")?.model).toContain("Kunpeng");
  });

  it("gives a switch 48 access ports and 6 uplinks, and is red only when every uplink is down", () => {
    const parts = switchComponents(3, "sw-az1-access-01");
    expect(parts.filter((c) => c.kind === "port" && !c.uplink)).toHaveLength(ACCESS_PORTS);
    const uplinks = parts.filter((c) => c.uplink).map((c) => c.slot);
    const health = (down: string[]) => rollUpHealth({ components: parts.map((c) => ({ id: c.slot, kind: c.kind, failed: down.includes(c.slot), uplink: c.uplink, redundancyGroup: c.redundancyGroup ?? undefined })) }).health;
    expect(health(["10GE1/0/7"])).toBe("warning");
    expect(health(uplinks.slice(0, 5))).toBe("warning");
    expect(health(uplinks)).toBe("critical");
  });

  it("cables each AZ's hosts to access switches 48 at a time, one port each", () => {
    const hosts = Array.from({ length: 100 }, (_, i) => ({ id: `h${i}`, name: `cmp-az${(i % 2) + 1}-${String(i).padStart(4, "0")}`, az: `az${(i % 2) + 1}` }));
    const { switches, links } = cableHosts(hosts);
    expect(switches.map((s) => s.name)).toEqual(["az1-access-01", "az1-access-02", "az2-access-01", "az2-access-02"]);
    expect(links.size).toBe(100);
    const used = [...links.values()].map((l) => `${l.switchId}/${l.port}`);
    expect(new Set(used).size).toBe(100);
    expect(links.get("h0")).toEqual({ switchId: "sw-az1-access-01", port: "10GE1/0/1" });
    // The 49th host of az1 starts the second switch.
    const az1 = hosts.filter((h) => h.az === "az1").sort((a, b) => a.name.localeCompare(b.name));
    expect(links.get(az1[48]?.id as string)).toEqual({ switchId: "sw-az1-access-02", port: "10GE1/0/1" });
  });
});

describe("the whole cloud's inventory", () => {
  const hosts = Array.from({ length: 100 }, (_, i) => ({ id: `h${i}`, name: `cmp-${String(i).padStart(3, "0")}`, azId: i % 2 ? "az2" : "az1", vcpus: 64, memoryMb: 262_144, architecture: i % 5 ? "x86_64" : "aarch64" }));

  it("is the same for the same seed, and cables each host to exactly one access port of its AZ's switches", () => {
    const a = cloudInventory(7, hosts, [{ id: "ctrl-1" }]);
    expect(cloudInventory(7, hosts, [{ id: "ctrl-1" }])).toEqual(a);
    expect(cloudInventory(8, hosts, [{ id: "ctrl-1" }]).components.map((c) => c.serialNo)).not.toEqual(a.components.map((c) => c.serialNo));
    // 50 hosts per AZ: two switches each (48 ports, then 2).
    expect(a.switches.map((s) => s.name)).toEqual(["az1-access-01", "az1-access-02", "az2-access-01", "az2-access-02"]);
    const peers = a.components.filter((c) => c.peerId !== null);
    expect(peers).toHaveLength(100);
    expect(new Set(peers.map((p) => p.peerId)).size).toBe(100);
    for (const p of peers) expect(a.switches.find((s) => s.id === p.deviceId)?.azId).toBe(hosts.find((h) => h.id === p.peerId)?.azId);
    // Every component id is unique, and the controller is inventoried like a server.
    expect(new Set(a.components.map((c) => c.id)).size).toBe(a.components.length);
    expect(a.components.filter((c) => c.deviceId === "ctrl-1" && c.kind === "psu")).toHaveLength(2);
  });

  it("lets a drill fail only a PSU, a fan or a port that works, and repair only one that failed", () => {
    expect(componentDrillAllowed({ kind: "psu", health: "normal" }, "fail")).toBe(true);
    expect(componentDrillAllowed({ kind: "psu", health: "failed" }, "fail")).toBe(false);
    expect(componentDrillAllowed({ kind: "port", health: "failed" }, "repair")).toBe(true);
    expect(componentDrillAllowed({ kind: "fan", health: "normal" }, "repair")).toBe(false);
    for (const kind of ["cpu", "dimm", "disk", "nic"]) expect(componentDrillAllowed({ kind, health: "normal" }, "fail")).toBe(false);
  });
});
