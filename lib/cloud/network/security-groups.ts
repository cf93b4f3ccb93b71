// Security group rules as Neutron (Zed) reads them: the API's converters
// (neutron/extensions/securitygroup.py: protocol, ports, ethertype, remote prefix, in the
// attribute map's order), then SecurityGroupDbMixin's checks (canonical IPv6 ICMP, the whole port
// range dropped, port ranges per protocol, prefix and ethertype, IPv6-only protocols, one remote),
// and its duplicate key. Proven against those very functions by tests/differential/neutron-sg.
import { formatIp, parseIp } from "./cidr";

/** neutron_lib's IP_PROTOCOL_MAP: every protocol name a rule may use, with its number. */
export const IP_PROTOCOLS: Readonly<Record<string, number>> = {
  ah: 51, dccp: 33, egp: 8, esp: 50, gre: 47, hopopt: 0, icmp: 1, igmp: 2, ip: 0, ipip: 4,
  "ipv6-encap": 41, "ipv6-frag": 44, "ipv6-icmp": 58, icmpv6: 58, "ipv6-nonxt": 59, "ipv6-opts": 60,
  "ipv6-route": 43, ospf: 89, pgm: 113, rsvp: 46, sctp: 132, tcp: 6, udp: 17, udplite: 136, vrrp: 112,
};

/** IP_PROTOCOL_NUM_TO_NAME_MAP: one name per number (the legacy icmpv6 left out; 0 is "ip", the later name). */
const NUM_TO_NAME: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(IP_PROTOCOLS).filter(([name]) => name !== "icmpv6").map(([name, num]) => [String(num), name]));

/** Protocols whose rules take a port range (SG_PORT_PROTO_NUMS). */
const PORT_PROTOCOLS = [33, 132, 6, 17, 136];
const ICMP = 1;
const IPV6_ICMP = 58;
/** Protocols an IPv4 rule may not name (_validate_ethertype_and_protocol), as names and numbers. */
const IPV6_ONLY = ["ipv6-encap", "ipv6-frag", "ipv6-icmp", "icmpv6", "ipv6-nonxt", "ipv6-opts", "ipv6-route", "41", "44", "58", "59", "60", "43"];

export type Ethertype = "IPv4" | "IPv6";

/** A rule as a user sends it (the API takes strings or numbers for protocol and ports). */
export interface RuleInput {
  direction: string;
  ethertype?: string | null;
  protocol?: string | number | null;
  portRangeMin?: string | number | null;
  portRangeMax?: string | number | null;
  remoteIpPrefix?: string | null;
  remoteGroupId?: string | null;
}

/** A rule as Neutron stores it. */
export interface Rule {
  direction: "ingress" | "egress";
  ethertype: Ethertype;
  protocol: string | null;
  portRangeMin: number | null;
  portRangeMax: number | null;
  remoteIpPrefix: string | null;
  remoteGroupId: string | null;
}

export type RuleRefusal =
  | { code: "invalid_protocol"; protocol: string }
  | { code: "invalid_port_value"; port: string }
  | { code: "invalid_ethertype"; ethertype: string }
  | { code: "invalid_cidr"; cidr: string }
  | { code: "invalid_direction"; direction: string }
  | { code: "protocol_required_with_ports" }
  | { code: "invalid_port_range" }
  | { code: "invalid_icmp_value"; field: "type" | "code"; value: number }
  | { code: "missing_icmp_type"; value: number }
  | { code: "protocol_for_port"; protocol: number }
  | { code: "ethertype_prefix_conflict"; ethertype: Ethertype; cidr: string }
  | { code: "ethertype_protocol_conflict"; ethertype: Ethertype; protocol: string }
  | { code: "multiple_remotes" };

/** Python's int() on what the API received: an integer, or a decimal string (whitespace and a sign allowed). */
function pyInt(value: string | number): number | null {
  if (typeof value === "number") return Number.isInteger(value) ? value : Math.trunc(value);
  return /^\s*[+-]?\d+\s*$/.test(value) ? Number(value) : null;
}

