import { NextResponse } from "next/server";
import { z } from "zod";
import { changeOrderInput, submitOrderInput } from "@/lib/schemas/orders";
import { requireActor, requireActorWith } from "@/lib/server/auth/session";
import { listInbox, listMyOrders } from "@/lib/server/queries/orders";
import { submitChangeOrder, submitOrder } from "@/lib/server/services/orders";
import { readJson, route } from "@/lib/server/http";

const inboxParam = z.enum(["pending", "handled"]).optional();

/** GET /api/v1/orders (the caller's orders) or ?inbox=pending|handled (an approver's inbox). */
export const GET = route(async (req) => {
  const actor = await requireActor();
  const inbox = inboxParam.parse(new URL(req.url).searchParams.get("inbox") ?? undefined);
  if (inbox) return NextResponse.json({ orders: await listInbox(actor, inbox) });
  return NextResponse.json({ orders: await listMyOrders(actor) });
});

/**
 * POST /api/v1/orders: 201 {id, orderNo, status}. A create: {productId, items: [{name, az,
 * flavorId, imageId, count?, serverGroupId?}]}; a change: {kind: "resize", instanceId, flavorId}
 * or {kind: "release", instanceIds}, through the product the instances were ordered with.
 */
export const POST = route(async (req) => {
  // ecs:view here; a create needs ecs:create, a change ecs:operate or ecs:delete (the services check).
  const actor = await requireActorWith("ecs:view");
  const body = await readJson(req, z.unknown());
  const isChange = typeof body === "object" && body !== null && "kind" in body && (body as { kind: unknown }).kind !== "create";
  const created = isChange ? await submitChangeOrder(actor, changeOrderInput.parse(body)) : await submitOrder(actor, submitOrderInput.parse(body));
  return NextResponse.json(created, { status: 201 });
});
