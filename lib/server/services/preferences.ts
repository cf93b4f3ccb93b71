import "server-only";
import { db } from "../db";
import type { Actor } from "../auth/actor";

/** The caller's own time zone (null: the browser's); always the session's user, never another. */
export async function setMyTimeZone(actor: Actor, timeZone: string | null): Promise<void> {
  await db.user.update({ where: { id: actor.userId }, data: { timeZone } });
}
