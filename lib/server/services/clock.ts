import "server-only";
import { addSeconds, cloudTimeAt } from "@/lib/cloud/shared";
import { db, type Tx } from "../db";
import { clockSpeedFromEnv } from "../env";

type Anchor = { simAnchor: Date; wallAnchor: Date; speed: number };

// The anchor changes only when an operator changes speed or moves time, so a short cache saves
// a query per request without letting processes disagree for long.
let cached: { anchor: Anchor; readAt: number } | null = null;
const CACHE_MS = 1000;

async function readAnchor(client: Tx | typeof db = db): Promise<Anchor> {
  const wall = Date.now();
  if (cached && wall - cached.readAt < CACHE_MS) return cached.anchor;
  let row = await client.cloudClock.findUnique({ where: { id: 1 } });
  if (!row) {
    const now = new Date(wall);
    row = await client.cloudClock.upsert({
      where: { id: 1 },
      create: { id: 1, simAnchor: now, wallAnchor: now, speed: clockSpeedFromEnv() ?? 1 },
      update: {},
    });
  }
  cached = { anchor: row, readAt: wall };
  return row;
}

export async function cloudNow(): Promise<Date> {
  return cloudTimeAt(await readAnchor(), new Date());
}

export async function clockState(): Promise<{ now: Date; speed: number }> {
  const anchor = await readAnchor();
  return { now: cloudTimeAt(anchor, new Date()), speed: anchor.speed };
}

/** Re-anchor at the current cloud time so time never jumps when the speed changes. */
export async function setClockSpeed(speed: number): Promise<void> {
  const anchor = await readAnchor();
  const wall = new Date();
  await db.cloudClock.update({ where: { id: 1 }, data: { simAnchor: cloudTimeAt(anchor, wall), wallAnchor: wall, speed } });
  cached = null;
}

/** Move cloud time forward (operators and tests: "let the clock pass the timeout"). */
export async function advanceClock(seconds: number): Promise<void> {
  const anchor = await readAnchor();
  const wall = new Date();
  await db.cloudClock.update({ where: { id: 1 }, data: { simAnchor: addSeconds(cloudTimeAt(anchor, wall), seconds), wallAnchor: wall } });
  cached = null;
}

/** At server start: apply CLOUD_CLOCK_SPEED from the environment if it differs. */
export async function applyEnvClockSpeed(): Promise<void> {
  const speed = clockSpeedFromEnv();
  if (speed === null) return;
  cached = null;
  const anchor = await readAnchor();
  if (anchor.speed !== speed) await setClockSpeed(speed);
}
