import { NotFoundError } from "@/lib/cloud/shared";
import { requireActorWith } from "@/lib/server/auth/session";
import { isListName, LIST_EXPORTS } from "@/lib/server/exports";
import { route } from "@/lib/server/http";

/**
 * GET /api/v1/export/{list}?<the list's filters, search and sort>: the list as CSV, with the
 * caller's scope and the list's own permission, exactly as the page shows it.
 */
export const GET = route<{ list: string }>(async (req, { list }) => {
  if (!isListName(list)) throw new NotFoundError("list", list);
  const e = LIST_EXPORTS[list];
  const actor = await requireActorWith(e.permission);
  const csv = await e.csv(actor, Object.fromEntries(new URL(req.url).searchParams));
  return new Response(csv, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${list}.csv"`, "cache-control": "no-store" },
  });
});
