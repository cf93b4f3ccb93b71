import { auditFilters } from "@/lib/schemas/organizations";
import { requireActorWith } from "@/lib/server/auth/session";
import { auditCsv } from "@/lib/server/queries/organizations";
import { route } from "@/lib/server/http";

/** GET /api/v1/audit/export?action&actor&result&from&to: the caller's visible audit entries as CSV. */
export const GET = route(async (req) => {
  const actor = await requireActorWith("audit:view");
  const csv = await auditCsv(actor, auditFilters.parse(Object.fromEntries(new URL(req.url).searchParams)));
  return new Response(csv, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="audit-log.csv"`, "cache-control": "no-store" },
  });
});
