import { describe, expect, it } from "vitest";
import { parseVlanRange, parseVniRange, syncSegmentIds } from "./segments";

describe("segmentation ranges as ML2 reads them", () => {
  it("parses VXLAN VNI ranges and refuses what Neutron refuses", () => {
    expect(parseVniRange("1001:2000")).toEqual({ min: 1001, max: 2000 });
    expect(parseVniRange(" 1 : 16777215 ")).toEqual({ min: 1, max: 16777215 });
    expect(parseVniRange("0:10")).toEqual({ code: "invalid_id", value: "0", kind: "vxlan" });
    expect(parseVniRange("1:16777216")).toMatchObject({ code: "invalid_id", value: "16777216" });
    expect(parseVniRange("20:10")).toEqual({ code: "end_before_start", kind: "vxlan" });
    expect(parseVniRange("10")).toMatchObject({ code: "malformed" });
    expect(parseVniRange("a:b")).toMatchObject({ code: "malformed" });
  });

  it("parses physical network VLAN ranges", () => {
    expect(parseVlanRange("physnet1:100:199")).toEqual({ physnet: "physnet1", range: { min: 100, max: 199 } });
    expect(parseVlanRange("physnet2")).toEqual({ physnet: "physnet2", range: null });
    expect(parseVlanRange(":1:2")).toEqual({ code: "physical_network_name" });
    expect(parseVlanRange("p:1")).toMatchObject({ code: "malformed" });
    expect(parseVlanRange("p:0:10")).toEqual({ code: "invalid_id", value: "0", kind: "vlan" });
    expect(parseVlanRange("p:1:4095")).toEqual({ code: "invalid_id", value: "4095", kind: "vlan" });
    expect(parseVlanRange("p:x:10")).toEqual({ code: "invalid_id", value: "x", kind: "vlan" });
    expect(parseVlanRange("p:10:9")).toEqual({ code: "end_before_start", kind: "vlan" });
  });

  it("syncs the allocation table with the ranges, keeping ids still in use", () => {
    const existing = new Map([[1, false], [2, true], [3, false], [9, true], [10, false]]);
    expect(syncSegmentIds([{ min: 3, max: 5 }], existing)).toEqual({ add: [4, 5], remove: [1, 10] });
  });
});
