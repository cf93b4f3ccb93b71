import { NextResponse, type NextRequest } from "next/server";
import { changeOrderInput, submitOrderInput } from "@/lib/schemas/orders";
import { requireActor } from "@/lib/server/auth/session";
import { listInbox, listMyOrders } from "@/lib/server/queries/orders";
import { submitChangeOrder, submitOrder } from "@/lib/server/services/orders";
import { errorResponse } from "@/lib/server/http";

/** GET /api/v1/orders (the caller's orders) or ?inbox=pending|handled (an approver's inbox). */
export async function GET(req: NextRequest) {
  try {
    const actor = await requireActor();
    const inbox = req.nextUrl.searchParams.get("inbox");
    if (inbox === "pending" || inbox === "handled") return NextResponse.json({ orders: await listInbox(actor, inbox) });
    return NextResponse.json({ orders: await listMyOrders(actor) });
  } catch (err) {
    return errorResponse(err);
  }
}

/**
 * POST /api/v1/orders: 201 {id, orderNo, status}. A create: {productId, items: [{name, az,
 * flavorId, imageId, count?, serverGroupId?}]}; a change: {kind: "resize", instanceId, flavorId}
 * or {kind: "release", instanceIds}, through the product the instances were ordered with.
 */
export async function POST(req: NextRequest) {
  try {
    const actor = await requireActor();
    const body: unknown = await req.json();
    const isChange = typeof body === "object" && body !== null && "kind" in body && (body as { kind: unknown }).kind !== "create";
    const created = isChange ? await submitChangeOrder(actor, changeOrderInput.parse(body)) : await submitOrder(actor, submitOrderInput.parse(body));
    return NextResponse.json(created, { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
