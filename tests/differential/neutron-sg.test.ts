// Security group rules against Neutron Zed's own code (Debian's python3-neutron), on seeded random
// rules as users send them (protocols as names in any case, numbers and numeric text; ports as
// numbers and text, in and out of range; ICMP types and codes; prefixes bare, with host bits, of
// the other family, malformed; a remote group with a prefix): the verdict (the stored rule, or
// which refusal) and the duplicate key must agree on every case. A case number replays a case.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { seededRandom, type Random } from "@/lib/cloud/shared";
import { defaultGroupRules, normalizeRule, ruleKey, type RuleInput, type RuleRefusal } from "@/lib/cloud/network/security-groups";

const CASES = Number(process.env.NEUTRON_DIFF_CASES ?? 3000);
const SEED = Number(process.env.NEUTRON_DIFF_SEED ?? 20261201);
const PYTHON = process.env.NOVA_PYTHON ?? "/usr/bin/python3";

/** Neutron's exception for each of our refusals. */
const EXCEPTION: Record<RuleRefusal["code"], string> = {
  invalid_protocol: "SecurityGroupRuleInvalidProtocol",
  invalid_port_value: "SecurityGroupInvalidPortValue",
  invalid_ethertype: "SecurityGroupRuleInvalidEtherType",
  invalid_cidr: "InvalidCIDR",
  invalid_direction: "InvalidDirection",
  protocol_required_with_ports: "SecurityGroupProtocolRequiredWithPorts",
  invalid_port_range: "SecurityGroupInvalidPortRange",
  invalid_icmp_value: "SecurityGroupInvalidIcmpValue",
  missing_icmp_type: "SecurityGroupMissingIcmpType",
  protocol_for_port: "SecurityGroupInvalidProtocolForPort",
  ethertype_prefix_conflict: "SecurityGroupRuleParameterConflict",
  ethertype_protocol_conflict: "SecurityGroupEthertypeConflictWithProtocol",
  multiple_remotes: "SecurityGroupMultipleRemoteEntites",
};

const NAMES = ["tcp", "udp", "icmp", "icmpv6", "ipv6-icmp", "sctp", "dccp", "udplite", "gre", "esp", "ah", "vrrp", "ip", "hopopt", "ipv6-encap", "ipv6-frag", "ipv6-route", "ospf", "TCP", "Udp", "ICMP", "bogus", ""];
const PREFIXES_V4 = ["0.0.0.0/0", "10.0.0.0/8", "10.1.2.3/24", "192.168.1.10", "172.16.0.0/12", "10.0.0.0/33", "300.1.1.1/24", "10.0.0.0/x", "abc"];
const PREFIXES_V6 = ["::/0", "2001:db8::/32", "2001:DB8:0:0:0:0:0:1/64", "fe80::1", "2001:db8:0:1:1:1:1:1/128", "1:0:0:1:0:0:0:1/48", "::ffff:10.0.0.1/128", "2001:db8::/129"];

function protocolOf(r: Random): string | number | null {
  const x = r.next();
  if (x < 0.15) return null;
  if (x < 0.6) return r.pick(NAMES);
  if (x < 0.8) return r.pick([0, 1, 6, 17, 33, 41, 58, 132, 136, 255, 256, -1]);
  return r.pick(["6", "17", "1", "58", "06", " 6", "+17", "256", "x6"]);
}

function portOf(r: Random): string | number | null {
  const x = r.next();
  if (x < 0.4) return null;
  if (x < 0.8) return r.pick([0, 1, 22, 80, 443, 255, 256, 1024, 65535, 65536, 3389]);
  return r.pick(["22", "80", "x", "65535", "-1"]);
}

const GOOD_V4 = PREFIXES_V4.slice(0, 5);
const GOOD_V6 = PREFIXES_V6.slice(0, 7);

