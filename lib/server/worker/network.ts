import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { addressKey, computeOwner, isCidrError, parseCidr, parseIp, usableOnSubnet } from "@/lib/cloud/network";
import { db } from "../db";
import { createPort, syncVniAllocations, vniRanges } from "../repositories/network";
import { loadSettings } from "../repositories/settings";
import { ensureDefaultGroup } from "../services/security-groups";
import { ensureDefaultSubnet } from "../services/vpcs";
import { HOST_REPORT_SECONDS } from "./compute";
import { registerPeriodicJob } from "./registry";
import { sqlQuery } from "../repositories/sql";

// The network layer's periodic work: the Neutron agents report from the network nodes (an agent
// whose node is down stops reporting and is shown dead after agent_down_time, and the L3 agent's
// routers fail over to the standby node, as keepalived moves them); the VXLAN allocation table
// follows the configured ranges; and instances from before the network layer get their ports.

/** Neutron's agent_down_time (seconds without a report before an agent is dead). */
export const AGENT_DOWN_SECONDS = 75;

async function reportAgents(now: Date): Promise<void> {
  const nodes = await db.deployNode.findMany({ where: { role: "network" } });
  const healthy = new Set(nodes.filter((n) => n.healthy).map((n) => n.name));
  await db.networkAgent.updateMany({ where: { host: { in: [...healthy] }, adminStateUp: true }, data: { heartbeatAt: now } });
  const agents = await db.networkAgent.findMany();
  for (const a of agents) {
    const alive = now.getTime() - a.heartbeatAt.getTime() <= AGENT_DOWN_SECONDS * 1000;
    if (alive !== a.alive) await db.networkAgent.update({ where: { id: a.id }, data: { alive } });
  }
  // L3 HA: when the active node's L3 agent is dead and a standby one lives, the standby takes over.
  const l3 = await db.networkAgent.findMany({ where: { agentType: "L3 agent" } });
  const active = l3.find((a) => a.haState === "active");
  const standby = l3.find((a) => a.haState === "standby" && a.alive);
  if (active && !active.alive && standby) {
    await db.$transaction([db.networkAgent.update({ where: { id: standby.id }, data: { haState: "active" } }), db.networkAgent.update({ where: { id: active.id }, data: { haState: "standby" } })]);
  }
}

/**
 * ML2's start-up sync of the VXLAN table with the configured ranges, and the one-time move of
 * instances addressed by the former per-project stand-in (Instance.ipAddress, no port) onto ports
 * of their project's default VPC, keeping their address where the subnet holds it.
 */
async function syncNetwork(now: Date): Promise<void> {
  const settings = await loadSettings(db);
  await syncVniAllocations(db, vniRanges(settings.vniRanges));
  const orphans = await sqlQuery<{ id: string }>(db, Prisma.sql`SELECT "id" FROM "Instance" i WHERE i."deletedAt" IS NULL AND i."ipAddress" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Port" p WHERE p."deviceId" = i."id") LIMIT 500`);
  for (const { id } of orphans) {
    const instance = await db.instance.findUniqueOrThrow({ where: { id }, include: { project: true } });
    const subnetId = (await ensureDefaultSubnet(instance.project)).id;
    const groupId = await ensureDefaultGroup(instance.project);
    await db.$transaction(async (tx) => {
      const subnet = await tx.subnet.findUniqueOrThrow({ where: { id: subnetId } });
      const cidr = parseCidr(subnet.cidr);
      const old = instance.ipAddress ? parseIp(instance.ipAddress) : null;
      // The old address where the default subnet can hold it (inside, not its gateway, not held); else the next free one.
      const keep = old && !isCidrError(cidr) && usableOnSubnet(cidr, old) && instance.ipAddress !== subnet.gatewayIp && (await tx.ipAllocation.count({ where: { subnetId, address: addressKey(old.value) } })) === 0 ? old.value : null;
      const port = await createPort(tx, { projectId: instance.projectId, network: { vpcId: subnet.vpcId as string }, subnet, fixedIp: keep, deviceId: instance.id, deviceOwner: computeOwner(instance.azId), securityGroupIds: [groupId], status: instance.vmState === "active" ? "ACTIVE" : "DOWN", now });
      await tx.instance.update({ where: { id }, data: { ipAddress: port.address, macAddress: port.macAddress } });
    });
  }
}

registerPeriodicJob({ layer: "network", name: "network-agents", every: HOST_REPORT_SECONDS, run: reportAgents });
registerPeriodicJob({ layer: "network", name: "network-sync", every: 3600, run: syncNetwork });
