import { NextResponse, type NextRequest } from "next/server";
import { launchInput, listParams } from "@/lib/schemas/instances";
import { requireActor } from "@/lib/server/auth/session";
import { requirePermission } from "@/lib/server/auth/actor";
import { instancesByIds, listInstances } from "@/lib/server/queries/instances";
import { launchInstance } from "@/lib/server/services/instances";
import { errorResponse } from "@/lib/server/http";

/** GET /api/v1/instances?ids=a,b (fresh state for polling) or ?page&pageSize&sort&dir&q&status&az. */
export async function GET(req: NextRequest) {
  try {
    const actor = await requireActor();
    requirePermission(actor, "ecs:view");
    const sp = req.nextUrl.searchParams;
    const ids = sp.get("ids");
    if (ids !== null) return NextResponse.json({ instances: await instancesByIds(actor, ids.split(",").filter(Boolean)) });
    const params = listParams.parse(Object.fromEntries(sp));
    return NextResponse.json(await listInstances(actor, params));
  } catch (err) {
    return errorResponse(err);
  }
}

/** POST /api/v1/instances {name, az, flavorId, imageId}: launch; 201 with the id, or a coded error. */
export async function POST(req: NextRequest) {
  try {
    const actor = await requireActor();
    requirePermission(actor, "ecs:create");
    const input = launchInput.parse(await req.json());
    return NextResponse.json(await launchInstance(actor, input), { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
