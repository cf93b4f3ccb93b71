"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { deleteVdcAction, updateVdcAction } from "@/lib/server/actions/organizations";
import { TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/empty-state";
import { useServerAction } from "@/components/ui/use-server-action";
import { useFeedback } from "@/components/ui/feedback";

export function VdcActions({ vdc, canEdit, canDelete, parentHref }: { vdc: { id: string; name: string; description: string }; canEdit: boolean; canDelete: boolean; parentHref: string }) {
  const t = useTranslations("org");
  const router = useRouter();
  const [mode, setMode] = useState<"edit" | "delete" | null>(null);
  const [name, setName] = useState(vdc.name);
  const [description, setDescription] = useState(vdc.description);
  const { run, pending, error, reset } = useServerAction();
  const done = useFeedback();
  return (
    <>
      {canEdit ? <Button onClick={() => (reset(), setMode("edit"))}>{t("edit")}</Button> : null}
      {canDelete ? (
        <Button variant="danger" onClick={() => (reset(), setMode("delete"))}>
          {t("delete")}
        </Button>
      ) : null}
      <Dialog
        open={mode !== null}
        onOpenChange={(o) => !o && setMode(null)}
        title={mode === "delete" ? t("deleteTitle", { name: vdc.name }) : t("editTitle", { name: vdc.name })}
        description={mode === "delete" ? t("deleteHint") : undefined}
        footer={
          <>
            <Button onClick={() => setMode(null)}>{t("cancel")}</Button>
            <Button
              variant="primary"
              disabled={pending}
              onClick={() =>
                mode === "delete"
                  ? run(
                      () => deleteVdcAction({ id: vdc.id }),
                      () => router.push(parentHref),
                      { success: done("deleted", "vdc", vdc.name) },
                    )
                  : run(() => updateVdcAction({ id: vdc.id, name, description }), () => setMode(null), { success: done("saved", "vdc", name) })
              }
            >
              {mode === "delete" ? t("delete") : t("save")}
            </Button>
          </>
        }
      >
        {mode === "edit" ? (
          <>
            <TextField label={t("name")} value={name} onChange={setName} />
            <TextField label={t("description")} value={description} onChange={setDescription} />
          </>
        ) : null}
        {error ? <Alert>{error}</Alert> : null}
      </Dialog>
    </>
  );
}
