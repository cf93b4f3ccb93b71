"use client";
import { DEFAULT_EIP_MBIT } from "@/lib/schemas/network";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { BindTargetDto, EipDto } from "@/lib/server/queries/network";
import { allocateEipAction, bindEipAction, releaseEipAction, setEipBandwidthAction, unbindEipAction } from "@/lib/server/actions/network";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { DataTable, type ServerPage } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField, TextField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { Dot } from "@/components/ui/status-badge";
import { Time } from "@/components/ui/time";
import { useServerAction } from "@/components/ui/use-server-action";
import { GuardedConfirm } from "./refusal";

export function AllocateEipDialog() {
  const t = useTranslations("network");
  const [bandwidth, setBandwidth] = useState(String(DEFAULT_EIP_MBIT));
  const [address, setAddress] = useState("");
  const { run, pending, error, fields, reset } = useServerAction();
  return (
    <FormDialog
      trigger={{ kind: "create", label: t("allocateEip") }}
      title={t("allocateEip")}
      description={t("allocateEipHint")}
      submitLabel={t("allocate")}
      cancelLabel={t("cancel")}
      pending={pending}
      error={error}
      onOpen={() => (reset(), setBandwidth("5"), setAddress(""))}
      onSubmit={(close) => run(() => allocateEipAction({ bandwidthMbit: bandwidth, address }), close, { success: (d) => t("eipAllocated", { address: d?.address ?? "" }) })}
    >
      <TextField label={t("bandwidth")} value={bandwidth} onChange={setBandwidth} error={fields.bandwidthMbit} maxLength={5} />
      <TextField label={t("chosenAddress")} value={address} onChange={setAddress} error={fields.address} placeholder={t("nextFree")} maxLength={64} />
    </FormDialog>
  );
}

/** Bind to one of the project's ECS interfaces; those the public network cannot reach say why. */
export function BindEipDialog({ eip, targets }: { eip: EipDto; targets: BindTargetDto[] }) {
  const t = useTranslations("network");
  const usable = targets.filter((x) => x.reachable && !x.hasEip);
  const [portId, setPortId] = useState(usable[0]?.portId ?? "");
  const { run, pending, error, reset } = useServerAction();
  return (
    <FormDialog
      trigger={{ kind: "edit", label: t("bind"), ariaLabel: t("bindFor", { address: eip.address }) }}
      title={t("bindFor", { address: eip.address })}
      description={t("bindHint")}
      submitLabel={t("bind")}
      cancelLabel={t("cancel")}
      pending={pending}
      error={error}
      onOpen={() => (reset(), setPortId(usable[0]?.portId ?? ""))}
      onSubmit={(close) => run(() => bindEipAction({ id: eip.id, portId }), close, { success: t("eipBound", { address: eip.address }) })}
    >
      <SelectField label={t("bindTarget")} value={portId} onChange={setPortId} placeholder={usable.length ? undefined : t("noBindTarget")}>
        {targets.map((x) => (
          <option key={x.portId} value={x.portId} disabled={!x.reachable || x.hasEip}>
            {`${x.instanceName} - ${x.address} (${x.subnet})${x.hasEip ? ` - ${t("hasEip")}` : !x.reachable ? ` - ${t("unreachable")}` : ""}`}
          </option>
        ))}
      </SelectField>
    </FormDialog>
  );
}

function BandwidthDialog({ eip }: { eip: EipDto }) {
  const t = useTranslations("network");
  const [bandwidth, setBandwidth] = useState(String(eip.bandwidthMbit));
  const { run, pending, error, fields, reset } = useServerAction();
  return (
    <FormDialog
      trigger={{ kind: "edit", label: t("changeBandwidth"), ariaLabel: t("changeBandwidthFor", { address: eip.address }) }}
      title={t("changeBandwidthFor", { address: eip.address })}
      submitLabel={t("save")}
      cancelLabel={t("cancel")}
      pending={pending}
      error={error}
      onOpen={() => (reset(), setBandwidth(String(eip.bandwidthMbit)))}
      onSubmit={(close) => run(() => setEipBandwidthAction({ id: eip.id, bandwidthMbit: bandwidth }), close, { success: t("bandwidthSaved", { address: eip.address }) })}
    >
      <TextField label={t("bandwidth")} value={bandwidth} onChange={setBandwidth} error={fields.bandwidthMbit} maxLength={5} />
    </FormDialog>
  );
}

