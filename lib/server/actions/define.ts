import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { requireActor } from "../auth/session";
import type { Actor } from "../auth/actor";
import { toActionError, type ActionResult } from "./result";

/**
 * A server action's frame, in one place: authenticate, validate the input with its schema, run
 * the service (which authorizes itself: permission and scope), refresh the pages it changes, and
 * turn any refusal into a translated result. The caller is known before the input is read, so an
 * anonymous caller learns nothing about what a valid request looks like.
 */
export function defineAction<S extends z.ZodType, T>(schema: S, run: (actor: Actor, input: z.output<S>) => Promise<T>, revalidate: readonly string[] = []): (raw: unknown) => Promise<ActionResult<T>> {
  return async (raw: unknown) => {
    try {
      const actor = await requireActor();
      const data = await run(actor, schema.parse(raw));
      for (const path of revalidate) revalidatePath(path);
      return { ok: true, data };
    } catch (err) {
      return toActionError(err);
    }
  };
}
