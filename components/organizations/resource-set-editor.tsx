"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { setResourceSetAction } from "@/lib/server/actions/organizations";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/empty-state";
import { Tag } from "@/components/ui/status-badge";
import { useServerAction } from "@/components/ui/use-server-action";

/** Which AZs of a region the VDC may use; none means it can order nothing in the region. */
export function ResourceSetEditor({ vdcId, regionId, regionName, azs, current, canEdit }: { vdcId: string; regionId: string; regionName: string; azs: { id: string; name: string }[]; current: string[] | null; canEdit: boolean }) {
  const t = useTranslations("org");
  const [azIds, setAzIds] = useState<string[]>(current ?? []);
  const { run, pending, error } = useServerAction();
  const tf = useTranslations("feedback");
  return (
    <div className="rounded-sm border border-slate-200 p-3" data-testid={`resource-set-${regionId}`}>
      <div className="mb-2 font-medium">{regionName}</div>
      {current === null ? <p className="mb-2 text-xs text-amber-700">{t("noResourceSet")}</p> : null}
      {canEdit ? (
        <div className="flex flex-wrap items-center gap-3">
          {azs.map((a) => (
            <label key={a.id} className="flex items-center gap-1.5">
              <input type="checkbox" checked={azIds.includes(a.id)} onChange={(e) => setAzIds((cur) => (e.target.checked ? [...cur, a.id] : cur.filter((x) => x !== a.id)))} />
              {a.name}
            </label>
          ))}
          <Button size="sm" variant="primary" disabled={pending} onClick={() => run(() => setResourceSetAction({ vdcId, regionId, azIds }), undefined, { success: tf("resourceSetSaved", { name: regionName }) })}>
            {t("save")}
          </Button>
        </div>
      ) : (
        <div className="flex gap-1">{(current ?? []).map((a) => <Tag key={a}>{a}</Tag>)}</div>
      )}
      {error ? <div className="mt-2"><Alert>{error}</Alert></div> : null}
    </div>
  );
}