/** convert_protocol: a number 0-255 kept as the text it came as, or a known name in lower case. */
function convertProtocol(value: string | number | null | undefined): { ok: string | null } | RuleRefusal {
  if (value === null || value === undefined) return { ok: null };
  const n = pyInt(value);
  if (n !== null) return n >= 0 && n <= 255 ? { ok: String(value) } : { code: "invalid_protocol", protocol: String(value) };
  const lower = String(value).toLowerCase();
  return lower in IP_PROTOCOLS ? { ok: lower } : { code: "invalid_protocol", protocol: String(value) };
}

/** convert_validate_port_value (oslo's is_valid_port): 0-65535. */
function convertPort(value: string | number | null | undefined): { ok: number | null } | RuleRefusal {
  if (value === null || value === undefined) return { ok: null };
  const n = pyInt(value);
  return n !== null && n >= 0 && n <= 65535 ? { ok: n } : { code: "invalid_port_value", port: String(value) };
}

/** convert_ip_prefix_to_cidr: str(netaddr.IPNetwork(prefix)): a bare address gets /32 or /128; host bits are kept. */
function convertPrefix(value: string | null | undefined): { ok: string | null } | RuleRefusal {
  if (!value) return { ok: null };
  const slash = value.indexOf("/");
  const ip = parseIp(slash < 0 ? value : value.slice(0, slash));
  const max = ip?.version === 6 ? 128 : 32;
  const prefixText = slash < 0 ? String(max) : value.slice(slash + 1);
  if (!ip || !/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) return { code: "invalid_cidr", cidr: value };
  return { ok: `${formatIp(ip.version, ip.value)}/${Number(prefixText)}` };
}

const refused = <T>(r: { ok: T } | RuleRefusal): r is RuleRefusal => "code" in r;

/** _get_ip_proto_number: a name's number, or the number the text holds. */
function protocolNumber(protocol: string): number {
  const name = protocol === "icmpv6" ? "ipv6-icmp" : protocol;
  return name in IP_PROTOCOLS ? (IP_PROTOCOLS[name] as number) : (pyInt(name) ?? NaN);
}

/**
 * A rule as Neutron would store it, or why it refuses it: the converters in the attribute map's
 * order, the direction, then the plugin's checks in its order.
 */
export function normalizeRule(input: RuleInput): Rule | RuleRefusal {
  const protocol = convertProtocol(input.protocol);
  if (refused(protocol)) return protocol;
  const min = convertPort(input.portRangeMin);
  if (refused(min)) return min;
  const max = convertPort(input.portRangeMax);
  if (refused(max)) return max;
  const ethertypeText = input.ethertype ?? "IPv4";
  const ethertype = (["IPv4", "IPv6"] as const).find((e) => e.toLowerCase() === String(ethertypeText).toLowerCase());
  if (!ethertype) return { code: "invalid_ethertype", ethertype: String(ethertypeText) };
  const prefix = convertPrefix(input.remoteIpPrefix);
  if (refused(prefix)) return prefix;
  if (input.direction !== "ingress" && input.direction !== "egress") return { code: "invalid_direction", direction: String(input.direction) };
  const rule: Rule = { direction: input.direction, ethertype, protocol: protocol.ok, portRangeMin: min.ok, portRangeMax: max.ok, remoteIpPrefix: prefix.ok, remoteGroupId: input.remoteGroupId || null };

  // _make_canonical_ipv6_icmp_protocol: legacy IPv6 ICMP names and number 1 become ipv6-icmp / 58.
  if (rule.ethertype === "IPv6") {
    if (rule.protocol === "icmp" || rule.protocol === "icmpv6") rule.protocol = "ipv6-icmp";
    else if (rule.protocol === "1") rule.protocol = "58";
  }
  // _make_canonical_port_range: the whole range is no range.
  if (rule.portRangeMin === 1 && rule.portRangeMax === 65535) rule.portRangeMin = rule.portRangeMax = null;
  const portRefusal = portRangeRefusal(rule);
  if (portRefusal) return portRefusal;
  // _validate_ip_prefix: the prefix's version is the rule's ethertype.
  if (rule.remoteIpPrefix) {
    const version = rule.remoteIpPrefix.includes(":") ? "IPv6" : "IPv4";
    if (version !== rule.ethertype) return { code: "ethertype_prefix_conflict", ethertype: rule.ethertype, cidr: input.remoteIpPrefix as string };
  }
  if (rule.protocol !== null && IPV6_ONLY.includes(rule.protocol) && rule.ethertype === "IPv4") return { code: "ethertype_protocol_conflict", ethertype: rule.ethertype, protocol: rule.protocol };
  if (rule.remoteIpPrefix && rule.remoteGroupId) return { code: "multiple_remotes" };
  return rule;
}

