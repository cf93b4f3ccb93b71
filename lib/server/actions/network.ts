"use server";
import { z } from "zod";
import { allocateEipInput, attachInterfaceInput, createExternalNetworkInput, bindEipInput, createRuleInput, createSecurityGroupInput, createSubnetInput, createVpcInput, detachInterfaceInput, eipBandwidthInput, portGroupsInput, routerGatewayInput } from "@/lib/schemas/network";
import { createSubnet, createVpc, deleteSubnet, deleteVpc, setRouterGateway } from "../services/vpcs";
import { createRule, createSecurityGroup, deleteRule, deleteSecurityGroup } from "../services/security-groups";
import { allocateEip, bindEip, releaseEip, setEipBandwidth, unbindEip } from "../services/eips";
import { attachInterface, detachInterface, setPortGroups } from "../services/ports";
import { createExternalNetwork, deleteExternalNetwork } from "../services/external-networks";
import { defineAction, type Revalidate } from "./define";

// Authorization: the permission vpc:manage (network:manage for external networks), checked by
// defineAction before the input is read; the services
// check it again with the caller's project scope (another tenant's VPC, group, EIP, port or ECS
// is "not found").
const VPCS: Revalidate[] = [["/sc/vpcs", "layout"]];
const GROUPS: Revalidate[] = [["/sc/security-groups", "layout"], ["/sc/ecs", "layout"]];
const EIPS: Revalidate[] = ["/sc/eips", ["/sc/ecs", "layout"], ["/sc/vpcs", "layout"]];
const INTERFACES: Revalidate[] = [["/sc/ecs", "layout"], ["/sc/vpcs", "layout"]];
const EXTERNAL: Revalidate[] = ["/service-om/networks", "/oc"];
const byId = z.object({ id: z.string().uuid() });

export const createVpcAction = defineAction("vpc:manage", createVpcInput, (actor, input) => createVpc(actor, input), VPCS);
export const deleteVpcAction = defineAction("vpc:manage", byId, (actor, input) => deleteVpc(actor, input.id), VPCS);
export const createSubnetAction = defineAction("vpc:manage", createSubnetInput, (actor, input) => createSubnet(actor, input), VPCS);
export const deleteSubnetAction = defineAction("vpc:manage", byId, (actor, input) => deleteSubnet(actor, input.id), VPCS);
export const setRouterGatewayAction = defineAction("vpc:manage", routerGatewayInput, (actor, input) => setRouterGateway(actor, input.vpcId, input.externalNetworkId), VPCS);

export const createSecurityGroupAction = defineAction("vpc:manage", createSecurityGroupInput, (actor, input) => createSecurityGroup(actor, input), GROUPS);
export const deleteSecurityGroupAction = defineAction("vpc:manage", byId, (actor, input) => deleteSecurityGroup(actor, input.id), GROUPS);
export const createRuleAction = defineAction("vpc:manage", createRuleInput, (actor, input) => createRule(actor, input), GROUPS);
export const deleteRuleAction = defineAction("vpc:manage", byId, (actor, input) => deleteRule(actor, input.id), GROUPS);

export const allocateEipAction = defineAction("vpc:manage", allocateEipInput, (actor, input) => allocateEip(actor, input), EIPS);
export const bindEipAction = defineAction("vpc:manage", bindEipInput, (actor, input) => bindEip(actor, input.id, input.portId), EIPS);
export const unbindEipAction = defineAction("vpc:manage", byId, (actor, input) => unbindEip(actor, input.id), EIPS);
export const releaseEipAction = defineAction("vpc:manage", byId, (actor, input) => releaseEip(actor, input.id), EIPS);
export const setEipBandwidthAction = defineAction("vpc:manage", eipBandwidthInput, (actor, input) => setEipBandwidth(actor, input.id, input.bandwidthMbit), EIPS);

export const attachInterfaceAction = defineAction("vpc:manage", attachInterfaceInput, (actor, input) => attachInterface(actor, input), INTERFACES);
export const detachInterfaceAction = defineAction("vpc:manage", detachInterfaceInput, (actor, input) => detachInterface(actor, input.instanceId, input.portId), INTERFACES);
export const setPortGroupsAction = defineAction("vpc:manage", portGroupsInput, (actor, input) => setPortGroups(actor, input.portId, input.securityGroupIds), INTERFACES);

// External networks: the cloud administrator's (network:manage).
export const createExternalNetworkAction = defineAction("network:manage", createExternalNetworkInput, (actor, input) => createExternalNetwork(actor, input), EXTERNAL);
export const deleteExternalNetworkAction = defineAction("network:manage", z.object({ id: z.string().min(1).max(64) }), (actor, input) => deleteExternalNetwork(actor, input.id), EXTERNAL);
