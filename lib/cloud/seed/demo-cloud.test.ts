import { describe, expect, it } from "vitest";
import { demoHosts, DEMO_USERS, FLAVORS, HOST_GROUPS, IMAGES, PROJECTS, VDCS } from "./demo-cloud";
import { ROLES } from "../identity/permissions";

describe("the seeded demo cloud", () => {
  it("is the same for the same seed and differs for another", () => {
    expect(demoHosts({ seed: 1, computeHosts: 24 })).toEqual(demoHosts({ seed: 1, computeHosts: 24 }));
    expect(demoHosts({ seed: 2, computeHosts: 24 })).not.toEqual(demoHosts({ seed: 1, computeHosts: 24 }));
  });

  it("has 24 hosts over two AZs, mixed CPUs, huge pages and an arm64 group", () => {
    const hosts = demoHosts({ seed: 20261122, computeHosts: 24 });
    expect(hosts).toHaveLength(24);
    expect(new Set(hosts.map((h) => h.azId))).toEqual(new Set(["az1", "az2"]));
    expect(new Set(hosts.map((h) => h.cpuModel)).size).toBeGreaterThanOrEqual(3);
    expect(hosts.some((h) => h.hugePageMemoryMb > 0)).toBe(true);
    expect(hosts.filter((h) => h.architecture === "aarch64").every((h) => h.groupId === "hg-az2-kunpeng")).toBe(true);
    expect(hosts.some((h) => h.architecture === "aarch64")).toBe(true);
    expect(new Set(hosts.map((h) => h.id)).size).toBe(24);
    for (const h of hosts) expect(HOST_GROUPS.find((g) => g.id === h.groupId)?.azId).toBe(h.azId);
  });

  it("scales to thousands of hosts with unique names and addresses", () => {
    const hosts = demoHosts({ seed: 3, computeHosts: 5000 });
    expect(new Set(hosts.map((h) => h.name)).size).toBe(5000);
    expect(new Set(hosts.map((h) => h.ip)).size).toBe(5000);
  });

  it("has the flavors, images and VDC tree the console needs", () => {
    expect(FLAVORS.some((f) => f.extraSpecs["hw:mem_page_size"])).toBe(true);
    expect(new Set(IMAGES.map((i) => i.diskFormat))).toEqual(new Set(["qcow2", "raw", "vmdk", "vhd"]));
    expect(IMAGES.some((i) => i.osType === "windows")).toBe(true);
    expect(IMAGES.some((i) => i.architecture === "aarch64")).toBe(true);
    expect(VDCS.filter((v) => v.level === 1)).toHaveLength(2);
    for (const v of VDCS.filter((x) => x.level === 2)) expect(VDCS.some((p) => p.id === v.parentId)).toBe(true);
    for (const p of PROJECTS) expect(VDCS.some((v) => v.id === p.vdcId)).toBe(true);
    for (const role of ROLES) expect(DEMO_USERS.some((u) => u.role === role)).toBe(true);
  });
});
