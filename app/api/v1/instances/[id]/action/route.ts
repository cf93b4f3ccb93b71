import { NextResponse } from "next/server";
import { instanceActionInput } from "@/lib/schemas/instances";
import { requireActor } from "@/lib/server/auth/session";
import { requestInstanceAction } from "@/lib/server/services/instances";
import { errorResponse } from "@/lib/server/http";

/** POST /api/v1/instances/:id/action {action: stop|start|reboot|reboot_hard|delete}: 202 when queued. */
export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }) {
  try {
    const actor = await requireActor();
    const { id } = await ctx.params;
    const body = (await req.json()) as { action?: unknown };
    const input = instanceActionInput.parse({ id, action: body.action });
    // The service authorizes: ecs:operate / ecs:delete within scope, or ecs:operate_all.
    await requestInstanceAction(actor, input.id, input.action);
    return NextResponse.json({ accepted: true }, { status: 202 });
  } catch (err) {
    return errorResponse(err);
  }
}
