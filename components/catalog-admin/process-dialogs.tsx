"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { createProcessAction, deleteProcessAction } from "@/lib/server/actions/catalog-admin";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { asOptions, SelectField, TextField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { useServerAction } from "@/components/ui/use-server-action";
import { defaultLevel } from "./process-editor";
import { useFeedback } from "@/components/ui/feedback";

/**
 * Create a process as a draft with one level (the applicant's first-level VDC admin), then open
 * its editor. `owners` are the VDCs the caller may own processes for; `global` whether they may
 * create global ones (the operation admin).
 */
export function CreateProcessDialog({ owners, global }: { owners: { id: string; name: string }[]; global: boolean }) {
  const t = useTranslations("processes");
  const te = useTranslations("processes.editor");
  const router = useRouter();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [owner, setOwner] = useState(global ? "" : (owners[0]?.id ?? ""));
  const { run, pending, error, fields, reset } = useServerAction();
  const done = useFeedback();
  return (
    <FormDialog
      trigger={{ kind: "create", label: t("create") }}
      title={t("create")}
      description={t("createHint")}
      submitLabel={t("createSubmit")}
      cancelLabel={t("cancel")}
      pending={pending}
      error={error}
      onOpen={reset}
      onSubmit={(close) =>
        run(
          async () => {
            const res = await createProcessAction({ name, description, ownerVdcId: owner || null, levels: [defaultLevel(te("levelN", { n: 1 }))] });
            if (res.ok) router.push(`/sc/processes/${res.data.id}`);
            return res;
          },
          close,
          { success: done("created", "process", name) },
        )
      }
    >
      <TextField label={t("form.name")} value={name} onChange={setName} error={fields.name} maxLength={64} />
      <TextField label={t("form.description")} value={description} onChange={setDescription} maxLength={500} />
      <SelectField label={t("form.owner")} value={owner} onChange={setOwner} placeholder={global ? t("global") : undefined} options={asOptions(owners)} />
    </FormDialog>
  );
}

export function DeleteProcessButton({ id, name }: { id: string; name: string }) {
  const t = useTranslations("processes");
  const done = useFeedback();
  const router = useRouter();
  return (
    <ConfirmButton
      label={t("delete")}
      ariaLabel={t("deleteFor", { name })}
      title={t("deleteFor", { name })}
      description={t("deleteHint")}
      cancelLabel={t("cancel")}
      confirmLabel={t("delete")}
      action={() => deleteProcessAction({ id })}
      success={done("deleted", "process", name)}
      onDone={() => router.push("/sc/processes")}
    />
  );
}
