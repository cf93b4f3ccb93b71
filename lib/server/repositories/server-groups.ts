import "server-only";
import type { RequestSpec, ServerGroupPolicy } from "@/lib/cloud/compute";
import type { Tx } from "../db";

/**
 * The scheduler's view of a server group: its policy and the hosts its members run on (every
 * member but `exclude`, the instance being moved). Bumps the group's version first: on
 * PostgreSQL that row lock makes concurrent launches into one group wait for each other, so two
 * anti-affinity members can never both pick the same host (SQLite serializes writers anyway).
 */
export async function serverGroupSpec(tx: Tx, groupId: string, exclude?: string): Promise<NonNullable<RequestSpec["serverGroup"]>> {
  const group = await tx.serverGroup.update({ where: { id: groupId }, data: { version: { increment: 1 } } });
  const members = await tx.serverGroupMember.findMany({
    where: { serverGroupId: groupId, ...(exclude ? { instanceId: { not: exclude } } : {}), instance: { deletedAt: null, hostId: { not: null } } },
    include: { instance: { select: { hostId: true } } },
  });
  const hostIds = [...new Set(members.map((m) => m.instance.hostId as string))];
  return { name: group.name, policy: group.policy as ServerGroupPolicy, hostIds };
}
