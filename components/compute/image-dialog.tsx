"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { imageStatusAction, registerImageAction } from "@/lib/server/actions/compute-admin";
import { TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { useServerAction } from "@/components/ui/use-server-action";
import { useFeedback } from "@/components/ui/feedback";

const SELECTS = {
  diskFormat: ["qcow2", "raw", "vmdk", "vhd", "iso"],
  architecture: ["x86_64", "aarch64"],
  osType: ["linux", "windows"],
  visibility: ["public", "private", "shared"],
} as const;

/** Register an image with its format, minimums and properties (public only for a cloud admin). */
export function RegisterImageDialog() {
  const t = useTranslations("images");
  const [form, setForm] = useState<Record<string, string>>({ name: "", diskFormat: "qcow2", minDiskGb: "20", minRamMb: "1024", architecture: "x86_64", hypervisorType: "", osType: "linux", osVersion: "", sizeMb: "1024", visibility: "public" });
  const { run, pending, error, fields, reset } = useServerAction();
  const done = useFeedback();
  const input = (k: string, type = "text") => (
    <TextField key={k} type={type} label={t(`form.${k}`)} value={form[k] ?? ""} onChange={(v) => setForm((f) => ({ ...f, [k]: v }))} error={fields[k]} />
  );
  return (
    <FormDialog
      trigger={{ kind: "create", label: t("register") }}
      title={t("register")}
      description={t("registerHint")}
      submitLabel={t("register")}
      cancelLabel={t("cancel")}
      pending={pending}
      error={error}
      onOpen={reset}
      onSubmit={(close) => run(() => registerImageAction(form), close, { success: done("created", "image", form.name ?? "") })}
    >
        <div className="grid grid-cols-2 gap-2">
          {input("name")}
          {input("osVersion")}
          {(Object.keys(SELECTS) as (keyof typeof SELECTS)[]).map((k) => (
            <label key={k} className="block">
              <span className="mb-1 block text-xs text-slate-600">{t(`form.${k}`)}</span>
              <select value={form[k]} onChange={(e) => setForm((f) => ({ ...f, [k]: e.target.value }))} className="h-8 w-full rounded-sm border border-slate-300 px-2" aria-label={t(`form.${k}`)}>
                {SELECTS[k].map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            </label>
          ))}
          {input("minDiskGb", "number")}
          {input("minRamMb", "number")}
          {input("sizeMb", "number")}
          {input("hypervisorType")}
        </div>
    </FormDialog>
  );
}

export function ImageRowActions({ id, name, status }: { id: string; name: string; status: string }) {
  const t = useTranslations("images");
  const { run, pending, error } = useServerAction();
  const done = useFeedback();
  if (status === "deleted") return <span className="text-xs text-slate-500">{t("pendingPurge")}</span>;
  return (
    <span className="inline-flex items-center gap-1">
      <Button size="sm" variant="link" disabled={pending} onClick={() => run(() => imageStatusAction({ id, op: status === "active" ? "deactivate" : "reactivate" }), undefined, { success: done(status === "active" ? "deactivated" : "reactivated", "image", name) })} aria-label={t(status === "active" ? "deactivateFor" : "reactivateFor", { name })}>
        {t(status === "active" ? "deactivate" : "reactivate")}
      </Button>
      <Button size="sm" variant="link" disabled={pending} onClick={() => run(() => imageStatusAction({ id, op: "delete" }), undefined, { success: done("deleted", "image", name) })} aria-label={t("deleteFor", { name })}>
        {t("delete")}
      </Button>
      {error ? <span className="text-xs text-red-600">{error}</span> : null}
    </span>
  );
}
