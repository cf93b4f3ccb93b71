import { NextResponse, type NextRequest } from "next/server";
import { submitOrderInput } from "@/lib/schemas/orders";
import { requireActor } from "@/lib/server/auth/session";
import { listInbox, listMyOrders } from "@/lib/server/queries/orders";
import { submitOrder } from "@/lib/server/services/orders";
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

/** POST /api/v1/orders {productId, items: [{name, az, flavorId, imageId, count?, serverGroupId?}]}: 201 {id, orderNo, status}. */
export async function POST(req: NextRequest) {
  try {
    const actor = await requireActor();
    const input = submitOrderInput.parse(await req.json());
    return NextResponse.json(await submitOrder(actor, input), { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
