"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { clockInput, cloudSettingsInput, hostAllocationInput, hostEnableInput } from "@/lib/schemas/settings";
import { requireActor } from "../auth/session";
import { requirePermission } from "../auth/actor";
import { setComputeService, setHostAllocation, setHostEnabled, updateClock, updateCloudSettings } from "../services/settings";
import { toActionError, type ActionResult } from "./result";

export async function saveCloudSettingsAction(raw: unknown): Promise<ActionResult> {
  try {
    const input = cloudSettingsInput.parse(raw);
    const actor = await requireActor();
    requirePermission(actor, "settings:edit");
    await updateCloudSettings(actor, input);
    revalidatePath("/cps/settings");
    return { ok: true, data: undefined };
  } catch (err) {
    return toActionError(err);
  }
}

export async function saveClockAction(raw: unknown): Promise<ActionResult> {
  try {
    const input = clockInput.parse(raw);
    const actor = await requireActor();
    requirePermission(actor, "clock:edit");
    await updateClock(actor, input);
    revalidatePath("/", "layout");
    return { ok: true, data: undefined };
  } catch (err) {
    return toActionError(err);
  }
}

export async function setHostEnabledAction(raw: unknown): Promise<ActionResult> {
  try {
    const input = hostEnableInput.parse(raw);
    const actor = await requireActor();
    requirePermission(actor, "host:manage");
    await setHostEnabled(actor, input);
    revalidatePath("/service-om/hosts");
    return { ok: true, data: undefined };
  } catch (err) {
    return toActionError(err);
  }
}

export async function setComputeServiceAction(raw: unknown): Promise<ActionResult> {
  try {
    const input = z.object({ id: z.string().min(1), running: z.boolean() }).parse(raw);
    const actor = await requireActor();
    requirePermission(actor, "host:manage");
    await setComputeService(actor, input);
    revalidatePath("/service-om/hosts");
    return { ok: true, data: undefined };
  } catch (err) {
    return toActionError(err);
  }
}

export async function setHostAllocationAction(raw: unknown): Promise<ActionResult> {
  try {
    const input = hostAllocationInput.parse(raw);
    const actor = await requireActor();
    requirePermission(actor, "host:manage");
    await setHostAllocation(actor, input);
    revalidatePath("/service-om/hosts");
    return { ok: true, data: undefined };
  } catch (err) {
    return toActionError(err);
  }
}
