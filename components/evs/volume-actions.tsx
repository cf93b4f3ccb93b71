"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { AttachableInstance } from "@/lib/server/queries/volumes";
import { attachVolumeAction, createVolumeAction, deleteSnapshotAction, detachVolumeAction, extendVolumeAction } from "@/lib/server/actions/volumes";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { useFeedback } from "@/components/ui/feedback";
import { useServerAction } from "@/components/ui/use-server-action";

// The EVS operations behind the detail page's and the ECS Disks tab's buttons. Each dialog calls
// the server action; the buttons are shown only where the shared allowed() predicate says so.

/** Attach a volume to one of the given instances (same project and AZ, settled). */
export function AttachDialog({ volume, instances, onDone }: { volume: { id: string; name: string }; instances: AttachableInstance[]; onDone: () => void }) {
  const t = useTranslations("evs");
  const [instanceId, setInstanceId] = useState("");
  const { run, pending, error, fields, reset } = useServerAction();
  return (
    <FormDialog
      trigger={{ kind: "button", label: t("attach"), ariaLabel: t("attachFor", { name: volume.name }) }}
      title={t("attachFor", { name: volume.name })}
      description={instances.length ? t("attachHint") : t("attachNone")}
      submitLabel={t("attachSubmit")}
      cancelLabel={t("cancel")}
      pending={pending}
      error={error}
      onOpen={() => (reset(), setInstanceId(instances[0]?.id ?? ""))}
      onSubmit={(close) => run(() => attachVolumeAction({ id: volume.id, instanceId }), () => (close(), onDone()), { success: (d) => t("attached", { name: volume.name, device: (d as { device: string } | undefined)?.device ?? "-" }) })}
    >
      <SelectField label={t("fields.instance")} value={instanceId} onChange={setInstanceId} error={fields.instanceId} options={instances.map((i) => ({ value: i.id, label: `${i.name} (${i.status})` }))} />
    </FormDialog>
  );
}

/** Attach one of the given available volumes to an instance (the ECS Disks tab). */
export function AttachVolumeToInstanceDialog({ instance, volumes, onDone }: { instance: { id: string; name: string }; volumes: { id: string; name: string; sizeGb: number; type: string }[]; onDone: () => void }) {
  const t = useTranslations("evs");
  const [volumeId, setVolumeId] = useState("");
  const { run, pending, error, fields, reset } = useServerAction();
  return (
    <FormDialog
      trigger={{ kind: "button", label: t("attachDisk"), ariaLabel: t("attachDiskTo", { name: instance.name }) }}
      title={t("attachDiskTo", { name: instance.name })}
      description={volumes.length ? t("attachDiskHint") : t("attachDiskNone")}
      submitLabel={t("attachSubmit")}
      cancelLabel={t("cancel")}
      pending={pending}
      error={error}
      onOpen={() => (reset(), setVolumeId(volumes[0]?.id ?? ""))}
      onSubmit={(close) => {
        const name = volumes.find((v) => v.id === volumeId)?.name ?? "-";
        run(() => attachVolumeAction({ id: volumeId, instanceId: instance.id }), () => (close(), onDone()), { success: (d) => t("attached", { name, device: (d as { device: string } | undefined)?.device ?? "-" }) });
      }}
    >
      <SelectField label={t("fields.volume")} value={volumeId} onChange={setVolumeId} error={fields.id} options={volumes.map((v) => ({ value: v.id, label: `${v.name} (${v.sizeGb} GB, ${v.type})` }))} />
    </FormDialog>
  );
}

export function DetachButton({ volume, instance, onDone }: { volume: { id: string; name: string }; instance: string; onDone: () => void }) {
  const t = useTranslations("evs");
  return (
    <ConfirmButton
      look="link"
      label={t("detach")}
      ariaLabel={t("detachFor", { name: volume.name })}
      title={t("detachFor", { name: volume.name })}
      description={t("detachHint", { instance })}
      cancelLabel={t("cancel")}
      confirmLabel={t("detach")}
      action={() => detachVolumeAction({ id: volume.id })}
      onDone={onDone}
      success={t("detaching", { name: volume.name })}
    />
  );
}

export function ExtendDialog({ volume, onDone }: { volume: { id: string; name: string; sizeGb: number }; onDone: () => void }) {
  const t = useTranslations("evs");
  const [size, setSize] = useState("");
  const { run, pending, error, fields, reset } = useServerAction();
  return (
    <FormDialog
      trigger={{ kind: "button", label: t("extend"), ariaLabel: t("extendFor", { name: volume.name }) }}
      title={t("extendFor", { name: volume.name })}
      description={t("extendHint", { size: volume.sizeGb })}
      submitLabel={t("extendSubmit")}
      cancelLabel={t("cancel")}
      pending={pending}
      error={error}
      onOpen={() => (reset(), setSize(String(volume.sizeGb + 10)))}
      onSubmit={(close) => run(() => extendVolumeAction({ id: volume.id, sizeGb: size }), () => (close(), onDone()), { success: t("extending", { name: volume.name, size }) })}
    >
      <TextField label={t("fields.newSize")} type="number" value={size} onChange={setSize} error={fields.sizeGb} />
    </FormDialog>
  );
}

/** A new volume cloned from a snapshot: in the snapshot's AZ and pool, at least its size. */
export function VolumeFromSnapshotDialog({ snapshot, onDone }: { snapshot: { id: string; name: string; sizeGb: number }; onDone: () => void }) {
  const t = useTranslations("evs");
  const [name, setName] = useState("");
  const [size, setSize] = useState("");
  const { run, pending, error, fields, reset } = useServerAction();
  return (
    <FormDialog
      trigger={{ kind: "edit", label: t("fromSnapshot"), ariaLabel: t("fromSnapshotFor", { name: snapshot.name }) }}
      title={t("fromSnapshotFor", { name: snapshot.name })}
      description={t("fromSnapshotHint", { size: snapshot.sizeGb })}
      submitLabel={t("createSubmit")}
      cancelLabel={t("cancel")}
      pending={pending}
      error={error}
      onOpen={() => (reset(), setName(`${snapshot.name}-vol`), setSize(String(snapshot.sizeGb)))}
      onSubmit={(close) => run(() => createVolumeAction({ name, sizeGb: size, snapshotId: snapshot.id }), () => (close(), onDone()), { success: t("created", { count: 1, name }) })}
    >
      <TextField label={t("fields.name")} value={name} onChange={setName} error={fields.name} maxLength={64} />
      <TextField label={t("fields.size")} type="number" value={size} onChange={setSize} error={fields.sizeGb} />
    </FormDialog>
  );
}

export function DeleteSnapshotButton({ snapshot, onDone }: { snapshot: { id: string; name: string }; onDone: () => void }) {
  const t = useTranslations("evs");
  const done = useFeedback();
  return (
    <ConfirmButton
      look="link"
      label={t("delete")}
      ariaLabel={t("deleteSnapshotFor", { name: snapshot.name })}
      title={t("deleteSnapshotFor", { name: snapshot.name })}
      description={t("deleteSnapshotHint")}
      cancelLabel={t("cancel")}
      confirmLabel={t("delete")}
      action={() => deleteSnapshotAction({ id: snapshot.id })}
      onDone={onDone}
      success={done("deleted", "snapshot", snapshot.name)}
    />
  );
}
