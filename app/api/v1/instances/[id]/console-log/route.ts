import { z } from "zod";
import { requireActorWith } from "@/lib/server/auth/session";
import { instanceConsoleLog } from "@/lib/server/queries/instances";
import { route } from "@/lib/server/http";

const lines = z.coerce.number().int().min(1).max(1000).default(200);

/** GET /api/v1/instances/:id/console-log?lines=N: the serial console output as text; 404 outside your scope. */
export const GET = route<{ id: string }>(async (req, { id }) => {
  const actor = await requireActorWith("ecs:view");
  const n = lines.parse(new URL(req.url).searchParams.get("lines") ?? undefined);
  return new Response(await instanceConsoleLog(actor, id, n), { headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
});
