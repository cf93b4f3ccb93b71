import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DEFAULT_EIP_MBIT, allocateEipInput, createRuleInput, createSecurityGroupInput, createSubnetInput, networkName } from "@/lib/schemas/network";
import { neutronFloatingIpCreate, neutronFloatingIpUpdate, neutronNetworkCreate, neutronRouterCreate, neutronRouterInterface, neutronRouterUpdate, neutronRuleCreate, neutronSecurityGroupCreate, neutronSubnetCreate } from "@/lib/schemas/openstack";
import { addRouterInterface, createNetwork, createRouter, createSubnet, deleteRouter, deleteSubnet, deleteVpc, removeRouterInterface, setGatewayOfRouter } from "../services/vpcs";
import { dbReader } from "../db";
import { readJson } from "../read-json";
import { addressOf } from "../queries/network";
import { allocateEip, bindEip, releaseEip, unbindEip } from "../services/eips";
import { createRule, createSecurityGroup, deleteRule, deleteSecurityGroup } from "../services/security-groups";
import { OpenStackError } from "./errors";
import { apiContext, type ApiContext } from "./identity";
import { projectQuota } from "./quota";
import { baseUrl, dispatch, json, type RouteDef } from "./router";

// Neutron v2.0 over the console's VPC layer. A Neutron network here is a VPC subnet (they share an
// id, as HCS's VPC API keys a subnet by its network's id), with its one subnet; the external
// networks are router:external networks with theirs; a VPC's router is a Neutron router; EIPs are
// floating IPs. A project's token sees its own resources and the external networks; an
// administrator sees every project's, as Neutron lists them. Security groups, rules and floating
// IPs are written through the console's services (quota, Neutron's rule checks, audit as API).

type Ctx = ApiContext;

/** Neutron's error body: {"NeutronError": {"type", "message", "detail"}}. */
export function networkError(status: number, message: string) {
  const type: Record<number, string> = { 400: "BadRequest", 401: "Unauthorized", 403: "PolicyNotAuthorized", 404: "NotFound", 405: "MethodNotAllowed", 409: "Conflict", 413: "OverQuota", 415: "UnsupportedMediaType" };
  return { NeutronError: { type: type[status] ?? "InternalServerError", message, detail: "" } };
}

const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");
const owned = (ctx: Ctx) => (ctx.admin ? {} : { projectId: ctx.token.projectId as string });
const notFound = (kind: string, id: string) => new OpenStackError(404, `${kind} ${id} could not be found.`);
const q = (ctx: Ctx, key: string) => ctx.url.searchParams.get(key);
const tenant = (projectId: string | null) => ({ tenant_id: projectId ?? "", project_id: projectId ?? "" });
const stamp = (d: Date) => ({ created_at: isoSeconds(d), updated_at: isoSeconds(d), revision_number: 0 });

/** Query parameters that are not attribute filters. */
const NOT_FILTERS = new Set(["fields", "limit", "marker", "sort_key", "sort_dir", "page_reverse", "all_tenants"]);

/**
 * Neutron filters a list by any attribute named in the query (`?name=x&status=ACTIVE`, repeated
 * for "any of"): applied to the views, after the scope the database query already kept to.
 */
function filtered<T extends object>(ctx: Ctx, items: T[]): T[] {
  const wanted = new Map<string, string[]>();
  for (const [k, v] of ctx.url.searchParams) if (!NOT_FILTERS.has(k)) wanted.set(k, [...(wanted.get(k) ?? []), v]);
  if (wanted.size === 0) return items;
  return items.filter((item) =>
    [...wanted].every(([k, values]) => {
      if (!(k in item)) return true;
      const actual = (item as Record<string, unknown>)[k];
      return values.some((v) => (actual === null ? v === "" || v === "None" : String(actual).toLowerCase() === v.toLowerCase()));
    }),
  );
}

// ------------------------------------------------------------------------------------ networks and subnets

const subnetInclude = { vpc: { select: { projectId: true } } } satisfies Prisma.SubnetInclude;
type SubnetRow = Prisma.SubnetGetPayload<{ include: typeof subnetInclude }>;
const vpcInclude = { subnets: { select: { id: true }, orderBy: [{ createdAt: "asc" as const }, { id: "asc" as const }] } } satisfies Prisma.VpcInclude;
type VpcRow = Prisma.VpcGetPayload<{ include: typeof vpcInclude }>;
type ExternalRow = Prisma.ExternalNetworkGetPayload<{ include: { subnets: { select: { id: true } } } }>;

