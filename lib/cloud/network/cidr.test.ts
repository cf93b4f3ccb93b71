import { describe, expect, it } from "vitest";
import { contains, defaultGateway, defaultPools, formatCidr, formatIp, gatewayInvalid, isCidrError, lastOf, overlaps, parseCidr, parseIp, poolRefusal, sizeOf, subnetRefusal, usableOnSubnet, within, type Cidr } from "./cidr";

const cidr = (s: string): Cidr => {
  const c = parseCidr(s);
  if (isCidrError(c)) throw new Error(`bad cidr ${s}`);
  return c;
};
const ip = (s: string) => {
  const v = parseIp(s);
  if (!v) throw new Error(`bad ip ${s}`);
  return v;
};
const v = (s: string) => ip(s).value;
const range = (a: string, b: string) => ({ first: v(a), last: v(b) });

describe("addresses", () => {
  it("parses and prints IPv4 and IPv6 as netaddr does", () => {
    expect(parseIp("10.0.0.1")).toEqual({ version: 4, value: 0x0a000001n });
    for (const bad of ["10.0.0", "10.0.0.256", "010.0.0.1", " 10.0.0.1", "1.2.3.4.5", "", "::1::", "12345::", "1:2:3:4:5:6:7:8:9", "g::1"]) expect(parseIp(bad), bad).toBeNull();
    expect(formatIp(4, v("192.168.1.254"))).toBe("192.168.1.254");
    expect(formatIp(6, v("2001:db8:0:0:1:0:0:1"))).toBe("2001:db8::1:0:0:1");
    expect(formatIp(6, v("::"))).toBe("::");
    expect(formatIp(6, v("::1"))).toBe("::1");
    expect(formatIp(6, v("fe80::"))).toBe("fe80::");
    expect(formatIp(6, v("2001:db8:1:2:3:4:5:6"))).toBe("2001:db8:1:2:3:4:5:6");
    // A single zero group is not compressed (RFC 5952 4.2.2).
    expect(formatIp(6, v("2001:db8:0:1:1:1:1:1"))).toBe("2001:db8:0:1:1:1:1:1");
    expect(parseIp("::ffff:10.0.0.1")).toEqual({ version: 6, value: 0xffff0a000001n });
    // IPv4-mapped and -compatible addresses end in dotted quad, as glibc and netaddr print them.
    for (const [s, printed] of [["::ffff:a00:1", "::ffff:10.0.0.1"], ["::ffff:0:1", "::ffff:0.0.0.1"], ["::10.0.0.1", "::10.0.0.1"], ["::0.0.1.0", "::100"], ["::ffff", "::ffff"], ["1::ffff:10.0.0.1", "1::ffff:a00:1"]] as const) expect(formatIp(6, v(s)), s).toBe(printed);
  });
});

describe("CIDRs as Neutron reads them", () => {
  it("needs a prefix, clears host bits as Neutron's create_subnet does, and bounds the prefix", () => {
    expect(formatCidr(cidr("10.0.0.5/24"))).toBe("10.0.0.0/24");
    expect(formatCidr(cidr("2001:db8::1/64"))).toBe("2001:db8::/64");
    expect(parseCidr("10.0.0.0")).toEqual({ code: "invalid_cidr", cidr: "10.0.0.0" });
    expect(parseCidr("10.0.0.0/33")).toMatchObject({ code: "invalid_cidr" });
    expect(parseCidr("::/129")).toMatchObject({ code: "invalid_cidr" });
    expect(parseCidr("10.0.0.0/x")).toMatchObject({ code: "invalid_cidr" });
    expect(sizeOf(cidr("10.0.0.0/16"))).toBe(65536n);
    expect(formatIp(4, lastOf(cidr("10.1.0.0/16")))).toBe("10.1.255.255");
  });

  it("overlaps and containment", () => {
    expect(overlaps(cidr("10.0.0.0/16"), cidr("10.0.128.0/17"))).toBe(true);
    expect(overlaps(cidr("10.0.0.0/24"), cidr("10.0.1.0/24"))).toBe(false);
    expect(overlaps(cidr("10.0.0.0/24"), cidr("::/0"))).toBe(false);
    expect(within(cidr("10.0.1.0/24"), cidr("10.0.0.0/16"))).toBe(true);
    expect(within(cidr("10.0.0.0/15"), cidr("10.0.0.0/16"))).toBe(false);
    expect(within(cidr("10.1.0.0/24"), cidr("10.0.0.0/16"))).toBe(false);
    expect(contains(cidr("10.0.0.0/24"), ip("10.0.0.255"))).toBe(true);
    expect(contains(cidr("10.0.0.0/24"), ip("10.0.1.0"))).toBe(false);
  });

  it("refuses what Neutron refuses of a subnet: /0, and with DHCP past /30 (/126), multicast, loopback, 0.0.0.0", () => {
    expect(subnetRefusal(cidr("0.0.0.0/0"), { enableDhcp: false })).toEqual({ code: "prefix_zero" });
    expect(subnetRefusal(cidr("10.0.0.0/31"), { enableDhcp: true })).toEqual({ code: "dhcp_prefix", max: 30 });
    expect(subnetRefusal(cidr("10.0.0.0/31"), { enableDhcp: false })).toBeNull();
    expect(subnetRefusal(cidr("2001:db8::/127"), { enableDhcp: true })).toEqual({ code: "dhcp_prefix", max: 126 });
    expect(subnetRefusal(cidr("224.0.0.0/24"), { enableDhcp: true })).toEqual({ code: "dhcp_multicast" });
    expect(subnetRefusal(cidr("ff00::/64"), { enableDhcp: true })).toEqual({ code: "dhcp_multicast" });
    expect(subnetRefusal(cidr("127.0.0.0/24"), { enableDhcp: true })).toEqual({ code: "dhcp_loopback" });
    expect(subnetRefusal(cidr("0.0.0.0/24"), { enableDhcp: true })).toEqual({ code: "dhcp_zero_network" });
    expect(subnetRefusal(cidr("192.168.0.0/24"), { enableDhcp: true })).toBeNull();
  });
});

