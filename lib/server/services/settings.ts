import "server-only";
import type { CloudSettingsInput } from "@/lib/schemas/settings";
import { NotFoundError } from "@/lib/cloud/shared";
import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { advanceClock, setClockSpeed } from "./clock";

export async function updateCloudSettings(actor: Actor, input: CloudSettingsInput): Promise<void> {
  requirePermission(actor, "settings:edit");
  await db.cloudSettings.update({ where: { id: 1 }, data: input });
}

export async function updateClock(actor: Actor, input: { speed: number; advanceSeconds: number }): Promise<void> {
  requirePermission(actor, "clock:edit");
  await setClockSpeed(input.speed);
  if (input.advanceSeconds > 0) await advanceClock(input.advanceSeconds);
}

/** Disable a host (the scheduler's ComputeFilter then skips it) or enable it again. */
export async function setHostEnabled(actor: Actor, input: { id: string; enabled: boolean; reason?: string | undefined }): Promise<void> {
  requirePermission(actor, "host:manage");
  const res = await db.host.updateMany({
    where: { id: input.id },
    data: { enabled: input.enabled, disabledReason: input.enabled ? null : input.reason || null },
  });
  if (res.count !== 1) throw new NotFoundError("host", input.id);
}
