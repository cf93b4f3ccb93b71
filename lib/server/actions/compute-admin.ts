"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createFlavorInput, hostGroupInput, registerImageInput, updateFlavorInput, updateHostGroupInput } from "@/lib/schemas/compute";
import { requireActor } from "../auth/session";
import { requirePermission } from "../auth/actor";
import { createFlavor, createHostGroup, deleteFlavor, deleteHostGroup, deleteImage, registerImage, setImageActive, updateFlavor, updateHostGroup } from "../services/compute-admin";
import { cloudNow } from "../services/clock";
import { toActionError, type ActionResult } from "./result";

async function run<T>(permission: "flavor:manage" | "host:manage" | "image:manage", path: string, work: (actor: Awaited<ReturnType<typeof requireActor>>) => Promise<T>): Promise<ActionResult<T>> {
  try {
    const actor = await requireActor();
    requirePermission(actor, permission);
    const data = await work(actor);
    revalidatePath(path);
    return { ok: true, data };
  } catch (err) {
    return toActionError(err);
  }
}

export async function createFlavorAction(raw: unknown): Promise<ActionResult<{ id: string }>> {
  const parsed = createFlavorInput.safeParse(raw);
  if (!parsed.success) return toActionError(parsed.error);
  return run("flavor:manage", "/service-om/flavors", (actor) => createFlavor(actor, parsed.data));
}

export async function updateFlavorAction(raw: unknown): Promise<ActionResult<void>> {
  const parsed = updateFlavorInput.safeParse(raw);
  if (!parsed.success) return toActionError(parsed.error);
  return run("flavor:manage", "/service-om/flavors", (actor) => updateFlavor(actor, parsed.data));
}

export async function deleteFlavorAction(raw: unknown): Promise<ActionResult<void>> {
  const parsed = z.object({ id: z.string().min(1) }).safeParse(raw);
  if (!parsed.success) return toActionError(parsed.error);
  return run("flavor:manage", "/service-om/flavors", (actor) => deleteFlavor(actor, parsed.data.id));
}

export async function createHostGroupAction(raw: unknown): Promise<ActionResult<{ id: string }>> {
  const parsed = hostGroupInput.safeParse(raw);
  if (!parsed.success) return toActionError(parsed.error);
  return run("host:manage", "/service-om/host-groups", (actor) => createHostGroup(actor, parsed.data));
}

export async function updateHostGroupAction(raw: unknown): Promise<ActionResult<void>> {
  const parsed = updateHostGroupInput.safeParse(raw);
  if (!parsed.success) return toActionError(parsed.error);
  return run("host:manage", "/service-om/host-groups", (actor) => updateHostGroup(actor, parsed.data));
}

export async function deleteHostGroupAction(raw: unknown): Promise<ActionResult<void>> {
  const parsed = z.object({ id: z.string().min(1) }).safeParse(raw);
  if (!parsed.success) return toActionError(parsed.error);
  return run("host:manage", "/service-om/host-groups", (actor) => deleteHostGroup(actor, parsed.data.id));
}

export async function registerImageAction(raw: unknown): Promise<ActionResult<{ id: string }>> {
  const parsed = registerImageInput.safeParse(raw);
  if (!parsed.success) return toActionError(parsed.error);
  return run("image:manage", "/service-om/images", (actor) => registerImage(actor, parsed.data));
}

export async function imageStatusAction(raw: unknown): Promise<ActionResult<void>> {
  const parsed = z.object({ id: z.string().min(1), op: z.enum(["deactivate", "reactivate", "delete"]) }).safeParse(raw);
  if (!parsed.success) return toActionError(parsed.error);
  const { id, op } = parsed.data;
  return run("image:manage", "/service-om/images", async (actor) => (op === "delete" ? deleteImage(actor, id, await cloudNow()) : setImageActive(actor, id, op === "reactivate")));
}
