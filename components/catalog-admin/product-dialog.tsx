"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { AdminProductDto } from "@/lib/server/queries/catalog-admin";
import { PRODUCT_CATEGORIES, PRODUCT_ICONS, SERVICE_TYPES, type ProductInput } from "@/lib/schemas/catalog-admin";
import { createProductAction, updateProductAction } from "@/lib/server/actions/catalog-admin";
import { useServerAction } from "@/components/ui/use-server-action";
import { asOptions, SelectField, TextField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { vdcLabel } from "@/lib/client/format";
import { useFeedback } from "@/components/ui/feedback";

export interface ProductChoices {
  regions: { id: string; name: string }[];
  azs: { id: string; name: string; regionId: string }[];
  /** Global processes with a published version: the only ones a product may bind. */
  processes: { id: string; name: string }[];
  vdcs: { id: string; name: string; level: number }[];
}

const blank: ProductInput = { name: "", description: "", icon: "server", category: "compute", serviceType: "ecs", regionId: null, offeredAzIds: [], azId: null, needsApproval: true, processId: null, visibleVdcIds: [] };

function Checklist({ legend, hint, options, value, onChange }: { legend: string; hint: string; options: { id: string; name: string }[]; value: string[]; onChange: (v: string[]) => void }) {
  return (
    <fieldset>
      <legend className="mb-1 text-xs text-slate-600">{legend}</legend>
      <p className="mb-1 text-xs text-slate-500">{hint}</p>
      <div className="flex max-h-28 flex-wrap gap-x-4 gap-y-1 overflow-auto">
        {options.map((o) => (
          <label key={o.id} className="flex items-center gap-1.5 text-[13px]">
            <input type="checkbox" checked={value.includes(o.id)} onChange={(e) => onChange(e.target.checked ? [...value, o.id] : value.filter((x) => x !== o.id))} />
            {o.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Create a product, or edit one (published or not: what new orders get changes, nothing else). */
export function ProductDialog({ product, choices }: { product?: AdminProductDto; choices: ProductChoices }) {
  const t = useTranslations("products");
  const initial = (): ProductInput =>
    product
      ? {
          name: product.name,
          description: product.description,
          icon: product.icon as ProductInput["icon"],
          category: product.category as ProductInput["category"],
          serviceType: product.serviceType as ProductInput["serviceType"],
          regionId: product.regionId,
          offeredAzIds: product.azId ? [] : product.offeredAzIds,
          azId: product.azId,
          needsApproval: product.needsApproval,
          processId: product.processId,
          visibleVdcIds: product.visibleVdcIds,
        }
      : blank;
  const [form, setForm] = useState<ProductInput>(initial);
  const set = <K extends keyof ProductInput>(k: K, v: ProductInput[K]) => setForm((f) => ({ ...f, [k]: v }));
  const { run, pending, error, fields, reset } = useServerAction();
  const done = useFeedback();
  const azs = choices.azs.filter((a) => !form.regionId || a.regionId === form.regionId);
  const submit = (close: () => void) =>
    run<unknown>(async () => (product ? await updateProductAction({ id: product.id, product: form }) : await createProductAction(form)), close, {
      success: done(product ? "saved" : "created", "product", form.name),
      link: { href: "/sc/products", label: t("openList") },
    });
  return (
    <FormDialog
      trigger={product ? { kind: "edit", label: t("edit"), ariaLabel: t("editFor", { name: product.name }) } : { kind: "create", label: t("create") }}
      title={product ? t("editFor", { name: product.name }) : t("create")}
      description={product ? t("editHint") : t("createHint")}
      submitLabel={t("save")}
      cancelLabel={t("cancel")}
      pending={pending}
      error={error}
      onOpen={() => {
        reset();
        setForm(initial());
      }}
      onSubmit={submit}
    >
      <div className="grid grid-cols-2 gap-2">
        <TextField label={t("form.name")} value={form.name} onChange={(v) => set("name", v)} error={fields.name} maxLength={64} />
        <SelectField label={t("form.serviceType")} value={form.serviceType} onChange={(v) => set("serviceType", v as ProductInput["serviceType"])} options={SERVICE_TYPES.map((v) => ({ value: v, label: t(`serviceTypes.${v}`) }))} />
        <SelectField label={t("form.category")} value={form.category} onChange={(v) => set("category", v as ProductInput["category"])} options={PRODUCT_CATEGORIES.map((v) => ({ value: v, label: t(`categories.${v}`) }))} />
        <SelectField label={t("form.icon")} value={form.icon} onChange={(v) => set("icon", v as ProductInput["icon"])} options={PRODUCT_ICONS.map((v) => ({ value: v, label: t(`icons.${v}`) }))} />
      </div>
      <label className="block">
        <span className="mb-1 block text-xs text-slate-600">{t("form.description")}</span>
        <textarea value={form.description} onChange={(e) => set("description", e.target.value)} rows={2} maxLength={500} className="w-full rounded-sm border border-slate-300 px-2 py-1 text-[13px]" aria-label={t("form.description")} />
      </label>
      <div className="grid grid-cols-2 gap-2">
        <SelectField label={t("form.region")} value={form.regionId ?? ""} onChange={(v) => setForm((f) => ({ ...f, regionId: v || null, azId: null, offeredAzIds: [] }))} placeholder={t("form.anyRegion")} options={asOptions(choices.regions)} />
        {/* An AZ lock needs a region lock first. */}
        <SelectField label={t("form.azLock")} value={form.azId ?? ""} onChange={(v) => setForm((f) => ({ ...f, azId: v || null, offeredAzIds: [] }))} error={fields.azId} placeholder={form.regionId ? t("form.noLock") : t("form.lockNeedsRegion")} options={form.regionId ? asOptions(azs) : []} />
      </div>
      {!form.azId ? <Checklist legend={t("form.offeredAzs")} hint={t("form.offeredAzsHint")} options={azs} value={form.offeredAzIds} onChange={(v) => set("offeredAzIds", v)} /> : null}
      <label className="flex items-center gap-2 text-[13px]">
        <input type="checkbox" checked={form.needsApproval} onChange={(e) => set("needsApproval", e.target.checked)} />
        {t("form.needsApproval")}
      </label>
      {form.needsApproval ? (
        <SelectField label={t("form.process")} value={form.processId ?? ""} onChange={(v) => set("processId", v || null)} error={fields.processId} placeholder={t("form.chooseProcess")} options={asOptions(choices.processes)} />
      ) : null}
      <Checklist legend={t("form.visibleTo")} hint={t("form.visibleToHint")} options={choices.vdcs.map((v) => ({ id: v.id, name: vdcLabel(v) }))} value={form.visibleVdcIds} onChange={(v) => set("visibleVdcIds", v)} />
    </FormDialog>
  );
}
