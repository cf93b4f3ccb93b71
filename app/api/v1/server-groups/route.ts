import { NextResponse } from "next/server";
import { serverGroupInput } from "@/lib/schemas/instances";
import { requireActorWith } from "@/lib/server/auth/session";
import { listServerGroups } from "@/lib/server/queries/server-groups";
import { createServerGroup } from "@/lib/server/services/server-groups";
import { readJson, route } from "@/lib/server/http";

/** GET /api/v1/server-groups: the caller's projects' groups with their members. */
export const GET = route(async () => {
  const actor = await requireActorWith("ecs:view");
  return NextResponse.json({ serverGroups: await listServerGroups(actor) });
});

/** POST /api/v1/server-groups {name, policy: affinity|anti-affinity}: 201 with the id. */
export const POST = route(async (req) => {
  const actor = await requireActorWith("ecs:create");
  return NextResponse.json(await createServerGroup(actor, await readJson(req, serverGroupInput)), { status: 201 });
});
