"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { setProcessOverrideAction, setProductPublishedAction } from "@/lib/server/actions/catalog-admin";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { Alert } from "@/components/ui/empty-state";
import { asOptions, SelectField } from "@/components/ui/field";
import { vdcLabel } from "@/lib/client/format";
import { useServerAction } from "@/components/ui/use-server-action";
import { useFeedback } from "@/components/ui/feedback";

/** Publish at once; unpublish after a confirmation that says what it does not touch. */
export function PublishToggle({ id, name, published }: { id: string; name: string; published: boolean }) {
  const t = useTranslations("products");
  const { run, pending, error } = useServerAction();
  const done = useFeedback();
  if (published)
    return (
      <ConfirmButton
        look="link"
        label={t("unpublish")}
        ariaLabel={t("unpublishFor", { name })}
        title={t("unpublishFor", { name })}
        description={t("unpublishHint")}
        cancelLabel={t("cancel")}
        confirmLabel={t("unpublish")}
        action={() => setProductPublishedAction({ id, published: false })}
        success={done("unpublished", "product", name)}
      />
    );
  return (
    <span className="inline-flex flex-col">
      <Button size="sm" variant="link" disabled={pending} onClick={() => run(() => setProductPublishedAction({ id, published: true }), undefined, { success: done("published", "product", name) })} aria-label={t("publishFor", { name })}>
        {t("publish")}
      </Button>
      {error ? <span className="text-xs text-red-600">{error}</span> : null}
    </span>
  );
}

type Option = { id: string; name: string };

/**
 * Set a per-VDC process override: orders of the product from the VDC's subtree use the override
 * on the nearest VDC of their chain. Drawn on a product's page (choose VDC and process) and on a
 * process's page (choose product and VDC): give either `productId` or `processId`.
 */
export function OverrideEditor(props: { vdcs: (Option & { level: number })[] } & ({ productId: string; processes: Option[] } | { processId: string; products: Option[] })) {
  const t = useTranslations("products.overrides");
  const [vdcId, setVdcId] = useState("");
  const [other, setOther] = useState("");
  const { run, pending, error } = useServerAction();
  const tf = useTranslations("feedback");
  const byProduct = "productId" in props;
  const input = byProduct ? { productId: props.productId, vdcId, processId: other } : { productId: other, vdcId, processId: props.processId };
  const options = byProduct ? props.processes : props.products;
  const otherSelect = (
    <div className="w-64">
      <SelectField label={byProduct ? t("process") : t("product")} value={other} onChange={setOther} placeholder={byProduct ? t("chooseProcess") : t("chooseProduct")} options={asOptions(options)} />
    </div>
  );
  return (
    <div className="flex flex-wrap items-end gap-2">
      {!byProduct ? otherSelect : null}
      <div className="w-56">
        <SelectField label={t("vdc")} value={vdcId} onChange={setVdcId} placeholder={t("chooseVdc")} options={props.vdcs.map((v) => ({ value: v.id, label: vdcLabel(v) }))} />
      </div>
      {byProduct ? otherSelect : null}
      <Button variant="primary" disabled={pending || !vdcId || !other} onClick={() => run(() => setProcessOverrideAction(input), () => (setVdcId(""), setOther("")), { success: tf("overrideSet", { name: props.vdcs.find((v) => v.id === vdcId)?.name ?? vdcId }) })}>
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
  const tf = useTranslations("feedback");
  const { run, pending, error } = useServerAction();
  return (
    <span className="inline-flex flex-col">
      <Button size="sm" variant="link" disabled={pending} onClick={() => run(() => setProcessOverrideAction({ productId, vdcId, processId: null }), undefined, { success: tf("overrideRemoved", { name: vdc }) })} aria-label={t("removeFor", { vdc })}>
        {t("remove")}
      </Button>
      {error ? <span className="text-xs text-red-600">{error}</span> : null}
    </span>
  );
}
