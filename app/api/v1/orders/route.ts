import { NextResponse } from "next/server";
import { z } from "zod";
import { changeOrderInput, inboxListParams, orderListParams, submitOrderInput } from "@/lib/schemas/orders";
import { requireActor, requireActorWith } from "@/lib/server/auth/session";
import { listInbox, listOrders } from "@/lib/server/queries/orders";
import { submitChangeOrder, submitOrder } from "@/lib/server/services/orders";
import { readJson, route } from "@/lib/server/http";

/**
 * GET /api/v1/orders?page&pageSize&sort&dir&q&status&kind&product&scope: the caller's orders (or,
 * with order:view_all, everyone's), one page; ?inbox=pending|handled: an approver's inbox. Both
 * answer {rows, total, page, pageSize, sort, dir}, as the instances list does.
 */
export const GET = route(async (req) => {
  const actor = await requireActor();
  const sp = Object.fromEntries(new URL(req.url).searchParams);
  if (sp.inbox !== undefined) {
    const { inbox, ...rest } = sp;
    const { vdcs: _v, products: _p, ...page } = await listInbox(actor, inboxListParams.parse({ ...rest, tab: inbox }));
    return NextResponse.json(page);
  }
  return NextResponse.json(await listOrders(actor, orderListParams.parse(sp)));
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
