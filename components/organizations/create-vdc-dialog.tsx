"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { createVdcAction } from "@/lib/server/actions/organizations";
import { TextField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { useServerAction } from "@/components/ui/use-server-action";
import { useFeedback } from "@/components/ui/feedback";

const QUOTA_FIELDS = ["instances", "cores", "ram_gb"] as const;

/** Create a first-level VDC (parentId null) or a child of `parent`, with its quota and resource set. */
export function CreateVdcDialog({ parent, regionId, azs, parentLimits }: { parent: { id: string; name: string } | null; regionId: string; azs: { id: string; name: string }[]; parentLimits: Partial<Record<string, number>> }) {
  const t = useTranslations("org");
  const tq = useTranslations("quota.resources");
  const router = useRouter();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [azIds, setAzIds] = useState<string[]>(azs.map((a) => a.id));
  const [quotas, setQuotas] = useState<Record<string, string>>({});
  const { run, pending, error, fields, reset } = useServerAction();
  const done = useFeedback();

  const submit = (close: () => void) =>
    run(
      async () => {
        const res = await createVdcAction({
          parentId: parent?.id ?? null,
          name,
          description,
          regionId,
          azIds,
          quotas: Object.fromEntries(Object.entries(quotas).filter(([, v]) => v.trim() !== "").map(([k, v]) => [k, Number(v)])),
        });
        if (res.ok) router.push(`/sc/organizations/${res.data.id}`);
        return res;
      },
      close,
      { success: done("created", "vdc", name) },
    );

  return (
    <FormDialog
      trigger={{ kind: "create", label: parent ? t("createChild") : t("createFirstLevel") }}
      title={parent ? t("createChildTitle", { parent: parent.name }) : t("createFirstLevel")}
      description={t("createHint")}
      submitLabel={t("create")}
      cancelLabel={t("cancel")}
      pending={pending}
      error={error}
      onOpen={reset}
      onSubmit={submit}
    >
        <TextField label={t("name")} value={name} onChange={setName} error={fields.name} />
        <TextField label={t("description")} value={description} onChange={setDescription} />
        <fieldset>
          <legend className="mb-1 text-xs text-slate-600">{t("resourceSetAzs")}</legend>
          <div className="flex gap-3">
            {azs.map((a) => (
              <label key={a.id} className="flex items-center gap-1.5">
                <input type="checkbox" checked={azIds.includes(a.id)} onChange={(e) => setAzIds((cur) => (e.target.checked ? [...cur, a.id] : cur.filter((x) => x !== a.id)))} />
                {a.name}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend className="mb-1 text-xs text-slate-600">{t("quotaLegend")}</legend>
          <div className="grid grid-cols-3 gap-2">
            {QUOTA_FIELDS.map((r) => (
              <label key={r} className="block">
                <span className="mb-0.5 block text-[11px] text-slate-500">{tq(r)}</span>
                <input
                  type="number"
                  min={-1}
                  value={quotas[r] ?? ""}
                  placeholder={parentLimits[r] !== undefined ? t("upTo", { n: parentLimits[r] === -1 ? "∞" : String(parentLimits[r]) }) : t("defaultPlaceholder")}
                  onChange={(e) => setQuotas((q) => ({ ...q, [r]: e.target.value }))}
                  className="h-8 w-full rounded-sm border border-slate-300 px-2"
                  aria-label={tq(r)}
                />
              </label>
            ))}
          </div>
          <p className="mt-1 text-[11px] text-slate-500">{t("quotaDefaultsHint")}</p>
        </fieldset>
    </FormDialog>
  );
}
