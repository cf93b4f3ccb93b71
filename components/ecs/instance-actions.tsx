"use client";
import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { ChevronDown } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { ADMIN_ONLY_ACTIONS, type InstanceAction, type SimpleAction } from "@/lib/cloud/compute/instance-states";
import { useRouter } from "next/navigation";
import { instanceAction } from "@/lib/server/actions/instances";
import { changeOrderAction } from "@/lib/server/actions/orders";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/empty-state";
import { InstanceOpDialog, type OpKind } from "./instance-op-dialog";

// Actions that change what a user's workload is doing ask first.
const CONFIRM: readonly SimpleAction[] = ["stop", "reboot", "reboot_hard", "revert_resize", "delete"];
// Operations that need input open their own dialog.
const WITH_INPUT: readonly OpKind[] = ["resize", "rebuild", "snapshot", "migrate", "evacuate"];
const MENU: readonly InstanceAction[] = ["reboot", "reboot_hard", "pause", "unpause", "suspend", "resume", "resize", "confirm_resize", "revert_resize", "rebuild", "snapshot", "lock", "unlock", "migrate", "evacuate", "delete"];

/**
 * Start/Stop as buttons, the rest under "More". Each is enabled by the same `allowed()` predicate
 * the server enforces (passed in as `actions`).
 */
export function InstanceActions({ id, name, actions, onDone, compact = false, operator = false, byOrder = false }: { id: string; name: string; actions: Record<InstanceAction, boolean>; onDone: () => void; compact?: boolean; operator?: boolean; byOrder?: boolean }) {
  const t = useTranslations("ecs.actions");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [confirm, setConfirm] = useState<SimpleAction | null>(null);
  const [op, setOp] = useState<OpKind | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = (action: SimpleAction) =>
    start(async () => {
      setError(null);
      // Obtained through an approval: its release is an order through the same approval.
      if (byOrder && action === "delete") {
        const order = await changeOrderAction({ kind: "release", instanceIds: [id] });
        if (order.ok) return router.push(`/sc/orders/${order.data.id}`);
        setError(order.message);
        return setConfirm(action);
      }
      const res = await instanceAction({ id, action });
      if (res.ok) {
        setConfirm(null);
        onDone();
      } else {
        setError(res.message);
        setConfirm(action);
      }
    });
  const ask = (action: InstanceAction) => {
    if ((WITH_INPUT as readonly string[]).includes(action)) return setOp(action as OpKind);
    const simple = action as SimpleAction;
    if (CONFIRM.includes(simple)) {
      setError(null);
      setConfirm(simple);
    } else run(simple);
  };
  // Tenants never see the administrators' operations, not even greyed out.
  const menu = MENU.filter((a) => operator || !ADMIN_ONLY_ACTIONS.includes(a));
  const size = compact ? "sm" : "md";

  return (
    <div className="flex items-center gap-1.5">
      <Button size={size} variant="link" disabled={!actions.start || pending} onClick={() => ask("start")}>
        {t("start")}
      </Button>
      <Button size={size} variant="link" disabled={!actions.stop || pending} onClick={() => ask("stop")}>
        {t("stop")}
      </Button>
      <DropdownMenu.Root>
        <DropdownMenu.Trigger asChild>
          <Button size={size} variant="link" aria-label={t("moreFor", { name })}>
            {t("more")} <ChevronDown className="h-3 w-3" />
          </Button>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content align="end" className="z-50 min-w-36 rounded-sm border border-slate-200 bg-white p-1 text-[13px] shadow-lg">
            {menu.map((a) => (
              <DropdownMenu.Item
                key={a}
                disabled={!actions[a]}
                onSelect={() => ask(a)}
                className="cursor-pointer rounded-sm px-2 py-1.5 outline-none data-[disabled]:cursor-not-allowed data-[disabled]:text-slate-300 data-[highlighted]:bg-slate-100"
              >
                {byOrder && (a === "resize" || a === "delete") ? t(`byOrder.${a}`) : t(a)}
              </DropdownMenu.Item>
            ))}
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      <InstanceOpDialog kind={op} id={id} name={name} onClose={() => setOp(null)} onDone={onDone} byOrder={byOrder} />
      <Dialog
        open={confirm !== null}
        onOpenChange={(o) => !o && setConfirm(null)}
        title={confirm ? (byOrder && confirm === "delete" ? t("byOrder.releaseTitle") : t(`confirm.${confirm}.title`)) : ""}
        description={confirm ? (byOrder && confirm === "delete" ? t("byOrder.releaseBody", { name }) : t(`confirm.${confirm}.body`, { name })) : undefined}
        footer={
          <>
            <Button onClick={() => setConfirm(null)}>{t("cancel")}</Button>
            <Button variant="primary" disabled={pending} onClick={() => confirm && run(confirm)}>
              {t("confirmButton")}
            </Button>
          </>
        }
      >
        {error ? <Alert>{error}</Alert> : null}
      </Dialog>
    </div>
  );
}
