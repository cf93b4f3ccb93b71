"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { VolumeTypeAdminDto } from "@/lib/server/queries/storage";
import { createVolumeTypeAction, deleteVolumeTypeAction, setVolumeTypeAccessAction } from "@/lib/server/actions/storage-admin";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField, TextField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { SimpleTable } from "@/components/ui/simple-table";
import { Tag } from "@/components/ui/status-badge";
import { useFeedback } from "@/components/ui/feedback";
import { useServerAction } from "@/components/ui/use-server-action";

type Option = { id: string; name: string };

/** A list of checkboxes (AZs, VDCs) bound to an array of ids. */
function CheckList({ label, options, value, onChange, testId }: { label: string; options: Option[]; value: string[]; onChange: (v: string[]) => void; testId: string }) {
  return (
    <fieldset className="mb-3" data-testid={testId}>
      <legend className="mb-1 text-xs text-slate-500">{label}</legend>
      <div className="flex max-h-32 flex-wrap gap-x-4 gap-y-1 overflow-y-auto">
        {options.map((o) => (
          <label key={o.id} className="flex items-center gap-1 text-[13px]">
            <input type="checkbox" checked={value.includes(o.id)} onChange={(e) => onChange(e.target.checked ? [...value, o.id] : value.filter((x) => x !== o.id))} />
            {o.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** `key=value` per line, as an administrator writes extra specs. */
function parseSpecs(text: string): { key: string; value: string }[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const i = l.indexOf("=");
      return i < 0 ? { key: l, value: "" } : { key: l.slice(0, i).trim(), value: l.slice(i + 1).trim() };
    });
}

export function CreateVolumeTypeDialog({ azs, vdcs, backends }: { azs: Option[]; vdcs: Option[]; backends: string[] }) {
  const t = useTranslations("volumeTypes");
  const router = useRouter();
  const done = useFeedback();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [backend, setBackend] = useState("");
  const [provisioning, setProvisioning] = useState("");
  const [typeAzs, setTypeAzs] = useState<string[]>([]);
  const [iops, setIops] = useState("");
  const [mbps, setMbps] = useState("");
  const [specs, setSpecs] = useState("");
  const [isPublic, setIsPublic] = useState(true);
  const [shared, setShared] = useState<string[]>([]);
  const { run, pending, error, fields, reset } = useServerAction();
  const open = () => {
    reset();
    setName("");
    setDescription("");
    setBackend("");
    setProvisioning("");
    setTypeAzs([]);
    setIops("");
    setMbps("");
    setSpecs("");
    setIsPublic(true);
    setShared([]);
  };
  return (
    <FormDialog
      trigger={{ kind: "create", label: t("create") }}
      title={t("create")}
      description={t("createHint")}
      submitLabel={t("createSubmit")}
      cancelLabel={t("cancel")}
      pending={pending}
      error={error}
      onOpen={open}
      onSubmit={(close) =>
        run(
          () => createVolumeTypeAction({ name, description, backendName: backend, provisioning, azIds: typeAzs, specs: parseSpecs(specs), qosIops: iops, qosMbps: mbps, isPublic, vdcIds: shared }),
          () => (close(), router.refresh()),
          { success: done("created", "volumeType", name) },
        )
      }
    >
      <TextField label={t("fields.name")} value={name} onChange={setName} error={fields.name} maxLength={64} />
      <TextField label={t("fields.description")} value={description} onChange={setDescription} error={fields.description} maxLength={255} />
      <SelectField label={t("fields.backend")} value={backend} onChange={setBackend} options={[{ value: "", label: t("anyBackend") }, ...backends.map((b) => ({ value: b, label: b }))]} />
      <SelectField
        label={t("fields.provisioning")}
        value={provisioning}
        onChange={setProvisioning}
        options={[
          { value: "", label: t("provisioningDefault") },
          { value: "thin", label: t("thin") },
          { value: "thick", label: t("thick") },
        ]}
      />
      <CheckList label={t("fields.azs")} options={azs} value={typeAzs} onChange={setTypeAzs} testId="type-azs" />
      <label className="mb-3 block">
        <span className="mb-1 block text-xs text-slate-500">{t("fields.specs")}</span>
        <textarea aria-label={t("fields.specs")} value={specs} onChange={(e) => setSpecs(e.target.value)} rows={3} placeholder="compression=<is> True" className="w-full rounded-sm border border-slate-300 px-2 py-1 font-mono text-xs" />
        {fields.specs ? <span className="text-xs text-red-600">{fields.specs}</span> : null}
      </label>
      <div className="grid grid-cols-2 gap-3">
        <TextField label={t("fields.qosIops")} type="number" value={iops} onChange={setIops} error={fields.qosIops} />
        <TextField label={t("fields.qosMbps")} type="number" value={mbps} onChange={setMbps} error={fields.qosMbps} />
      </div>
      <label className="mb-2 flex items-center gap-2 text-[13px]">
        <input type="checkbox" checked={isPublic} onChange={(e) => setIsPublic(e.target.checked)} />
        {t("fields.public")}
      </label>
      {isPublic ? null : <CheckList label={t("fields.vdcs")} options={vdcs} value={shared} onChange={setShared} testId="type-vdcs" />}
    </FormDialog>
  );
}

function AccessDialog({ type, vdcs }: { type: VolumeTypeAdminDto; vdcs: Option[] }) {
  const t = useTranslations("volumeTypes");
  const router = useRouter();
  const [isPublic, setIsPublic] = useState(type.isPublic);
  const [shared, setShared] = useState<string[]>([]);
  const { run, pending, error, reset } = useServerAction();
  return (
    <FormDialog
      trigger={{ kind: "edit", label: t("access"), ariaLabel: t("accessFor", { name: type.name }) }}
      title={t("accessFor", { name: type.name })}
      description={t("accessHint")}
      submitLabel={t("save")}
      cancelLabel={t("cancel")}
      pending={pending}
      error={error}
      onOpen={() => (reset(), setIsPublic(type.isPublic), setShared(type.vdcs.map((v) => v.id)))}
      onSubmit={(close) => run(() => setVolumeTypeAccessAction({ id: type.id, isPublic, vdcIds: shared }), () => (close(), router.refresh()), { success: t("accessSaved", { name: type.name }) })}
    >
      <label className="mb-2 flex items-center gap-2 text-[13px]">
        <input type="checkbox" checked={isPublic} onChange={(e) => setIsPublic(e.target.checked)} />
        {t("fields.public")}
      </label>
      {isPublic ? null : <CheckList label={t("fields.vdcs")} options={vdcs} value={shared} onChange={setShared} testId="access-vdcs" />}
    </FormDialog>
  );
}

export function VolumeTypeTable({ rows, vdcs, manage }: { rows: VolumeTypeAdminDto[]; vdcs: Option[]; manage: boolean }) {
  const t = useTranslations("volumeTypes");
  const router = useRouter();
  const done = useFeedback();
  return (
    <SimpleTable
      rows={rows}
      rowKey={(r) => r.id}
      rowTestId={(r) => `type-row-${r.name}`}
      empty={<EmptyState title={t("empty")} />}
      columns={[
        {
          header: t("columns.name"),
          cell: (r) => (
            <div>
              <span className="font-medium">{r.name}</span>
              <div className="text-[11px] text-slate-500">{r.description}</div>
            </div>
          ),
        },
        {
          header: t("columns.specs"),
          cell: (r) => (
            <div className="flex flex-wrap gap-1">
              {Object.entries(r.extraSpecs).map(([k, v]) => (
                <Tag key={k}>{`${k}=${v}`}</Tag>
              ))}
            </div>
          ),
        },
        { header: t("columns.qos"), cell: (r) => t("qos", { iops: r.qosIops ?? "-", mbps: r.qosMbps ?? "-" }) },
        { header: t("columns.access"), cell: (r) => (r.isPublic ? t("public") : t("privateTo", { vdcs: r.vdcs.map((v) => v.name).join(", ") || "-" })) },
        { header: t("columns.volumes"), cell: (r) => <span className="tabular-nums">{r.volumes}</span> },
        {
          header: t("columns.actions"),
          cell: (r) =>
            manage ? (
              <span className="flex gap-1">
                <AccessDialog type={r} vdcs={vdcs} />
                <ConfirmButton
                  look="link"
                  label={t("delete")}
                  ariaLabel={t("deleteFor", { name: r.name })}
                  title={t("deleteFor", { name: r.name })}
                  description={t("deleteHint")}
                  cancelLabel={t("cancel")}
                  confirmLabel={t("delete")}
                  action={() => deleteVolumeTypeAction({ id: r.id })}
                  onDone={() => router.refresh()}
                  success={done("deleted", "volumeType", r.name)}
                />
              </span>
            ) : null,
        },
      ]}
    />
  );
}
