import { NextResponse } from "next/server";
import { requireActor } from "@/lib/server/auth/session";
import { requirePermission } from "@/lib/server/auth/actor";
import { getInstance } from "@/lib/server/queries/instances";
import { errorResponse } from "@/lib/server/http";

export async function GET(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  try {
    const actor = await requireActor();
    requirePermission(actor, "ecs:view");
    const { id } = await ctx.params;
    return NextResponse.json(await getInstance(actor, id));
  } catch (err) {
    return errorResponse(err);
  }
}