function vpcNetworkView(ctx: Ctx, v: VpcRow) {
  return {
    id: v.id,
    name: v.name,
    ...tenant(v.projectId),
    status: v.status,
    admin_state_up: true,
    shared: false,
    "router:external": false,
    subnets: v.subnets.map((s) => s.id),
    mtu: 1450,
    availability_zones: [],
    description: v.description,
    port_security_enabled: true,
    ...stamp(v.createdAt),
    ...(ctx.admin ? { "provider:network_type": "vxlan", "provider:physical_network": null, "provider:segmentation_id": v.vni } : {}),
  };
}

function externalNetworkView(ctx: Ctx, e: ExternalRow) {
  const provider = e.kind === "provider";
  return {
    id: e.id,
    name: e.name,
    ...tenant(null),
    status: "ACTIVE",
    admin_state_up: true,
    // The public network takes floating IPs and gateways; a provider VLAN is shared for instances to attach to.
    shared: provider,
    "router:external": !provider,
    subnets: e.subnets.map((s) => s.id),
    mtu: 1500,
    availability_zones: [],
    description: "",
    port_security_enabled: true,
    created_at: null,
    updated_at: null,
    revision_number: 0,
    ...(ctx.admin ? { "provider:network_type": e.vlanId ? "vlan" : "flat", "provider:physical_network": e.physicalNetwork, "provider:segmentation_id": e.vlanId } : {}),
  };
}

function subnetView(s: SubnetRow) {
  const pools = (s.pools as { start: string; end: string }[]) ?? [];
  return {
    id: s.id,
    name: s.name,
    network_id: (s.vpcId ?? s.externalNetworkId) as string,
    ...tenant(s.vpc?.projectId ?? null),
    ip_version: s.ipVersion,
    cidr: s.cidr,
    gateway_ip: s.gatewayIp,
    enable_dhcp: s.enableDhcp,
    allocation_pools: pools,
    dns_nameservers: (s.dnsServers as string[]) ?? [],
    host_routes: (s.hostRoutes as { destination: string; nexthop: string }[]) ?? [],
    ipv6_address_mode: null,
    ipv6_ra_mode: null,
    subnetpool_id: null,
    description: "",
    ...stamp(s.createdAt),
  };
}

