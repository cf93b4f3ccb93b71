"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { clockInput, cloudSettingsInput, type CloudSettingsInput } from "@/lib/schemas/settings";
import { saveClockAction, saveCloudSettingsAction } from "@/lib/server/actions/settings";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/empty-state";
import { notify } from "@/components/ui/toaster";

type TextKey = "thinProvisioningRatio" | "vniRanges";
const TEXTS: TextKey[] = ["thinProvisioningRatio", "vniRanges"];
type NumberKey = Exclude<keyof CloudSettingsInput, ToggleKey | TextKey>;
type ToggleKey = "isolatedAggregateFiltering" | "hcsHostGroupPreference";
const TOGGLES: ToggleKey[] = ["isolatedAggregateFiltering", "hcsHostGroupPreference"];

const FIELDS: { key: NumberKey; step: string }[] = [
  { key: "cpuAllocationRatio", step: "0.1" },
  { key: "ramAllocationRatio", step: "0.1" },
  { key: "diskAllocationRatio", step: "0.1" },
  { key: "reservedHostCpus", step: "1" },
  { key: "reservedHostMemoryMb", step: "1" },
  { key: "hostSubsetSize", step: "1" },
  { key: "ramWeightMultiplier", step: "0.1" },
  { key: "cpuWeightMultiplier", step: "0.1" },
  { key: "diskWeightMultiplier", step: "0.1" },
  { key: "powerSyncSeconds", step: "1" },
  { key: "resizeConfirmWindowSeconds", step: "1" },
  { key: "capacityWeightMultiplier", step: "0.1" },
];

function useFieldError() {
  const te = useTranslations("errors.field");
  return (m: string | undefined) => (m ? (te.has(m) ? te(m) : m) : null);
}

export function CloudSettingsForm({ initial, canEdit }: { initial: CloudSettingsInput; canEdit: boolean }) {
  const t = useTranslations("cps.settings");
  const fe = useFieldError();
  const router = useRouter();
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [pending, start] = useTransition();
  const form = useForm<z.input<typeof cloudSettingsInput>, unknown, CloudSettingsInput>({ resolver: zodResolver(cloudSettingsInput), defaultValues: initial });
  const submit = form.handleSubmit((values) =>
    start(async () => {
      const res = await saveCloudSettingsAction(values);
      setResult(res.ok ? { ok: true, message: t("saved") } : { ok: false, message: res.message });
      notify(res.ok ? "success" : "error", res.ok ? t("saved") : res.message);
      if (res.ok) router.refresh();
    }),
  );
  return (
    <Card title={t("schedulerTitle")}>
      <p className="mb-4 text-xs text-slate-500">{t("schedulerHint")}</p>
      <form onSubmit={submit} className="space-y-3" noValidate>
        <div className="grid grid-cols-1 gap-x-8 gap-y-3 md:grid-cols-2">
          {FIELDS.map((f) => (
            <label key={f.key} className="block">
              <span className="mb-1 block text-xs text-slate-600">{t(`fields.${f.key}`)}</span>
              <input type="number" step={f.step} disabled={!canEdit} {...form.register(f.key)} className="h-8 w-48 rounded-sm border border-slate-300 px-2 disabled:bg-slate-50" aria-label={t(`fields.${f.key}`)} />
              <span className="mt-0.5 block text-[11px] text-slate-500">{t(`hints.${f.key}`)}</span>
              {fe(form.formState.errors[f.key]?.message) ? <span className="block text-xs text-red-600">{fe(form.formState.errors[f.key]?.message)}</span> : null}
            </label>
          ))}
          {TEXTS.map((key) => (
            <label key={key} className="block">
              <span className="mb-1 block text-xs text-slate-600">{t(`fields.${key}`)}</span>
              <input type="text" disabled={!canEdit} {...form.register(key)} className="h-8 w-48 rounded-sm border border-slate-300 px-2 disabled:bg-slate-50" aria-label={t(`fields.${key}`)} />
              <span className="mt-0.5 block text-[11px] text-slate-500">{t(`hints.${key}`)}</span>
              {fe(form.formState.errors[key]?.message) ? <span className="block text-xs text-red-600">{fe(form.formState.errors[key]?.message)}</span> : null}
            </label>
          ))}
        </div>
        <div className="space-y-2 border-t border-slate-100 pt-3">
          {TOGGLES.map((key) => (
            <label key={key} className="flex items-start gap-2">
              <input type="checkbox" disabled={!canEdit} {...form.register(key)} className="mt-0.5" aria-label={t(`fields.${key}`)} />
              <span>
                <span className="block text-xs text-slate-700">{t(`fields.${key}`)}</span>
                <span className="block text-[11px] text-slate-500">{t(`hints.${key}`)}</span>
              </span>
            </label>
          ))}
        </div>
        {result ? <Alert tone={result.ok ? "success" : "error"}>{result.message}</Alert> : null}
        {canEdit ? (
          <Button type="submit" variant="primary" disabled={pending}>
            {t("save")}
          </Button>
        ) : (
          <p className="text-xs text-slate-500">{t("readOnly")}</p>
        )}
      </form>
    </Card>
  );
}

export function ClockForm({ speed, canEdit }: { speed: number; canEdit: boolean }) {
  const t = useTranslations("cps.settings");
  const fe = useFieldError();
  const router = useRouter();
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [pending, start] = useTransition();
  const form = useForm<z.input<typeof clockInput>, unknown, z.output<typeof clockInput>>({ resolver: zodResolver(clockInput), defaultValues: { speed, advanceSeconds: 0 } });
  const submit = form.handleSubmit((values) =>
    start(async () => {
      const res = await saveClockAction(values);
      setResult(res.ok ? { ok: true, message: t("saved") } : { ok: false, message: res.message });
      notify(res.ok ? "success" : "error", res.ok ? t("saved") : res.message);
      if (res.ok) {
        form.setValue("advanceSeconds", 0);
        router.refresh();
      }
    }),
  );
  return (
    <Card title={t("clockTitle")}>
      <p className="mb-4 text-xs text-slate-500">{t("clockHint")}</p>
      <form onSubmit={submit} className="flex flex-wrap items-end gap-4" noValidate>
        <label className="block">
          <span className="mb-1 block text-xs text-slate-600">{t("speed")}</span>
          <input type="number" step="0.1" disabled={!canEdit} {...form.register("speed")} className="h-8 w-32 rounded-sm border border-slate-300 px-2 disabled:bg-slate-50" aria-label={t("speed")} />
          {fe(form.formState.errors.speed?.message) ? <span className="block text-xs text-red-600">{fe(form.formState.errors.speed?.message)}</span> : null}
        </label>
        <label className="block">
          <span className="mb-1 block text-xs text-slate-600">{t("advance")}</span>
          <input type="number" step="1" disabled={!canEdit} {...form.register("advanceSeconds")} className="h-8 w-32 rounded-sm border border-slate-300 px-2 disabled:bg-slate-50" aria-label={t("advance")} />
        </label>
        {canEdit ? (
          <Button type="submit" variant="primary" disabled={pending}>
            {t("apply")}
          </Button>
        ) : null}
      </form>
      {result ? <div className="mt-3"><Alert tone={result.ok ? "success" : "error"}>{result.message}</Alert></div> : null}
    </Card>
  );
}
