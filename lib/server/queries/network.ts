import "server-only";
import { computeOwner, effectiveRules, externalDeleteRefusal, eipRefusal, formatIp, freeCount, groupDeleteRefusal, isRouterPort, keyAddress, parseIp, ROUTER_GATEWAY, ROUTER_INTERFACE, subnetDeleteRefusal, vpcDeleteRefusal, FLOATING_IP, type EffectiveRule, type NetworkRefusal } from "@/lib/cloud/network";
import { NotFoundError } from "@/lib/cloud/shared";
import type { NetworkListParams } from "@/lib/schemas/network";
import type { Prisma } from "@/lib/generated/prisma/client";
import { dbReader as db } from "../db";
import { assertInScope, can, inScope, projectFilter, requirePermission, type Actor } from "../auth/actor";
import { orderByFrom, skipTake, type Page } from "./paging";

// What the network pages read: every list scoped to the caller's projects (vpc:view_all sees every
// tenant's), every refusal computed by the core's predicates the services refuse with, and the
// VNI (a provider attribute in Neutron) only for network administrators.

/** An allocation's address as people write it (stored as a sortable key: see ipam.ts). */
export const addressOf = (a: { address: string; subnet: { ipVersion: number } }) => formatIp(a.subnet.ipVersion as 4 | 6, keyAddress(a.address));
const rangeSize = (pools: unknown) =>
  (pools as { start: string; end: string }[]).reduce((n, p) => {
    const a = parseIp(p.start);
    const b = parseIp(p.end);
    return a && b ? n + (b.value - a.value + 1n) : n;
  }, 0n);

/** A subnet's pool size and what is free of it now (the free ranges summed, never a scan of addresses). */
async function usageOf(subnetIds: string[]): Promise<Map<string, bigint>> {
  const ranges = await db.ipAvailability.findMany({ where: { subnetId: { in: subnetIds } }, select: { subnetId: true, first: true, last: true } });
  const free = new Map<string, bigint>();
  for (const r of ranges) free.set(r.subnetId, (free.get(r.subnetId) ?? 0n) + freeCount([{ first: keyAddress(r.first), last: keyAddress(r.last) }]));
  return free;
}

function scopeWhere(actor: Actor): { projectId?: { in: string[] } } {
  return can(actor, "vpc:view_all") ? {} : projectFilter(actor);
}

function requireView(actor: Actor): void {
  requirePermission(actor, "vpc:view");
}

const isTenantPort = (owner: string | null) => !isRouterPort(owner);

export interface VpcDto {
  id: string;
  name: string;
  /** Null for a network made through Neutron's API until its first subnet sets the address space. */
  cidr: string | null;
  vni: number | null;
  project: string;
  subnets: number;
  ports: number;
  gateway: string | null;
  isDefault: boolean;
  createdAt: string;
  deleteRefusal: NetworkRefusal | null;
}

const VPC_SORTS = {
  name: (d: "asc" | "desc") => ({ name: d }) as Prisma.VpcOrderByWithRelationInput,
  cidr: (d: "asc" | "desc") => ({ cidr: d }) as Prisma.VpcOrderByWithRelationInput,
  createdAt: (d: "asc" | "desc") => ({ createdAt: d }) as Prisma.VpcOrderByWithRelationInput,
};

export async function listVpcs(actor: Actor, p: NetworkListParams): Promise<Page<VpcDto>> {
  requireView(actor);
  const where: Prisma.VpcWhereInput = { ...scopeWhere(actor), ...(p.q ? { OR: [{ name: { contains: p.q } }, { cidr: { contains: p.q } }, { id: p.q }] } : {}) };
  const { key, dir, orderBy } = orderByFrom(p, VPC_SORTS, "createdAt", "desc");
  const [rows, total] = await Promise.all([
    db.vpc.findMany({ where, orderBy: [orderBy, { id: "asc" }], ...skipTake(p), include: { project: { select: { name: true } }, router: { include: { gatewayNetwork: { select: { name: true } } } }, _count: { select: { subnets: true } }, ports: { select: { deviceOwner: true } } } }),
    db.vpc.count({ where }),
  ]);
  const admin = can(actor, "network:manage");
  return {
    rows: rows.map((v) => {
      const ports = v.ports.filter((x) => isTenantPort(x.deviceOwner)).length;
      return { id: v.id, name: v.name, cidr: v.cidr, vni: admin ? v.vni : null, project: v.project.name, subnets: v._count.subnets, ports, gateway: v.router?.gatewayNetwork?.name ?? null, isDefault: v.defaultFor !== null, createdAt: v.createdAt.toISOString(), deleteRefusal: vpcDeleteRefusal({ ports }) };
    }),
    total,
    page: p.page,
    pageSize: p.pageSize,
    sort: key,
    dir,
  };
}

