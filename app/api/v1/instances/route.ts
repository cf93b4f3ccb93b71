import { NextResponse } from "next/server";
import { instanceIdsParam, launchInput, listParams } from "@/lib/schemas/instances";
import { requireActorWith } from "@/lib/server/auth/session";
import { instancesByIds, listInstances } from "@/lib/server/queries/instances";
import { launchInstance } from "@/lib/server/services/instances";
import { readJson, route } from "@/lib/server/http";

/** GET /api/v1/instances?ids=a,b (fresh state for polling) or ?page&pageSize&sort&dir&q&status&az. */
export const GET = route(async (req) => {
  const actor = await requireActorWith("ecs:view");
  const sp = new URL(req.url).searchParams;
  const ids = sp.get("ids");
  if (ids !== null) return NextResponse.json({ instances: await instancesByIds(actor, instanceIdsParam.parse(ids)) });
  return NextResponse.json(await listInstances(actor, listParams.parse(Object.fromEntries(sp))));
});

/** POST /api/v1/instances {name, az, flavorId, imageId}: launch; 201 with the id, or a coded error. */
export const POST = route(async (req) => {
  const actor = await requireActorWith("ecs:create");
  return NextResponse.json(await launchInstance(actor, await readJson(req, launchInput)), { status: 201 });
});
