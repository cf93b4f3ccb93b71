"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { parseSpecLines } from "@/lib/cloud/compute/flavors";
import type { FlavorDto } from "@/lib/server/queries/catalog";
import { createFlavorAction, deleteFlavorAction, updateFlavorAction } from "@/lib/server/actions/compute-admin";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { useServerAction } from "@/components/ui/use-server-action";
import { SelectField, TextField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { useFeedback } from "@/components/ui/feedback";

const specText = (s: Record<string, string>) => Object.entries(s).map(([k, v]) => `${k}=${v}`).join("\n");

/** Create a flavor, or edit an existing one's extra specs and sharing (its resources never change). */
export function FlavorDialog({ flavor, vdcs }: { flavor?: FlavorDto; vdcs: { id: string; name: string }[] }) {
  const t = useTranslations("flavors");
  const [form, setForm] = useState({ name: "", category: "general", vcpus: "2", ramMb: "4096", diskGb: "40", ephemeralGb: "0", swapMb: "0" });
  const [isPublic, setIsPublic] = useState(flavor?.isPublic ?? true);
  const [specs, setSpecs] = useState(flavor ? specText(flavor.extraSpecs) : "");
  const [vdcIds, setVdcIds] = useState<string[]>(flavor?.vdcIds ?? []);
  const [localError, setLocalError] = useState<string | null>(null);
  const { run, pending, error, fields, reset } = useServerAction();
  const done = useFeedback();
  const submit = (close: () => void) => {
    const { specs: extraSpecs, badLines } = parseSpecLines(specs);
    if (badLines.length) return setLocalError(t("badSpecLines", { lines: badLines.join(", ") }));
    setLocalError(null);
    const name = flavor?.name ?? form.name;
    run<unknown>(() => (flavor ? updateFlavorAction({ id: flavor.id, isPublic, extraSpecs, vdcIds }) : createFlavorAction({ ...form, isPublic, extraSpecs, vdcIds })), close, {
      success: done(flavor ? "saved" : "created", "flavor", name),
    });
  };
  const field = (k: "name" | "vcpus" | "ramMb" | "diskGb" | "ephemeralGb" | "swapMb", type = "number") => (
    <TextField type={type} label={t(`form.${k}`)} value={form[k]} onChange={(v) => setForm((f) => ({ ...f, [k]: v }))} error={fields[k]} />
  );
  return (
    <FormDialog
      trigger={flavor ? { kind: "edit", label: t("edit"), ariaLabel: t("editFor", { name: flavor.name }) } : { kind: "create", label: t("create") }}
      title={flavor ? t("editFor", { name: flavor.name }) : t("create")}
      description={flavor ? t("editHint") : t("createHint")}
      submitLabel={t("save")}
      cancelLabel={t("cancel")}
      pending={pending}
      error={localError ?? error}
      onOpen={reset}
      onSubmit={submit}
    >
        {!flavor ? (
          <div className="grid grid-cols-2 gap-2">
            {field("name", "text")}
            <SelectField label={t("category")} value={form.category} onChange={(v) => setForm((f) => ({ ...f, category: v }))}>
              {["general", "compute", "memory", "hugepage"].map((c) => (
                <option key={c} value={c}>
                  {t(`categories.${c}`)}
                </option>
              ))}
            </SelectField>
            {field("vcpus")}
            {field("ramMb")}
            {field("diskGb")}
            {field("ephemeralGb")}
            {field("swapMb")}
          </div>
        ) : null}
        <label className="block">
          <span className="mb-1 block text-xs text-slate-600">{t("form.extraSpecs")}</span>
          <textarea value={specs} onChange={(e) => setSpecs(e.target.value)} rows={4} className="w-full rounded-sm border border-slate-300 px-2 py-1 font-mono text-xs" aria-label={t("form.extraSpecs")} placeholder={"hw:mem_page_size=large\nhcs:host_group_tag=gpu"} />
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={isPublic} onChange={(e) => setIsPublic(e.target.checked)} />
          {t("form.public")}
        </label>
        {!isPublic ? (
          <fieldset>
            <legend className="mb-1 text-xs text-slate-600">{t("form.sharedWith")}</legend>
            <div className="flex max-h-32 flex-col gap-1 overflow-auto">
              {vdcs.map((v) => (
                <label key={v.id} className="flex items-center gap-2">
                  <input type="checkbox" checked={vdcIds.includes(v.id)} onChange={(e) => setVdcIds((cur) => (e.target.checked ? [...cur, v.id] : cur.filter((x) => x !== v.id)))} />
                  {v.name}
                </label>
              ))}
            </div>
          </fieldset>
        ) : null}
    </FormDialog>
  );
}

export function DeleteFlavorButton({ id, name, instances }: { id: string; name: string; instances: number }) {
  const t = useTranslations("flavors");
  const done = useFeedback();
  return (
    <ConfirmButton
      look="link"
      label={t("delete")}
      ariaLabel={t("deleteFor", { name })}
      title={t("deleteFor", { name })}
      description={t("deleteHint", { count: instances })}
      cancelLabel={t("cancel")}
      confirmLabel={t("delete")}
      action={() => deleteFlavorAction({ id })}
      success={done("deleted", "flavor", name)}
    />
  );
}
