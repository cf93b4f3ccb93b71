import { z } from "zod";
import { numeric } from "./numeric";
import { filterValue, listSchema } from "./list";
import { resourceName } from "./names";
import { MAX_DNS_SERVERS, MAX_HOST_ROUTES } from "@/lib/cloud/network/subnet-plan";

// Network names follow the console's naming rule for ECSs (1-64 letters, digits, '-', '_', '.').
export const networkName = resourceName;

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => z.preprocess((v) => (v === "" || v === null ? undefined : v), text(max).optional());
const id = z.string().uuid();
const optionalProject = z.preprocess((v) => (v === "" ? undefined : v), z.string().min(1).max(64).optional());

/** An address or CIDR as typed; the network core parses and judges it (with Neutron's reasons). */
const addressText = text(64);

export const subnetFields = z.object({
  name: networkName,
  cidr: addressText.min(1, { message: "cidr_required" }),
  /** Empty: the first usable address (Neutron's default); "none" with noGateway. */
  gatewayIp: optionalText(64),
  noGateway: z.boolean().default(false),
  enableDhcp: z.boolean().default(true),
  pools: z.array(z.object({ start: addressText, end: addressText })).max(20).optional(),
  dnsServers: z.array(addressText).max(MAX_DNS_SERVERS, { message: "too_many_dns" }).optional(),
  hostRoutes: z.array(z.object({ destination: addressText, nexthop: addressText })).max(MAX_HOST_ROUTES, { message: "too_many_routes" }).optional(),
});
export type SubnetFields = z.infer<typeof subnetFields>;

export const createVpcInput = z.object({
  name: networkName,
  description: optionalText(255),
  cidr: addressText.min(1, { message: "cidr_required" }),
  projectId: optionalProject,
  /** Give the VPC's router a gateway on the public network (what EIPs need). */
  publicGateway: z.boolean().default(true),
  subnet: subnetFields,
});
export type CreateVpcInput = z.infer<typeof createVpcInput>;

export const createSubnetInput = subnetFields.extend({ vpcId: id });
export type CreateSubnetInput = z.infer<typeof createSubnetInput>;

export const routerGatewayInput = z.object({ vpcId: id, externalNetworkId: z.preprocess((v) => (v === "" ? null : v), z.string().min(1).max(64).nullable()) });

// Strict: a name is all a group needs, so a body with anything else is a mistake, not a group.
export const createSecurityGroupInput = z.strictObject({ name: networkName, description: optionalText(255), projectId: optionalProject });
export type CreateSecurityGroupInput = z.infer<typeof createSecurityGroupInput>;

/** A rule as typed in the editor or sent by a script; normalizeRule decides (Neutron's checks and reasons). */
export const createRuleInput = z.object({
  securityGroupId: id,
  direction: z.enum(["ingress", "egress"]),
  ethertype: z.enum(["IPv4", "IPv6"]).default("IPv4"),
  protocol: optionalText(16),
  portRangeMin: optionalText(8),
  portRangeMax: optionalText(8),
  remoteIpPrefix: optionalText(64),
  remoteGroupId: z.preprocess((v) => (v === "" ? undefined : v), id.optional()),
  description: optionalText(255),
});
export type CreateRuleInput = z.infer<typeof createRuleInput>;

export const EIP_MAX_MBIT = 2000;
/** The bandwidth an EIP gets unless one is chosen (the console's forms start at it; Neutron's floating IPs have none). */
export const DEFAULT_EIP_MBIT = 5;
export const bandwidth = numeric(z.number().int().min(1, { message: "bandwidth_range" }).max(EIP_MAX_MBIT, { message: "bandwidth_range" }));

export const allocateEipInput = z.object({
  bandwidthMbit: bandwidth,
  /** A chosen free address of the pool; empty for the next free one. */
  address: optionalText(64),
  externalNetworkId: optionalProject,
  projectId: optionalProject,
});
export type AllocateEipInput = z.infer<typeof allocateEipInput>;

export const bindEipInput = z.object({ id, portId: id });
export const eipBandwidthInput = z.object({ id, bandwidthMbit: bandwidth });

/** A further interface on an ECS: a subnet of one of its project's VPCs (or a provider network), optionally a chosen address. */
export const attachInterfaceInput = z.object({
  instanceId: id,
  subnetId: id,
  fixedIp: optionalText(64),
  securityGroupIds: z.array(id).max(5, { message: "too_many_groups" }).optional(),
});
export type AttachInterfaceInput = z.infer<typeof attachInterfaceInput>;

export const detachInterfaceInput = z.object({ instanceId: id, portId: id });
export const portGroupsInput = z.object({ portId: id, securityGroupIds: z.array(id).max(5, { message: "too_many_groups" }) });

/** A launch's networks: the subnets its interfaces are on (the first is the primary), their groups, an EIP. */
export const launchNetworkFields = {
  networks: z
    .array(z.object({ subnetId: id, fixedIp: optionalText(64) }))
    .min(1, { message: "network_required" })
    .max(12, { message: "too_many_nics" })
    .optional(),
  securityGroupIds: z.array(id).max(5, { message: "too_many_groups" }).optional(),
  /** Allocate an EIP with this bandwidth and bind it to each ECS's primary interface. */
  eipBandwidthMbit: bandwidth.optional(),
};

/** An external network (Service OM): the public network EIPs come from, or a provider VLAN instances attach to. */
export const createExternalNetworkInput = z
  .object({
    name: networkName,
    kind: z.enum(["public", "provider"]),
    cidr: addressText.min(1, { message: "cidr_required" }),
    gateway: addressText.min(1),
    poolStart: addressText.min(1),
    poolEnd: addressText.min(1),
    physicalNetwork: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/, { message: "name_invalid" }),
    vlanId: z.preprocess((v) => (v === "" || v === null ? undefined : v), numeric(z.number().int().min(1, { message: "vlan_range" }).max(4094, { message: "vlan_range" })).optional()),
  })
  .superRefine((v, ctx) => {
    // A provider network is a VLAN of a physical network: instances attach to it directly.
    if (v.kind === "provider" && v.vlanId === undefined) ctx.addIssue({ code: "custom", path: ["vlanId"], message: "vlan_required" });
  });
export type CreateExternalNetworkInput = z.infer<typeof createExternalNetworkInput>;

export const networkListParams = listSchema({ vpc: filterValue });
export type NetworkListParams = z.infer<typeof networkListParams>;
