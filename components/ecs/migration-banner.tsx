"use client";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import type { PendingMigrationDto } from "@/lib/server/queries/instances";
import { instanceAction } from "@/lib/server/actions/instances";
import { formatInZone } from "@/lib/client/time";
import { useTimeZone } from "@/components/ui/time";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/empty-state";
import { notify } from "@/components/ui/toaster";

/**
 * A resize or migration in flight, or waiting in VERIFY_RESIZE: what changes, where (for
 * operators), when it will be confirmed on its own, and the two ways out.
 */
export function MigrationBanner({ migration: m, id, canConfirm, canRevert, onDone }: { migration: PendingMigrationDto; id: string; canConfirm: boolean; canRevert: boolean; onDone: () => void }) {
  const t = useTranslations("ecs.migration");
  const { zone } = useTimeZone();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const ta = useTranslations("ecs.actions");
  const run = (action: "confirm_resize" | "revert_resize") =>
    start(async () => {
      setError(null);
      const res = await instanceAction({ id, action });
      if (res.ok) {
        notify("success", ta("done.requested", { action: ta(action), name: m.newFlavor }));
        onDone();
      } else {
        setError(res.message);
        notify("error", res.message);
      }
    });
  const hosts = m.source && m.dest ? t("hosts", { source: m.source, dest: m.dest }) : "";
  return (
    <div className="space-y-2 rounded-sm border border-amber-200 bg-amber-50 px-3 py-2 text-[13px] text-amber-900" data-testid="migration-banner">
      <div>
        {t(`${m.type}.${m.status === "finished" ? "verify" : "running"}`, { from: m.oldFlavor, to: m.newFlavor })} {hosts}
      </div>
      {m.status === "finished" ? (
        <div className="flex items-center gap-3">
          <Button size="sm" variant="primary" disabled={!canConfirm || pending} onClick={() => run("confirm_resize")}>
            {t("confirm")}
          </Button>
          <Button size="sm" disabled={!canRevert || pending} onClick={() => run("revert_resize")}>
            {t("revert")}
          </Button>
          {m.autoConfirmAt ? <span className="text-xs text-amber-800">{t("autoConfirmAt", { at: formatInZone(m.autoConfirmAt, zone) })}</span> : null}
        </div>
      ) : null}
      {error ? <Alert>{error}</Alert> : null}
    </div>
  );
}
