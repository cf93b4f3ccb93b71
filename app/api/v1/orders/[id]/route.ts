import { NextResponse } from "next/server";
import { requireActor } from "@/lib/server/auth/session";
import { getOrder } from "@/lib/server/queries/orders";
import { errorResponse } from "@/lib/server/http";

/** GET /api/v1/orders/:id: the order with its timeline and approval path; 404 to anyone not involved. */
export async function GET(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  try {
    const actor = await requireActor();
    const { id } = await ctx.params;
    return NextResponse.json(await getOrder(actor, id));
  } catch (err) {
    return errorResponse(err);
  }
}