export interface SubnetDto {
  id: string;
  name: string;
  cidr: string;
  ipVersion: number;
  gatewayIp: string | null;
  enableDhcp: boolean;
  pools: { start: string; end: string }[];
  dnsServers: string[];
  hostRoutes: { destination: string; nexthop: string }[];
  total: string;
  free: string;
  ports: number;
  deleteRefusal: NetworkRefusal | null;
}

export interface PortDto {
  id: string;
  macAddress: string;
  addresses: string[];
  subnets: string[];
  deviceOwner: string | null;
  kind: "compute" | "router_interface" | "router_gateway" | "floatingip" | "other";
  deviceId: string | null;
  deviceName: string | null;
  status: string;
  groups: { id: string; name: string }[];
  eip: { id: string; address: string } | null;
}

export interface VpcDetailDto {
  id: string;
  name: string;
  description: string;
  cidr: string | null;
  vni: number | null;
  status: string;
  project: string;
  projectId: string;
  createdAt: string;
  isDefault: boolean;
  router: { id: string; name: string; gateway: { networkId: string; name: string; address: string | null } | null } | null;
  subnets: SubnetDto[];
  ports: PortDto[];
  publicNetworks: { id: string; name: string }[];
  deleteRefusal: NetworkRefusal | null;
}

function portKind(owner: string | null): PortDto["kind"] {
  if (owner?.startsWith("compute:")) return "compute";
  if (owner === ROUTER_INTERFACE) return "router_interface";
  if (owner === ROUTER_GATEWAY) return "router_gateway";
  if (owner === FLOATING_IP) return "floatingip";
  return "other";
}

type PortRow = Prisma.PortGetPayload<{ include: { fixedIps: { include: { subnet: { select: { ipVersion: true; name: true } } } }; securityGroups: { include: { securityGroup: { select: { id: true; name: true } } } } } }>;

async function portDtos(ports: PortRow[]): Promise<PortDto[]> {
  const instanceIds = ports.filter((p) => p.deviceOwner?.startsWith("compute:") && p.deviceId).map((p) => p.deviceId as string);
  const [instances, eips] = await Promise.all([
    db.instance.findMany({ where: { id: { in: instanceIds } }, select: { id: true, name: true } }),
    db.eip.findMany({ where: { fixedPortId: { in: ports.map((p) => p.id) } }, select: { id: true, address: true, fixedPortId: true } }),
  ]);
  const names = new Map(instances.map((i) => [i.id, i.name]));
  return ports.map((p) => {
    const eip = eips.find((e) => e.fixedPortId === p.id);
    return {
      id: p.id,
      macAddress: p.macAddress,
      addresses: p.fixedIps.map(addressOf),
      subnets: p.fixedIps.map((a) => a.subnet.name),
      deviceOwner: p.deviceOwner,
      kind: portKind(p.deviceOwner),
      deviceId: p.deviceId,
      deviceName: p.deviceId ? (names.get(p.deviceId) ?? null) : null,
      status: p.status,
      groups: p.securityGroups.map((g) => g.securityGroup),
      eip: eip ? { id: eip.id, address: eip.address } : null,
    };
  });
}

const PORT_INCLUDE = { fixedIps: { include: { subnet: { select: { ipVersion: true, name: true } } } }, securityGroups: { include: { securityGroup: { select: { id: true, name: true } } } } } as const;

