import { notFound, redirect } from "next/navigation";
import type { Permission } from "@/lib/cloud/identity";
import { NotFoundError } from "@/lib/cloud/shared";
import { currentActor } from "@/lib/server/auth/session";
import type { Actor } from "@/lib/server/auth/actor";

/** Every page authorizes itself: signed in, else /login; holding the permission, else /forbidden. */
export async function pageActor(permission: Permission): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  if (!actor.permissions.has(permission)) redirect(`/forbidden?need=${encodeURIComponent(permission)}`);
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
