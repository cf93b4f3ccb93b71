import "server-only";
import { DomainError, NotFoundError } from "@/lib/cloud/shared";
import type { ServerGroupPolicy } from "@/lib/cloud/compute";
import { db } from "../db";
import { inScope, requirePermission, type Actor } from "../auth/actor";
import { audited } from "./audit";
import { cloudNow } from "./clock";

/** Create a server group in the caller's project (names are unique per project, as the console asks). */
export async function createServerGroup(actor: Actor, input: { name: string; policy: ServerGroupPolicy; projectId?: string }): Promise<{ id: string }> {
  requirePermission(actor, "ecs:create");
  const projectId = input.projectId ?? actor.defaultProjectId;
  if (!projectId || !inScope(actor, projectId)) throw new NotFoundError("project", projectId ?? "-");
  const project = await db.project.findUniqueOrThrow({ where: { id: projectId } });
  const now = await cloudNow();
  return audited(actor, { action: "ecs.server_group.create", targetType: "server_group", vdcId: project.vdcId }, async (tx, record) => {
    record({ after: { name: input.name, policy: input.policy, project: project.name } });
    if (await tx.serverGroup.findUnique({ where: { projectId_name: { projectId, name: input.name } } }))
      throw new DomainError("CONFLICT", "server group exists", { reason: "server_group_exists", name: input.name });
    const group = await tx.serverGroup.create({ data: { name: input.name, policy: input.policy, projectId, createdAt: now } });
    record({ targetId: group.id });
    return { id: group.id };
  });
}

/**
 * Delete a server group. Nova deletes a group even with members (they simply leave it); the
 * console asks first, and says how many members there are.
 */
export async function deleteServerGroup(actor: Actor, id: string): Promise<void> {
  requirePermission(actor, "ecs:delete");
  const group = await db.serverGroup.findUnique({ where: { id } });
  if (!group || !inScope(actor, group.projectId)) throw new NotFoundError("server_group", id);
  const project = await db.project.findUniqueOrThrow({ where: { id: group.projectId } });
  await audited(actor, { action: "ecs.server_group.delete", targetType: "server_group", targetId: id, vdcId: project.vdcId }, async (tx, record) => {
    record({ before: { name: group.name, policy: group.policy } });
    await tx.serverGroup.delete({ where: { id } });
  });
}
