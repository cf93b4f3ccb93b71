import { NextResponse } from "next/server";
import { z } from "zod";
import { requireActor } from "@/lib/server/auth/session";
import { decideOrder } from "@/lib/server/services/orders";
import { errorResponse } from "@/lib/server/http";

const body = z.object({ verdict: z.enum(["approve", "reject"]), comment: z.string().trim().max(500).optional() });

/** POST /api/v1/orders/:id/decision {verdict, comment?}: 200 {transition}; a repeat answers "none". */
export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }) {
  try {
    const actor = await requireActor();
    const { id } = await ctx.params;
    const input = body.parse(await req.json());
    return NextResponse.json(await decideOrder(actor, z.string().uuid().parse(id), input.verdict, input.comment));
  } catch (err) {
    return errorResponse(err);
  }
}
