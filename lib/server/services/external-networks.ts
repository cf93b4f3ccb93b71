import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { externalDeleteRefusal, isPlanRefusal, planSubnet } from "@/lib/cloud/network";
import { DomainError, NotFoundError } from "@/lib/cloud/shared";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CreateExternalNetworkInput } from "@/lib/schemas/network";
import { dbReader } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { createFreeRanges } from "../repositories/ipam";
import { allocateVlan, networkRegionId } from "../repositories/network";
import { insertRow, jsonParam, sqlRun } from "../repositories/sql";
import { audited } from "./audit";
import { cloudNow } from "./clock";

// External networks (router:external), the cloud administrator's: a public network EIPs and
// router gateways draw from, or a provider network (a VLAN of a physical network, its id unique
// there as ML2 keeps it) that instances attach to directly.

/** Create an external network with its subnet and pool; a VLAN another network holds is refused (Neutron's VlanIdInUse). */
export async function createExternalNetwork(actor: Actor, input: CreateExternalNetworkInput): Promise<{ id: string }> {
  requirePermission(actor, "network:manage");
  const others = await dbReader.externalNetwork.findMany({ select: { name: true, cidr: true } });
  // The network's own CIDR is its bound; external networks never overlap each other.
  const plan = planSubnet({ cidr: input.cidr, gatewayIp: input.gateway, enableDhcp: false, pools: [{ start: input.poolStart, end: input.poolEnd }] }, input.cidr.trim(), others);
  if (isPlanRefusal(plan)) throw new DomainError("INVALID_INPUT", "external network refused", { ...plan });
  const [regionId, now] = await Promise.all([networkRegionId(), cloudNow()]);
  return audited(actor, { action: "external_network.create", targetType: "external_network", vdcId: null }, async (tx, record) => {
    record({ after: { ...input } });
    const id = `ext-${randomBytes(4).toString("hex")}`;
    const pool = plan.poolsText[0] as { start: string; end: string };
    try {
      await tx.externalNetwork.create({ data: { id, name: input.name, kind: input.kind, cidr: plan.cidrText, gateway: plan.gatewayText ?? input.gateway, poolStart: pool.start, poolEnd: pool.end, physicalNetwork: input.physicalNetwork, vlanId: input.vlanId ?? null, regionId } });
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") throw new DomainError("CONFLICT", "name taken", { reason: "network_name_taken", name: input.name });
      throw err;
    }
    if (input.vlanId !== undefined) await allocateVlan(tx, input.physicalNetwork, input.vlanId);
    const subnetId = randomUUID();
    await sqlRun(tx, insertRow("Subnet", { id: subnetId, name: `${input.name}-subnet`, vpcId: null, externalNetworkId: id, ipVersion: plan.cidr.version, cidr: plan.cidrText, gatewayIp: plan.gatewayText, enableDhcp: false, pools: jsonParam(plan.poolsText), dnsServers: jsonParam([]), hostRoutes: jsonParam([]), createdAt: now }));
    await createFreeRanges(tx, subnetId, plan.pools);
    record({ targetId: id });
    return { id };
  });
}

/** Delete an external network no router gateway, EIP or port uses; its VLAN is free again. */
export async function deleteExternalNetwork(actor: Actor, id: string): Promise<void> {
  requirePermission(actor, "network:manage");
  const network = await dbReader.externalNetwork.findUnique({ where: { id } });
  if (!network) throw new NotFoundError("external_network", id);
  await audited(actor, { action: "external_network.delete", targetType: "external_network", targetId: id, vdcId: null }, async (tx, record) => {
    record({ before: { name: network.name, kind: network.kind, cidr: network.cidr, vlanId: network.vlanId } });
    const refusal = externalDeleteRefusal({ ports: await tx.port.count({ where: { externalNetworkId: id } }) });
    if (refusal) throw new DomainError("CONFLICT", "network in use", { ...refusal, name: network.name });
    if ((await tx.router.count({ where: { gatewayNetworkId: id } })) > 0) throw new DomainError("CONFLICT", "network in use", { reason: "external_in_use", ports: 0, name: network.name });
    await tx.subnet.deleteMany({ where: { externalNetworkId: id } });
    const gone = await tx.externalNetwork.deleteMany({ where: { id } });
    if (gone.count !== 1) throw new NotFoundError("external_network", id);
    if (network.vlanId !== null) await tx.segmentAllocation.deleteMany({ where: { kind: "vlan", physnet: network.physicalNetwork, segmentId: network.vlanId } });
  });
}
