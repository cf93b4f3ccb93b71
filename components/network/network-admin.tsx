"use client";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { AgentDto, ExternalNetworkDto, PortDto, VpcDto } from "@/lib/server/queries/network";
import type { Page } from "@/lib/server/queries/paging";
import { CapacityBar } from "@/components/ui/capacity-bar";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { SimpleTable } from "@/components/ui/simple-table";
import { Dot, Tag } from "@/components/ui/status-badge";
import { Tabs } from "@/components/ui/tabs";
import { Time } from "@/components/ui/time";
import { SelectField, TextField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { useServerAction } from "@/components/ui/use-server-action";
import { useState } from "react";
import { createExternalNetworkAction, deleteExternalNetworkAction } from "@/lib/server/actions/network";
import { GuardedConfirm } from "./refusal";

const EMPTY = { name: "", kind: "provider", cidr: "", gateway: "", poolStart: "", poolEnd: "", physicalNetwork: "physnet1", vlanId: "" };

/** Service OM: a new external network (a provider VLAN, or another public network) with its pool. */
function CreateExternalNetworkDialog() {
  const t = useTranslations("network");
  const [f, setF] = useState(EMPTY);
  const { run, pending, error, fields, reset } = useServerAction();
  const set = (k: keyof typeof EMPTY) => (v: string) => setF((x) => ({ ...x, [k]: v }));
  return (
    <FormDialog
      trigger={{ kind: "create", label: t("createExternal") }}
      title={t("createExternal")}
      description={t("createExternalHint")}
      submitLabel={t("create")}
      cancelLabel={t("cancel")}
      pending={pending}
      error={error}
      onOpen={() => (reset(), setF(EMPTY))}
      onSubmit={(close) => run(() => createExternalNetworkAction(f), close, { success: t("externalCreated", { name: f.name }) })}
    >
      <TextField label={t("name")} value={f.name} onChange={set("name")} error={fields.name} maxLength={64} />
      <SelectField label={t("kind")} value={f.kind} onChange={set("kind")} options={[{ value: "provider", label: t("externalKinds.provider") }, { value: "public", label: t("externalKinds.public") }]} />
      <TextField label={t("cidr")} value={f.cidr} onChange={set("cidr")} error={fields.cidr} placeholder="172.31.0.0/22" maxLength={64} />
      <TextField label={t("gateway")} value={f.gateway} onChange={set("gateway")} error={fields.gateway} placeholder="172.31.0.1" maxLength={64} />
      <div className="grid grid-cols-2 gap-2">
        <TextField label={t("poolStart")} value={f.poolStart} onChange={set("poolStart")} error={fields.poolStart} maxLength={64} />
        <TextField label={t("poolEnd")} value={f.poolEnd} onChange={set("poolEnd")} error={fields.poolEnd} maxLength={64} />
      </div>
      <div className="grid grid-cols-2 gap-2">
        <TextField label={t("physicalNetwork")} value={f.physicalNetwork} onChange={set("physicalNetwork")} error={fields.physicalNetwork} maxLength={64} />
        <TextField label={t("vlanId")} value={f.vlanId} onChange={set("vlanId")} error={fields.vlanId} placeholder="1-4094" maxLength={4} />
      </div>
    </FormDialog>
  );
}

/** An external network's pool as a bar: in use (EIPs, router gateways, provider ports) of its size. */
export function ExternalPoolTable({ rows, canManage = false }: { rows: ExternalNetworkDto[]; canManage?: boolean }) {
  const t = useTranslations("network");
  return (
    <SimpleTable
      rowKey={(n) => n.id}
      rowTestId={(n) => `extnet-${n.name}`}
      rows={rows}
      columns={[
        { header: t("name"), cell: (n) => <span className="font-medium">{n.name}</span> },
        { header: t("kind"), cell: (n) => <Tag>{t(`externalKinds.${n.kind}`)}</Tag> },
        { header: t("cidr"), cell: (n) => <span className="font-mono text-xs">{n.cidr}</span> },
        { header: t("segment"), cell: (n) => <span className="font-mono text-xs">{n.vlanId !== null ? `VLAN ${n.vlanId} @ ${n.physicalNetwork}` : t("flat", { physnet: n.physicalNetwork })}</span> },
        { header: t("pools"), cell: (n) => <span className="font-mono text-xs">{n.pool}</span> },
        {
          header: t("poolUsage"),
          cell: (n) => {
            const total = Number(n.total);
            const used = total - Number(n.free);
            return <CapacityBar used={used} total={total} label={t("usedOf", { used, total })} className="min-w-40" />;
          },
        },
        { header: t("holders"), cell: (n) => <span className="text-xs">{t("holdersText", { eips: n.eips, gateways: n.routerGateways, ports: n.ports })}</span> },
        ...(canManage
          ? [
              {
                header: t("actions"),
                cell: (n: ExternalNetworkDto) => (
                  <GuardedConfirm refusal={n.deleteRefusal} look="link" label={t("delete")} ariaLabel={t("deleteExternalFor", { name: n.name })} title={t("deleteExternalFor", { name: n.name })} description={t("deleteExternalHint")} cancelLabel={t("cancel")} confirmLabel={t("delete")} action={() => deleteExternalNetworkAction({ id: n.id })} success={t("externalDeleted", { name: n.name })} />
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

export function NetworkAdminView({ external, vpcs, ports, agents }: { external: ExternalNetworkDto[]; vpcs: VpcDto[]; ports: Page<PortDto & { project: string; network: string }>; agents: AgentDto[] }) {
  const t = useTranslations("network");
  const portColumns: ColumnDef<PortDto & { project: string; network: string }, unknown>[] = [
    { id: "addresses", header: t("addresses"), cell: ({ row: { original: p } }) => <span className="font-mono text-xs">{p.addresses.join(", ")}</span> },
    { id: "macAddress", header: t("mac"), cell: ({ row: { original: p } }) => <span className="font-mono text-xs">{p.macAddress}</span> },
    { id: "network", header: t("network"), cell: ({ row: { original: p } }) => <span className="text-xs">{p.network}</span> },
    { id: "owner", header: t("owner"), cell: ({ row: { original: p } }) => t(`portKinds.${p.kind}`) },
    { id: "device", header: t("device"), cell: ({ row: { original: p } }) => (p.kind === "compute" && p.deviceId ? <Link className="text-brand-600 hover:underline" href={`/service-om/instances/${p.deviceId}`}>{p.deviceName ?? p.deviceId}</Link> : <span className="text-xs">{p.deviceName ?? "-"}</span>) },
    { id: "project", header: t("project"), cell: ({ row: { original: p } }) => <span className="text-xs">{p.project}</span> },
    { id: "status", header: t("status"), cell: ({ row: { original: p } }) => <Dot tone={p.status === "ACTIVE" ? "green" : "grey"}>{p.status}</Dot> },
  ];
  return (
    <Tabs
      tabs={[
        {
          id: "external",
          label: t("externalNetworks"),
          content: (
            <Card title={t("externalNetworks")} actions={<CreateExternalNetworkDialog />}>
              <ExternalPoolTable rows={external} canManage />
              <p className="mt-2 text-xs text-slate-500">{t("externalHint")}</p>
            </Card>
          ),
        },
        {
          id: "tenant",
          label: t("tenantNetworks", { count: vpcs.length }),
          content: (
            <SimpleTable
              rowKey={(v) => v.id}
              rows={vpcs}
              columns={[
                { header: t("name"), cell: (v) => <Link className="text-brand-600 hover:underline" href={`/sc/vpcs/${v.id}`}>{v.name}</Link> },
                { header: t("project"), cell: (v) => v.project },
                { header: t("cidr"), cell: (v) => <span className="font-mono text-xs">{v.cidr ?? "-"}</span> },
                { header: t("segment"), cell: (v) => <span className="font-mono text-xs">{v.vni !== null ? `VXLAN ${v.vni}` : "-"}</span> },
                { header: t("subnets"), cell: (v) => v.subnets },
                { header: t("ports"), cell: (v) => v.ports },
                { header: t("routerGateway"), cell: (v) => v.gateway ?? t("noRouterGateway") },
              ]}
            />
          ),
        },
        { id: "ports", label: t("allPorts", { count: ports.total }), content: <DataTable data={ports.rows} columns={portColumns} page={ports} sortable={["macAddress"]} rowTestId={(p) => `port-${p.macAddress}`} empty={t("noPorts")} /> },
        {
          id: "agents",
          label: t("agents"),
          content: (
            <SimpleTable
              rowKey={(a) => a.id}
              rowTestId={(a) => `agent-${a.binary}-${a.host}`}
              rows={agents}
              columns={[
                { header: t("agentType"), cell: (a) => a.agentType },
                { header: t("binary"), cell: (a) => <span className="font-mono text-xs">{a.binary}</span> },
                { header: t("host"), cell: (a) => a.host },
                { header: t("alive"), cell: (a) => <Dot tone={a.alive ? "green" : "red"}>{a.alive ? t("aliveYes") : t("aliveNo")}</Dot> },
                { header: t("adminState"), cell: (a) => (a.adminStateUp ? t("up") : t("down")) },
                { header: t("haState"), cell: (a) => (a.haState ? <Tag>{t(`haStates.${a.haState}`)}</Tag> : "-") },
                { header: t("heartbeat"), cell: (a) => <Time at={a.heartbeatAt} relative /> },
              ]}
            />
          ),
        },
      ]}
    />
  );
}