/** The subnets a token sees: its project's VPC subnets (every one for an administrator) and the external networks' subnets. */
async function visibleSubnets(ctx: Ctx, where: Prisma.SubnetWhereInput = {}): Promise<SubnetRow[]> {
  const scope: Prisma.SubnetWhereInput = ctx.admin ? {} : { OR: [{ externalNetworkId: { not: null } }, { vpc: { projectId: ctx.token.projectId as string } }] };
  return dbReader.subnet.findMany({ where: { AND: [where, scope] }, include: subnetInclude, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

async function networks(ctx: Ctx) {
  const [vpcs, externals] = await Promise.all([dbReader.vpc.findMany({ where: owned(ctx), include: vpcInclude, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }), dbReader.externalNetwork.findMany({ include: { subnets: { select: { id: true } } }, orderBy: { name: "asc" } })]);
  return filtered(ctx, [...externals.map((e) => externalNetworkView(ctx, e)), ...vpcs.map((v) => vpcNetworkView(ctx, v))]);
}

async function oneNetwork(ctx: Ctx, id: string) {
  const n = (await networks(ctx)).find((x) => x.id === id);
  if (!n) throw notFound("Network", id);
  return n;
}

async function oneSubnet(ctx: Ctx, id: string): Promise<SubnetRow> {
  const [s] = await visibleSubnets(ctx, { id });
  if (!s) throw notFound("Subnet", id);
  return s;
}

// ------------------------------------------------------------------------------------ ports, routers, floating IPs

const portInclude = { fixedIps: { select: { address: true, subnetId: true, subnet: { select: { ipVersion: true } } } }, securityGroups: { select: { securityGroupId: true } } } satisfies Prisma.PortInclude;
type PortRow = Prisma.PortGetPayload<{ include: typeof portInclude }>;

function portView(p: PortRow) {
  return {
    id: p.id,
    name: p.name,
    network_id: (p.vpcId ?? p.externalNetworkId) as string,
    ...tenant(p.projectId || null),
    mac_address: p.macAddress,
    fixed_ips: p.fixedIps.map((ip) => ({ subnet_id: ip.subnetId, ip_address: addressOf(ip) })),
    device_id: p.deviceId ?? "",
    device_owner: p.deviceOwner ?? "",
    status: p.status,
    admin_state_up: p.adminStateUp,
    security_groups: p.securityGroups.map((g) => g.securityGroupId),
    port_security_enabled: true,
    "binding:vnic_type": "normal",
    allowed_address_pairs: [],
    extra_dhcp_opts: [],
    description: "",
    ...stamp(p.createdAt),
  };
}

async function ports(ctx: Ctx) {
  const where: Prisma.PortWhereInput = { ...owned(ctx) };
  if (q(ctx, "device_id")) where.deviceId = q(ctx, "device_id") as string;
  if (q(ctx, "device_owner")) where.deviceOwner = q(ctx, "device_owner") as string;
  const network = q(ctx, "network_id");
  if (network) where.OR = [{ externalNetworkId: network }, { vpcId: network }];
  return dbReader.port.findMany({ where, include: portInclude, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

type RouterRow = Prisma.RouterGetPayload<{ include: { vpc: { select: { subnets: { select: { id: true } } } } } }>;

async function routerView(r: RouterRow) {
  const gateway = r.gatewayNetworkId ? await dbReader.port.findFirst({ where: { deviceId: r.id, deviceOwner: "network:router_gateway" }, include: portInclude }) : null;
  return {
    id: r.id,
    name: r.name,
    ...tenant(r.projectId),
    status: r.status,
    admin_state_up: true,
    external_gateway_info: r.gatewayNetworkId ? { network_id: r.gatewayNetworkId, enable_snat: r.enableSnat, external_fixed_ips: gateway ? gateway.fixedIps.map((ip) => ({ subnet_id: ip.subnetId, ip_address: addressOf(ip) })) : [] } : null,
    routes: [],
    distributed: false,
    ha: true,
    availability_zones: [],
    description: "",
    ...stamp(r.createdAt),
  };
}

async function oneRouter(ctx: Ctx, id: string): Promise<RouterRow> {
  const r = await dbReader.router.findFirst({ where: { id, ...owned(ctx) }, include: { vpc: { select: { subnets: { select: { id: true } } } } } });
  if (!r) throw notFound("Router", id);
  return r;
}

type EipRow = Prisma.EipGetPayload<object>;
const floatingView = (e: EipRow) => ({
  id: e.id,
  floating_ip_address: e.address,
  floating_network_id: e.externalNetworkId,
  ...tenant(e.projectId),
  port_id: e.fixedPortId,
  fixed_ip_address: e.fixedIp,
  router_id: e.routerId,
  status: e.status,
  description: `${e.bandwidthMbit} Mbit/s`,
  port_details: null,
  tags: [],
  ...stamp(e.createdAt),
  updated_at: isoSeconds(e.updatedAt),
});

async function oneFloating(ctx: Ctx, id: string): Promise<EipRow> {
  const e = await dbReader.eip.findFirst({ where: { id, ...owned(ctx) } });
  if (!e) throw notFound("Floating IP", id);
  return e;
}

// ------------------------------------------------------------------------------------ security groups

const groupInclude = { rules: { orderBy: [{ createdAt: "asc" as const }, { id: "asc" as const }] } } satisfies Prisma.SecurityGroupInclude;
type GroupRow = Prisma.SecurityGroupGetPayload<{ include: typeof groupInclude }>;
type RuleRow = Prisma.SecurityGroupRuleGetPayload<object>;

const ruleView = (r: RuleRow) => ({ id: r.id, security_group_id: r.securityGroupId, direction: r.direction, ethertype: r.ethertype, protocol: r.protocol, port_range_min: r.portRangeMin, port_range_max: r.portRangeMax, remote_ip_prefix: r.remoteIpPrefix, remote_group_id: r.remoteGroupId, remote_address_group_id: null, description: r.description, ...tenant(r.projectId), ...stamp(r.createdAt) });
const groupView = (g: GroupRow) => ({ id: g.id, name: g.name, description: g.description, ...tenant(g.projectId), security_group_rules: g.rules.map(ruleView), stateful: true, shared: false, tags: [], ...stamp(g.createdAt) });

async function oneGroup(ctx: Ctx, id: string): Promise<GroupRow> {
  const g = await dbReader.securityGroup.findFirst({ where: { id, ...owned(ctx) }, include: groupInclude });
  if (!g) throw notFound("Security group", id);
  return g;
}

async function oneRule(ctx: Ctx, id: string): Promise<RuleRow> {
  const r = await dbReader.securityGroupRule.findFirst({ where: { id, ...owned(ctx) } });
  if (!r) throw notFound("Security group rule", id);
  return r;
}

const adminOnly = (ctx: Ctx, rule: string) => {
  if (!ctx.admin) throw new OpenStackError(403, `rule:${rule} is disallowed by policy`);
};

// ------------------------------------------------------------------------------------ routes

export const NETWORK_ROUTES: RouteDef<Ctx>[] = [
  { method: "GET", path: "/v2.0/networks", handle: async (ctx) => json({ networks: await networks(ctx) }) },
  { method: "GET", path: "/v2.0/networks/:id", handle: async (ctx, p) => json({ network: await oneNetwork(ctx, p.id as string) }) },
  {
    method: "POST",
    path: "/v2.0/networks",
    handle: async (ctx) => {
      const n = (await readJson(ctx.req, neutronNetworkCreate)).network;
      const { id } = await createNetwork(ctx.actor, { name: networkName.parse(n.name ?? `network-${Date.now().toString(36)}`), projectId: ctx.token.projectId as string });
      return json({ network: await oneNetwork(ctx, id) }, 201);
    },
  },
  {
    method: "DELETE",
    path: "/v2.0/networks/:id",
    handle: async (ctx, p) => {
      const n = await oneNetwork(ctx, p.id as string);
      if (n["router:external"] || n.shared) throw new OpenStackError(403, `rule:delete_network is disallowed by policy`);
      // The console's VPC delete, refused while an ECS or a router interface has a port on it (as
      // Neutron refuses): a console-made VPC's router is detached first, as a Neutron client would.
      await deleteVpc(ctx.actor, n.id, { refuseRouterInterfaces: true });
      return new Response(null, { status: 204 });
    },
  },
  {
    method: "GET",
    path: "/v2.0/subnets",
    handle: async (ctx) => {
      const network = q(ctx, "network_id");
      const where: Prisma.SubnetWhereInput = { ...(q(ctx, "name") ? { name: q(ctx, "name") as string } : {}), ...(network ? { OR: [{ vpcId: network }, { externalNetworkId: network }] } : {}) };
      return json({ subnets: filtered(ctx, (await visibleSubnets(ctx, where)).map(subnetView)) });
    },
  },
  { method: "GET", path: "/v2.0/subnets/:id", handle: async (ctx, p) => json({ subnet: subnetView(await oneSubnet(ctx, p.id as string)) }) },
  {
    method: "POST",
    path: "/v2.0/subnets",
    handle: async (ctx) => {
      const b = (await readJson(ctx.req, neutronSubnetCreate)).subnet;
      const network = await oneNetwork(ctx, b.network_id);
      if (network["router:external"] || network.shared) throw new OpenStackError(403, "rule:create_subnet is disallowed by policy");
      if (b.ip_version === 6) throw new OpenStackError(400, "Invalid input for operation: this cloud's VPC subnets are IPv4.");
      const input = createSubnetInput.parse({
        vpcId: network.id,
        name: b.name ?? `subnet-${Date.now().toString(36)}`,
        cidr: b.cidr,
        ...(b.gateway_ip === null ? { noGateway: true } : b.gateway_ip ? { gatewayIp: b.gateway_ip } : {}),
        enableDhcp: b.enable_dhcp ?? true,
        ...(b.allocation_pools ? { pools: b.allocation_pools } : {}),
        ...(b.dns_nameservers ? { dnsServers: b.dns_nameservers } : {}),
        ...(b.host_routes ? { hostRoutes: b.host_routes } : {}),
      });
      const { id } = await createSubnet(ctx.actor, input);
      return json({ subnet: subnetView(await oneSubnet(ctx, id)) }, 201);
    },
  },
  {
    method: "DELETE",
    path: "/v2.0/subnets/:id",
    handle: async (ctx, p) => {
      const s = await oneSubnet(ctx, p.id as string);
      if (!s.vpcId) throw new OpenStackError(403, "rule:delete_subnet is disallowed by policy");
      await deleteSubnet(ctx.actor, s.id);
      return new Response(null, { status: 204 });
    },
  },
  { method: "GET", path: "/v2.0/ports", handle: async (ctx) => json({ ports: filtered(ctx, (await ports(ctx)).map(portView)) }) },
  {
    method: "GET",
    path: "/v2.0/ports/:id",
    handle: async (ctx, p) => {
      const port = await dbReader.port.findFirst({ where: { id: p.id as string, ...owned(ctx) }, include: portInclude });
      if (!port) throw notFound("Port", p.id as string);
      return json({ port: portView(port) });
    },
  },
  {
    method: "GET",
    path: "/v2.0/routers",
    handle: async (ctx) => json({ routers: filtered(ctx, await Promise.all((await dbReader.router.findMany({ where: owned(ctx), include: { vpc: { select: { subnets: { select: { id: true } } } } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })).map(routerView))) }),
  },
  { method: "GET", path: "/v2.0/routers/:id", handle: async (ctx, p) => json({ router: await routerView(await oneRouter(ctx, p.id as string)) }) },
  {
    method: "POST",
    path: "/v2.0/routers",
    handle: async (ctx) => {
      const r = (await readJson(ctx.req, neutronRouterCreate)).router;
      const { id } = await createRouter(ctx.actor, { name: networkName.parse(r.name ?? `router-${Date.now().toString(36)}`), projectId: ctx.token.projectId as string, externalNetworkId: r.external_gateway_info?.network_id ?? null });
      return json({ router: await routerView(await oneRouter(ctx, id)) }, 201);
    },
  },
  {
    method: "PUT",
    path: "/v2.0/routers/:id",
    handle: async (ctx, p) => {
      const r = (await readJson(ctx.req, neutronRouterUpdate)).router;
      const router = await oneRouter(ctx, p.id as string);
      if (r.external_gateway_info !== undefined) await setGatewayOfRouter(ctx.actor, router.id, r.external_gateway_info?.network_id ?? null);
      return json({ router: await routerView(await oneRouter(ctx, router.id)) });
    },
  },
  {
    method: "DELETE",
    path: "/v2.0/routers/:id",
    handle: async (ctx, p) => {
      await deleteRouter(ctx.actor, (await oneRouter(ctx, p.id as string)).id);
      return new Response(null, { status: 204 });
    },
  },
  {
    method: "PUT",
    path: "/v2.0/routers/:id/add_router_interface",
    handle: async (ctx, p) => {
      const b = await readJson(ctx.req, neutronRouterInterface);
      if (!b.subnet_id) throw new OpenStackError(400, "Adding an interface by port is not supported here: name the subnet (subnet_id).");
      const router = await oneRouter(ctx, p.id as string);
      const subnet = await oneSubnet(ctx, b.subnet_id);
      const { portId } = await addRouterInterface(ctx.actor, router.id, subnet.id);
      return json({ id: router.id, subnet_id: subnet.id, subnet_ids: [subnet.id], port_id: portId, network_id: subnet.vpcId, ...tenant(router.projectId) });
    },
  },
  {
    method: "PUT",
    path: "/v2.0/routers/:id/remove_router_interface",
    handle: async (ctx, p) => {
      const b = await readJson(ctx.req, neutronRouterInterface);
      const router = await oneRouter(ctx, p.id as string);
      const subnetId = b.subnet_id ?? (b.port_id ? (await dbReader.ipAllocation.findFirst({ where: { portId: b.port_id, port: { deviceId: router.id } }, select: { subnetId: true } }))?.subnetId : undefined);
      if (!subnetId) throw notFound("Router interface on port", b.port_id ?? "-");
      const subnet = await oneSubnet(ctx, subnetId);
      const { portId } = await removeRouterInterface(ctx.actor, router.id, subnet.id);
      return json({ id: router.id, subnet_id: subnet.id, subnet_ids: [subnet.id], port_id: portId, network_id: subnet.vpcId, ...tenant(router.projectId) });
    },
  },
  { method: "GET", path: "/v2.0/floatingips", handle: async (ctx) => json({ floatingips: filtered(ctx, (await dbReader.eip.findMany({ where: owned(ctx), orderBy: [{ createdAt: "asc" }, { id: "asc" }] })).map(floatingView)) }) },
  { method: "GET", path: "/v2.0/floatingips/:id", handle: async (ctx, p) => json({ floatingip: floatingView(await oneFloating(ctx, p.id as string)) }) },
  {
    method: "POST",
    path: "/v2.0/floatingips",
    handle: async (ctx) => {
      const f = (await readJson(ctx.req, neutronFloatingIpCreate)).floatingip;
      const input = allocateEipInput.parse({ bandwidthMbit: DEFAULT_EIP_MBIT, address: f.floating_ip_address ?? undefined, externalNetworkId: f.floating_network_id, projectId: ctx.token.projectId as string });
      const { id } = await allocateEip(ctx.actor, input, f.port_id ?? undefined);
      return json({ floatingip: floatingView(await oneFloating(ctx, id)) }, 201);
    },
  },
  {
    method: "PUT",
    path: "/v2.0/floatingips/:id",
    handle: async (ctx, p) => {
      const f = (await readJson(ctx.req, neutronFloatingIpUpdate)).floatingip;
      const e = await oneFloating(ctx, p.id as string);
      if (f.port_id === null && e.fixedPortId) await unbindEip(ctx.actor, e.id);
      if (f.port_id && f.port_id !== e.fixedPortId) await bindEip(ctx.actor, e.id, f.port_id, { replace: true });
      return json({ floatingip: floatingView(await oneFloating(ctx, e.id)) });
    },
  },
  {
    method: "DELETE",
    path: "/v2.0/floatingips/:id",
    handle: async (ctx, p) => {
      const e = await oneFloating(ctx, p.id as string);
      // Neutron deletes an associated floating IP; the console's release unbinds it first, in the same transaction.
      await releaseEip(ctx.actor, e.id, { unbind: true });
      return new Response(null, { status: 204 });
    },
  },
  { method: "GET", path: "/v2.0/security-groups", handle: async (ctx) => json({ security_groups: filtered(ctx, (await dbReader.securityGroup.findMany({ where: { ...owned(ctx), ...(q(ctx, "name") ? { name: q(ctx, "name") as string } : {}) }, include: groupInclude, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })).map(groupView)) }) },
  { method: "GET", path: "/v2.0/security-groups/:id", handle: async (ctx, p) => json({ security_group: groupView(await oneGroup(ctx, p.id as string)) }) },
  {
    method: "POST",
    path: "/v2.0/security-groups",
    handle: async (ctx) => {
      const g = (await readJson(ctx.req, neutronSecurityGroupCreate)).security_group;
      const { id } = await createSecurityGroup(ctx.actor, createSecurityGroupInput.parse({ name: g.name, description: g.description ?? undefined, projectId: ctx.token.projectId as string }));
      return json({ security_group: groupView(await oneGroup(ctx, id)) }, 201);
    },
  },
  {
    method: "DELETE",
    path: "/v2.0/security-groups/:id",
    handle: async (ctx, p) => {
      await deleteSecurityGroup(ctx.actor, (await oneGroup(ctx, p.id as string)).id);
      return new Response(null, { status: 204 });
    },
  },
  {
    method: "GET",
    path: "/v2.0/security-group-rules",
    handle: async (ctx) => json({ security_group_rules: filtered(ctx, (await dbReader.securityGroupRule.findMany({ where: { ...owned(ctx), ...(q(ctx, "security_group_id") ? { securityGroupId: q(ctx, "security_group_id") as string } : {}) }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })).map(ruleView)) }),
  },
  { method: "GET", path: "/v2.0/security-group-rules/:id", handle: async (ctx, p) => json({ security_group_rule: ruleView(await oneRule(ctx, p.id as string)) }) },
  {
    method: "POST",
    path: "/v2.0/security-group-rules",
    handle: async (ctx) => {
      const r = (await readJson(ctx.req, neutronRuleCreate)).security_group_rule;
      const text = (v: number | string | null | undefined) => (v === null || v === undefined ? undefined : String(v));
      const { id } = await createRule(ctx.actor, createRuleInput.parse({ securityGroupId: (await oneGroup(ctx, r.security_group_id)).id, direction: r.direction, ethertype: r.ethertype ?? "IPv4", protocol: text(r.protocol), portRangeMin: text(r.port_range_min), portRangeMax: text(r.port_range_max), remoteIpPrefix: text(r.remote_ip_prefix), remoteGroupId: r.remote_group_id ?? undefined, description: text(r.description) }));
      return json({ security_group_rule: ruleView(await oneRule(ctx, id)) }, 201);
    },
  },
  {
    method: "DELETE",
    path: "/v2.0/security-group-rules/:id",
    handle: async (ctx, p) => {
      await deleteRule(ctx.actor, (await oneRule(ctx, p.id as string)).id);
      return new Response(null, { status: 204 });
    },
  },
  {
    method: "GET",
    path: "/v2.0/agents",
    handle: async (ctx) => {
      adminOnly(ctx, "get_agent");
      const agents = await dbReader.networkAgent.findMany({ orderBy: [{ host: "asc" }, { agentType: "asc" }] });
      return json({ agents: agents.map((a) => ({ id: a.id, agent_type: a.agentType, binary: a.binary, host: a.host, alive: a.alive, admin_state_up: a.adminStateUp, availability_zone: a.agentType === "L3 agent" || a.agentType === "DHCP agent" ? "nova" : null, topic: a.agentType === "L3 agent" ? "l3_agent" : a.agentType === "DHCP agent" ? "dhcp_agent" : "N/A", heartbeat_timestamp: a.heartbeatAt.toISOString().replace("T", " ").replace("Z", ""), started_at: null, created_at: null, description: null, configurations: a.haState ? { ha_state: a.haState } : {}, resources_synced: null })) });
    },
  },
  {
    method: "GET",
    path: "/v2.0/quotas/:target",
    handle: async (ctx, p) => json({ quota: await neutronQuota(ctx, p.target as string, false) }),
  },
  {
    method: "GET",
    path: "/v2.0/quotas/:target/details.json",
    handle: async (ctx, p) => json({ quota: await neutronQuota(ctx, p.target as string, true) }),
  },
  {
    method: "GET",
    path: "/v2.0/extensions",
    handle: async () => json({ extensions: NEUTRON_EXTENSIONS.map(([alias, name]) => ({ alias, name, description: name, links: [], updated: "2013-01-01T00:00:00-00:00" })) }),
  },
];

/** The API extensions whose resources and fields this emulation serves (clients probe some). */
const NEUTRON_EXTENSIONS: [string, string][] = [
  ["agent", "agent"],
  ["external-net", "Neutron external network"],
  ["router", "Neutron L3 Router"],
  ["security-group", "security-group"],
  ["quotas", "Quota management support"],
  ["quota_details", "Quota details management support"],
  ["provider", "Provider Network"],
  ["binding", "Port Binding"],
  ["standard-attr-revisions", "Resource revision numbers"],
];

async function neutronQuota(ctx: Ctx, projectId: string, detail: boolean) {
  if (projectId !== ctx.token.projectId && !ctx.admin) throw new OpenStackError(403, "rule:get_quota is disallowed by policy");
  const quota = await projectQuota(projectId);
  const one = (r: Parameters<typeof quota>[0]) => (detail ? { limit: quota(r).limit, used: quota(r).used, reserved: 0 } : quota(r).limit);
  // A Neutron network is a VPC subnet here, and a router a VPC.
  return { network: one("subnets"), subnet: one("subnets"), port: one("ports"), router: one("vpcs"), floatingip: one("eips"), security_group: one("security_groups"), security_group_rule: one("security_group_rules"), rbac_policy: detail ? { limit: -1, used: 0, reserved: 0 } : -1, subnetpool: detail ? { limit: -1, used: 0, reserved: 0 } : -1 };
}

/** Dispatch one request under /openstack/network; every answer, errors included, in Neutron's shape. */
export async function networkRequest(req: Request, segments: readonly string[]): Promise<Response> {
  // Neutron accepts a .json suffix on any resource path.
  const raw = segments.length ? `/${segments.join("/")}` : "";
  const path = raw.endsWith("/details.json") ? raw : raw.replace(/\.json$/, "");
  const base = baseUrl(req);
  if (req.method === "GET" && (path === "" || path === "/")) return json({ versions: [{ id: "v2.0", status: "CURRENT", links: [{ rel: "self", href: `${base}/openstack/network/v2.0/` }] }] });
  if (req.method === "GET" && (path === "/v2.0" || path === "/v2.0/")) return json({ resources: ["networks", "subnets", "ports", "routers", "floatingips", "security-groups", "security-group-rules", "agents", "quotas"].map((r) => ({ name: r.replace(/s$/, ""), collection: r, links: [{ rel: "self", href: `${base}/openstack/network/v2.0/${r}` }] })) });
  return dispatch(
    NETWORK_ROUTES,
    req,
    path,
    () => apiContext(req, base, { projectScoped: true }),
    networkError,
    "network",
    { QUOTA_EXCEEDED: 409, INVALID_STATE: 409, NO_RESOURCE_SET: 400 },
  );
}
