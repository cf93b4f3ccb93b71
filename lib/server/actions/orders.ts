"use server";
import { z } from "zod";
import { NoValidHostError } from "@/lib/cloud/compute";
import { changeOrderInput, decideOrdersInput, orderItem, submitOrderInput } from "@/lib/schemas/orders";
import { cancelOrder, decideOrder, decideOrders, submitChangeOrder, submitOrder } from "../services/orders";
import { wouldPlace } from "../queries/placement";
import { defineAction } from "./define";
import { toActionError } from "./result";

const ORDER_PAGES = ["/sc/orders", "/sc/approvals"];

/** Submit an order; the service checks the product's visibility and locks, and quota. */
export const submitOrderAction = defineAction("ecs:create", submitOrderInput, (actor, input) => submitOrder(actor, input), ORDER_PAGES);

/** Approve or reject one or many orders; each decision is authorized and made exactly once. */
export const decideOrdersAction = defineAction(
  "order:approve",
  decideOrdersInput,
  async (actor, input) => {
    // One order: a refusal is the answer, in words.
    if (input.ids.length !== 1) return decideOrders(actor, input.ids, input.verdict, input.comment);
    const id = input.ids[0] as string;
    await decideOrder(actor, id, input.verdict, input.comment);
    return [{ id, ok: true }];
  },
  ORDER_PAGES,
);

/** Apply for a resize or a release of instances obtained through a product needing approval. */
// ecs:view here; the service checks ecs:operate (resize) or ecs:delete (release) with the instance's scope.
export const changeOrderAction = defineAction("ecs:view", changeOrderInput, (actor, input) => submitChangeOrder(actor, input), [...ORDER_PAGES, "/sc/ecs"]);

/** The applicant withdraws a pending order (the service answers not-found to anyone else). */
export const cancelOrderAction = defineAction("ecs:create", z.object({ id: z.string().uuid() }), (actor, input) => cancelOrder(actor, input.id), ORDER_PAGES);

/** The order form's warning: could this item be placed now? A refusal comes back in words. */
export const checkPlacementAction = defineAction("ecs:create", orderItem, async (actor, item) => {
  const res = await wouldPlace(actor, item);
  if (res.fits) return { fits: true, message: null };
  return { fits: false, message: (await toActionError(new NoValidHostError(res.explanation), actor)).message };
});
