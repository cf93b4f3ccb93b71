"use client";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { VolumeDto } from "@/lib/server/queries/volumes";
import { createSnapshotAction, createVolumeAction, deleteVolumeAction } from "@/lib/server/actions/volumes";
import { usePolledRows } from "@/lib/client/use-polling";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { DataTable, type ServerPage } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField, TextField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { Dot, Tag } from "@/components/ui/status-badge";
import { Time } from "@/components/ui/time";
import { useFeedback } from "@/components/ui/feedback";
import { useServerAction } from "@/components/ui/use-server-action";

export interface VolumeTypeOption {
  id: string;
  name: string;
  description: string;
  qosIops: number | null;
  qosMbps: number | null;
}

/** Quota headroom the dialog shows: what the project's VDC chain still allows. */
export interface VolumeHeadroom {
  volumes: number | null;
  gigabytes: number | null;
}

const TONES: Record<string, "green" | "amber" | "red" | "grey" | "blue"> = { available: "green", "in-use": "blue", error: "red", error_deleting: "red", error_extending: "red" };

export function VolumeStatus({ status, transitional }: { status: string; transitional: boolean }) {
  const t = useTranslations("evs.status");
  return <Dot tone={transitional ? "amber" : (TONES[status] ?? "grey")}>{t.has(status) ? t(status) : status}</Dot>;
}

/** An image a volume can be created from, with the smallest size Cinder accepts for it. */
export interface VolumeImageOption {
  id: string;
  name: string;
  minGb: number;
}

export function CreateVolumeDialog({ azs, types, headroom, images }: { azs: { id: string; name: string }[]; types: VolumeTypeOption[]; headroom: VolumeHeadroom; images: VolumeImageOption[] }) {
  const t = useTranslations("evs");
  const [name, setName] = useState("");
  const [imageId, setImageId] = useState("");
  const [az, setAz] = useState(azs[0]?.id ?? "");
  const [type, setType] = useState(types[0]?.id ?? "");
  const [size, setSize] = useState("100");
  const [count, setCount] = useState("1");
  const { run, pending, error, fields, reset } = useServerAction();
  const chosen = types.find((x) => x.id === type);
  const image = images.find((x) => x.id === imageId);
  return (
    <FormDialog
      trigger={{ kind: "create", label: t("create") }}
      title={t("create")}
      description={t("createHint")}
      submitLabel={t("createSubmit")}
      cancelLabel={t("cancel")}
      pending={pending}
      error={error}
      onOpen={() => (reset(), setName(""), setImageId(""))}
      onSubmit={(close) =>
        run(() => createVolumeAction({ name, az, volumeTypeId: type, sizeGb: size, count, imageId }), close, { success: (d) => t("created", { count: (d as { ids: string[] } | undefined)?.ids.length ?? 1, name }) })
      }
    >
      <TextField label={t("fields.name")} value={name} onChange={setName} error={fields.name} maxLength={64} />
      <SelectField label={t("fields.az")} value={az} onChange={setAz} error={fields.az} options={azs.map((a) => ({ value: a.id, label: a.name }))} />
      <SelectField label={t("fields.type")} value={type} onChange={setType} error={fields.volumeTypeId} options={types.map((x) => ({ value: x.id, label: x.name }))} />
      {chosen ? <p className="text-[11px] text-slate-500">{`${chosen.description} · ${t("qos", { iops: chosen.qosIops ?? "-", mbps: chosen.qosMbps ?? "-" })}`}</p> : null}
      <SelectField
        label={t("fields.source")}
        value={imageId}
        onChange={(id) => {
          setImageId(id);
          const min = images.find((x) => x.id === id)?.minGb ?? 0;
          if (Number(size) < min) setSize(String(min));
        }}
        error={fields.imageId}
        options={[{ value: "", label: t("sourceBlank") }, ...images.map((x) => ({ value: x.id, label: t("sourceImage", { name: x.name }) }))]}
      />
      <TextField label={t("fields.size")} type="number" value={size} onChange={setSize} error={fields.sizeGb} />
      {image ? <p className="text-[11px] text-slate-500">{t("imageMinHint", { size: image.minGb })}</p> : null}
      <TextField label={t("fields.count")} type="number" value={count} onChange={setCount} error={fields.count} />
      <p className="text-[11px] text-slate-500" data-testid="volume-headroom">
        {t("headroom", { volumes: headroom.volumes ?? t("unlimited"), gigabytes: headroom.gigabytes ?? t("unlimited") })}
      </p>
    </FormDialog>
  );
}

