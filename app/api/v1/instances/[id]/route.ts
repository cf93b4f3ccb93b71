import { NextResponse } from "next/server";
import { requireActorWith } from "@/lib/server/auth/session";
import { getInstance } from "@/lib/server/queries/instances";
import { route } from "@/lib/server/http";

/** GET /api/v1/instances/:id: one instance with its task timelines; 404 outside your scope. */
export const GET = route<{ id: string }>(async (_req, { id }) => {
  const actor = await requireActorWith("ecs:view");
  return NextResponse.json(await getInstance(actor, id));
});
