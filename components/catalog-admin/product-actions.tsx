"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { setProcessOverrideAction, setProductPublishedAction } from "@/lib/server/actions/catalog-admin";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Alert } from "@/components/ui/empty-state";
import { SelectField } from "@/components/ui/field";
import { useServerAction } from "@/components/organizations/use-action";

/** Publish at once; unpublish after a confirmation that says what it does not touch. */
export function PublishToggle({ id, name, published }: { id: string; name: string; published: boolean }) {
  const t = useTranslations("products");
  const [open, setOpen] = useState(false);
  const { run, pending, error } = useServerAction();
  if (!published)
    return (
      <span className="inline-flex flex-col">
        <Button size="sm" variant="link" disabled={pending} onClick={() => run(() => setProductPublishedAction({ id, published: true }))} aria-label={t("publishFor", { name })}>
          {t("publish")}
        </Button>
        {error ? <span className="text-xs text-red-600">{error}</span> : null}
      </span>
    );
  return (
    <>
      <Button size="sm" variant="link" onClick={() => setOpen(true)} aria-label={t("unpublishFor", { name })}>
        {t("unpublish")}
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={t("unpublishFor", { name })}
        description={t("unpublishHint")}
        cancelLabel={t("cancel")}
        confirmLabel={t("unpublish")}
        pending={pending}
        error={error}
        onConfirm={() => run(() => setProductPublishedAction({ id, published: false }), () => setOpen(false))}
      />
    </>
  );
}

/**
 * Per-VDC process overrides of one product: orders from the VDC's subtree use the override on
 * the nearest VDC of their chain. Processes offered are the published ones the caller may see.
 */
export function OverrideEditor({ productId, vdcs, processes }: { productId: string; vdcs: { id: string; name: string }[]; processes: { id: string; name: string; ownerVdcId: string | null }[] }) {
  const t = useTranslations("products.overrides");
  const [vdcId, setVdcId] = useState("");
  const [processId, setProcessId] = useState("");
  const { run, pending, error } = useServerAction();
  return (
    <div className="flex flex-wrap items-end gap-2">
      <div className="w-56">
        <SelectField label={t("vdc")} value={vdcId} onChange={setVdcId}>
          <option value="">{t("chooseVdc")}</option>
          {vdcs.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="w-64">
        <SelectField label={t("process")} value={processId} onChange={setProcessId}>
          <option value="">{t("chooseProcess")}</option>
          {processes.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
      </div>
      <Button variant="primary" disabled={pending || !vdcId || !processId} onClick={() => run(() => setProcessOverrideAction({ productId, vdcId, processId }), () => (setVdcId(""), setProcessId("")))}>
        {t("save")}
      </Button>
      {error ? (
        <div className="w-full">
          <Alert>{error}</Alert>
        </div>
      ) : null}
    </div>
  );
}

export function RemoveOverrideButton({ productId, vdcId, vdc }: { productId: string; vdcId: string; vdc: string }) {
  const t = useTranslations("products.overrides");
  const { run, pending, error } = useServerAction();
  return (
    <span className="inline-flex flex-col">
      <Button size="sm" variant="link" disabled={pending} onClick={() => run(() => setProcessOverrideAction({ productId, vdcId, processId: null }))} aria-label={t("removeFor", { vdc })}>
        {t("remove")}
      </Button>
      {error ? <span className="text-xs text-red-600">{error}</span> : null}
    </span>
  );
}