export async function vpcDetail(actor: Actor, id: string): Promise<VpcDetailDto> {
  requireView(actor);
  const vpc = await db.vpc.findUnique({ where: { id }, include: { project: { select: { name: true } }, router: { include: { gatewayNetwork: true } }, subnets: { orderBy: { createdAt: "asc" } } } });
  if (!vpc || !(can(actor, "vpc:view_all") || inScope(actor, vpc.projectId))) throw new NotFoundError("vpc", id);
  const [ports, routerPorts, free, allocations, publicNetworks] = await Promise.all([
    db.port.findMany({ where: { vpcId: id }, include: PORT_INCLUDE, orderBy: { createdAt: "asc" } }),
    vpc.router ? db.port.findMany({ where: { deviceId: vpc.router.id, deviceOwner: ROUTER_GATEWAY }, include: PORT_INCLUDE }) : [],
    usageOf(vpc.subnets.map((s) => s.id)),
    // Counted per subnet by the database, not read address by address (a /16 may hold 60,000).
    db.ipAllocation.groupBy({ by: ["subnetId"], where: { subnetId: { in: vpc.subnets.map((s) => s.id) }, port: { OR: [{ deviceOwner: null }, { deviceOwner: { notIn: [ROUTER_INTERFACE, ROUTER_GATEWAY] } }] } }, _count: { _all: true } }),
    db.externalNetwork.findMany({ where: { kind: "public" }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const tenantPorts = ports.filter((p) => isTenantPort(p.deviceOwner)).length;
  const gatewayPort = routerPorts[0];
  return {
    id: vpc.id,
    name: vpc.name,
    description: vpc.description,
    cidr: vpc.cidr,
    vni: can(actor, "network:manage") ? vpc.vni : null,
    status: vpc.status,
    project: vpc.project.name,
    projectId: vpc.projectId,
    createdAt: vpc.createdAt.toISOString(),
    isDefault: vpc.defaultFor !== null,
    router: vpc.router ? { id: vpc.router.id, name: vpc.router.name, gateway: vpc.router.gatewayNetwork ? { networkId: vpc.router.gatewayNetwork.id, name: vpc.router.gatewayNetwork.name, address: gatewayPort?.fixedIps[0] ? addressOf(gatewayPort.fixedIps[0]) : null } : null } : null,
    subnets: vpc.subnets.map((s) => {
      const used = allocations.find((a) => a.subnetId === s.id)?._count._all ?? 0;
      return {
        id: s.id,
        name: s.name,
        cidr: s.cidr,
        ipVersion: s.ipVersion,
        gatewayIp: s.gatewayIp,
        enableDhcp: s.enableDhcp,
        pools: s.pools as { start: string; end: string }[],
        dnsServers: s.dnsServers as string[],
        hostRoutes: s.hostRoutes as { destination: string; nexthop: string }[],
        total: rangeSize(s.pools).toString(),
        free: (free.get(s.id) ?? 0n).toString(),
        ports: used,
        deleteRefusal: subnetDeleteRefusal({ ports: used }),
      };
    }),
    ports: await portDtos(ports),
    publicNetworks,
    deleteRefusal: vpcDeleteRefusal({ ports: tenantPorts }),
  };
}

export interface SecurityGroupDto {
  id: string;
  name: string;
  description: string;
  isDefault: boolean;
  project: string;
  rules: number;
  ports: number;
  createdAt: string;
  deleteRefusal: NetworkRefusal | null;
}

export async function listSecurityGroups(actor: Actor, p: NetworkListParams): Promise<Page<SecurityGroupDto>> {
  requireView(actor);
  const where: Prisma.SecurityGroupWhereInput = { ...scopeWhere(actor), ...(p.q ? { OR: [{ name: { contains: p.q } }, { id: p.q }] } : {}) };
  const sorts = { name: (d: "asc" | "desc") => ({ name: d }) as Prisma.SecurityGroupOrderByWithRelationInput, createdAt: (d: "asc" | "desc") => ({ createdAt: d }) as Prisma.SecurityGroupOrderByWithRelationInput };
  const { key, dir, orderBy } = orderByFrom(p, sorts, "createdAt", "desc");
  const [rows, total] = await Promise.all([db.securityGroup.findMany({ where, orderBy: [orderBy, { id: "asc" }], ...skipTake(p), include: { _count: { select: { rules: true, ports: true } } } }), db.securityGroup.count({ where })]);
  const projects = new Map((await db.project.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.projectId))] } }, select: { id: true, name: true } })).map((x) => [x.id, x.name]));
  return {
    rows: rows.map((g) => ({ id: g.id, name: g.name, description: g.description, isDefault: g.defaultFor !== null, project: projects.get(g.projectId) ?? g.projectId, rules: g._count.rules, ports: g._count.ports, createdAt: g.createdAt.toISOString(), deleteRefusal: groupDeleteRefusal({ isDefault: g.defaultFor !== null, ports: g._count.ports }) })),
    total,
    page: p.page,
    pageSize: p.pageSize,
    sort: key,
    dir,
  };
}

