import "server-only";
import type { ServerGroupListParams } from "@/lib/schemas/instances";
import { pageInMemory, type Page } from "./paging";
import { db } from "../db";
import { projectFilter, requirePermission, type Actor } from "../auth/actor";

export interface ServerGroupDto {
  id: string;
  name: string;
  policy: string;
  projectId: string;
  project: string;
  createdAt: string;
  members: { id: string; name: string; host: string | null }[];
}

/** The server groups of the caller's projects, with their live members (hosts only for operators). */
export async function listServerGroups(actor: Actor): Promise<ServerGroupDto[]> {
  requirePermission(actor, "ecs:view");
  const showHost = actor.permissions.has("ecs:view_all");
  const rows = await db.serverGroup.findMany({
    where: projectFilter(actor),
    include: { members: { where: { instance: { deletedAt: null } }, include: { instance: { include: { host: { select: { name: true } } } } } } },
    orderBy: { createdAt: "asc" },
  });
  const projects = new Map((await db.project.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.projectId))] } } })).map((p) => [p.id, p.name]));
  return rows.map((g) => ({
    id: g.id,
    name: g.name,
    policy: g.policy,
    projectId: g.projectId,
    project: projects.get(g.projectId) ?? g.projectId,
    createdAt: g.createdAt.toISOString(),
    members: g.members.map((m) => ({ id: m.instance.id, name: m.instance.name, host: showHost ? (m.instance.host?.name ?? null) : null })),
  }));
}

/** One page of the server groups the caller sees, newest first; a policy filter and a name search. */
export async function pageServerGroups(actor: Actor, p: ServerGroupListParams): Promise<Page<ServerGroupDto>> {
  const q = p.q?.toLowerCase();
  const rows = (await listServerGroups(actor)).filter((g) => (!p.policy || g.policy === p.policy) && (!q || g.name.toLowerCase().includes(q)));
  return pageInMemory(rows, p, { name: (g) => g.name, policy: (g) => g.policy, createdAt: (g) => g.createdAt }, "createdAt", "desc");
}
