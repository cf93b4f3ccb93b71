import { NextResponse } from "next/server";
import { db } from "@/lib/server/db";

/** Liveness for load balancers and the e2e harness: the database answers. Public, reveals nothing. */
export async function GET() {
  await db.region.count();
  return NextResponse.json({ status: "ok" });
}
