"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { VpcDetailDto } from "@/lib/server/queries/network";
import { setRouterGatewayAction } from "@/lib/server/actions/network";
import { Card, Field } from "@/components/ui/card";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { SimpleTable } from "@/components/ui/simple-table";
import { Dot, Tag } from "@/components/ui/status-badge";
import { Tabs } from "@/components/ui/tabs";
import { Time } from "@/components/ui/time";
import { CreateSubnetDialog, DeleteSubnetButton, DeleteVpcButton } from "./vpcs";
import { VpcTopology } from "./topology";

/** The next /24 of the VPC no subnet uses yet, as the add-subnet form's suggestion. */
function suggestSubnet(vpc: VpcDetailDto): string {
  if (!vpc.cidr) return "";
  const [base, prefix] = vpc.cidr.split("/");
  const octets = (base ?? "").split(".").map(Number);
  if (octets.length !== 4 || Number(prefix) > 24) return "";
  const used = new Set(vpc.subnets.map((s) => s.cidr));
  for (let i = 0; i < 256; i++) {
    const third = (octets[2] ?? 0) + i;
    if (third > 255) break;
    const cidr = `${octets[0]}.${octets[1]}.${third}.0/24`;
    if (!used.has(cidr) && !vpc.subnets.some((s) => s.cidr.startsWith(`${octets[0]}.${octets[1]}.${third}.`))) return cidr;
  }
  return "";
}

export function VpcDetailView({ vpc, canManage }: { vpc: VpcDetailDto; canManage: boolean }) {
  const t = useTranslations("network");
  const router = useRouter();
  const gateway = vpc.router?.gateway ?? null;
  const publicNet = vpc.publicNetworks[0];
  return (
    <div className="space-y-4">
      <Card
        title={
          <span className="flex items-center gap-2">
            <span data-testid="vpc-name">{vpc.name}</span>
            {vpc.isDefault ? <Tag>{t("default")}</Tag> : null}
            <Dot tone={vpc.status === "ACTIVE" ? "green" : "amber"}>{vpc.status}</Dot>
          </span>
        }
        actions={canManage ? <DeleteVpcButton vpc={vpc} look="secondary" onDone={() => router.push("/sc/vpcs")} /> : null}
      >
        <div className="grid grid-cols-1 gap-x-8 lg:grid-cols-2">
          <dl>
            <Field label={t("id")}><span className="font-mono text-xs">{vpc.id}</span></Field>
            <Field label={t("cidr")}><span className="font-mono" data-testid="vpc-cidr">{vpc.cidr ?? "-"}</span></Field>
            {vpc.vni !== null ? <Field label={t("vni")}><span className="font-mono">{vpc.vni}</span></Field> : null}
            <Field label={t("project")}>{vpc.project}</Field>
            {vpc.description ? <Field label={t("description")}>{vpc.description}</Field> : null}
          </dl>
          <dl>
            <Field label={t("router")}>{vpc.router?.name ?? "-"}</Field>
            <Field label={t("routerGateway")}>
              <span className="flex items-center gap-2" data-testid="router-gateway">
                {gateway ? `${gateway.name} (${gateway.address ?? "-"})` : t("noRouterGateway")}
                {canManage && vpc.router && publicNet ? (
                  <ConfirmButton
                    look="link"
                    label={gateway ? t("clearGateway") : t("setGateway")}
                    title={gateway ? t("clearGateway") : t("setGateway")}
                    description={gateway ? t("clearGatewayHint") : t("setGatewayHint", { network: publicNet.name })}
                    cancelLabel={t("cancel")}
                    confirmLabel={gateway ? t("clearGateway") : t("setGateway")}
                    action={() => setRouterGatewayAction({ vpcId: vpc.id, externalNetworkId: gateway ? null : publicNet.id })}
                    success={gateway ? t("gatewayCleared") : t("gatewaySet", { network: publicNet.name })}
                  />
                ) : null}
              </span>
            </Field>
            <Field label={t("createdAt")}><Time at={vpc.createdAt} /></Field>
          </dl>
        </div>
      </Card>
      <Card title={t("topology")}>
        <VpcTopology vpc={vpc} />
        <p className="mt-2 text-xs text-slate-500">{t("topologyHint")}</p>
      </Card>
      <Tabs
        tabs={[
          {
            id: "subnets",
            label: t("subnetsTab", { count: vpc.subnets.length }),
            content: (
              <div className="space-y-2">
                {canManage ? <CreateSubnetDialog vpcId={vpc.id} suggest={suggestSubnet(vpc)} /> : null}
                <SimpleTable
                  rowKey={(s) => s.id}
                  rowTestId={(s) => `subnet-${s.name}`}
                  rows={vpc.subnets}
                  columns={[
                    { header: t("name"), cell: (s) => <span className="font-medium">{s.name}</span> },
                    { header: t("cidr"), cell: (s) => <span className="font-mono text-xs">{s.cidr}</span> },
                    { header: t("gateway"), cell: (s) => <span className="font-mono text-xs">{s.gatewayIp ?? t("none")}</span> },
                    { header: t("dhcp"), cell: (s) => (s.enableDhcp ? t("on") : t("off")) },
                    { header: t("pools"), cell: (s) => <span className="font-mono text-xs">{s.pools.map((p) => `${p.start}-${p.end}`).join(", ")}</span> },
                    { header: t("dnsServers"), cell: (s) => <span className="font-mono text-xs">{s.dnsServers.join(", ") || "-"}</span> },
                    { header: t("hostRoutes"), cell: (s) => <span className="font-mono text-xs">{s.hostRoutes.map((r) => `${r.destination} via ${r.nexthop}`).join(", ") || "-"}</span> },
                    { header: t("addresses"), cell: (s) => <span className="tabular-nums text-xs" data-testid={`subnet-free-${s.name}`}>{t("freeOf", { free: s.free, total: s.total })}</span> },
                    { header: t("actions"), cell: (s) => (canManage ? <DeleteSubnetButton subnet={s} /> : null) },
                  ]}
                />
              </div>
            ),
          },
          {
            id: "ports",
            label: t("portsTab", { count: vpc.ports.length }),
            content: (
              <SimpleTable
                rowKey={(p) => p.id}
                rows={vpc.ports}
                columns={[
                  { header: t("addresses"), cell: (p) => <span className="font-mono text-xs">{p.addresses.join(", ")}</span> },
                  { header: t("mac"), cell: (p) => <span className="font-mono text-xs">{p.macAddress}</span> },
                  { header: t("owner"), cell: (p) => t(`portKinds.${p.kind}`) },
                  { header: t("device"), cell: (p) => (p.kind === "compute" && p.deviceId ? <Link className="text-brand-600 hover:underline" href={`/sc/ecs/${p.deviceId}`}>{p.deviceName ?? p.deviceId}</Link> : <span className="text-xs">{p.deviceName ?? "-"}</span>) },
                  { header: t("groups"), cell: (p) => <span className="text-xs">{p.groups.map((g) => g.name).join(", ") || "-"}</span> },
                  { header: t("eip"), cell: (p) => <span className="font-mono text-xs">{p.eip?.address ?? "-"}</span> },
                  { header: t("status"), cell: (p) => <Dot tone={p.status === "ACTIVE" ? "green" : "grey"}>{p.status}</Dot> },
                ]}
              />
            ),
          },
        ]}
      />
    </div>
  );
}
