import "server-only";
import { processProblems, type LevelDef } from "@/lib/cloud/approval";
import { APPROVER_ROLES } from "@/lib/cloud/identity";
import { DomainError, ForbiddenError, NotFoundError } from "@/lib/cloud/shared";
import type { CreateProcessInput, SaveProcessInput } from "@/lib/schemas/catalog-admin";
import { db, type Db, type Tx } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { managedVdcIds } from "../auth/org-scope";
import { levelsOf } from "../repositories/approvals";
import { audited } from "./audit";
import { cloudNow } from "./clock";

// Approval processes: the operation admin defines global ones; a VDC admin defines processes owned
// by a VDC of their subtree (to bind as per-VDC overrides there). Versions are immutable once
// published: saving a published process opens version N+1 as a draft, and orders keep the
// version they started with (Order.processVersionId).

type ProcessRow = { id: string; name: string; ownerVdcId: string | null };

/** The VDCs whose processes the actor manages, or "all" (an operation admin). */
export async function processScope(client: Db | Tx, actor: Actor): Promise<Set<string> | "all"> {
  requirePermission(actor, "process:manage");
  return managedVdcIds(actor, await client.vdc.findMany({ select: { id: true, parentId: true, level: true } }));
}

/** May the actor edit this process? A process of another subtree is "not found"; a global one is read-only to a VDC admin. */
async function assertManages(client: Db | Tx, actor: Actor, p: ProcessRow): Promise<void> {
  const scope = await processScope(client, actor);
  if (scope === "all") return;
  if (p.ownerVdcId === null) throw new ForbiddenError("process:manage");
  if (!scope.has(p.ownerVdcId)) throw new NotFoundError("process", p.id);
}

/**
 * Users a process may name as approvers: enabled holders of an approving role, globally or (for a
 * VDC admin's process) on a VDC of the admin's subtree. The process editor offers the same list.
 */
export function nameableApprovers(scope: Set<string> | "all") {
  const where = scope === "all" ? {} : { OR: [{ vdcId: null, projectId: null }, { vdcId: { in: [...scope] } }] };
  return { disabled: false, roles: { some: { role: { in: [...APPROVER_ROLES] }, ...where } } };
}

/** Refuse a definition the engine would reject, and approvers naming users the caller may not name. */
async function checkLevels(client: Db | Tx, levels: LevelDef[], scope: Set<string> | "all"): Promise<void> {
  const problem = processProblems(levels)[0];
  if (problem) throw new DomainError("INVALID_INPUT", "bad process", { reason: `process_${problem.code}`, level: "level" in problem ? problem.level : 0 });
  const userIds = [...new Set(levels.flatMap((l) => l.approvers.flatMap((a) => (a.kind === "user" ? [a.userId] : []))))];
  if (userIds.length === 0) return;
  const found = await client.user.findMany({ where: { id: { in: userIds }, ...nameableApprovers(scope) }, select: { id: true } });
  const missing = userIds.find((u) => !found.some((f) => f.id === u));
  if (missing) throw new NotFoundError("user", missing);
}

export async function createProcess(actor: Actor, input: CreateProcessInput): Promise<{ id: string }> {
  const scope = await processScope(db, actor);
  // A VDC admin's processes belong to a VDC of their subtree; only an operation admin makes global ones.
  if (scope !== "all" && (input.ownerVdcId === null || !scope.has(input.ownerVdcId))) throw new DomainError("INVALID_INPUT", "owner out of scope", { reason: "process_owner_scope" });
  if (input.ownerVdcId && !(await db.vdc.findUnique({ where: { id: input.ownerVdcId } }))) throw new NotFoundError("vdc", input.ownerVdcId);
  await checkLevels(db, input.levels, scope);
  const now = await cloudNow();
  return audited(actor, { action: "process.create", targetType: "approval_process", vdcId: input.ownerVdcId }, async (tx, record) => {
    if (await tx.approvalProcess.findUnique({ where: { name: input.name } })) throw new DomainError("CONFLICT", "name taken", { reason: "process_name_taken", name: input.name });
    const p = await tx.approvalProcess.create({ data: { name: input.name, description: input.description, ownerVdcId: input.ownerVdcId, createdAt: now } });
    await tx.processVersion.create({ data: { processId: p.id, version: 1, levels: input.levels as never, published: false, createdBy: actor.userId, createdAt: now } });
    record({ targetId: p.id, after: { name: p.name, ownerVdcId: p.ownerVdcId, version: 1, levels: input.levels.length } });
    return { id: p.id };
  });
}

/**
 * Save a process's levels. A draft (unpublished latest version) is edited in place; a published
 * latest version is never changed: the save opens version N+1 as a draft, to publish when ready.
 */
