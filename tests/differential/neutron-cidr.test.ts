// Subnet arithmetic against Neutron's own code (python3-neutron): seeded random CIDRs (IPv4 and
// IPv6, written well or not, with host bits, /0 to /32 and /128, multicast, loopback, 0.0.0.0),
// gateways inside and outside, allocation pools in and out of bounds, overlapping, holding the
// gateway, and addresses to place on the subnet. The verdict, the network kept, the DHCP checks,
// the default pools, the pool check, the gateway check and every address check must agree.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { seededRandom, type Random } from "@/lib/cloud/shared";
import { defaultPools, firstOf, formatCidr, formatIp, gatewayInvalid, isCidrError, lastOf, parseCidr, parseIp, poolRefusal, subnetRefusal, usableOnSubnet, type Cidr, type PoolRefusal } from "@/lib/cloud/network/cidr";

const CASES = 2000;
const PYTHON = process.env.NOVA_PYTHON ?? "/usr/bin/python3";
const POOL_ERROR: Record<PoolRefusal["code"], string> = { invalid_pool: "InvalidAllocationPool", pool_out_of_bounds: "OutOfBoundsAllocationPool", pools_overlap: "OverlappingAllocationPools", gateway_in_pool: "GatewayConflictWithAllocationPools" };

interface Case {
  cidr: string;
  gateway: string | null;
  pools: { first: string; last: string }[];
  ips: string[];
  enableDhcp: boolean;
}

function cidrText(r: Random): string {
  const x = r.next();
  if (x < 0.5) return `${r.pick(["10", "192", "172", "224", "127", "0"])}.${r.int(0, 255)}.${r.int(0, 255)}.${r.pick([0, 0, 0, r.int(0, 255)])}/${r.pick([8, 16, 20, 24, 24, 24, 28, 30, 31, 32, 0])}`;
  if (x < 0.8) return `${r.pick(["2001:db8", "fd00:1", "ff02", "fe80", "2001:DB8:0:0"])}::${r.pick(["", "1", "a:b"])}/${r.pick([32, 48, 64, 64, 120, 126, 127, 128, 0])}`;
  return r.pick(["10.0.0.0/08", "010.0.0.0/8", "10.0.0.0", "10.0.0.0/33", "::1/129", "abc/24", "10.0.0.0/24 ", "::/0"]);
}

function inside(r: Random, c: Cidr, spread = 1.2): bigint {
  const size = lastOf(c) - firstOf(c) + 1n;
  const span = size < 1000n ? size : 1000n;
  const offset = BigInt(Math.floor(r.next() * Number(span) * spread)) - (r.next() < 0.1 ? 1n : 0n);
  return firstOf(c) + (offset < 0n ? 0n : offset) - (r.next() < 0.05 ? 1n : 0n);
}

function caseOf(seed: number): Case {
  const r = seededRandom(seed);
  const text = cidrText(r);
  const parsed = parseCidr(text);
  const c = isCidrError(parsed) ? (parseCidr("10.0.0.0/24") as Cidr) : parsed;
  const addr = (v: bigint) => formatIp(c.version, v < 0n ? 0n : v);
  const gw = r.next() < 0.2 ? null : r.next() < 0.7 ? addr(firstOf(c) + 1n) : addr(inside(r, c));
  const pools = Array.from({ length: r.int(0, 3) }, () => {
    const a = inside(r, c);
    const b = r.next() < 0.1 ? a - 1n : a + BigInt(r.int(0, 40));
    return { first: addr(a), last: addr(b) };
  });
  return { cidr: text, gateway: gw, pools, ips: Array.from({ length: 3 }, () => addr(inside(r, c, 1.05))), enableDhcp: r.next() < 0.7 };
}

function ours(k: Case) {
  const c = parseCidr(k.cidr);
  if (isCidrError(c)) return { valid: false };
  const gw = k.gateway ? (parseIp(k.gateway) as { value: bigint }).value : null;
  const dhcp = subnetRefusal(c, { enableDhcp: k.enableDhcp });
  const pools = k.pools.map((p) => ({ first: (parseIp(p.first) as { value: bigint }).value, last: (parseIp(p.last) as { value: bigint }).value }));
  const refusal = poolRefusal(c, pools, gw);
  return {
    valid: true,
    normalized: formatCidr(c),
    // Prefix 0 is _validate_subnet_cidr's, not the DHCP checks'.
    dhcp: dhcp && dhcp.code !== "prefix_zero" ? "InvalidInput" : "ok",
    pools: defaultPools(c, gw).map((p) => ({ first: formatIp(c.version, p.first), last: formatIp(c.version, p.last) })),
    poolCheck: refusal ? POOL_ERROR[refusal.code] : "ok",
    gatewayInvalid: k.gateway ? gatewayInvalid(c, parseIp(k.gateway) as NonNullable<ReturnType<typeof parseIp>>) : null,
    usable: k.ips.map((ip) => usableOnSubnet(c, parseIp(ip) as NonNullable<ReturnType<typeof parseIp>>)),
  };
}

describe("subnets are read as Neutron reads them", () => {
  it(`agrees with Neutron's own code on ${CASES} random subnets, gateways, pools and addresses`, () => {
    const cases = Array.from({ length: CASES }, (_, i) => caseOf(20261201 + i));
    const run = spawnSync(PYTHON, [path.join(import.meta.dirname, "neutron_cidr_harness.py")], { input: JSON.stringify({ cases }), encoding: "utf8", maxBuffer: 1 << 28 });
    if (run.status !== 0) throw new Error(`neutron harness failed (is python3-neutron installed?): ${run.stderr}`);
    const theirs = (JSON.parse(run.stdout) as { results: unknown[] }).results;
    const disagreements: string[] = [];
    let valid = 0;
    for (const [i, k] of cases.entries()) {
      const mine = ours(k);
      if (mine.valid) valid++;
      if (JSON.stringify(mine) !== JSON.stringify(theirs[i])) disagreements.push(`case ${20261201 + i} ${JSON.stringify(k)}: ours ${JSON.stringify(mine)}, Neutron ${JSON.stringify(theirs[i])}`);
    }
    expect(disagreements.slice(0, 5)).toEqual([]);
    expect(valid).toBeGreaterThan(CASES * 0.6);
  }, 120_000);
});
