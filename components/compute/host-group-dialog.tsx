"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { parseSpecLines } from "@/lib/cloud/compute/flavors";
import type { HostGroupDto } from "@/lib/server/queries/catalog";
import { createHostGroupAction, deleteHostGroupAction, updateHostGroupAction } from "@/lib/server/actions/compute-admin";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { useServerAction } from "@/components/ui/use-server-action";
import { useFeedback } from "@/components/ui/feedback";

/** Create a host group (Nova aggregate) in one AZ, or edit its metadata and members. */
export function HostGroupDialog({ group, azs, hostsByAz }: { group?: HostGroupDto; azs: { id: string; name: string }[]; hostsByAz: Record<string, { id: string; name: string }[]> }) {
  const t = useTranslations("hostGroups");
  const [name, setName] = useState("");
  const [azId, setAzId] = useState(group?.az ?? azs[0]?.id ?? "");
  const [metadata, setMetadata] = useState(group ? Object.entries(group.metadata).map(([k, v]) => `${k}=${v}`).join("\n") : "");
  const [hostIds, setHostIds] = useState<string[]>(group?.hostIds ?? []);
  const [localError, setLocalError] = useState<string | null>(null);
  const { run, pending, error, fields, reset } = useServerAction();
  const done = useFeedback();
  const hosts = hostsByAz[azId] ?? [];
  const submit = (close: () => void) => {
    const { specs, badLines } = parseSpecLines(metadata);
    if (badLines.length) return setLocalError(t("badLines", { lines: badLines.join(", ") }));
    setLocalError(null);
    run<unknown>(() => (group ? updateHostGroupAction({ id: group.id, metadata: specs, hostIds }) : createHostGroupAction({ name, azId, metadata: specs, hostIds })), close, {
      success: done(group ? "saved" : "created", "hostGroup", group?.name ?? name),
    });
  };
  return (
    <FormDialog
      trigger={group ? { kind: "edit", label: t("edit"), ariaLabel: t("editFor", { name: group.name }) } : { kind: "create", label: t("create") }}
      title={group ? t("editFor", { name: group.name }) : t("create")}
      description={t("hint")}
      submitLabel={t("save")}
      cancelLabel={t("cancel")}
      pending={pending}
      error={localError ?? error}
      onOpen={reset}
      onSubmit={submit}
    >
        {!group ? (
          <div className="grid grid-cols-2 gap-2">
            <TextField label={t("name")} value={name} onChange={setName} error={fields.name} />
            <SelectField label={t("az")} value={azId} onChange={(v) => (setAzId(v), setHostIds([]))}>
              {azs.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </SelectField>
          </div>
        ) : null}
        <label className="block">
          <span className="mb-1 block text-xs text-slate-600">{t("metadata")}</span>
          <textarea value={metadata} onChange={(e) => setMetadata(e.target.value)} rows={3} className="w-full rounded-sm border border-slate-300 px-2 py-1 font-mono text-xs" aria-label={t("metadata")} placeholder={"tag=gpu\nssd=true"} />
        </label>
        <fieldset>
          <legend className="mb-1 text-xs text-slate-600">{t("members", { count: hostIds.length })}</legend>
          <div className="grid max-h-40 grid-cols-2 gap-1 overflow-auto">
            {hosts.map((h) => (
              <label key={h.id} className="flex items-center gap-1.5 text-xs">
                <input type="checkbox" checked={hostIds.includes(h.id)} onChange={(e) => setHostIds((cur) => (e.target.checked ? [...cur, h.id] : cur.filter((x) => x !== h.id)))} aria-label={h.name} />
                {h.name}
              </label>
            ))}
          </div>
        </fieldset>
    </FormDialog>
  );
}

export function DeleteHostGroupButton({ id, name }: { id: string; name: string }) {
  const t = useTranslations("hostGroups");
  const { run, pending, error } = useServerAction();
  const done = useFeedback();
  return (
    <span className="inline-flex items-center gap-2">
      <Button size="sm" variant="link" disabled={pending} onClick={() => run(() => deleteHostGroupAction({ id }), undefined, { success: done("deleted", "hostGroup", name) })} aria-label={t("deleteFor", { name })}>
        {t("delete")}
      </Button>
      {error ? <span className="text-xs text-red-600">{error}</span> : null}
    </span>
  );
}
