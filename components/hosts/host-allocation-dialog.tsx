"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { HostDto } from "@/lib/server/queries/hosts";
import { setHostAllocationAction } from "@/lib/server/actions/settings";
import { FormDialog } from "@/components/ui/form-dialog";
import { useServerAction } from "@/components/ui/use-server-action";

const KEYS = ["cpuAllocationRatio", "ramAllocationRatio", "diskAllocationRatio", "reservedMemoryMb"] as const;

/** Per-host allocation ratios and reserved memory; an empty field means the cloud default. */
export function HostAllocationDialog({ host }: { host: Pick<HostDto, "id" | "name" | "overrides" | "defaults"> }) {
  const t = useTranslations("hosts");
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(KEYS.map((k) => [k, host.overrides[k] === null ? "" : String(host.overrides[k])])));
  const { run, pending, error, fields, reset } = useServerAction();
  const tf = useTranslations("feedback");
  return (
    <FormDialog
      trigger={{ kind: "button", label: t("editAllocation") }}
      title={t("editAllocationTitle", { name: host.name })}
      description={t("editAllocationHint")}
      submitLabel={t("save")}
      cancelLabel={t("cancel")}
      pending={pending}
      error={error}
      onOpen={reset}
      onSubmit={(close) => run(() => setHostAllocationAction({ id: host.id, ...Object.fromEntries(KEYS.map((k) => [k, values[k]?.trim() ? values[k] : null])) }), close, { success: tf("allocationSaved", { name: host.name }) })}
    >
      <div className="grid grid-cols-2 gap-2">
        {KEYS.map((k) => (
          <label key={k} className="block">
            <span className="mb-1 block text-xs text-slate-600">{t(`fields.${k}`)}</span>
            <input
              type="number"
              step={k === "reservedMemoryMb" ? "1" : "0.1"}
              value={values[k] ?? ""}
              placeholder={t("defaultValue", { value: String(host.defaults[k]) })}
              onChange={(e) => setValues((v) => ({ ...v, [k]: e.target.value }))}
              className="h-8 w-full rounded-sm border border-slate-300 px-2"
              aria-label={t(`fields.${k}`)}
            />
            {fields[k] ? <span className="text-xs text-red-600">{fields[k]}</span> : null}
          </label>
        ))}
      </div>
    </FormDialog>
  );
}
