import "server-only";
import { LOGIN_RATE_WINDOW_MINUTES } from "@/lib/cloud/identity";
import type { Db } from "../db";

// Failure counters for sign-in, claimed with conditional updates so that parallel attempts can
// never take more slots than the limit: the claim is taken before a password is compared.

export interface ThrottleClaim {
  key: string;
  claimed: boolean;
  /** This refusal is the first of its window (record it once, not on every refused attempt). */
  firstRefusal: boolean;
}

function ignoreDuplicate(err: unknown): void {
  if ((err as { code?: string }).code !== "P2002") throw err;
}

async function claimOne(client: Db, key: string, limit: number, now: Date): Promise<ThrottleClaim> {
  const cutoff = new Date(now.getTime() - LOGIN_RATE_WINDOW_MINUTES * 60_000);
  // The row exists from the first attempt on; a concurrent creation of the same key is a no-op.
  if (!(await client.loginThrottle.findUnique({ where: { key }, select: { key: true } }))) await client.loginThrottle.create({ data: { key, windowStart: now } }).catch(ignoreDuplicate);
  // A window that has run out starts again; only one of several concurrent resets can match.
  await client.loginThrottle.updateMany({ where: { key, windowStart: { lte: cutoff } }, data: { windowStart: now, failures: 0, trippedAt: null } });
  const { count } = await client.loginThrottle.updateMany({ where: { key, failures: { lt: limit } }, data: { failures: { increment: 1 } } });
  if (count === 1) return { key, claimed: true, firstRefusal: false };
  const tripped = await client.loginThrottle.updateMany({ where: { key, trippedAt: null }, data: { trippedAt: now } });
  return { key, claimed: false, firstRefusal: tripped.count === 1 };
}

/** Take one failure slot on every key, or none: a refused key gives back the others' slots. */
export async function claimLoginSlots(client: Db, keys: readonly { key: string; limit: number }[], now: Date): Promise<{ ok: boolean; firstRefusal: boolean }> {
  const claims: ThrottleClaim[] = [];
  for (const k of keys) claims.push(await claimOne(client, k.key, k.limit, now));
  if (claims.every((c) => c.claimed)) return { ok: true, firstRefusal: false };
  await releaseLoginSlots(client, claims.filter((c) => c.claimed).map((c) => c.key));
  return { ok: false, firstRefusal: claims.some((c) => c.firstRefusal) };
}

/** A successful sign-in was not a failure: give its slots back. */
export async function releaseLoginSlots(client: Db, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await client.loginThrottle.updateMany({ where: { key: { in: [...keys] }, failures: { gt: 0 } }, data: { failures: { decrement: 1 } } });
}
