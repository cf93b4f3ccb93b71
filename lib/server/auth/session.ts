import "server-only";
import type { Session } from "next-auth";
import { headers } from "next/headers";
import { cache } from "react";
import { ForbiddenError } from "@/lib/cloud/shared";
import type { Permission } from "@/lib/cloud/identity";
import { db } from "../db";
import type { UserSession } from "@/lib/generated/prisma/client";
import { findRow } from "../repositories/sql";
import { auth } from "./index";
import { loadActor, type Actor } from "./actor";
import { clientAddress } from "../client-address";

import { UnauthenticatedError } from "./unauthenticated";

export { UnauthenticatedError };

/** The signed-in caller for this request, loaded once per request; null when signed out. */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = (await auth()) as (Session & { sid?: string }) | null;
  const uid = session?.user?.id;
  const sid = session?.sid;
  if (!uid || !sid) return null;
  const live = await findRow<UserSession>(db, "UserSession", { id: sid, userId: uid, revokedAt: null });
  if (!live) return null;
  const actor = await loadActor(db, uid);
  if (!actor) return null;
  return { ...actor, sourceIp: clientAddress(await headers()) };
});


export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) throw new UnauthenticatedError();
  return actor;
}

/** For pages, actions and route handlers: signed in and holding the permission, or refused. */
export async function requireActorWith(permission: Permission): Promise<Actor> {
  const actor = await requireActor();
  if (!actor.permissions.has(permission)) throw new ForbiddenError(permission);
  return actor;
}
