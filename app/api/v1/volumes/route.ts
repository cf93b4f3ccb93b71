import { NextResponse } from "next/server";
import { createVolumeInput, volumeIdsParam, volumeListParams } from "@/lib/schemas/volumes";
import { requireActorWith } from "@/lib/server/auth/session";
import { listVolumes, volumesByIds } from "@/lib/server/queries/volumes";
import { createVolumes } from "@/lib/server/services/volumes";
import { readJson, route } from "@/lib/server/http";

/** GET /api/v1/volumes?ids=a,b (fresh state for polling) or ?page&pageSize&sort&dir&q&status&az. */
export const GET = route(async (req) => {
  const actor = await requireActorWith("evs:view");
  const sp = new URL(req.url).searchParams;
  const ids = sp.get("ids");
  if (ids !== null) return NextResponse.json({ volumes: await volumesByIds(actor, volumeIdsParam.parse(ids)) });
  return NextResponse.json(await listVolumes(actor, volumeListParams.parse(Object.fromEntries(sp))));
});

/** POST /api/v1/volumes {name, az, volumeTypeId, sizeGb, count?, projectId?}: 201 with the ids, or a coded error. */
export const POST = route(async (req) => {
  const actor = await requireActorWith("evs:create");
  return NextResponse.json(await createVolumes(actor, await readJson(req, createVolumeInput)), { status: 201 });
});
