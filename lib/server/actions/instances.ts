"use server";
import { revalidatePath } from "next/cache";
import { instanceActionInput, launchInput } from "@/lib/schemas/instances";
import { requireActor } from "../auth/session";
import { requirePermission } from "../auth/actor";
import { launchInstance, requestInstanceAction, shutdownFromGuest } from "../services/instances";
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