describe("gateways and allocation pools", () => {
  it("puts the default gateway first and the pools around it, as generate_pools does", () => {
    const c = cidr("192.168.0.0/24");
    expect(formatIp(4, defaultGateway(c))).toBe("192.168.0.1");
    expect(defaultPools(c, defaultGateway(c))).toEqual([range("192.168.0.2", "192.168.0.254")]);
    // A gateway in the middle splits the pool; none leaves it whole.
    expect(defaultPools(c, v("192.168.0.100"))).toEqual([range("192.168.0.1", "192.168.0.99"), range("192.168.0.101", "192.168.0.254")]);
    expect(defaultPools(c, null)).toEqual([range("192.168.0.1", "192.168.0.254")]);
    // /31 and /32 have no network or broadcast address to keep out.
    expect(defaultPools(cidr("10.0.0.0/31"), null)).toEqual([range("10.0.0.0", "10.0.0.1")]);
    expect(defaultPools(cidr("10.0.0.7/32"), null)).toEqual([range("10.0.0.7", "10.0.0.7")]);
    // IPv6 keeps the subnet-router anycast address (the first) out, and has no broadcast.
    const six = cidr("2001:db8::/64");
    expect(defaultPools(six, defaultGateway(six))).toEqual([{ first: v("2001:db8::2"), last: v("2001:db8::ffff:ffff:ffff:ffff") }]);
  });

  it("validates pools as validate_allocation_pools and validate_gw_out_of_pools do", () => {
    const c = cidr("10.0.0.0/24");
    const gw = v("10.0.0.1");
    expect(poolRefusal(c, [range("10.0.0.2", "10.0.0.100"), range("10.0.0.150", "10.0.0.254")], gw)).toBeNull();
    expect(poolRefusal(c, [range("10.0.0.20", "10.0.0.10")], gw)).toEqual({ code: "invalid_pool", pool: 0 });
    expect(poolRefusal(c, [range("10.0.0.0", "10.0.0.10")], gw)).toEqual({ code: "pool_out_of_bounds", pool: 0 });
    expect(poolRefusal(c, [range("10.0.0.2", "10.0.0.255")], gw)).toEqual({ code: "pool_out_of_bounds", pool: 0 });
    expect(poolRefusal(c, [range("10.0.0.2", "10.0.0.50"), range("10.0.0.50", "10.0.0.60")], gw)).toEqual({ code: "pools_overlap", pool: 0, other: 1 });
    expect(poolRefusal(c, [range("10.0.0.1", "10.0.0.50")], gw)).toEqual({ code: "gateway_in_pool", pool: 0 });
  });

  it("keeps a port off the IPv4 network and broadcast addresses, and a gateway too", () => {
    const c = cidr("10.0.0.0/24");
    expect(usableOnSubnet(c, ip("10.0.0.0"))).toBe(false);
    expect(usableOnSubnet(c, ip("10.0.0.255"))).toBe(false);
    expect(usableOnSubnet(c, ip("10.0.0.7"))).toBe(true);
    // A /31 has no broadcast address: only its network address is kept out.
    expect(usableOnSubnet(cidr("10.0.0.0/31"), ip("10.0.0.1"))).toBe(true);
    expect(usableOnSubnet(cidr("10.0.0.0/31"), ip("10.0.0.0"))).toBe(false);
    expect(usableOnSubnet(cidr("2001:db8::/64"), ip("2001:db8::"))).toBe(true);
    expect(gatewayInvalid(c, ip("10.0.0.255"))).toBe(true);
    expect(gatewayInvalid(c, ip("10.0.0.1"))).toBe(false);
    // Outside the subnet Neutron cannot tell, and lets it be.
    expect(gatewayInvalid(c, ip("172.16.0.1"))).toBe(false);
  });
});
