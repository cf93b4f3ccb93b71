import { NextResponse } from "next/server";
import { z } from "zod";
import { requireActorWith } from "@/lib/server/auth/session";
import { decideOrder } from "@/lib/server/services/orders";
import { readJson, route } from "@/lib/server/http";

const body = z.object({ verdict: z.enum(["approve", "reject"]), comment: z.string().trim().max(500).optional() });

/** POST /api/v1/orders/:id/decision {verdict, comment?}: 200 {transition}; a repeat answers "none". */
export const POST = route<{ id: string }>(async (req, { id }) => {
  const actor = await requireActorWith("order:approve");
  const input = await readJson(req, body);
  return NextResponse.json(await decideOrder(actor, z.string().uuid().parse(id), input.verdict, input.comment));
});
