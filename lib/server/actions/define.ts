import "server-only";
import { DomainError } from "@/lib/cloud/shared";
import { holdsNul } from "../read-json";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import type { Permission } from "@/lib/cloud/identity";
import { requireActorWith } from "../auth/session";
import type { Actor } from "../auth/actor";
import { toActionError, type ActionResult } from "./result";

/** A page to refresh after the action, or a layout with every page under it. */
export type Revalidate = string | readonly [string, "layout" | "page"];

/**
 * A server action's frame, in one place: authenticate and check the action's permission, validate
 * the input with its schema, run the service (which checks permission again, with the caller's
 * scope), refresh the pages it changes, and turn any refusal into a translated result. The caller
 * is authorized before the input is read, so a stranger learns nothing about a valid request.
 */
export function defineAction<S extends z.ZodType, T>(permission: Permission, schema: S, run: (actor: Actor, input: z.output<S>) => Promise<T>, revalidate: readonly Revalidate[] = []): (raw: unknown) => Promise<ActionResult<T>> {
  return async (raw: unknown) => {
    let actor: Actor | null = null;
    try {
      actor = await requireActorWith(permission);
      // As every JSON route refuses it (read-json.ts): no database keeps a NUL character in text.
      if (holdsNul(raw)) throw new DomainError("INVALID_INPUT", "NUL character", { reason: "nul_character" });
      const data = await run(actor, schema.parse(raw));
      for (const path of revalidate) if (typeof path === "string") revalidatePath(path);
      else revalidatePath(path[0], path[1]);
      return { ok: true, data };
    } catch (err) {
      return toActionError(err, actor);
    }
  };
}
