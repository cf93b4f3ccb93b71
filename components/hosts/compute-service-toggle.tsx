"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { setComputeServiceAction } from "@/lib/server/actions/settings";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useServerAction } from "@/components/ui/use-server-action";

/** A failure drill: stop (or start again) the emulated compute service of a host. */
export function ComputeServiceToggle({ id, name, running }: { id: string; name: string; running: boolean }) {
  const t = useTranslations("hosts");
  const [open, setOpen] = useState(false);
  const { run, pending, error, reset } = useServerAction();
  const tf = useTranslations("feedback");
  return (
    <>
      <Button onClick={() => (reset(), setOpen(true))}>{t(running ? "stopService" : "startService")}</Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={t(running ? "stopServiceTitle" : "startServiceTitle", { name })}
        description={t(running ? "stopServiceBody" : "startServiceBody")}
        cancelLabel={t("cancel")}
        confirmLabel={t("confirm")}
        pending={pending}
        error={error}
        onConfirm={() => run(() => setComputeServiceAction({ id, running: !running }), () => setOpen(false), { success: tf(running ? "serviceStopped" : "serviceStarted", { name }) })}
      />
    </>
  );
}