export interface RuleDto {
  id: string;
  direction: string;
  ethertype: string;
  protocol: string | null;
  portRangeMin: number | null;
  portRangeMax: number | null;
  remoteIpPrefix: string | null;
  remoteGroup: { id: string; name: string } | null;
  description: string;
}

export interface SecurityGroupDetailDto extends SecurityGroupDto {
  projectId: string;
  ruleList: RuleDto[];
  /** The project's groups, for a rule's remote group. */
  groups: { id: string; name: string }[];
  members: { portId: string; instanceId: string | null; instanceName: string | null; addresses: string[] }[];
}

export async function securityGroupDetail(actor: Actor, id: string): Promise<SecurityGroupDetailDto> {
  requireView(actor);
  const g = await db.securityGroup.findUnique({ where: { id }, include: { rules: { orderBy: [{ direction: "asc" }, { createdAt: "asc" }] }, ports: { include: { port: { include: PORT_INCLUDE } } } } });
  if (!g || !(can(actor, "vpc:view_all") || inScope(actor, g.projectId))) throw new NotFoundError("security_group", id);
  const [groups, project] = await Promise.all([db.securityGroup.findMany({ where: { projectId: g.projectId }, select: { id: true, name: true }, orderBy: { name: "asc" } }), db.project.findUnique({ where: { id: g.projectId }, select: { name: true } })]);
  const names = new Map(groups.map((x) => [x.id, x.name]));
  const members = await portDtos(g.ports.map((x) => x.port));
  return {
    id: g.id,
    name: g.name,
    description: g.description,
    isDefault: g.defaultFor !== null,
    project: project?.name ?? g.projectId,
    projectId: g.projectId,
    rules: g.rules.length,
    ports: g.ports.length,
    createdAt: g.createdAt.toISOString(),
    deleteRefusal: groupDeleteRefusal({ isDefault: g.defaultFor !== null, ports: g.ports.length }),
    ruleList: g.rules.map((r) => ({ id: r.id, direction: r.direction, ethertype: r.ethertype, protocol: r.protocol, portRangeMin: r.portRangeMin, portRangeMax: r.portRangeMax, remoteIpPrefix: r.remoteIpPrefix, remoteGroup: r.remoteGroupId ? { id: r.remoteGroupId, name: names.get(r.remoteGroupId) ?? r.remoteGroupId } : null, description: r.description })),
    groups,
    members: members.map((m) => ({ portId: m.id, instanceId: m.kind === "compute" ? m.deviceId : null, instanceName: m.deviceName, addresses: m.addresses })),
  };
}

export interface EipDto {
  id: string;
  address: string;
  bandwidthMbit: number;
  status: string;
  network: string;
  project: string;
  projectId: string;
  bound: { portId: string; fixedIp: string | null; instanceId: string | null; instanceName: string | null } | null;
  createdAt: string;
  bindRefusal: NetworkRefusal | null;
  unbindRefusal: NetworkRefusal | null;
  releaseRefusal: NetworkRefusal | null;
}

