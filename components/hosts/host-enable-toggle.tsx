"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { setHostEnabledAction } from "@/lib/server/actions/settings";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/empty-state";
import { notify } from "@/components/ui/toaster";

/** Disable a host for maintenance (with a reason the scheduler report will show) or enable it. */
export function HostEnableToggle({ id, name, enabled }: { id: string; name: string; enabled: boolean }) {
  const t = useTranslations("hosts");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const apply = () =>
    start(async () => {
      const res = await setHostEnabledAction({ id, enabled: !enabled, reason: reason || undefined });
      if (res.ok) {
        notify("success", t(enabled ? "disabledNotice" : "enabledNotice", { name }));
        setOpen(false);
        router.refresh();
      } else {
        notify("error", res.message);
        setError(res.message);
      }
    });
  return (
    <>
      <Button variant={enabled ? "danger" : "primary"} onClick={() => (setError(null), setOpen(true))}>
        {t(enabled ? "disable" : "enable")}
      </Button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={t(enabled ? "disableTitle" : "enableTitle", { name })}
        description={t(enabled ? "disableBody" : "enableBody")}
        footer={
          <>
            <Button onClick={() => setOpen(false)}>{t("cancel")}</Button>
            <Button variant="primary" disabled={pending} onClick={apply}>
              {t("confirm")}
            </Button>
          </>
        }
      >
        {enabled ? (
          <label className="block">
            <span className="mb-1 block text-xs text-slate-500">{t("reason")}</span>
            <input value={reason} maxLength={255} onChange={(e) => setReason(e.target.value)} className="h-8 w-full rounded-sm border border-slate-300 px-2" />
          </label>
        ) : null}
        {error ? <Alert>{error}</Alert> : null}
      </Dialog>
    </>
  );
}
