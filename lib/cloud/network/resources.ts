// What may be done to network resources, shared by the services (which refuse with the reason) and
// the pages (which offer only what is allowed, and say why not). The rules are Neutron's where
// Neutron has one, and HCS's console rules where the console is stricter; each says which.
import type { Rule } from "./security-groups";

/** Neutron's device owners of the ports this cloud makes. */
export const ROUTER_INTERFACE = "network:router_interface";
export const ROUTER_GATEWAY = "network:router_gateway";
export const FLOATING_IP = "network:floatingip";
/** Nova's device_owner for an instance's port. */
export const computeOwner = (azId: string) => `compute:${azId}`;
export const isRouterPort = (owner: string | null) => owner === ROUTER_INTERFACE || owner === ROUTER_GATEWAY;

export interface VpcView {
  /** Ports other than the router's own (instance interfaces, EIP-free provider ports...). */
  ports: number;
}

export interface SubnetView {
  /** Ports with an address from the subnet, other than the router interface holding its gateway. */
  ports: number;
}

export interface EipView {
  bound: boolean;
}

export interface SecurityGroupView {
  isDefault: boolean;
  ports: number;
}

export type NetworkRefusal =
  | { reason: "vpc_in_use"; ports: number }
  | { reason: "subnet_in_use"; ports: number }
  | { reason: "eip_bound" }
  | { reason: "eip_not_bound" }
  | { reason: "default_group" }
  | { reason: "group_in_use"; ports: number }
  | { reason: "primary_interface" }
  | { reason: "external_in_use"; ports: number };

/**
 * A VPC goes with its subnets and router only when no port but the router's is left: Neutron's
 * NetworkInUse ("one or more ports still in use on the network").
 */
export function vpcDeleteRefusal(v: VpcView): NetworkRefusal | null {
  return v.ports > 0 ? { reason: "vpc_in_use", ports: v.ports } : null;
}

/** Neutron's SubnetInUse: "one or more ports have an IP allocation from this subnet". */
export function subnetDeleteRefusal(s: SubnetView): NetworkRefusal | null {
  return s.ports > 0 ? { reason: "subnet_in_use", ports: s.ports } : null;
}

export type EipAction = "bind" | "unbind" | "release";

/**
 * Neutron lets a bound floating IP be deleted (it is disassociated first); the HCS console asks
 * for the unbinding first, so that an address in use is never released by a slip.
 */
export function eipRefusal(e: EipView, action: EipAction): NetworkRefusal | null {
  if (action === "bind") return e.bound ? { reason: "eip_bound" } : null;
  if (action === "unbind") return e.bound ? null : { reason: "eip_not_bound" };
  return e.bound ? { reason: "eip_bound" } : null;
}

export const eipAllowed = (e: EipView, action: EipAction) => eipRefusal(e, action) === null;

/** Neutron's SecurityGroupCannotRemoveDefault and SecurityGroupInUse (both 409). */
export function groupDeleteRefusal(g: SecurityGroupView): NetworkRefusal | null {
  if (g.isDefault) return { reason: "default_group" };
  return g.ports > 0 ? { reason: "group_in_use", ports: g.ports } : null;
}

/** An external network goes only when no router gateway, EIP or provider port holds one of its addresses (Neutron's NetworkInUse). */
export function externalDeleteRefusal(n: { ports: number }): NetworkRefusal | null {
  return n.ports > 0 ? { reason: "external_in_use", ports: n.ports } : null;
}

/** HCS keeps an ECS's primary interface (its first): only the extension interfaces can be detached. */
export function interfaceDetachRefusal(i: { primary: boolean }): NetworkRefusal | null {
  return i.primary ? { reason: "primary_interface" } : null;
}

/** The instance states Nova attaches and detaches interfaces in (compute/api.py: attach_interface, detach_interface). */
export const INTERFACE_VM_STATES: readonly string[] = ["active", "paused", "stopped"];

export function instanceTakesInterfaces(i: { vmState: string; taskState: string | null }): boolean {
  return INTERFACE_VM_STATES.includes(i.vmState) && i.taskState === null;
}

/** A rule as an ECS's interfaces apply it: which group it comes from and whom it admits. */
export interface EffectiveRule extends Rule {
  groupId: string;
  groupName: string;
  /** For a remote-group rule: the addresses of that group's members (of the same ethertype) now. */
  remoteMembers: string[] | null;
}

/**
 * The rules in force on an ECS: the union of its ports' groups' rules (Neutron applies every
 * group of a port; rules only admit, so the union is the policy), with each remote group
 * resolved to the addresses of its member ports, as the agents expand them.
 */
export function effectiveRules(groups: readonly { id: string; name: string; rules: readonly Rule[] }[], members: ReadonlyMap<string, readonly string[]>): EffectiveRule[] {
  const seen = new Set<string>();
  const out: EffectiveRule[] = [];
  for (const g of groups) {
    if (seen.has(g.id)) continue;
    seen.add(g.id);
    for (const r of g.rules) {
      const remote = r.remoteGroupId === null ? null : (members.get(r.remoteGroupId) ?? []).filter((a) => a.includes(":") === (r.ethertype === "IPv6"));
      out.push({ ...r, groupId: g.id, groupName: g.name, remoteMembers: remote });
    }
  }
  const order = (r: EffectiveRule) => `${r.direction === "ingress" ? 0 : 1}${r.ethertype}`;
  return out.sort((a, b) => order(a).localeCompare(order(b)));
}