export function SnapshotDialog({ volume, onDone, look = "edit" }: { volume: { id: string; name: string }; onDone: () => void; look?: "edit" | "button" }) {
  const t = useTranslations("evs");
  const [name, setName] = useState("");
  const { run, pending, error, fields, reset } = useServerAction();
  return (
    <FormDialog
      trigger={{ kind: look, label: t("snapshot"), ariaLabel: t("snapshotFor", { name: volume.name }) }}
      title={t("snapshotFor", { name: volume.name })}
      submitLabel={t("snapshotSubmit")}
      cancelLabel={t("cancel")}
      pending={pending}
      error={error}
      onOpen={() => (reset(), setName(`${volume.name}-snap`))}
      onSubmit={(close) => run(() => createSnapshotAction({ id: volume.id, name }), () => (close(), onDone()), { success: t("snapshotCreated", { name }) })}
    >
      <TextField label={t("fields.snapshotName")} value={name} onChange={setName} error={fields.name} maxLength={64} />
    </FormDialog>
  );
}

/** Delete a volume (the button is offered only where volumeAllowed says so; the service refuses the rest). */
export function DeleteVolumeButton({ volume, onDone, look }: { volume: { id: string; name: string; sizeGb: number }; onDone: () => void; look?: "link" | "secondary" }) {
  const t = useTranslations("evs");
  const done = useFeedback();
  return (
    <ConfirmButton
      look={look}
      label={t("delete")}
      ariaLabel={t("deleteFor", { name: volume.name })}
      title={t("deleteFor", { name: volume.name })}
      description={t("deleteHint", { size: volume.sizeGb })}
      cancelLabel={t("cancel")}
      confirmLabel={t("delete")}
      action={() => deleteVolumeAction({ id: volume.id })}
      onDone={onDone}
      success={done("deleted", "volume", volume.name)}
    />
  );
}

/** The EVS list: status badges that poll while a volume is in flight, attachments, and each volume's actions. */
export function VolumeTable({ initial, page, emptyAction, admin = false }: { initial: VolumeDto[]; page: ServerPage; emptyAction?: React.ReactNode; admin?: boolean }) {
  const t = useTranslations("evs");
  const router = useRouter();
  const { rows, refetch } = usePolledRows("/api/v1/volumes", "volumes", initial);
  const refresh = () => {
    void refetch();
    router.refresh();
  };
  const columns: ColumnDef<VolumeDto, unknown>[] = [
    {
      id: "name",
      header: t("columns.name"),
      cell: ({ row: { original: v } }) => (
        <div>
          {admin ? (
            <span className="font-medium">{v.name}</span>
          ) : (
            <Link className="font-medium text-brand-600 hover:underline" href={`/sc/evs/${v.id}`}>
              {v.name}
            </Link>
          )}
          <div className="font-mono text-[11px] text-slate-400">{v.id.slice(0, 8)}</div>
        </div>
      ),
    },
    { id: "status", header: t("columns.status"), cell: ({ row: { original: v } }) => <VolumeStatus status={v.status} transitional={v.transitional} /> },
    {
      id: "sizeGb",
      header: t("columns.size"),
      cell: ({ row: { original: v } }) => (
        <span className="flex items-center gap-1 tabular-nums">
          {`${v.sizeGb} GB`} <Tag>{t(v.thin ? "thin" : "thick")}</Tag>
        </span>
      ),
    },
    { id: "type", header: t("columns.type"), cell: ({ row: { original: v } }) => v.type },
    { id: "az", header: t("columns.az"), cell: ({ row: { original: v } }) => v.az },
    ...(admin ? [{ id: "project", header: t("columns.project"), cell: ({ row: { original: v } }: { row: { original: VolumeDto } }) => v.project }] : []),
    { id: "attached", header: t("columns.attached"), cell: ({ row: { original: v } }) => (v.attachments.length ? v.attachments.map((a) => `${a.instance} (${a.device})`).join(", ") : "-") },
    { id: "createdAt", header: t("columns.createdAt"), cell: ({ row: { original: v } }) => <Time at={v.createdAt} relative /> },
    {
      id: "actions",
      header: t("columns.actions"),
      cell: ({ row: { original: v } }) => (
        <span className="flex gap-1">
          {v.can.snapshot ? <SnapshotDialog volume={v} onDone={refresh} /> : null}
          {v.can.delete ? <DeleteVolumeButton volume={v} onDone={refresh} look="link" /> : null}
        </span>
      ),
    },
  ];
  return <DataTable data={rows} columns={columns} page={page} sortable={["name", "status", "sizeGb", "createdAt"]} rowTestId={(r) => `volume-row-${r.name}`} empty={<EmptyState title={t("empty")} hint={t("emptyHint")} action={emptyAction} />} />;
}
