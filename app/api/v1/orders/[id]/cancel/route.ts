import { NextResponse } from "next/server";
import { z } from "zod";
import { requireActor } from "@/lib/server/auth/session";
import { cancelOrder } from "@/lib/server/services/orders";
import { errorResponse } from "@/lib/server/http";

/** POST /api/v1/orders/:id/cancel: the applicant withdraws a pending order; its quota is given back. */
export async function POST(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  try {
    const actor = await requireActor();
    const { id } = await ctx.params;
    await cancelOrder(actor, z.string().uuid().parse(id));
    return NextResponse.json({ cancelled: true });
  } catch (err) {
    return errorResponse(err);
  }
}
