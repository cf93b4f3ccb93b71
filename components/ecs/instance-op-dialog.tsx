"use client";
import { useTranslations } from "next-intl";
import { useEffect, useState, useTransition } from "react";
import type { InstanceOptionsDto } from "@/lib/server/queries/instances";
import { useRouter } from "next/navigation";
import { evacuateAction, instanceOptionsAction, migrateAction, rebuildAction, resizeAction, snapshotAction } from "@/lib/server/actions/instances";
import { changeOrderAction } from "@/lib/server/actions/orders";
import { gib } from "@/lib/client/format";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/empty-state";
import { notify } from "@/components/ui/toaster";

export type OpKind = "resize" | "rebuild" | "snapshot" | "migrate" | "evacuate";

const inputClass = "h-8 w-full rounded-sm border border-slate-300 px-2 text-[13px] focus:border-brand-500 focus:outline-none";

/**
 * The dialogs of the operations that take input. The choices (flavors for a resize, images for a
 * rebuild, hosts for a migration) are loaded when the dialog opens, for this instance: the server
 * decides what is on offer, and checks it again when the request arrives.
 */
export function InstanceOpDialog({ kind, id, name, onClose, onDone, byOrder = false }: { kind: OpKind | null; id: string; name: string; onClose: () => void; onDone: () => void; byOrder?: boolean }) {
  const t = useTranslations("ecs.ops");
  const ta = useTranslations("ecs.actions");
  const router = useRouter();
  // A resize of an instance ordered through an approval is itself an order.
  const asOrder = byOrder && kind === "resize";
  const key = asOrder ? "resizeOrder" : kind;
  const [options, setOptions] = useState<InstanceOptionsDto | null>(null);
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  useEffect(() => {
    if (!kind) return;
    setError(null);
    setValue(kind === "snapshot" ? `${name}-snapshot` : "");
    if (kind === "snapshot") return;
    let live = true;
    void instanceOptionsAction({ id }).then((res) => {
      if (!live) return;
      if (res.ok) setOptions(res.data);
      else setError(res.message);
    });
    return () => {
      live = false;
    };
  }, [kind, id, name]);

  const submit = () =>
    start(async () => {
      setError(null);
      if (asOrder) {
        const res = await changeOrderAction({ kind: "resize", instanceId: id, flavorId: value });
        if (res.ok) {
          notify("success", ta("done.resizeOrdered", { name }), { href: `/sc/orders/${res.data.id}`, label: ta("openOrder") });
          return router.push(`/sc/orders/${res.data.id}`);
        }
        notify("error", res.message);
        return setError(res.fields ? Object.values(res.fields).join(" ") : res.message);
      }
      const res =
        kind === "resize"
          ? await resizeAction({ id, flavorId: value })
          : kind === "rebuild"
            ? await rebuildAction({ id, imageId: value })
            : kind === "snapshot"
              ? await snapshotAction({ id, name: value })
              : kind === "migrate"
                ? await migrateAction({ id, host: value })
                : await evacuateAction({ id, host: value });
      if (res.ok) {
        notify("success", ta("done.requested", { action: ta(kind ?? "resize"), name }));
        onClose();
        onDone();
      } else {
        notify("error", res.message);
        setError(res.fields ? Object.values(res.fields).join(" ") : res.message);
      }
    });

  const needsChoice = kind === "resize" || kind === "rebuild";
  return (
    <Dialog
      open={kind !== null}
      onOpenChange={(o) => !o && onClose()}
      title={key ? t(`${key}.title`, { name }) : ""}
      description={key ? t(`${key}.body`) : undefined}
      footer={
        <>
          <Button onClick={onClose}>{t("cancel")}</Button>
          <Button variant="primary" disabled={pending || (needsChoice && !value) || (kind === "snapshot" && !value.trim())} onClick={submit}>
            {key ? t(`${key}.submit`) : ""}
          </Button>
        </>
      }
    >
      {kind === "resize" ? (
        <label className="block">
          <span className="mb-1 block text-xs text-slate-500">{t("resize.flavor")}</span>
          <select className={inputClass} value={value} onChange={(e) => setValue(e.target.value)} aria-label={t("resize.flavor")}>
            <option value="">{options ? t("choose") : t("loading")}</option>
            {options?.flavors.map((f) => (
              <option key={f.id} value={f.id}>
                {`${f.name} · ${f.vcpus} vCPU · ${gib(f.ramMb)} · ${f.diskGb} GB`}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {kind === "rebuild" ? (
        <label className="block">
          <span className="mb-1 block text-xs text-slate-500">{t("rebuild.image")}</span>
          <select className={inputClass} value={value} onChange={(e) => setValue(e.target.value)} aria-label={t("rebuild.image")}>
            <option value="">{options ? t("choose") : t("loading")}</option>
            {options?.images.map((m) => (
              <option key={m.id} value={m.id}>
                {m.private ? t("rebuild.privateImage", { name: m.name }) : m.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {kind === "snapshot" ? (
        <label className="block">
          <span className="mb-1 block text-xs text-slate-500">{t("snapshot.name")}</span>
          <input className={inputClass} value={value} onChange={(e) => setValue(e.target.value)} aria-label={t("snapshot.name")} maxLength={64} />
        </label>
      ) : null}
      {kind === "migrate" || kind === "evacuate" ? (
        <label className="block">
          <span className="mb-1 block text-xs text-slate-500">{t("targetHost")}</span>
          <select className={inputClass} value={value} onChange={(e) => setValue(e.target.value)} aria-label={t("targetHost")}>
            <option value="">{t("schedulerChooses")}</option>
            {options?.hosts.map((h) => (
              <option key={h.name} value={h.name} disabled={!h.up}>
                {h.name}
                {!h.up ? ` (${t("hostDown")})` : !h.enabled ? ` (${t("hostDisabled")})` : ""}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {error ? <Alert>{error}</Alert> : null}
    </Dialog>
  );
}
