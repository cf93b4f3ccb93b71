import { forbidden, notFound, redirect } from "next/navigation";
import type { z } from "zod";
import type { Permission, Portal } from "@/lib/cloud/identity";
import { NotFoundError } from "@/lib/cloud/shared";
import { currentActor } from "@/lib/server/auth/session";
import type { Actor } from "@/lib/server/auth/actor";

/**
 * Every page authorizes itself, whatever its layout did: signed in (else /login), holding its
 * portal and the page's permission (else 403, before anything is read). The layout's own check
 * cannot stop a page from rendering its data into the payload; this does.
 */
export async function pageActor(portal: Portal, permission: Permission | readonly Permission[]): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  // Several permissions: any one opens the page (the page then shows what each allows).
  const any = typeof permission === "string" ? [permission] : permission;
  if (!actor.permissions.has(`portal:${portal}`) || !any.some((p) => actor.permissions.has(p))) forbidden();
  return actor;
}

/** Another tenant's id, or one that never existed, is the same 404. */
export async function orNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
}

/**
 * A page's search parameters through its schema. A value the schema refuses (a page "abc", a
 * sort "__proto__") is dropped and its default used: a hand-edited URL shows the list, not an error.
 */
export function searchParamsOf<S extends z.ZodType>(schema: S, raw: Record<string, string | string[] | undefined>): z.output<S> {
  const flat = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const first = schema.safeParse(flat);
  if (first.success) return first.data;
  for (const issue of first.error.issues) delete flat[String(issue.path[0])];
  return schema.parse(flat);
}
