import { NextResponse } from "next/server";
import { volumeActionInput } from "@/lib/schemas/volumes";
import { requireActorWith } from "@/lib/server/auth/session";
import { attachVolume, createSnapshot, deleteVolume, detachVolume, extendVolume } from "@/lib/server/services/volumes";
import { readJson, route } from "@/lib/server/http";

/**
 * POST /api/v1/volumes/:id/action: 202 when queued, as Cinder's volume actions answer.
 *   {action: "attach", instanceId} -> {device} · {action: "detach"} · {action: "extend", sizeGb}
 *   {action: "snapshot", name} -> {id} · {action: "delete"}
 * Every service authorizes itself: evs:operate / evs:delete within scope, or evs:operate_all.
 */
export const POST = route<{ id: string }>(async (req, { id }) => {
  // evs:view here; each service checks evs:operate, evs:delete or evs:operate_all with the volume's scope.
  const actor = await requireActorWith("evs:view");
  const input = await readJson(req, volumeActionInput);
  switch (input.action) {
    case "attach":
      return NextResponse.json(await attachVolume(actor, id, input.instanceId), { status: 202 });
    case "detach":
      await detachVolume(actor, id);
      break;
    case "extend":
      await extendVolume(actor, id, input.sizeGb);
      break;
    case "snapshot":
      return NextResponse.json(await createSnapshot(actor, id, input.name), { status: 202 });
    case "delete":
      await deleteVolume(actor, id);
      break;
  }
  return new NextResponse(null, { status: 202 });
});
