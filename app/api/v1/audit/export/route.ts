import type { NextRequest } from "next/server";
import { auditFilters } from "@/lib/schemas/organizations";
import { requireActor } from "@/lib/server/auth/session";
import { requirePermission } from "@/lib/server/auth/actor";
import { auditCsv } from "@/lib/server/queries/organizations";
import { errorResponse } from "@/lib/server/http";

/** GET /api/v1/audit/export?action&actor&result&from&to: the caller's visible audit entries as CSV. */
export async function GET(req: NextRequest) {
  try {
    const actor = await requireActor();
    requirePermission(actor, "audit:view");
    const filters = auditFilters.parse(Object.fromEntries(req.nextUrl.searchParams));
    const csv = await auditCsv(actor, filters);
    return new Response(csv, {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="audit-log.csv"`, "cache-control": "no-store" },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