export function sgCase(seed: number): RuleInput {
  const r = seededRandom(seed);
  const ethertype = r.next() < 0.85 ? r.pick(["IPv4", "IPv6", "ipv4", "IPV6", null] as const) : r.pick(["ipx", "IPv6"] as const);
  const v6 = typeof ethertype === "string" && ethertype.toLowerCase() === "ipv6";
  const x = r.next();
  // Mostly a prefix of the rule's own family; sometimes of the other, or malformed.
  const prefix = x < 0.45 ? null : x < 0.85 ? r.pick(v6 ? GOOD_V6 : GOOD_V4) : r.pick([...PREFIXES_V4, ...PREFIXES_V6]);
  const y = r.next();
  // No ports, a well-formed pair, or anything.
  const [portRangeMin, portRangeMax] = y < 0.5 ? [null, null] : y < 0.8 ? r.pick([[22, 22], [80, 443], [1, 65535], [0, 0], [8, 0], [3, 4], [1024, 65535]] as const) : [portOf(r), portOf(r)];
  return {
    direction: r.next() < 0.97 ? r.pick(["ingress", "egress"]) : "sideways",
    ethertype,
    protocol: protocolOf(r),
    portRangeMin,
    portRangeMax,
    remoteIpPrefix: prefix,
    remoteGroupId: r.next() < 0.15 ? "group-1" : null,
  };
}

function askNeutron(cases: RuleInput[]): ({ error: string } | { rule: Record<string, unknown>; key: string })[] {
  const run = spawnSync(PYTHON, [path.join(import.meta.dirname, "neutron_sg_harness.py")], { input: JSON.stringify({ cases }), encoding: "utf8", maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`neutron harness failed (is python3-neutron installed?): ${run.stderr}`);
  return (JSON.parse(run.stdout) as { results: ({ error: string } | { rule: Record<string, unknown>; key: string })[] }).results;
}

describe("security group rules are read as Neutron Zed reads them", () => {
  it(`agrees with Neutron's own code on ${CASES} random rules: the verdict, the stored rule and the duplicate key`, () => {
    const cases = Array.from({ length: CASES }, (_, i) => sgCase(SEED + i));
    const answers = askNeutron(cases);
    const disagreements: string[] = [];
    let accepted = 0;
    for (const [i, c] of cases.entries()) {
      const theirs = answers[i] as { error: string } | { rule: Record<string, unknown>; key: string };
      const mine = normalizeRule(c);
      const mineOut = "code" in mine ? { error: EXCEPTION[mine.code] } : { rule: mine, key: ruleKey(mine, "sg") };
      if ("rule" in mineOut) accepted++;
      if (JSON.stringify(mineOut) !== JSON.stringify(theirs)) disagreements.push(`case ${SEED + i} ${JSON.stringify(c)}: ours ${JSON.stringify(mineOut)}, Neutron ${JSON.stringify(theirs)}`);
    }
    console.log(`neutron security group rules: ${CASES - disagreements.length}/${CASES} agree (${accepted} accepted)`);
    expect(disagreements.slice(0, 10)).toEqual([]);
    // Both verdicts must be well represented, or the test proves little.
    expect(accepted).toBeGreaterThan(CASES * 0.2);
    expect(CASES - accepted).toBeGreaterThan(CASES * 0.2);
  }, 120_000);

  it("builds the default group as Neutron does, and a duplicate rule has the same key however its protocol and 'anywhere' are written", () => {
    expect(defaultGroupRules("sg-1").map((r) => `${r.direction} ${r.ethertype} ${r.remoteGroupId ?? "-"}`)).toEqual(["ingress IPv4 sg-1", "egress IPv4 -", "ingress IPv6 sg-1", "egress IPv6 -"]);
    const a = normalizeRule({ direction: "ingress", protocol: "tcp", portRangeMin: 22, portRangeMax: 22, remoteIpPrefix: "0.0.0.0/0" });
    const b = normalizeRule({ direction: "ingress", protocol: "6", portRangeMin: "22", portRangeMax: 22, remoteIpPrefix: null });
    if ("code" in a || "code" in b) throw new Error("refused");
    expect(ruleKey(a, "g")).toBe(ruleKey(b, "g"));
    expect(ruleKey(a, "g")).not.toBe(ruleKey(a, "h"));
  });
});