export async function listEips(actor: Actor, p: NetworkListParams): Promise<Page<EipDto>> {
  requireView(actor);
  const where: Prisma.EipWhereInput = { ...scopeWhere(actor), ...(p.q ? { OR: [{ address: { contains: p.q } }, { fixedIp: { contains: p.q } }, { id: p.q }] } : {}) };
  const sorts = { address: (d: "asc" | "desc") => ({ address: d }) as Prisma.EipOrderByWithRelationInput, createdAt: (d: "asc" | "desc") => ({ createdAt: d }) as Prisma.EipOrderByWithRelationInput, bandwidthMbit: (d: "asc" | "desc") => ({ bandwidthMbit: d }) as Prisma.EipOrderByWithRelationInput };
  const { key, dir, orderBy } = orderByFrom(p, sorts, "createdAt", "desc");
  const [rows, total] = await Promise.all([db.eip.findMany({ where, orderBy: [orderBy, { id: "asc" }], ...skipTake(p), include: { externalNetwork: { select: { name: true } } } }), db.eip.count({ where })]);
  const ports = await db.port.findMany({ where: { id: { in: rows.flatMap((r) => (r.fixedPortId ? [r.fixedPortId] : [])) } }, select: { id: true, deviceId: true } });
  const [instances, projects] = await Promise.all([
    db.instance.findMany({ where: { id: { in: ports.flatMap((x) => (x.deviceId ? [x.deviceId] : [])) } }, select: { id: true, name: true } }),
    db.project.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.projectId))] } }, select: { id: true, name: true } }),
  ]);
  return {
    rows: rows.map((e) => {
      const port = ports.find((x) => x.id === e.fixedPortId);
      const instance = instances.find((i) => i.id === port?.deviceId);
      const bound = e.fixedPortId !== null;
      return {
        id: e.id,
        address: e.address,
        bandwidthMbit: e.bandwidthMbit,
        status: e.status,
        network: e.externalNetwork.name,
        project: projects.find((x) => x.id === e.projectId)?.name ?? e.projectId,
        projectId: e.projectId,
        bound: e.fixedPortId ? { portId: e.fixedPortId, fixedIp: e.fixedIp, instanceId: instance?.id ?? null, instanceName: instance?.name ?? null } : null,
        createdAt: e.createdAt.toISOString(),
        bindRefusal: eipRefusal({ bound }, "bind"),
        unbindRefusal: eipRefusal({ bound }, "unbind"),
        releaseRefusal: eipRefusal({ bound }, "release"),
      };
    }),
    total,
    page: p.page,
    pageSize: p.pageSize,
    sort: key,
    dir,
  };
}

/** ECS interfaces an EIP of the project could bind to: each with whether the public network is reachable from it (the router-gateway rule). */
export interface BindTargetDto {
  portId: string;
  instanceName: string;
  address: string;
  subnet: string;
  reachable: boolean;
  hasEip: boolean;
}

export async function eipBindTargets(actor: Actor, projectIds: string[]): Promise<Record<string, BindTargetDto[]>> {
  requireView(actor);
  const allowed = can(actor, "vpc:view_all") ? projectIds : projectIds.filter((id) => inScope(actor, id));
  const ports = await db.port.findMany({ where: { projectId: { in: allowed }, deviceOwner: { startsWith: "compute:" }, vpcId: { not: null } }, include: { fixedIps: { include: { subnet: true } } }, orderBy: { createdAt: "asc" } });
  const [instances, routers, bound, interfaces, publicNet] = await Promise.all([
    db.instance.findMany({ where: { id: { in: ports.flatMap((p) => (p.deviceId ? [p.deviceId] : [])) }, deletedAt: null }, select: { id: true, name: true } }),
    db.router.findMany({ where: { vpcId: { in: ports.flatMap((p) => (p.vpcId ? [p.vpcId] : [])) } } }),
    db.eip.findMany({ where: { fixedPortId: { in: ports.map((p) => p.id) } }, select: { fixedPortId: true } }),
    db.port.findMany({ where: { deviceOwner: ROUTER_INTERFACE, projectId: { in: allowed } }, include: { fixedIps: { select: { subnetId: true } } } }),
    db.externalNetwork.findFirst({ where: { kind: "public" }, orderBy: { name: "asc" } }),
  ]);
  const out: Record<string, BindTargetDto[]> = {};
  for (const p of ports) {
    const instance = instances.find((i) => i.id === p.deviceId);
    const v4 = p.fixedIps.find((a) => a.subnet.ipVersion === 4);
    if (!instance || !v4) continue;
    const router = routers.find((r) => r.vpcId === p.vpcId);
    const hasInterface = Boolean(router && interfaces.some((i) => i.deviceId === router.id && i.fixedIps.some((f) => f.subnetId === v4.subnetId)));
    (out[p.projectId] ??= []).push({ portId: p.id, instanceName: instance.name, address: addressOf(v4), subnet: v4.subnet.name, reachable: Boolean(router && publicNet && router.gatewayNetworkId === publicNet.id && hasInterface), hasEip: bound.some((b) => b.fixedPortId === p.id) });
  }
  return out;
}

