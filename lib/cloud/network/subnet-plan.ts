// A subnet request checked as a whole, in Neutron's order, before anything is written: the CIDR,
// its place in the VPC (inside its CIDR, overlapping no sibling: Neutron's overlapping-CIDR check
// on one network), the gateway, the allocation pools, DNS servers and host routes.
import type { PoolRefusal, SubnetRefusal } from "./cidr";
import { defaultGateway, defaultPools, formatCidr, formatIp, gatewayInvalid, isCidrError, overlaps, parseCidr, parseIp, poolRefusal, subnetRefusal, within, type Cidr, type IpRange } from "./cidr";

/** neutron.conf max_dns_nameservers and max_subnet_host_routes. */
export const MAX_DNS_SERVERS = 5;
export const MAX_HOST_ROUTES = 20;

export interface SubnetRequest {
  cidr: string;
  /** An address, "" or undefined for Neutron's default (the first address), null for no gateway. */
  gatewayIp?: string | null;
  enableDhcp: boolean;
  pools?: readonly { start: string; end: string }[];
  dnsServers?: readonly string[];
  hostRoutes?: readonly { destination: string; nexthop: string }[];
}

export interface PlannedSubnet {
  cidr: Cidr;
  cidrText: string;
  gateway: bigint | null;
  gatewayText: string | null;
  pools: IpRange[];
  poolsText: { start: string; end: string }[];
  dnsServers: string[];
  hostRoutes: { destination: string; nexthop: string }[];
}

export type SubnetPlanRefusal =
  | { reason: "invalid_cidr"; cidr: string }
  | { reason: "cidr_not_canonical"; cidr: string; recommended: string }
  | { reason: `subnet_${SubnetRefusal["code"]}`; max?: number }
  | { reason: "cidr_outside_vpc"; cidr: string; vpcCidr: string }
  | { reason: "cidr_overlap"; cidr: string; other: string; otherName: string }
  | { reason: "invalid_gateway"; gateway: string }
  | { reason: `pool_${PoolRefusal["code"]}`; pool: number }
  | { reason: "invalid_dns"; value: string }
  | { reason: "dns_duplicate"; value: string }
  | { reason: "too_many_dns"; max: number }
  | { reason: "invalid_route"; value: string }
  | { reason: "too_many_routes"; max: number };

export const isPlanRefusal = (p: PlannedSubnet | SubnetPlanRefusal): p is SubnetPlanRefusal => "reason" in p;

/**
 * The subnet to create, or the first thing Neutron would refuse. An IPv6 subnet lies outside the
 * VPC's IPv4 CIDR by nature: only IPv4 subnets are held to it; every subnet to no overlap.
 */
