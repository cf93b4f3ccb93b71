import { describe, expect, it } from "vitest";
import { isPlanRefusal, planSubnet, vpcCidrRefusal } from "./subnet-plan";

describe("planSubnet", () => {
  it("defaults the gateway to the first address and the pool to the rest, without the broadcast", () => {
    const p = planSubnet({ cidr: "10.0.1.0/24", enableDhcp: true }, "10.0.0.0/16", []);
    if (isPlanRefusal(p)) throw new Error(p.reason);
    expect(p.gatewayText).toBe("10.0.1.1");
    expect(p.poolsText).toEqual([{ start: "10.0.1.2", end: "10.0.1.254" }]);
  });

  it("refuses a host address, a CIDR outside the VPC and an overlap with a sibling, naming it", () => {
    expect(planSubnet({ cidr: "10.0.1.5/24", enableDhcp: true }, "10.0.0.0/16", [])).toMatchObject({ reason: "cidr_not_canonical", recommended: "10.0.1.0/24" });
    expect(planSubnet({ cidr: "10.1.0.0/24", enableDhcp: true }, "10.0.0.0/16", [])).toMatchObject({ reason: "cidr_outside_vpc" });
    expect(planSubnet({ cidr: "10.0.1.0/25", enableDhcp: true }, "10.0.0.0/16", [{ name: "web", cidr: "10.0.1.0/24" }])).toMatchObject({ reason: "cidr_overlap", otherName: "web" });
    expect(isPlanRefusal(planSubnet({ cidr: "10.0.2.0/24", enableDhcp: true }, "10.0.0.0/16", [{ name: "web", cidr: "10.0.1.0/24" }]))).toBe(false);
  });

  it("applies Neutron's DHCP prefix limit and takes a /31 without DHCP", () => {
    expect(planSubnet({ cidr: "10.0.0.0/31", enableDhcp: true }, "10.0.0.0/16", [])).toMatchObject({ reason: "subnet_dhcp_prefix", max: 30 });
    expect(isPlanRefusal(planSubnet({ cidr: "10.0.0.0/31", enableDhcp: false, gatewayIp: null }, "10.0.0.0/16", []))).toBe(false);
  });

  it("checks the gateway and the pools: network or broadcast address, gateway inside a pool, pools overlapping", () => {
    expect(planSubnet({ cidr: "10.0.1.0/24", enableDhcp: true, gatewayIp: "10.0.1.255" }, "10.0.0.0/16", [])).toMatchObject({ reason: "invalid_gateway" });
    expect(planSubnet({ cidr: "10.0.1.0/24", enableDhcp: true, pools: [{ start: "10.0.1.1", end: "10.0.1.50" }] }, "10.0.0.0/16", [])).toMatchObject({ reason: "pool_gateway_in_pool", pool: 0 });
    expect(planSubnet({ cidr: "10.0.1.0/24", enableDhcp: true, pools: [{ start: "10.0.1.10", end: "10.0.1.50" }, { start: "10.0.1.40", end: "10.0.1.60" }] }, "10.0.0.0/16", [])).toMatchObject({ reason: "pool_pools_overlap" });
    expect(planSubnet({ cidr: "10.0.1.0/24", enableDhcp: true, pools: [{ start: "10.0.1.10", end: "10.0.2.5" }] }, "10.0.0.0/16", [])).toMatchObject({ reason: "pool_pool_out_of_bounds" });
    const none = planSubnet({ cidr: "10.0.1.0/24", enableDhcp: true, gatewayIp: null }, "10.0.0.0/16", []);
    expect(none).toMatchObject({ gatewayText: null, poolsText: [{ start: "10.0.1.1", end: "10.0.1.254" }] });
  });

  it("validates DNS servers (at most five, no duplicate) and host routes", () => {
    expect(planSubnet({ cidr: "10.0.1.0/24", enableDhcp: true, dnsServers: ["8.8.8.8", "8.8.8.8"] }, "10.0.0.0/16", [])).toMatchObject({ reason: "dns_duplicate" });
    expect(planSubnet({ cidr: "10.0.1.0/24", enableDhcp: true, dnsServers: ["1.1.1.1", "1.0.0.1", "8.8.8.8", "8.8.4.4", "9.9.9.9", "149.112.112.112"] }, "10.0.0.0/16", [])).toMatchObject({ reason: "too_many_dns", max: 5 });
    expect(planSubnet({ cidr: "10.0.1.0/24", enableDhcp: true, dnsServers: ["dns.example"] }, "10.0.0.0/16", [])).toMatchObject({ reason: "invalid_dns" });
    expect(planSubnet({ cidr: "10.0.1.0/24", enableDhcp: true, hostRoutes: [{ destination: "10.9.0.0/16", nexthop: "10.0.1.254" }] }, "10.0.0.0/16", [])).toMatchObject({ hostRoutes: [{ destination: "10.9.0.0/16", nexthop: "10.0.1.254" }] });
    expect(planSubnet({ cidr: "10.0.1.0/24", enableDhcp: true, hostRoutes: [{ destination: "10.9.0.0/33", nexthop: "10.0.1.254" }] }, "10.0.0.0/16", [])).toMatchObject({ reason: "invalid_route" });
    expect(planSubnet({ cidr: "10.0.1.0/24", enableDhcp: true, hostRoutes: [{ destination: "2001:db8::/64", nexthop: "10.0.1.254" }] }, "10.0.0.0/16", [])).toMatchObject({ reason: "invalid_route" });
  });

  it("holds only IPv4 subnets to the VPC's CIDR; IPv6 ones still never overlap", () => {
    const v6 = planSubnet({ cidr: "2001:db8::/64", enableDhcp: true }, "10.0.0.0/16", []);
    expect(v6).toMatchObject({ gatewayText: "2001:db8::1" });
    expect(planSubnet({ cidr: "2001:db8::/80", enableDhcp: true }, "10.0.0.0/16", [{ name: "v6", cidr: "2001:db8::/64" }])).toMatchObject({ reason: "cidr_overlap" });
  });
});

describe("vpcCidrRefusal", () => {
  it("takes canonical IPv4 CIDRs from /8 to /28", () => {
    expect(vpcCidrRefusal("192.168.0.0/16")).toBeNull();
    expect(vpcCidrRefusal("10.0.0.0/8")).toBeNull();
    expect(vpcCidrRefusal("10.0.0.0/7")).toMatchObject({ reason: "invalid_cidr" });
    expect(vpcCidrRefusal("10.0.0.0/29")).toMatchObject({ reason: "invalid_cidr" });
    expect(vpcCidrRefusal("10.0.0.1/16")).toMatchObject({ reason: "cidr_not_canonical" });
    expect(vpcCidrRefusal("2001:db8::/48")).toMatchObject({ reason: "invalid_cidr" });
  });
});
