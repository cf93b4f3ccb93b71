// The core never reads the wall clock: callers hand it the cloud time. This keeps every
// behaviour deterministic and lets tests (and operators) move time at will.
export interface Clock {
  now(): Date;
}

/** Cloud time from stored anchors: simAnchor + (wall - wallAnchor) x speed. */
export function cloudTimeAt(anchor: { simAnchor: Date; wallAnchor: Date; speed: number }, wall: Date): Date {
  return new Date(anchor.simAnchor.getTime() + (wall.getTime() - anchor.wallAnchor.getTime()) * anchor.speed);
}

export function addSeconds(d: Date, seconds: number): Date {
  return new Date(d.getTime() + seconds * 1000);
}
