"use client";
import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { ChevronDown } from "lucide-react";
import { useTranslations } from "next-intl";
import { Fragment, useState, useTransition } from "react";
import { ADMIN_ONLY_ACTIONS, type InstanceAction, type SimpleAction } from "@/lib/cloud/compute/instance-states";
import { useRouter } from "next/navigation";
import { instanceAction } from "@/lib/server/actions/instances";
import { changeOrderAction } from "@/lib/server/actions/orders";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/empty-state";
import { notify } from "@/components/ui/toaster";
import { InstanceOpDialog, type OpKind } from "./instance-op-dialog";

// Actions that change what a user's workload is doing ask first.
const CONFIRM: readonly SimpleAction[] = ["stop", "reboot", "reboot_hard", "revert_resize", "delete"];
// Operations that need input open their own dialog.
const WITH_INPUT: readonly OpKind[] = ["resize", "rebuild", "snapshot", "migrate", "evacuate"];

/**
 * "More", grouped as Huawei's ECS console groups it: the instance's state, its specifications
 * and image, protection, the administrators' moves, and deletion apart at the end.
 */
const GROUPS: readonly { id: string; actions: readonly InstanceAction[] }[] = [
  { id: "state", actions: ["reboot", "reboot_hard", "pause", "unpause", "suspend", "resume"] },
  { id: "specs", actions: ["resize", "confirm_resize", "revert_resize", "rebuild", "snapshot"] },
  { id: "protection", actions: ["lock", "unlock"] },
  { id: "admin", actions: ["migrate", "evacuate"] },
  { id: "delete", actions: ["delete"] },
];

export interface InstanceStateHint {
  status: string;
  taskState: string | null;
  locked: boolean;
}

/**
 * Start and Stop as buttons, the rest under "More" in groups. Each is enabled by the same
 * `allowed()` predicate the server enforces (passed in as `actions`); a disabled one says why on
 * hover. Every request ends in a notice: what was asked for, or why it was refused.
 */
export function InstanceActions({ id, name, actions, state, onDone, compact = false, operator = false, byOrder = false }: { id: string; name: string; actions: Record<InstanceAction, boolean>; state: InstanceStateHint; onDone: () => void; compact?: boolean; operator?: boolean; byOrder?: boolean }) {
  const t = useTranslations("ecs.actions");
  const ts = useTranslations("status.vm");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [confirm, setConfirm] = useState<SimpleAction | null>(null);
  const [op, setOp] = useState<OpKind | null>(null);
  const [error, setError] = useState<string | null>(null);
  const detail = { href: `${operator ? "/service-om/instances" : "/sc/ecs"}/${id}`, label: t("openInstance", { name }) };

  // Why an action is not offered now: the lock, an operation in flight, or the state.
  const why = (a: InstanceAction): string => {
    if (state.locked && !operator && a !== "unlock") return t("why.locked");
    if (state.taskState) return t("why.busy", { task: state.taskState });
    return t("why.state", { status: ts.has(state.status) ? ts(state.status) : state.status });
  };

  const run = (action: SimpleAction) =>
    start(async () => {
      setError(null);
      // Obtained through an approval: its release is an order through the same approval.
      if (byOrder && action === "delete") {
        const order = await changeOrderAction({ kind: "release", instanceIds: [id] });
        if (order.ok) {
          notify("success", t("done.releaseOrdered", { name }), { href: `/sc/orders/${order.data.id}`, label: t("openOrder") });
          return router.push(`/sc/orders/${order.data.id}`);
        }
        setError(order.message);
        notify("error", order.message);
        return setConfirm(action);
      }
      const res = await instanceAction({ id, action });
      if (res.ok) {
        setConfirm(null);
        notify("success", t("done.requested", { action: t(action), name }), action === "delete" ? undefined : detail);
        onDone();
      } else {
        setError(res.message);
        notify("error", res.message);
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
  const groups = GROUPS.map((g) => ({ ...g, actions: g.actions.filter((a) => operator || !ADMIN_ONLY_ACTIONS.includes(a)) })).filter((g) => g.actions.length > 0);
  const size = compact ? "sm" : "md";
  const itemClass = "cursor-pointer rounded-sm px-2 py-1.5 outline-none data-[disabled]:cursor-not-allowed data-[disabled]:text-slate-300 data-[highlighted]:bg-slate-100";

  return (
    <div className="flex items-center gap-1.5">
      {(["start", "stop"] as const).map((a) => (
        <Button key={a} size={size} variant="link" disabled={!actions[a] || pending} onClick={() => ask(a)} title={actions[a] ? undefined : why(a)}>
          {t(a)}
        </Button>
      ))}
      <DropdownMenu.Root>
        <DropdownMenu.Trigger asChild>
          <Button size={size} variant="link" aria-label={t("moreFor", { name })}>
            {t("more")} <ChevronDown className="h-3 w-3" />
          </Button>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content align="end" className="z-50 min-w-44 rounded-sm border border-slate-200 bg-white p-1 text-[13px] shadow-lg">
            {groups.map((g, i) => (
              <Fragment key={g.id}>
                {i > 0 ? <DropdownMenu.Separator className="my-1 h-px bg-slate-100" /> : null}
                <DropdownMenu.Group>
                  <DropdownMenu.Label className="px-2 pt-1 text-[11px] text-slate-400">{t(`groups.${g.id}`)}</DropdownMenu.Label>
                  {g.actions.map((a) => (
                    <DropdownMenu.Item key={a} disabled={!actions[a]} onSelect={() => ask(a)} className={itemClass} title={actions[a] ? undefined : why(a)} data-action={a}>
                      {byOrder && (a === "resize" || a === "delete") ? t(`byOrder.${a}`) : t(a)}
                    </DropdownMenu.Item>
                  ))}
                </DropdownMenu.Group>
              </Fragment>
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
