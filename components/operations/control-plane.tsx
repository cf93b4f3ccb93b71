"use client";
import { useTranslations } from "next-intl";
import type { ControllerDto } from "@/lib/server/queries/control-plane";
import { setControllerAction } from "@/lib/server/actions/operations";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { Dot, Tag } from "@/components/ui/status-badge";
import { Time } from "@/components/ui/time";

const ROLE_STYLE = { active: "bg-green-100 text-green-700", standby: "bg-slate-100 text-slate-600", stopped: "bg-red-100 text-red-700" } as const;

/** A CPS controller: its role in the election, its ZooKeeper session, its services; stop or start it as a drill. */
export function ControllerCard({ node, canDrill }: { node: ControllerDto; canDrill: boolean }) {
  const t = useTranslations("cps");
  const tc = useTranslations("common");
  return (
    <div className="rounded-sm border border-slate-200 p-3" data-testid={`node-${node.name}`}>
      <div className="flex items-center justify-between">
        <span className="font-medium">{node.name}</span>
        <span className={`rounded-sm px-1.5 text-xs ${ROLE_STYLE[node.role]}`} data-testid="controller-role">
          {t(`ha.${node.role}`)}
        </span>
      </div>
      <div className="mt-1 font-mono text-xs text-slate-500">{node.ip}</div>
      <div className="mt-1 text-xs text-slate-500">{node.model}</div>
      <div className="mt-1">
        <Dot tone={node.running ? "green" : "red"}>{t(node.running ? "healthy" : "faulty")}</Dot>
      </div>
      <div className="mt-1 text-xs text-slate-500">
        {node.zkSequence !== null ? t("zkNode", { sequence: String(node.zkSequence).padStart(10, "0") }) : t("zkNone")}
        {node.lastHeartbeatAt ? (
          <span>
            {" · "}
            {t("heartbeat")} <Time at={node.lastHeartbeatAt} relative />
          </span>
        ) : null}
      </div>
      <div className="mt-2 flex flex-wrap gap-1">
        {node.services.map((s) => (
          <Tag key={s}>{s}</Tag>
        ))}
      </div>
      {canDrill ? (
        <div className="mt-2">
          {node.running ? (
            <ConfirmButton look="link" label={t("stop")} ariaLabel={t("stopAria", { name: node.name })} title={t("stopTitle", { name: node.name })} description={t("stopHelp")} cancelLabel={tc("cancel")} confirmLabel={t("stop")} action={() => setControllerAction({ id: node.id, running: false })} success={t("stopped", { name: node.name })} />
          ) : (
            <ConfirmButton look="link" label={t("start")} ariaLabel={t("startAria", { name: node.name })} title={t("startTitle", { name: node.name })} description={t("startHelp")} cancelLabel={tc("cancel")} confirmLabel={t("start")} action={() => setControllerAction({ id: node.id, running: true })} success={t("started", { name: node.name })} />
          )}
        </div>
      ) : null}
    </div>
  );
}
