"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createUserInput, createVdcInput, quotaInput, resourceSetInput, updateUserInput, updateVdcInput } from "@/lib/schemas/organizations";
import { requireActor } from "../auth/session";
import { requirePermission } from "../auth/actor";
import { assignRole, createUser, createVdc, deleteVdc, removeRole, setQuota, setResourceSet, updateUser, updateVdc } from "../services/organizations";
import { toActionError, type ActionResult } from "./result";

// Every action: parse -> authenticate -> check the permission -> one service (which checks the
// VDC scope) -> revalidate -> a coded result.

async function run<T>(permission: "vdc:manage" | "user:manage", work: (actor: Awaited<ReturnType<typeof requireActor>>) => Promise<T>): Promise<ActionResult<T>> {
  try {
    const actor = await requireActor();
    requirePermission(actor, permission);
    const data = await work(actor);
    revalidatePath("/sc/organizations", "layout");
    revalidatePath("/sc/users");
    return { ok: true, data };
  } catch (err) {
    return toActionError(err);
  }
}

export async function createVdcAction(raw: unknown): Promise<ActionResult<{ id: string }>> {
  const parsed = createVdcInput.safeParse(raw);
  if (!parsed.success) return toActionError(parsed.error);
  return run("vdc:manage", (actor) => createVdc(actor, parsed.data));
}

export async function updateVdcAction(raw: unknown): Promise<ActionResult<void>> {
  const parsed = updateVdcInput.safeParse(raw);
  if (!parsed.success) return toActionError(parsed.error);
  return run("vdc:manage", (actor) => updateVdc(actor, parsed.data.id, parsed.data));
}

export async function deleteVdcAction(raw: unknown): Promise<ActionResult<void>> {
  const parsed = z.object({ id: z.string().min(1) }).safeParse(raw);
  if (!parsed.success) return toActionError(parsed.error);
  return run("vdc:manage", (actor) => deleteVdc(actor, parsed.data.id));
}

export async function setQuotaAction(raw: unknown): Promise<ActionResult<void>> {
  const parsed = quotaInput.safeParse(raw);
  if (!parsed.success) return toActionError(parsed.error);
  return run("vdc:manage", (actor) => setQuota(actor, parsed.data));
}

export async function setResourceSetAction(raw: unknown): Promise<ActionResult<void>> {
  const parsed = resourceSetInput.safeParse(raw);
  if (!parsed.success) return toActionError(parsed.error);
  return run("vdc:manage", (actor) => setResourceSet(actor, parsed.data));
}

export async function createUserAction(raw: unknown): Promise<ActionResult<{ id: string }>> {
  const parsed = createUserInput.safeParse(raw);
  if (!parsed.success) return toActionError(parsed.error);
  return run("user:manage", (actor) => createUser(actor, parsed.data));
}

export async function updateUserAction(raw: unknown): Promise<ActionResult<void>> {
  const parsed = z.object({ id: z.string().min(1), patch: updateUserInput }).safeParse(raw);
  if (!parsed.success) return toActionError(parsed.error);
  return run("user:manage", (actor) => updateUser(actor, parsed.data.id, parsed.data.patch));
}

export async function assignRoleAction(raw: unknown): Promise<ActionResult<void>> {
  const parsed = z.object({ userId: z.string().min(1), role: z.string().min(1), vdcId: z.string().min(1).nullable(), projectId: z.string().min(1).nullable() }).safeParse(raw);
  if (!parsed.success) return toActionError(parsed.error);
  return run("user:manage", (actor) => assignRole(actor, parsed.data.userId, parsed.data));
}

export async function removeRoleAction(raw: unknown): Promise<ActionResult<void>> {
  const parsed = z.object({ userId: z.string().min(1), assignmentId: z.string().min(1) }).safeParse(raw);
  if (!parsed.success) return toActionError(parsed.error);
  return run("user:manage", (actor) => removeRole(actor, parsed.data.userId, parsed.data.assignmentId));
}
