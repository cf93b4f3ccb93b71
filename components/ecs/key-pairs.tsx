"use client";
import type { ColumnDef } from "@tanstack/react-table";
import { Download } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { KeyPairDto } from "@/lib/server/queries/key-pairs";
import { createKeyPairAction, deleteKeyPairAction } from "@/lib/server/actions/key-pairs";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { DataTable, type ServerPage } from "@/components/ui/data-table";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { TextField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { Time } from "@/components/ui/time";
import { useServerAction } from "@/components/ui/use-server-action";
import { useFeedback } from "@/components/ui/feedback";

/** Create a key pair: import a public key, or let the console generate one and show its private key once. */
export function CreateKeyPairDialog() {
  const t = useTranslations("keyPairs");
  const [name, setName] = useState("");
  const [publicKey, setPublicKey] = useState("");
  const [generated, setGenerated] = useState<{ name: string; privateKey: string } | null>(null);
  const { run, pending, error, fields, reset } = useServerAction();
  const download = () => {
    if (!generated) return;
    const url = URL.createObjectURL(new Blob([generated.privateKey], { type: "application/x-pem-file" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `${generated.name}.pem`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <>
      <FormDialog
        trigger={{ kind: "create", label: t("create") }}
        title={t("create")}
        description={t("createHint")}
        submitLabel={publicKey.trim() ? t("import") : t("generate")}
        cancelLabel={t("cancel")}
        pending={pending}
        error={error}
        onOpen={() => (reset(), setName(""), setPublicKey(""))}
        onSubmit={(close) =>
          run(
            () => createKeyPairAction({ name, kind: publicKey.trim() ? "import" : "generate", publicKey }),
            (data) => {
              close();
              if (data?.privateKey) setGenerated({ name: data.name, privateKey: data.privateKey });
            },
            { success: (d) => t(d?.privateKey ? "generated" : "imported", { name: d?.name ?? name, fingerprint: d?.fingerprint ?? "" }) },
          )
        }
      >
        <TextField label={t("name")} value={name} onChange={setName} error={fields.name} maxLength={64} />
        <label className="block">
          <span className="mb-1 block text-xs text-slate-600">{t("publicKey")}</span>
          <textarea value={publicKey} onChange={(e) => setPublicKey(e.target.value)} rows={4} className="w-full rounded-sm border border-slate-300 px-2 py-1 font-mono text-[11px]" aria-label={t("publicKey")} placeholder="ssh-ed25519 AAAA... user@host" />
          <span className="mt-1 block text-xs text-slate-500">{t("publicKeyHint")}</span>
        </label>
      </FormDialog>
      <Dialog
        open={generated !== null}
        onOpenChange={(o) => !o && setGenerated(null)}
        title={t("privateKeyTitle", { name: generated?.name ?? "" })}
        description={t("privateKeyHint")}
        footer={
          <>
            <Button onClick={download}>
              <Download className="h-4 w-4" /> {t("download")}
            </Button>
            <Button variant="primary" onClick={() => setGenerated(null)}>
              {t("done")}
            </Button>
          </>
        }
      >
        <pre className="max-h-64 overflow-auto rounded-sm bg-slate-50 p-2 font-mono text-[10px]" data-testid="private-key">
          {generated?.privateKey}
        </pre>
      </Dialog>
    </>
  );
}

export function KeyPairTable({ rows, page, filtered }: { rows: KeyPairDto[]; page: ServerPage; filtered: boolean }) {
  const t = useTranslations("keyPairs");
  const done = useFeedback();
  const columns: ColumnDef<KeyPairDto, unknown>[] = [
    { id: "name", header: t("name"), cell: ({ row: { original: k } }) => <span className="font-medium">{k.name}</span> },
    { id: "fingerprint", header: t("fingerprint"), cell: ({ row: { original: k } }) => <span className="font-mono text-xs">{k.fingerprint}</span> },
    { id: "type", header: t("type"), cell: ({ row: { original: k } }) => <span className="text-xs">{k.publicKey.split(" ")[0]}</span> },
    { id: "createdAt", header: t("createdAt"), cell: ({ row: { original: k } }) => <Time at={k.createdAt} relative /> },
    {
      id: "actions",
      header: t("actions"),
      cell: ({ row: { original: k } }) => (
        <ConfirmButton
          look="link"
          label={t("delete")}
          ariaLabel={t("deleteFor", { name: k.name })}
          title={t("deleteFor", { name: k.name })}
          description={t("deleteHint")}
          cancelLabel={t("cancel")}
          confirmLabel={t("delete")}
          action={() => deleteKeyPairAction({ id: k.id })}
          success={done("deleted", "keyPair", k.name)}
        />
      ),
    },
  ];
  return <DataTable data={rows} columns={columns} page={page} sortable={["name", "createdAt"]} rowTestId={(k) => `keypair-${k.name}`} empty={<EmptyState title={filtered ? t("emptyFiltered") : t("empty")} hint={filtered ? undefined : t("emptyHint")} />} />;
}
