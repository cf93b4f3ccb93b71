import { describe, expect, it } from "vitest";
import { effectiveRules, eipAllowed, eipRefusal, groupDeleteRefusal, instanceTakesInterfaces, interfaceDetachRefusal, subnetDeleteRefusal, vpcDeleteRefusal } from "./resources";
import { defaultGroupRules } from "./security-groups";

describe("network refusals", () => {
  it("keeps a VPC or subnet with ports, and lets an empty one go", () => {
    expect(vpcDeleteRefusal({ ports: 2 })).toEqual({ reason: "vpc_in_use", ports: 2 });
    expect(vpcDeleteRefusal({ ports: 0 })).toBeNull();
    expect(subnetDeleteRefusal({ ports: 1 })).toEqual({ reason: "subnet_in_use", ports: 1 });
    expect(subnetDeleteRefusal({ ports: 0 })).toBeNull();
  });

  it("binds an unbound EIP, unbinds a bound one, releases only an unbound one", () => {
    expect(eipAllowed({ bound: false }, "bind")).toBe(true);
    expect(eipRefusal({ bound: true }, "bind")).toEqual({ reason: "eip_bound" });
    expect(eipRefusal({ bound: false }, "unbind")).toEqual({ reason: "eip_not_bound" });
    expect(eipAllowed({ bound: true }, "unbind")).toBe(true);
    expect(eipRefusal({ bound: true }, "release")).toEqual({ reason: "eip_bound" });
    expect(eipAllowed({ bound: false }, "release")).toBe(true);
  });

  it("never deletes the default group or one in use", () => {
    expect(groupDeleteRefusal({ isDefault: true, ports: 0 })).toEqual({ reason: "default_group" });
    expect(groupDeleteRefusal({ isDefault: false, ports: 3 })).toEqual({ reason: "group_in_use", ports: 3 });
    expect(groupDeleteRefusal({ isDefault: false, ports: 0 })).toBeNull();
  });

  it("keeps the primary interface and takes interfaces only in Nova's states", () => {
    expect(interfaceDetachRefusal({ primary: true })).toEqual({ reason: "primary_interface" });
    expect(interfaceDetachRefusal({ primary: false })).toBeNull();
    expect(instanceTakesInterfaces({ vmState: "active", taskState: null })).toBe(true);
    expect(instanceTakesInterfaces({ vmState: "stopped", taskState: null })).toBe(true);
    expect(instanceTakesInterfaces({ vmState: "active", taskState: "rebooting" })).toBe(false);
    expect(instanceTakesInterfaces({ vmState: "building", taskState: null })).toBe(false);
    expect(instanceTakesInterfaces({ vmState: "suspended", taskState: null })).toBe(false);
  });
});

describe("effectiveRules", () => {
  it("unions the groups' rules once each, ingress first, remote groups resolved to members of the rule's ethertype", () => {
    const rules = effectiveRules(
      [
        { id: "g1", name: "default", rules: defaultGroupRules("g1") },
        { id: "g1", name: "default", rules: defaultGroupRules("g1") },
        { id: "g2", name: "web", rules: [{ direction: "ingress", ethertype: "IPv4", protocol: "tcp", portRangeMin: 80, portRangeMax: 80, remoteIpPrefix: "0.0.0.0/0", remoteGroupId: null }] },
      ],
      new Map([["g1", ["192.168.0.5", "192.168.0.6", "2001:db8::5"]]]),
    );
    expect(rules).toHaveLength(5);
    expect(rules.slice(0, 3).every((r) => r.direction === "ingress")).toBe(true);
    const v4 = rules.find((r) => r.remoteGroupId === "g1" && r.ethertype === "IPv4");
    expect(v4?.remoteMembers).toEqual(["192.168.0.5", "192.168.0.6"]);
    expect(rules.find((r) => r.remoteGroupId === "g1" && r.ethertype === "IPv6")?.remoteMembers).toEqual(["2001:db8::5"]);
    expect(rules.find((r) => r.groupName === "web")?.remoteMembers).toBeNull();
  });
});
