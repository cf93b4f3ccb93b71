"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { evacuateHostAction } from "@/lib/server/actions/instances";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Alert } from "@/components/ui/empty-state";
import { useServerAction } from "@/components/ui/use-server-action";

/**
 * Evacuate every instance of a host whose compute service is down: each is rebuilt on a host the
 * scheduler picks. Offered only while the host is down, as Nova refuses otherwise.
 */
export function EvacuateHostButton({ id, name, instances }: { id: string; name: string; instances: number }) {
  const t = useTranslations("hosts.evacuate");
  const [open, setOpen] = useState(false);
  const [summary, setSummary] = useState<string | null>(null);
  const { run, pending, error, reset } = useServerAction();
  return (
    <>
      <Button variant="danger" disabled={instances === 0} onClick={() => (reset(), setSummary(null), setOpen(true))}>
        {t("button")}
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={t("title", { name })}
        description={t("body", { n: instances })}
        cancelLabel={t("cancel")}
        confirmLabel={t("confirm")}
        pending={pending}
        confirmDisabled={summary !== null}
        error={error}
        onConfirm={() =>
          run(async () => {
            const res = await evacuateHostAction({ id });
            if (res.ok) setSummary(res.data.refused.length ? t("partial", { queued: res.data.queued, refused: res.data.refused.map((r) => r.name).join(", ") }) : t("done", { queued: res.data.queued }));
            return res;
          }, undefined, { success: (d) => (d && d.refused.length ? t("partial", { queued: d.queued, refused: d.refused.map((r) => r.name).join(", ") }) : t("done", { queued: d?.queued ?? 0 })) })
        }
      >
        {summary ? <Alert tone="info">{summary}</Alert> : null}
      </ConfirmDialog>
    </>
  );
}
