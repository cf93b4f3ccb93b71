import { NextResponse } from "next/server";
import { requireActorWith } from "@/lib/server/auth/session";
import { getVolume } from "@/lib/server/queries/volumes";
import { route } from "@/lib/server/http";

/** GET /api/v1/volumes/:id: one volume with its snapshots and request flow; 404 outside your scope. */
export const GET = route<{ id: string }>(async (_req, { id }) => {
  const actor = await requireActorWith("evs:view");
  return NextResponse.json(await getVolume(actor, id));
});
