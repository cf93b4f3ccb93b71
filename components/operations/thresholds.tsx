"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { COMPARISONS, METRICS, SEVERITIES, type Comparison, type Severity, type ThresholdRuleRecord } from "@/lib/cloud/operations";
import { deleteThresholdRuleAction, saveThresholdRuleAction } from "@/lib/server/actions/operations";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { useServerAction } from "@/components/ui/use-server-action";
import { useFeedback } from "@/components/ui/feedback";

export type ThresholdRuleView = ThresholdRuleRecord;

const KINDS = ["host", "instance", "pool", "eip", "az"] as const;

/** "Host CPU > 85 for 300 s": a rule in words, as the list and the dialog's title show it. */
export function useRuleText() {
  const t = useTranslations("thresholds");
  const tm = useTranslations("metrics");
  return (r: Pick<ThresholdRuleView, "kind" | "metric" | "comparison" | "value" | "durationSeconds">) => t("ruleText", { kind: t(`kinds.${r.kind}`), metric: tm(`names.${r.metric}`), comparison: r.comparison, value: r.value, duration: r.durationSeconds });
}

/** Create a threshold rule, or edit one (its alarms clear and it is judged afresh from the next sample). */
export function ThresholdRuleDialog({ rule }: { rule?: ThresholdRuleView }) {
  const t = useTranslations("thresholds");
  const tm = useTranslations("metrics");
  const ta = useTranslations("alarms");
  const text = useRuleText();
  const [kind, setKind] = useState<ThresholdRuleView["kind"]>(rule?.kind ?? "host");
  const [metric, setMetric] = useState(rule?.metric ?? "cpu");
  const [comparison, setComparison] = useState(rule?.comparison ?? ">");
  const [value, setValue] = useState(String(rule?.value ?? 85));
  const [duration, setDuration] = useState(String(rule?.durationSeconds ?? 300));
  const [severity, setSeverity] = useState(rule?.severity ?? "major");
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const { run, pending, error, fields, reset } = useServerAction();
  const done = useFeedback();
  const name = text({ kind, metric, comparison, value: Number(value), durationSeconds: Number(duration) });
  const submit = (close: () => void) =>
    run<unknown>(() => saveThresholdRuleAction({ id: rule?.id, kind, metric, comparison, value, durationSeconds: duration, severity, enabled }), close, { success: done(rule ? "saved" : "created", "thresholdRule", name) });
  return (
    <FormDialog
      trigger={rule ? { kind: "edit", label: t("edit"), ariaLabel: t("editFor", { rule: text(rule) }) } : { kind: "create", label: t("create") }}
      title={rule ? t("editTitle") : t("create")}
      description={t("hint")}
      submitLabel={t("save")}
      cancelLabel={t("cancel")}
      pending={pending}
      error={error}
      onOpen={reset}
      onSubmit={submit}
    >
      <div className="grid grid-cols-2 gap-2">
        <SelectField label={t("kind")} value={kind} onChange={(v) => (setKind(v as ThresholdRuleView["kind"]), setMetric(METRICS[v as ThresholdRuleView["kind"]][0] as string))} error={fields.kind}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("metric")} value={metric} onChange={setMetric} error={fields.metric}>
          {METRICS[kind].map((m) => (
            <option key={m} value={m}>
              {tm(`names.${m}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("comparison")} value={comparison} onChange={(v) => setComparison(v as Comparison)} error={fields.comparison}>
          {COMPARISONS.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </SelectField>
        <TextField label={t("value")} value={value} onChange={setValue} error={fields.value} />
        <TextField label={t("duration")} value={duration} onChange={setDuration} error={fields.durationSeconds} />
        <SelectField label={t("severity")} value={severity} onChange={(v) => setSeverity(v as Severity)} error={fields.severity}>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {ta(`severity.${s}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <label className="mt-2 flex items-center gap-2 text-sm">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        {t("enabled")}
      </label>
      <p className="mt-2 text-xs text-slate-500" data-testid="rule-preview">{name}</p>
    </FormDialog>
  );
}

export function DeleteThresholdRuleButton({ rule }: { rule: ThresholdRuleView }) {
  const t = useTranslations("thresholds");
  const text = useRuleText();
  const { run, pending, error } = useServerAction();
  const done = useFeedback();
  return (
    <span className="inline-flex items-center gap-2">
      <Button size="sm" variant="link" disabled={pending} onClick={() => run(() => deleteThresholdRuleAction({ id: rule.id }), undefined, { success: done("deleted", "thresholdRule", text(rule)) })} aria-label={t("deleteFor", { rule: text(rule) })}>
        {t("delete")}
      </Button>
      {error ? <span className="text-xs text-red-600">{error}</span> : null}
    </span>
  );
}
