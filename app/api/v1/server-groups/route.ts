import { NextResponse } from "next/server";
import { serverGroupInput } from "@/lib/schemas/instances";
import { requireActor } from "@/lib/server/auth/session";
import { listServerGroups } from "@/lib/server/queries/server-groups";
import { createServerGroup } from "@/lib/server/services/server-groups";
import { errorResponse } from "@/lib/server/http";

/** GET /api/v1/server-groups: the caller's projects' groups with their members. */
export async function GET() {
  try {
    const actor = await requireActor();
    return NextResponse.json({ serverGroups: await listServerGroups(actor) });
  } catch (err) {
    return errorResponse(err);
  }
}

/** POST /api/v1/server-groups {name, policy: affinity|anti-affinity}: 201 with the id. */
export async function POST(req: Request) {
  try {
    const actor = await requireActor();
    const input = serverGroupInput.parse(await req.json());
    return NextResponse.json(await createServerGroup(actor, input), { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