export async function saveProcess(actor: Actor, input: SaveProcessInput): Promise<{ version: number }> {
  const p = await db.approvalProcess.findUnique({ where: { id: input.id } });
  if (!p) throw new NotFoundError("process", input.id);
  await assertManages(db, actor, p);
  await checkLevels(db, input.levels, await processScope(db, actor));
  const now = await cloudNow();
  return audited(actor, { action: "process.save", targetType: "approval_process", targetId: p.id, vdcId: p.ownerVdcId }, async (tx, record) => {
    const latest = await tx.processVersion.findFirst({ where: { processId: p.id }, orderBy: { version: "desc" } });
    record({ before: latest ? { version: latest.version, published: latest.published, levels: levelsOf(latest).length } : null });
    await tx.approvalProcess.update({ where: { id: p.id }, data: { description: input.description } });
    if (latest && !latest.published) {
      // Conditional: a publish that raced this save wins, and the save is retried by the user.
      const changed = await tx.processVersion.updateMany({ where: { id: latest.id, published: false }, data: { levels: input.levels as never, createdBy: actor.userId } });
      if (changed.count !== 1) throw new DomainError("CONFLICT", "published meanwhile", { reason: "process_published_meanwhile" });
      record({ after: { version: latest.version, draft: true, levels: input.levels.length } });
      return { version: latest.version };
    }
    const version = (latest?.version ?? 0) + 1;
    await tx.processVersion.create({ data: { processId: p.id, version, levels: input.levels as never, published: false, createdBy: actor.userId, createdAt: now } });
    record({ after: { version, draft: true, levels: input.levels.length } });
    return { version };
  });
}

/** Publish the draft: new orders use it from now on; orders already running keep theirs. */
export async function publishProcess(actor: Actor, id: string): Promise<{ version: number }> {
  const p = await db.approvalProcess.findUnique({ where: { id } });
  if (!p) throw new NotFoundError("process", id);
  await assertManages(db, actor, p);
  const now = await cloudNow();
  return audited(actor, { action: "process.publish", targetType: "approval_process", targetId: id, vdcId: p.ownerVdcId }, async (tx, record) => {
    const draft = await tx.processVersion.findFirst({ where: { processId: id }, orderBy: { version: "desc" } });
    if (!draft || draft.published) throw new DomainError("INVALID_STATE", "nothing to publish", { reason: "process_no_draft" });
    await checkLevels(tx, levelsOf(draft), await processScope(tx, actor));
    const changed = await tx.processVersion.updateMany({ where: { id: draft.id, published: false }, data: { published: true, publishedAt: now } });
    if (changed.count !== 1) throw new DomainError("INVALID_STATE", "nothing to publish", { reason: "process_no_draft" });
    record({ after: { version: draft.version, published: true } });
    return { version: draft.version };
  });
}

/** Delete a process that nothing uses: no product or override binds it, no order ever ran it. */
export async function deleteProcess(actor: Actor, id: string): Promise<void> {
  const p = await db.approvalProcess.findUnique({ where: { id } });
  if (!p) throw new NotFoundError("process", id);
  await assertManages(db, actor, p);
  await audited(actor, { action: "process.delete", targetType: "approval_process", targetId: id, vdcId: p.ownerVdcId }, async (tx, record) => {
    record({ before: { name: p.name } });
    const [products, overrides, orders] = await Promise.all([
      tx.product.count({ where: { processId: id } }),
      tx.productProcessOverride.count({ where: { processId: id } }),
      tx.order.count({ where: { processVersion: { processId: id } } }),
    ]);
    if (products + overrides > 0) throw new DomainError("INVALID_STATE", "process bound", { reason: "process_bound", count: products + overrides });
    if (orders > 0) throw new DomainError("INVALID_STATE", "process has orders", { reason: "process_has_orders", count: orders });
    await tx.approvalProcess.delete({ where: { id } });
  });
}

/**
 * A process that may be bound for orders from this VDC: it has a published version, and it is
 * global or owned by a VDC of the chain (a subtree's process never applies outside it).
 */
export async function assertBindable(client: Db | Tx, processId: string, chainIds: readonly string[] | null): Promise<ProcessRow> {
  const p = await client.approvalProcess.findUnique({ where: { id: processId } });
  if (!p) throw new NotFoundError("process", processId);
  const published = await client.processVersion.count({ where: { processId, published: true } });
  if (published === 0) throw new DomainError("INVALID_STATE", "not published", { reason: "process_not_published", name: p.name });
  if (p.ownerVdcId !== null && (chainIds === null || !chainIds.includes(p.ownerVdcId))) throw new DomainError("INVALID_INPUT", "process out of scope", { reason: "process_not_applicable", name: p.name });
  return p;
}
