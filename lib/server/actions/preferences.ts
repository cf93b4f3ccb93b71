"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { isTimeZone } from "@/lib/client/time";
import { setMyTimeZone } from "../services/preferences";
import { requireActor } from "../auth/session";
import { toActionError, type ActionResult } from "./result";

const timeZoneInput = z.object({
  /** An IANA zone, or null for "the browser's". */
  timeZone: z.string().trim().max(64).refine(isTimeZone, { message: "time_zone_invalid" }).nullable(),
});

/**
 * The caller's own display preference. Authorization: being signed in is the whole of it, as for
 * signing out: no permission is needed to change one's own time zone, and nobody else's can be
 * changed (the user id comes from the session, never from the input). Not audited: it changes
 * how the console shows times to this user, nothing of the cloud.
 */
export async function setTimeZoneAction(raw: unknown): Promise<ActionResult<{ timeZone: string | null }>> {
  let actor = null;
  try {
    actor = await requireActor();
    const { timeZone } = timeZoneInput.parse(raw);
    await setMyTimeZone(actor, timeZone);
    revalidatePath("/", "layout");
    return { ok: true, data: { timeZone } };
  } catch (err) {
    return toActionError(err, actor);
  }
}
