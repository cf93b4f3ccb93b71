"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { NoValidHostError } from "@/lib/cloud/compute";
import { changeOrderInput, decideOrdersInput, orderItem, submitOrderInput } from "@/lib/schemas/orders";
import { requireActor } from "../auth/session";
import { requirePermission } from "../auth/actor";
import { cancelOrder, decideOrder, decideOrders, submitChangeOrder, submitOrder } from "../services/orders";
import { defineAction } from "./define";
import { wouldPlace } from "../queries/placement";
import { toActionError, type ActionResult } from "./result";

function revalidateOrders() {
  revalidatePath("/sc/orders");
  revalidatePath("/sc/approvals");
}

/** Submit an order; the service checks ecs:create, the product's visibility and locks, and quota. */
export async function submitOrderAction(raw: unknown): Promise<ActionResult<{ id: string; orderNo: string; status: string }>> {
  try {
    const input = submitOrderInput.parse(raw);
    const actor = await requireActor();
    const created = await submitOrder(actor, input);
    revalidateOrders();
    return { ok: true, data: created };
  } catch (err) {
    return toActionError(err);
  }
}

/** Approve or reject one or many orders; each decision is authorized and made exactly once. */
export async function decideOrdersAction(raw: unknown): Promise<ActionResult<{ id: string; ok: boolean; code?: string }[]>> {
  try {
    const input = decideOrdersInput.parse(raw);
    const actor = await requireActor();
    requirePermission(actor, "order:approve");
    if (input.ids.length === 1) {
      // One order: a refusal is the answer, in words.
      const id = input.ids[0] as string;
      await decideOrder(actor, id, input.verdict, input.comment);
      revalidateOrders();
      return { ok: true, data: [{ id, ok: true }] };
    }
    const res = await decideOrders(actor, input.ids, input.verdict, input.comment);
    revalidateOrders();
    return { ok: true, data: res };
  } catch (err) {
    return toActionError(err);
  }
}

/** Apply for a resize or a release of instances obtained through a product needing approval. */
// ecs:view here; the service checks ecs:operate (resize) or ecs:delete (release) with the instance's scope.
export const changeOrderAction = defineAction("ecs:view", changeOrderInput, (actor, input) => submitChangeOrder(actor, input), ["/sc/orders", "/sc/approvals", "/sc/ecs"]);

export async function cancelOrderAction(raw: unknown): Promise<ActionResult> {
  try {
    const { id } = z.object({ id: z.string().uuid() }).parse(raw);
    const actor = await requireActor();
    await cancelOrder(actor, id);
    revalidateOrders();
    return { ok: true, data: undefined };
  } catch (err) {
    return toActionError(err);
  }
}

/** The order form's warning: could this item be placed now? A refusal comes back in words. */
export async function checkPlacementAction(raw: unknown): Promise<ActionResult<{ fits: boolean; message: string | null }>> {
  try {
    const item = orderItem.parse(raw);
    const actor = await requireActor();
    const res = await wouldPlace(actor, item);
    if (res.fits) return { ok: true, data: { fits: true, message: null } };
    const words = await toActionError(new NoValidHostError(res.explanation));
    return { ok: true, data: { fits: false, message: words.message } };
  } catch (err) {
    return toActionError(err);
  }
}
