// Addresses and subnets as Neutron reads them (neutron_lib's validate_subnet, neutron/ipam/utils.py,
// db_base_plugin_v2._validate_subnet, ipam_backend_mixin.validate_allocation_pools), on bigint
// values so that IPv4 and IPv6 share one arithmetic. Pure: no netaddr, no I/O.

export type IpVersion = 4 | 6;

export interface Ip {
  version: IpVersion;
  value: bigint;
}

export interface Cidr {
  version: IpVersion;
  /** The network address (host bits cleared). */
  network: bigint;
  prefix: number;
}

export interface IpRange {
  first: bigint;
  last: bigint;
}

const BITS: Record<IpVersion, number> = { 4: 32, 6: 128 };

function parseV4(s: string): bigint | null {
  const parts = s.split(".");
  if (parts.length !== 4) return null;
  let v = 0n;
  for (const p of parts) {
    // Decimal octets only, no leading zeros (netaddr's inet_pton rejects them too).
    if (!/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255) return null;
    v = (v << 8n) | BigInt(p);
  }
  return v;
}

function parseV6(s: string): bigint | null {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || s.split("::").length > 2) return null;
  const [head, tail] = s.includes("::") ? (s.split("::") as [string, string]) : [s, null];
  const groups = (part: string): bigint[] | null => {
    if (part === "") return [];
    const out: bigint[] = [];
    const items = part.split(":");
    for (const [i, g] of items.entries()) {
      // An embedded IPv4 address may end the address (::ffff:10.0.0.1).
      if (i === items.length - 1 && g.includes(".")) {
        const v4 = parseV4(g);
        if (v4 === null) return null;
        out.push(v4 >> 16n, v4 & 0xffffn);
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      out.push(BigInt(`0x${g}`));
    }
    return out;
  };
  const left = groups(head);
  const right = tail === null ? [] : groups(tail);
  if (!left || !right) return null;
  const missing = 8 - left.length - right.length;
  if (tail === null ? missing !== 0 : missing < 1) return null;
  return [...left, ...Array<bigint>(tail === null ? 0 : missing).fill(0n), ...right].reduce((v, g) => (v << 16n) | g, 0n);
}

/** An IPv4 or IPv6 address, or null when it is neither. */
export function parseIp(s: string): Ip | null {
  const t = s.trim();
  if (t !== s || t === "") return null;
  const v4 = parseV4(t);
  if (v4 !== null) return { version: 4, value: v4 };
  const v6 = t.includes(":") ? parseV6(t) : null;
  return v6 === null ? null : { version: 6, value: v6 };
}

/** The canonical text of an address, as netaddr prints it (IPv6 compressed as RFC 5952 writes it). */
export function formatIp(version: IpVersion, value: bigint): string {
  if (version === 4) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 0xffn)).join(".");
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  // The longest run of two or more zero groups becomes "::" (the first one on a tie).
  let best = { at: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.len && j - i >= 2) best = { at: i, len: j - i };
    i = j;
  }
  // As glibc's inet_ntop (which netaddr's str() follows): IPv4-compatible and IPv4-mapped
  // addresses end in dotted quad (::10.0.0.1, ::ffff:10.0.0.1).
  if (best.at === 0 && (best.len === 6 || (best.len === 5 && groups[5] === 0xffff))) return `::${best.len === 5 ? "ffff:" : ""}${formatIp(4, value & 0xffffffffn)}`;
  const hex = groups.map((g) => g.toString(16));
  if (best.at < 0) return hex.join(":");
  return `${hex.slice(0, best.at).join(":")}::${hex.slice(best.at + best.len).join(":")}`;
}

export const maskOf = (version: IpVersion, prefix: number): bigint => {
  const bits = BITS[version];
  return prefix === 0 ? 0n : ((1n << BigInt(bits)) - 1n) ^ ((1n << BigInt(bits - prefix)) - 1n);
};

export type CidrError = { code: "invalid_cidr"; cidr: string } | { code: "not_canonical"; cidr: string; recommended: string };

/**
 * neutron_lib's validate_subnet: an address, a slash and a prefix length valid for its version.
 * Neutron accepts an IPv4 host address with its prefix ("10.0.0.5/24") and creates the subnet on
 * its network ("10.0.0.0/24", db_base_plugin_v2.create_subnet); so does this.
 */
export function parseCidr(s: string): Cidr | CidrError {
  const slash = s.indexOf("/");
  const ip = parseIp(slash < 0 ? s : s.slice(0, slash));
  const prefixText = slash < 0 ? "" : s.slice(slash + 1);
  if (!ip || !/^\d{1,3}$/.test(prefixText)) return { code: "invalid_cidr", cidr: s };
  const prefix = Number(prefixText);
  if (prefix > BITS[ip.version]) return { code: "invalid_cidr", cidr: s };
  const network = ip.value & maskOf(ip.version, prefix);
  // IPv4 must be written as netaddr writes it ("10.0.0.0/08" is not, nor "010.0.0.0/8").
  if (ip.version === 4 && `${formatIp(4, ip.value)}/${prefix}` !== s) return { code: "not_canonical", cidr: s, recommended: `${formatIp(4, network)}/${prefix}` };
  return { version: ip.version, network, prefix };
}

export const isCidrError = (c: Cidr | CidrError): c is CidrError => "code" in c;

