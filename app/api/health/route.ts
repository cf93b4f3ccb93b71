import { NextResponse } from "next/server";
import { databaseAnswers } from "@/lib/server/queries/health";

/** Liveness for load balancers and the e2e harness: the database answers. Public, reveals nothing. */
export async function GET() {
  const ok = await databaseAnswers();
  return NextResponse.json({ status: ok ? "ok" : "database unavailable" }, { status: ok ? 200 : 503 });
}
