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

/** An external network's pool as a bar: in use (EIPs, router gateways, provider ports) of its size. */
export function ExternalPoolTable({ rows }: { rows: ExternalNetworkDto[] }) {
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
            <Card title={t("externalNetworks")}>
              <ExternalPoolTable rows={external} />
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
                { header: t("cidr"), cell: (v) => <span className="font-mono text-xs">{v.cidr}</span> },
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