export interface InstanceInterfacesDto {
  interfaces: (PortDto & { primary: boolean; vpcId: string | null; vpcName: string | null; detachRefusal: NetworkRefusal | null })[];
  effectiveRules: (EffectiveRule & { remoteGroupName: string | null })[];
  /** Where a further interface may go: the project's subnets (and provider networks). */
  subnets: { id: string; label: string }[];
  groups: { id: string; name: string }[];
}

/** An ECS's interfaces, with their addresses, groups and EIPs, and the rules in force on it. */
export async function instanceInterfaces(actor: Actor, instanceId: string): Promise<InstanceInterfacesDto> {
  requirePermission(actor, "ecs:view");
  const instance = await db.instance.findUnique({ where: { id: instanceId }, select: { id: true, projectId: true, azId: true } });
  assertInScope(actor, "instance", instanceId, instance);
  const rows = await db.port.findMany({ where: { deviceId: instanceId, deviceOwner: computeOwner(instance.azId) }, include: { ...PORT_INCLUDE, vpc: { select: { id: true, name: true } } }, orderBy: { createdAt: "asc" } });
  const ports = await portDtos(rows);
  const groupIds = [...new Set(ports.flatMap((p) => p.groups.map((g) => g.id)))];
  const [groups, subnets, projectGroups] = await Promise.all([
    db.securityGroup.findMany({ where: { id: { in: groupIds } }, include: { rules: true } }),
    db.subnet.findMany({ where: { OR: [{ vpc: { projectId: instance.projectId } }, { externalNetwork: { kind: "provider" } }] }, include: { vpc: { select: { name: true } }, externalNetwork: { select: { name: true } } }, orderBy: { createdAt: "asc" } }),
    db.securityGroup.findMany({ where: { projectId: instance.projectId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const remoteIds = [...new Set(groups.flatMap((g) => g.rules.flatMap((r) => (r.remoteGroupId ? [r.remoteGroupId] : []))))];
  const memberRows = await db.portSecurityGroup.findMany({ where: { securityGroupId: { in: remoteIds } }, include: { port: { include: { fixedIps: { include: { subnet: { select: { ipVersion: true } } } } } } } });
  const members = new Map<string, string[]>();
  for (const m of memberRows) members.set(m.securityGroupId, [...(members.get(m.securityGroupId) ?? []), ...m.port.fixedIps.map(addressOf)]);
  const names = new Map(projectGroups.map((g) => [g.id, g.name]));
  const rules = effectiveRules(
    groups.map((g) => ({ id: g.id, name: g.name, rules: g.rules.map((r) => ({ direction: r.direction as "ingress" | "egress", ethertype: r.ethertype as "IPv4" | "IPv6", protocol: r.protocol, portRangeMin: r.portRangeMin, portRangeMax: r.portRangeMax, remoteIpPrefix: r.remoteIpPrefix, remoteGroupId: r.remoteGroupId })) })),
    members,
  );
  return {
    interfaces: ports.map((p, i) => {
      const row = rows[i] as (typeof rows)[number];
      return { ...p, primary: i === 0, vpcId: row.vpc?.id ?? null, vpcName: row.vpc?.name ?? null, detachRefusal: i === 0 ? { reason: "primary_interface" as const } : null };
    }),
    effectiveRules: rules.map((r) => ({ ...r, remoteGroupName: r.remoteGroupId ? (names.get(r.remoteGroupId) ?? null) : null })),
    subnets: subnets.map((s) => ({ id: s.id, label: `${s.vpc?.name ?? s.externalNetwork?.name ?? "-"} / ${s.name} (${s.cidr})` })),
    groups: projectGroups,
  };
}

/** The purchase wizard's network step: the project's VPCs and subnets (with free addresses), its groups, and whether each subnet reaches the public network. */
export interface LaunchNetworkChoices {
  subnets: { id: string; vpcId: string | null; vpc: string; name: string; cidr: string; free: string; reachesPublic: boolean; isDefault: boolean }[];
  groups: { id: string; name: string; isDefault: boolean }[];
  /** True when the project has no VPC yet: the launch makes vpc-default (192.168.0.0/16). */
  noVpc: boolean;
}

export async function launchNetworkChoices(actor: Actor, projectId: string | null): Promise<LaunchNetworkChoices> {
  requirePermission(actor, "ecs:create");
  if (!projectId) return { subnets: [], groups: [], noVpc: true };
  const [subnets, groups, publicNet] = await Promise.all([
    db.subnet.findMany({ where: { OR: [{ vpc: { projectId } }, { externalNetwork: { kind: "provider" } }] }, include: { vpc: { include: { router: true } }, externalNetwork: { select: { name: true } } }, orderBy: { createdAt: "asc" } }),
    db.securityGroup.findMany({ where: { projectId }, select: { id: true, name: true, defaultFor: true }, orderBy: { createdAt: "asc" } }),
    db.externalNetwork.findFirst({ where: { kind: "public" }, orderBy: { name: "asc" } }),
  ]);
  const [free, interfaces] = await Promise.all([usageOf(subnets.map((s) => s.id)), db.ipAllocation.findMany({ where: { subnetId: { in: subnets.map((s) => s.id) }, port: { deviceOwner: ROUTER_INTERFACE } }, select: { subnetId: true } })]);
  return {
    subnets: subnets.map((s) => ({
      id: s.id,
      vpcId: s.vpcId,
      vpc: s.vpc?.name ?? s.externalNetwork?.name ?? "-",
      name: s.name,
      cidr: s.cidr,
      free: (free.get(s.id) ?? 0n).toString(),
      reachesPublic: Boolean(s.vpc?.router && publicNet && s.vpc.router.gatewayNetworkId === publicNet.id && interfaces.some((i) => i.subnetId === s.id)),
      isDefault: s.vpc?.defaultFor !== null && s.vpc?.defaultFor !== undefined,
    })),
    groups: groups.map((g) => ({ id: g.id, name: g.name, isDefault: g.defaultFor !== null })),
    noVpc: !subnets.some((s) => s.vpcId),
  };
}

/** Service OM and OC: each external network's pool (size, in use, free) and what holds its addresses. */
export interface ExternalNetworkDto {
  id: string;
  name: string;
  kind: string;
  cidr: string;
  gateway: string;
  pool: string;
  physicalNetwork: string;
  vlanId: number | null;
  total: string;
  free: string;
  eips: number;
  routerGateways: number;
  ports: number;
  deleteRefusal: NetworkRefusal | null;
}

export async function externalNetworkUsage(actor: Actor): Promise<ExternalNetworkDto[]> {
  if (!can(actor, "vpc:view_all") && !can(actor, "capacity:view")) requirePermission(actor, "vpc:view_all");
  const networks = await db.externalNetwork.findMany({ orderBy: { name: "asc" }, include: { subnets: true } });
  const free = await usageOf(networks.flatMap((n) => n.subnets.map((s) => s.id)));
  const owners = await db.port.groupBy({ by: ["externalNetworkId", "deviceOwner"], where: { externalNetworkId: { not: null } }, _count: { _all: true } });
  const count = (id: string, pred: (o: string | null) => boolean) => owners.filter((o) => o.externalNetworkId === id && pred(o.deviceOwner)).reduce((n, o) => n + o._count._all, 0);
  return networks.map((n) => ({
    id: n.id,
    name: n.name,
    kind: n.kind,
    cidr: n.cidr,
    gateway: n.gateway,
    pool: `${n.poolStart} - ${n.poolEnd}`,
    physicalNetwork: n.physicalNetwork,
    vlanId: n.vlanId,
    total: n.subnets.reduce((t, s) => t + rangeSize(s.pools), 0n).toString(),
    free: n.subnets.reduce((t, s) => t + (free.get(s.id) ?? 0n), 0n).toString(),
    eips: count(n.id, (o) => o === FLOATING_IP),
    routerGateways: count(n.id, (o) => o === ROUTER_GATEWAY),
    ports: count(n.id, (o) => Boolean(o?.startsWith("compute:"))),
    deleteRefusal: externalDeleteRefusal({ ports: count(n.id, () => true) }),
  }));
}

/** OC: the fullest subnets of the cloud (address usage per subnet). */
export async function subnetUsage(actor: Actor, top = 10): Promise<{ id: string; name: string; vpc: string; project: string; cidr: string; total: string; used: string; percent: number }[]> {
  requirePermission(actor, "capacity:view");
  const subnets = await db.subnet.findMany({ where: { vpcId: { not: null } }, include: { vpc: { include: { project: { select: { name: true } } } } } });
  const free = await usageOf(subnets.map((s) => s.id));
  return subnets
    .map((s) => {
      const total = rangeSize(s.pools);
      const used = total - (free.get(s.id) ?? 0n);
      return { id: s.id, name: s.name, vpc: s.vpc?.name ?? "-", project: s.vpc?.project.name ?? "-", cidr: s.cidr, total: total.toString(), used: used.toString(), percent: total > 0n ? Number((used * 10000n) / total) / 100 : 0 };
    })
    .sort((a, b) => b.percent - a.percent)
    .slice(0, top);
}

export interface AgentDto {
  id: string;
  agentType: string;
  binary: string;
  host: string;
  alive: boolean;
  adminStateUp: boolean;
  haState: string | null;
  heartbeatAt: string;
}

export async function networkAgents(actor: Actor): Promise<AgentDto[]> {
  requirePermission(actor, "network:manage");
  const rows = await db.networkAgent.findMany({ orderBy: [{ host: "asc" }, { agentType: "asc" }] });
  return rows.map((a) => ({ ...a, heartbeatAt: a.heartbeatAt.toISOString() }));
}

/** Service OM: every tenant's ports (paged), for the administrators. */
export async function listAllPorts(actor: Actor, p: NetworkListParams): Promise<Page<PortDto & { project: string; network: string }>> {
  requirePermission(actor, "vpc:view_all");
  const where: Prisma.PortWhereInput = { ...(p.vpc ? { vpcId: p.vpc } : {}), ...(p.q ? { OR: [{ macAddress: { contains: p.q } }, { id: p.q }, { deviceId: p.q }] } : {}) };
  const sorts = { createdAt: (d: "asc" | "desc") => ({ createdAt: d }) as Prisma.PortOrderByWithRelationInput, macAddress: (d: "asc" | "desc") => ({ macAddress: d }) as Prisma.PortOrderByWithRelationInput };
  const { key, dir, orderBy } = orderByFrom(p, sorts, "createdAt", "desc");
  const [rows, total] = await Promise.all([db.port.findMany({ where, orderBy: [orderBy, { id: "asc" }], ...skipTake(p), include: { ...PORT_INCLUDE, vpc: { select: { name: true } }, externalNetwork: { select: { name: true } } } }), db.port.count({ where })]);
  const dtos = await portDtos(rows);
  const projects = new Map((await db.project.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.projectId))] } }, select: { id: true, name: true } })).map((x) => [x.id, x.name]));
  return { rows: dtos.map((d, i) => ({ ...d, project: projects.get(rows[i]!.projectId) ?? rows[i]!.projectId, network: rows[i]!.vpc?.name ?? rows[i]!.externalNetwork?.name ?? "-" })), total, page: p.page, pageSize: p.pageSize, sort: key, dir };
}