/** _validate_port_range. */
function portRangeRefusal(rule: Rule): RuleRefusal | null {
  const { portRangeMin: min, portRangeMax: max } = rule;
  if (min === null && max === null) return null;
  if (!rule.protocol) return { code: "protocol_required_with_ports" };
  const proto = protocolNumber(rule.protocol);
  if (PORT_PROTOCOLS.includes(proto)) {
    if (min === 0 || max === 0) return { code: "invalid_port_value", port: "0" };
    return min !== null && max !== null && min <= max ? null : { code: "invalid_port_range" };
  }
  if (proto === ICMP || proto === IPV6_ICMP) {
    if (min !== null && !(min >= 0 && min <= 255)) return { code: "invalid_icmp_value", field: "type", value: min };
    if (max !== null && !(max >= 0 && max <= 255)) return { code: "invalid_icmp_value", field: "code", value: max };
    if (min === null && max !== null) return { code: "missing_icmp_type", value: max };
    return null;
  }
  return { code: "protocol_for_port", protocol: proto };
}

/** _get_ip_proto_name_and_num: the protocol as name and number (IPv6 ICMP legacy forms folded). */
function protocolNameAndNumber(protocol: string, ethertype: Ethertype): [string, string] {
  let p = protocol;
  if (ethertype === "IPv6") {
    if (p === "icmp" || p === "icmpv6") p = "ipv6-icmp";
    else if (p === "1") p = "58";
  }
  if (p in IP_PROTOCOLS) return [p, String(IP_PROTOCOLS[p])];
  if (p in NUM_TO_NAME) return [NUM_TO_NAME[p] as string, p];
  return [p, p];
}

/**
 * _rule_to_key: what makes two rules of a group the same (SecurityGroupRuleExists, a 409): the
 * protocol compared as name and number, "any address" however written, nothing else normalized.
 */
export function ruleKey(rule: Rule, securityGroupId: string): string {
  const none = "+";
  const prefix = rule.remoteIpPrefix === null || rule.remoteIpPrefix === "0.0.0.0/0" || rule.remoteIpPrefix === "::/0" ? none : rule.remoteIpPrefix;
  const protocol = rule.protocol === null ? none : `['${protocolNameAndNumber(rule.protocol, rule.ethertype).join("', '")}']`;
  const value = (v: string | number | null) => (v === null ? none : String(v));
  return [rule.direction, rule.ethertype, value(rule.portRangeMax), value(rule.portRangeMin), protocol, value(rule.remoteGroupId), none, prefix, securityGroupId].join("_");
}

/** The rules Neutron gives a project's default group: egress anywhere, ingress from the group's own members, for IPv4 and IPv6. */
export function defaultGroupRules(groupId: string): Rule[] {
  const base = { protocol: null, portRangeMin: null, portRangeMax: null, remoteIpPrefix: null };
  return (["IPv4", "IPv6"] as const).flatMap((ethertype) => [
    { ...base, direction: "ingress" as const, ethertype, remoteGroupId: groupId },
    { ...base, direction: "egress" as const, ethertype, remoteGroupId: null },
  ]);
}