export const formatCidr = (c: Cidr) => `${formatIp(c.version, c.network)}/${c.prefix}`;
export const firstOf = (c: Cidr) => c.network;
export const lastOf = (c: Cidr) => c.network | ((1n << BigInt(BITS[c.version] - c.prefix)) - 1n);
export const sizeOf = (c: Cidr) => 1n << BigInt(BITS[c.version] - c.prefix);
export const contains = (c: Cidr, ip: Ip) => ip.version === c.version && ip.value >= firstOf(c) && ip.value <= lastOf(c);
/** Two CIDRs share an address (Neutron's IPSet intersection): one contains the other's network. */
export const overlaps = (a: Cidr, b: Cidr) => a.version === b.version && firstOf(a) <= lastOf(b) && firstOf(b) <= lastOf(a);
/** `inner` lies wholly inside `outer` (a subnet inside its VPC's CIDR). */
export const within = (inner: Cidr, outer: Cidr) => inner.version === outer.version && inner.prefix >= outer.prefix && firstOf(inner) >= firstOf(outer) && lastOf(inner) <= lastOf(outer);

/**
 * The addresses a port may hold (neutron.ipam.utils.check_subnet_ip): never the IPv4 network
 * address, nor the broadcast address, which netaddr gives only down to /30 (a /31 has none).
 */
export function usableOnSubnet(c: Cidr, ip: Ip): boolean {
  if (!contains(c, ip)) return false;
  return c.version === 6 || (ip.value !== firstOf(c) && (c.prefix > 30 || ip.value !== lastOf(c)));
}

/** check_gateway_invalid_in_subnet: a gateway inside an IPv4 subnet cannot be its network or broadcast address (outside it, anything goes). */
export function gatewayInvalid(c: Cidr, gateway: Ip): boolean {
  return contains(c, gateway) && c.version === 4 && (gateway.value === firstOf(c) || gateway.value === lastOf(c));
}

/** Neutron's default gateway: the subnet's first address after the network address. */
export const defaultGateway = (c: Cidr): bigint => firstOf(c) + 1n;

/** The range pools may use (validate_allocation_pools): IPv4 without network and broadcast (down to /30), IPv6 without the subnet-router anycast address. */
export function poolBounds(c: Cidr): IpRange {
  if (c.version === 4) return c.prefix <= 30 ? { first: firstOf(c) + 1n, last: lastOf(c) - 1n } : { first: firstOf(c), last: lastOf(c) };
  return { first: firstOf(c) + 1n, last: lastOf(c) };
}

/** generate_pools: the pool bounds around the gateway (a single-address subnet is its own pool). */
export function defaultPools(c: Cidr, gateway: bigint | null): IpRange[] {
  if (sizeOf(c) === 1n) return [{ first: firstOf(c), last: firstOf(c) }];
  const { first, last } = poolBounds(c);
  if (gateway === null || gateway < first || gateway > last) return [{ first, last }];
  return [
    ...(gateway > first ? [{ first, last: gateway - 1n }] : []),
    ...(gateway < last ? [{ first: gateway + 1n, last }] : []),
  ];
}

export type PoolRefusal =
  | { code: "invalid_pool"; pool: number }
  | { code: "pool_out_of_bounds"; pool: number }
  | { code: "pools_overlap"; pool: number; other: number }
  | { code: "gateway_in_pool"; pool: number };

/**
 * validate_allocation_pools and validate_gw_out_of_pools: each pool ordered and inside the
 * usable bounds, no two pools sharing an address, the gateway in none of them. Pools are indexed
 * as given.
 */
export function poolRefusal(c: Cidr, pools: readonly IpRange[], gateway: bigint | null): PoolRefusal | null {
  const bounds = poolBounds(c);
  // pools_to_ip_range reads every pool before validate_allocation_pools checks any.
  const reversed = pools.findIndex((p) => p.first > p.last);
  if (reversed >= 0) return { code: "invalid_pool", pool: reversed };
  for (const [i, p] of pools.entries()) if (p.first < bounds.first || p.last > bounds.last) return { code: "pool_out_of_bounds", pool: i };
  for (let i = 0; i < pools.length; i++)
    for (let j = i + 1; j < pools.length; j++) {
      const a = pools[i] as IpRange;
      const b = pools[j] as IpRange;
      if (a.first <= b.last && b.first <= a.last) return { code: "pools_overlap", pool: i, other: j };
    }
  if (gateway !== null) {
    const i = pools.findIndex((p) => gateway >= p.first && gateway <= p.last);
    if (i >= 0) return { code: "gateway_in_pool", pool: i };
  }
  return null;
}

export type SubnetRefusal = { code: "prefix_zero" } | { code: "dhcp_prefix"; max: number } | { code: "dhcp_multicast" } | { code: "dhcp_loopback" } | { code: "dhcp_zero_network" };

/**
 * What Neutron refuses of a subnet's CIDR itself, in its order: _validate_subnet's DHCP checks
 * (create_subnet runs them first), then _validate_subnet_cidr's prefix length 0.
 */
export function subnetRefusal(c: Cidr, opts: { enableDhcp: boolean }): SubnetRefusal | null {
  return (opts.enableDhcp ? dhcpRefusal(c) : null) ?? (c.prefix === 0 ? { code: "prefix_zero" } : null);
}

function dhcpRefusal(c: Cidr): SubnetRefusal | null {
  const max = c.version === 4 ? 30 : 126;
  if (c.prefix > max) return { code: "dhcp_prefix", max };
  // netaddr's is_multicast / is_loopback look at the network address.
  const multicast = c.version === 4 ? c.network >> 28n === 0xen : c.network >> 120n === 0xffn;
  if (multicast) return { code: "dhcp_multicast" };
  const loopback = c.version === 4 ? c.network >> 24n === 127n : c.network === 1n && c.prefix === 128;
  if (loopback) return { code: "dhcp_loopback" };
  if (c.version === 4 && c.network === 0n) return { code: "dhcp_zero_network" };
  return null;
}