export function UnbindEipButton({ eip, look = "link" }: { eip: Pick<EipDto, "id" | "address">; look?: "link" | "secondary" }) {
  const t = useTranslations("network");
  return (
    <ConfirmButton
      look={look}
      label={t("unbind")}
      ariaLabel={t("unbindFor", { address: eip.address })}
      title={t("unbindFor", { address: eip.address })}
      description={t("unbindHint")}
      cancelLabel={t("cancel")}
      confirmLabel={t("unbind")}
      action={() => unbindEipAction({ id: eip.id })}
      success={t("eipUnbound", { address: eip.address })}
    />
  );
}

export function EipTable({ rows, page, filtered, targets, showProject, canManage }: { rows: EipDto[]; page: ServerPage; filtered: boolean; targets: Record<string, BindTargetDto[]>; showProject: boolean; canManage: boolean }) {
  const t = useTranslations("network");
  const columns: ColumnDef<EipDto, unknown>[] = [
    { id: "address", header: t("eipAddress"), cell: ({ row: { original: e } }) => <span className="font-mono font-medium">{e.address}</span> },
    { id: "status", header: t("status"), cell: ({ row: { original: e } }) => <Dot tone={e.bound ? "green" : "grey"}>{e.bound ? t("bound") : t("unbound")}</Dot> },
    {
      id: "boundTo",
      header: t("boundTo"),
      cell: ({ row: { original: e } }) =>
        e.bound ? (
          <span className="text-xs">
            {e.bound.instanceId ? (
              <Link className="text-brand-600 hover:underline" href={`/sc/ecs/${e.bound.instanceId}`}>
                {e.bound.instanceName}
              </Link>
            ) : (
              "-"
            )}{" "}
            <span className="font-mono">{e.bound.fixedIp}</span>
          </span>
        ) : (
          "-"
        ),
    },
    { id: "bandwidthMbit", header: t("bandwidth"), cell: ({ row: { original: e } }) => <span className="tabular-nums">{t("mbit", { n: e.bandwidthMbit })}</span> },
    { id: "network", header: t("externalNetwork"), cell: ({ row: { original: e } }) => <span className="text-xs">{e.network}</span> },
    ...(showProject ? [{ id: "project", header: t("project"), cell: ({ row: { original: e } }: { row: { original: EipDto } }) => <span className="text-xs">{e.project}</span> }] : []),
    { id: "createdAt", header: t("createdAt"), cell: ({ row: { original: e } }) => <Time at={e.createdAt} relative /> },
    ...(canManage
      ? [
          {
            id: "actions",
            header: t("actions"),
            cell: ({ row: { original: e } }: { row: { original: EipDto } }) => {
              const projectTargets = targets[e.projectId] ?? [];
              return (
                <span className="flex items-center gap-1">
                  {e.bindRefusal ? null : <BindEipDialog eip={e} targets={projectTargets} />}
                  {e.unbindRefusal ? null : <UnbindEipButton eip={e} />}
                  <BandwidthDialog eip={e} />
                  <GuardedConfirm refusal={e.releaseRefusal} look="link" label={t("release")} ariaLabel={t("releaseFor", { address: e.address })} title={t("releaseFor", { address: e.address })} description={t("releaseHint")} cancelLabel={t("cancel")} confirmLabel={t("release")} action={() => releaseEipAction({ id: e.id })} success={t("eipReleased", { address: e.address })} />
                </span>
              );
            },
          },
        ]
      : []),
  ];
  return <DataTable data={rows} columns={columns} page={page} sortable={["address", "bandwidthMbit", "createdAt"]} rowTestId={(e) => `eip-${e.address}`} empty={<EmptyState title={filtered ? t("emptyFiltered") : t("emptyEips")} hint={filtered ? undefined : t("emptyEipsHint")} />} />;
}