export function planSubnet(req: SubnetRequest, vpcCidr: string, siblings: readonly { name: string; cidr: string }[]): PlannedSubnet | SubnetPlanRefusal {
  const parsed = parseCidr(req.cidr.trim());
  if (isCidrError(parsed)) return parsed.code === "not_canonical" ? { reason: "cidr_not_canonical", cidr: req.cidr, recommended: parsed.recommended } : { reason: "invalid_cidr", cidr: req.cidr };
  const cidr = parsed;
  const hostBits = hostBitsRefusal(req.cidr, cidr);
  if (hostBits) return hostBits;
  const refused = subnetRefusal(cidr, { enableDhcp: req.enableDhcp });
  if (refused) return { reason: `subnet_${refused.code}`, ...("max" in refused ? { max: refused.max } : {}) };
  const vpc = parseCidr(vpcCidr);
  if (cidr.version === 4 && !isCidrError(vpc) && !within(cidr, vpc)) return { reason: "cidr_outside_vpc", cidr: formatCidr(cidr), vpcCidr };
  for (const s of siblings) {
    const other = parseCidr(s.cidr);
    if (!isCidrError(other) && overlaps(cidr, other)) return { reason: "cidr_overlap", cidr: formatCidr(cidr), other: s.cidr, otherName: s.name };
  }

  let gateway: bigint | null;
  if (req.gatewayIp === null) gateway = null;
  else if (req.gatewayIp === undefined || req.gatewayIp.trim() === "") gateway = defaultGateway(cidr);
  else {
    const ip = parseIp(req.gatewayIp.trim());
    if (!ip || ip.version !== cidr.version || gatewayInvalid(cidr, ip)) return { reason: "invalid_gateway", gateway: req.gatewayIp };
    gateway = ip.value;
  }

  let pools: IpRange[];
  if (req.pools && req.pools.length > 0) {
    pools = [];
    for (const [i, p] of req.pools.entries()) {
      const a = parseIp(p.start.trim());
      const b = parseIp(p.end.trim());
      if (!a || !b || a.version !== cidr.version || b.version !== cidr.version) return { reason: "pool_invalid_pool", pool: i };
      pools.push({ first: a.value, last: b.value });
    }
    const refusal = poolRefusal(cidr, pools, gateway);
    if (refusal) return { reason: `pool_${refusal.code}`, pool: refusal.pool };
  } else {
    pools = defaultPools(cidr, gateway);
  }

  const dns = (req.dnsServers ?? []).map((d) => d.trim()).filter(Boolean);
  if (dns.length > MAX_DNS_SERVERS) return { reason: "too_many_dns", max: MAX_DNS_SERVERS };
  const seenDns = new Set<string>();
  for (const d of dns) {
    const ip = parseIp(d);
    if (!ip) return { reason: "invalid_dns", value: d };
    const text = formatIp(ip.version, ip.value);
    if (seenDns.has(text)) return { reason: "dns_duplicate", value: d };
    seenDns.add(text);
  }
  const routes = req.hostRoutes ?? [];
  if (routes.length > MAX_HOST_ROUTES) return { reason: "too_many_routes", max: MAX_HOST_ROUTES };
  const hostRoutes: { destination: string; nexthop: string }[] = [];
  for (const r of routes) {
    const dest = parseCidr(r.destination.trim());
    const hop = parseIp(r.nexthop.trim());
    if (isCidrError(dest) || !hop || dest.version !== cidr.version || hop.version !== cidr.version) return { reason: "invalid_route", value: `${r.destination} -> ${r.nexthop}` };
    hostRoutes.push({ destination: formatCidr(dest), nexthop: formatIp(hop.version, hop.value) });
  }

  return {
    cidr,
    cidrText: formatCidr(cidr),
    gateway,
    gatewayText: gateway === null ? null : formatIp(cidr.version, gateway),
    pools,
    poolsText: pools.map((p) => ({ start: formatIp(cidr.version, p.first), end: formatIp(cidr.version, p.last) })),
    dnsServers: [...seenDns],
    hostRoutes,
  };
}

/**
 * Neutron's API takes "10.0.1.5/24" and stores 10.0.1.0/24; the console asks for the network
 * address itself (as the HCS console does), naming it, so nobody is surprised by what is stored.
 */
function hostBitsRefusal(text: string, cidr: Cidr): SubnetPlanRefusal | null {
  const address = parseIp(text.trim().split("/")[0] ?? "");
  return address && address.value !== cidr.network ? { reason: "cidr_not_canonical", cidr: text, recommended: formatCidr(cidr) } : null;
}

/** A VPC's own CIDR: IPv4, canonical, between /8 and /28 (the HCS console's range for a VPC). */
export function vpcCidrRefusal(text: string): SubnetPlanRefusal | null {
  const c = parseCidr(text.trim());
  if (isCidrError(c)) return c.code === "not_canonical" ? { reason: "cidr_not_canonical", cidr: text, recommended: c.recommended } : { reason: "invalid_cidr", cidr: text };
  if (c.version !== 4 || c.prefix < 8 || c.prefix > 28) return { reason: "invalid_cidr", cidr: text };
  return hostBitsRefusal(text, c);
}

/** The private blocks of RFC 1918, from which a VPC made through Neutron takes its address space. */
const PRIVATE_BLOCKS = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] as const;

/**
 * The address space a VPC made through Neutron's API (a network has none) takes from its first
 * subnet: the private block that holds the subnet, else the subnet's own range if a VPC may have it.
 */
export function addressSpaceFor(subnetCidr: string): { cidr: string } | SubnetPlanRefusal {
  const c = parseCidr(subnetCidr.trim());
  if (isCidrError(c)) return c.code === "not_canonical" ? { reason: "cidr_not_canonical", cidr: subnetCidr, recommended: c.recommended } : { reason: "invalid_cidr", cidr: subnetCidr };
  for (const block of PRIVATE_BLOCKS) {
    const b = parseCidr(block);
    if (!isCidrError(b) && within(c, b)) return { cidr: block };
  }
  const refusal = vpcCidrRefusal(subnetCidr);
  return refusal ?? { cidr: subnetCidr.trim() };
}
