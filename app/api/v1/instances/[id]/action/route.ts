import { NextResponse } from "next/server";
import { z } from "zod";
import { SIMPLE_ACTIONS } from "@/lib/cloud/compute/instance-states";
import { instanceActionInput, moveInput, rebuildInput, resizeInput, snapshotInput } from "@/lib/schemas/instances";
import { requireActorWith } from "@/lib/server/auth/session";
import { requestInstanceAction } from "@/lib/server/services/instances";
import { evacuateInstance, migrateInstance, rebuildInstance, resizeInstance, snapshotInstance } from "@/lib/server/services/instance-ops";
import { readJson, route } from "@/lib/server/http";

const body = z.object({ action: z.string().min(1).max(40) }).passthrough();

/**
 * POST /api/v1/instances/:id/action: 202 when queued, as Nova's server actions answer.
 *   {action: stop|start|reboot|reboot_hard|pause|unpause|suspend|resume|lock|unlock|confirm_resize|revert_resize|delete}
 *   {action: "resize", flavorId} · {action: "migrate" | "evacuate", host?} · {action: "rebuild", imageId}
 *   {action: "snapshot", name} -> {imageId}
 * Every service authorizes itself: ecs:operate / ecs:delete within scope, or ecs:operate_all.
 */
export const POST = route<{ id: string }>(async (req, { id }) => {
  // ecs:view here; each service checks ecs:operate, ecs:delete or ecs:operate_all with the instance's scope.
  const actor = await requireActorWith("ecs:view");
  const { action, ...rest } = await readJson(req, body);
  const args = { ...rest, id };
  switch (action) {
    case "resize": {
      const input = resizeInput.parse(args);
      await resizeInstance(actor, input.id, input.flavorId);
      break;
    }
    case "migrate":
    case "evacuate": {
      const input = moveInput.parse(args);
      await (action === "migrate" ? migrateInstance : evacuateInstance)(actor, input.id, input.host);
      break;
    }
    case "rebuild": {
      const input = rebuildInput.parse(args);
      await rebuildInstance(actor, input.id, input.imageId);
      break;
    }
    case "snapshot": {
      const input = snapshotInput.parse(args);
      return NextResponse.json({ accepted: true, ...(await snapshotInstance(actor, input.id, input.name)) }, { status: 202 });
    }
    default: {
      const input = instanceActionInput.parse({ id, action: (SIMPLE_ACTIONS as readonly string[]).includes(action) ? action : `unknown:${action}` });
      await requestInstanceAction(actor, input.id, input.action);
    }
  }
  return NextResponse.json({ accepted: true }, { status: 202 });
});
