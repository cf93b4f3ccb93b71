"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { QuotaRowDto } from "@/lib/server/queries/organizations";
import { setQuotaAction } from "@/lib/server/actions/organizations";
import { Button } from "@/components/ui/button";
import { CapacityBar } from "@/components/ui/capacity-bar";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/empty-state";
import { useServerAction } from "@/components/ui/use-server-action";

/** Quotas of one VDC in one region, with usage bars; editable by whoever governs the VDC's limits. */
export function QuotaTable({ vdcId, regionId, rows, canEdit }: { vdcId: string; regionId: string; rows: QuotaRowDto[]; canEdit: boolean }) {
  const t = useTranslations("org");
  const tq = useTranslations("quota.resources");
  const [editing, setEditing] = useState<QuotaRowDto | null>(null);
  const [value, setValue] = useState("");
  const { run, pending, error, reset } = useServerAction();
  const tf = useTranslations("feedback");
  const unlimited = (n: number) => (n === -1 ? t("unlimited") : String(n));
  return (
    <>
      <p className="mb-3 text-xs text-slate-500">{t("quotaRules")}</p>
      <table className="w-full text-left text-[13px]">
        <thead className="bg-slate-50 text-xs text-slate-600">
          <tr>
            <th className="px-3 py-2">{t("resource")}</th>
            <th className="px-3 py-2">{t("usage")}</th>
            <th className="px-3 py-2">{t("limit")}</th>
            <th className="px-3 py-2">{t("availableCol")}</th>
            {canEdit ? <th className="px-3 py-2" /> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.resource} className="border-t border-slate-100" data-testid={`quota-${r.resource}`}>
              <td className="px-3 py-2">{tq(r.resource)}</td>
              <td className="w-64 px-3 py-2">{r.limit === -1 ? <span className="tabular-nums">{r.used}</span> : <CapacityBar used={r.used} total={r.limit} detail={`${r.used} / ${r.limit}`} />}</td>
              <td className="px-3 py-2 tabular-nums">{unlimited(r.limit)}</td>
              <td className="px-3 py-2 tabular-nums">{r.available === null ? t("unlimited") : r.available}</td>
              {canEdit ? (
                <td className="px-3 py-2 text-right">
                  <Button size="sm" variant="link" onClick={() => (reset(), setValue(String(r.limit)), setEditing(r))} aria-label={t("editQuotaFor", { resource: tq(r.resource) })}>
                    {t("edit")}
                  </Button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      <Dialog
        open={editing !== null}
        onOpenChange={(o) => !o && setEditing(null)}
        title={editing ? t("editQuotaFor", { resource: tq(editing.resource) }) : ""}
        description={editing ? t("editQuotaHint", { used: editing.used }) : undefined}
        footer={
          <>
            <Button onClick={() => setEditing(null)}>{t("cancel")}</Button>
            <Button variant="primary" disabled={pending} onClick={() => editing && run(() => setQuotaAction({ vdcId, regionId, resource: editing.resource, limit: value }), () => setEditing(null), { success: tf("quotaSet", { resource: tq(editing.resource), name: regionId, limit: value }) })}>
              {t("save")}
            </Button>
          </>
        }
      >
        <label className="block">
          <span className="mb-1 block text-xs text-slate-600">{t("limitMinusOne")}</span>
          <input type="number" min={-1} value={value} onChange={(e) => setValue(e.target.value)} className="h-8 w-40 rounded-sm border border-slate-300 px-2" aria-label={t("limit")} />
        </label>
        {error ? <Alert>{error}</Alert> : null}
      </Dialog>
    </>
  );
}
