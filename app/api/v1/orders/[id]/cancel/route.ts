import { NextResponse } from "next/server";
import { z } from "zod";
import { requireActor } from "@/lib/server/auth/session";
import { cancelOrder } from "@/lib/server/services/orders";
import { route } from "@/lib/server/http";

/** POST /api/v1/orders/:id/cancel: the applicant withdraws a pending order; its quota is given back. */
export const POST = route<{ id: string }>(async (_req, { id }) => {
  const actor = await requireActor();
  await cancelOrder(actor, z.string().uuid().parse(id));
  return NextResponse.json({ cancelled: true });
});
