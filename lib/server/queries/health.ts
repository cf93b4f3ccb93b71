import "server-only";
import { db } from "../db";

/** True when the database answers; used by the public health check. */
export async function databaseAnswers(): Promise<boolean> {
  try {
    await db.region.count();
    return true;
  } catch {
    return false;
  }
}
