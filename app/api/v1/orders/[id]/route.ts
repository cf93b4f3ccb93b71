import { NextResponse } from "next/server";
import { requireActor } from "@/lib/server/auth/session";
import { getOrder } from "@/lib/server/queries/orders";
import { route } from "@/lib/server/http";

/** GET /api/v1/orders/:id: the order with its timeline and approval path; 404 to anyone not involved. */
export const GET = route<{ id: string }>(async (_req, { id }) => {
  const actor = await requireActor();
  return NextResponse.json(await getOrder(actor, id));
});
