import type { NextRequest } from "next/server";
import { requireActor } from "@/lib/server/auth/session";
import { instanceConsoleLog } from "@/lib/server/queries/instances";
import { errorResponse } from "@/lib/server/http";

/** GET /api/v1/instances/:id/console-log?lines=N: the serial console output as text; 404 outside your scope. */
export async function GET(req: NextRequest, ctx: { params: Promise<{ id: string }> }) {
  try {
    const actor = await requireActor();
    const { id } = await ctx.params;
    const lines = Math.min(1000, Math.max(1, Number(req.nextUrl.searchParams.get("lines") ?? 200) || 200));
    return new Response(await instanceConsoleLog(actor, id, lines), { headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  } catch (err) {
    return errorResponse(err);
  }
}
