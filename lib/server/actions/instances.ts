"use server";
import { revalidatePath } from "next/cache";
import { instanceActionInput, launchInput, moveInput, rebuildInput, resizeInput, serverGroupInput, snapshotInput } from "@/lib/schemas/instances";
import { requireActor } from "../auth/session";
import { requirePermission } from "../auth/actor";
import { launchInstance, requestInstanceAction, shutdownFromGuest } from "../services/instances";
import { evacuateHost, evacuateInstance, migrateInstance, rebuildInstance, resizeInstance, snapshotInstance } from "../services/instance-ops";
import { createServerGroup, deleteServerGroup } from "../services/server-groups";
import { instanceOptions, type InstanceOptionsDto } from "../queries/instances";
import { z } from "zod";
import { toActionError, type ActionResult } from "./result";

/** Launch an ECS. Parse -> authenticate -> authorize (in the service, by permission and scope) -> act. */
export async function launchInstanceAction(raw: unknown): Promise<ActionResult<{ id: string }>> {
  try {
    const input = launchInput.parse(raw);
    const actor = await requireActor();
    requirePermission(actor, "ecs:create");
    const created = await launchInstance(actor, input);
    revalidatePath("/sc/ecs");
    return { ok: true, data: created };
  } catch (err) {
    return toActionError(err);
  }
}

/** Stop, start, reboot (soft or hard) or delete one instance. */
export async function instanceAction(raw: unknown): Promise<ActionResult> {
  try {
    const input = instanceActionInput.parse(raw);
    const actor = await requireActor();
    // The service checks the permission this action needs (ecs:operate, ecs:delete or
    // ecs:operate_all) against the instance's project scope.
    await requestInstanceAction(actor, input.id, input.action);
    revalidatePath("/sc/ecs");
    revalidatePath("/service-om/instances");
    return { ok: true, data: undefined };
  } catch (err) {
    return toActionError(err);
  }
}

/** The guest shut-down drill; the service checks ecs:operate within scope. */
export async function guestShutdownAction(raw: unknown): Promise<ActionResult> {
  try {
    const { id } = z.object({ id: z.string().uuid() }).parse(raw);
    const actor = await requireActor();
    await shutdownFromGuest(actor, id);
    revalidatePath("/sc/ecs");
    return { ok: true, data: undefined };
  } catch (err) {
    return toActionError(err);
  }
}

function revalidateInstances() {
  revalidatePath("/sc/ecs");
  revalidatePath("/service-om/instances");
}

/** Resize to another flavor; the service checks ecs:operate within scope and the states. */
export async function resizeAction(raw: unknown): Promise<ActionResult> {
  try {
    const input = resizeInput.parse(raw);
    const actor = await requireActor();
    await resizeInstance(actor, input.id, input.flavorId);
    revalidateInstances();
    return { ok: true, data: undefined };
  } catch (err) {
    return toActionError(err);
  }
}

/** Cold migrate (administrators: the service requires ecs:operate_all). */
export async function migrateAction(raw: unknown): Promise<ActionResult> {
  try {
    const input = moveInput.parse(raw);
    const actor = await requireActor();
    await migrateInstance(actor, input.id, input.host);
    revalidateInstances();
    return { ok: true, data: undefined };
  } catch (err) {
    return toActionError(err);
  }
}

/** Evacuate from a down host (administrators: the service requires ecs:operate_all). */
export async function evacuateAction(raw: unknown): Promise<ActionResult> {
  try {
    const input = moveInput.parse(raw);
    const actor = await requireActor();
    await evacuateInstance(actor, input.id, input.host);
    revalidateInstances();
    return { ok: true, data: undefined };
  } catch (err) {
    return toActionError(err);
  }
}

/** Evacuate every instance of a down host; each instance is authorized on its own. */
export async function evacuateHostAction(raw: unknown): Promise<ActionResult<{ queued: number; refused: { name: string; reason: string }[] }>> {
  try {
    const { id } = z.object({ id: z.string().min(1) }).parse(raw);
    const actor = await requireActor();
    requirePermission(actor, "ecs:operate_all");
    const result = await evacuateHost(actor, id);
    revalidateInstances();
    revalidatePath(`/service-om/hosts/${id}`);
    return { ok: true, data: result };
  } catch (err) {
    return toActionError(err);
  }
}

export async function rebuildAction(raw: unknown): Promise<ActionResult> {
  try {
    const input = rebuildInput.parse(raw);
    const actor = await requireActor();
    await rebuildInstance(actor, input.id, input.imageId);
    revalidateInstances();
    return { ok: true, data: undefined };
  } catch (err) {
    return toActionError(err);
  }
}

export async function snapshotAction(raw: unknown): Promise<ActionResult<{ imageId: string }>> {
  try {
    const input = snapshotInput.parse(raw);
    const actor = await requireActor();
    const created = await snapshotInstance(actor, input.id, input.name);
    revalidateInstances();
    return { ok: true, data: created };
  } catch (err) {
    return toActionError(err);
  }
}

export async function createServerGroupAction(raw: unknown): Promise<ActionResult<{ id: string }>> {
  try {
    const input = serverGroupInput.parse(raw);
    const actor = await requireActor();
    const created = await createServerGroup(actor, input);
    revalidatePath("/sc/server-groups");
    return { ok: true, data: created };
  } catch (err) {
    return toActionError(err);
  }
}

export async function deleteServerGroupAction(raw: unknown): Promise<ActionResult> {
  try {
    const { id } = z.object({ id: z.string().uuid() }).parse(raw);
    const actor = await requireActor();
    await deleteServerGroup(actor, id);
    revalidatePath("/sc/server-groups");
    return { ok: true, data: undefined };
  } catch (err) {
    return toActionError(err);
  }
}

/** Options for the resize, rebuild, migrate and evacuate dialogs; the query checks scope. */
export async function instanceOptionsAction(raw: unknown): Promise<ActionResult<InstanceOptionsDto>> {
  try {
    const { id } = z.object({ id: z.string().uuid() }).parse(raw);
    const actor = await requireActor();
    return { ok: true, data: await instanceOptions(actor, id) };
  } catch (err) {
    return toActionError(err);
  }
}
