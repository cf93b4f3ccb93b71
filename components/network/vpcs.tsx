"use client";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { VpcDto } from "@/lib/server/queries/network";
import { createSubnetAction, createVpcAction, deleteSubnetAction, deleteVpcAction } from "@/lib/server/actions/network";
import { DataTable, type ServerPage } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { TextField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { Tag } from "@/components/ui/status-badge";
import { Time } from "@/components/ui/time";
import { useServerAction } from "@/components/ui/use-server-action";
import { useFeedback } from "@/components/ui/feedback";
import { GuardedConfirm } from "./refusal";

interface SubnetForm {
  name: string;
  cidr: string;
  gatewayIp: string;
  noGateway: boolean;
  enableDhcp: boolean;
  dns: string;
  /** "start-end" per line; empty: Neutron's default pool. */
  pools: string;
  /** "destination nexthop" per line. */
  routes: string;
}

const emptySubnet = (name: string, cidr: string): SubnetForm => ({ name, cidr, gatewayIp: "", noGateway: false, enableDhcp: true, dns: "", pools: "", routes: "" });
const lines = (text: string) => text.split("\n").map((l) => l.trim()).filter(Boolean);
const subnetPayload = (s: SubnetForm) => ({
  name: s.name,
  cidr: s.cidr,
  gatewayIp: s.gatewayIp,
  noGateway: s.noGateway,
  enableDhcp: s.enableDhcp,
  dnsServers: s.dns.split(/[\s,]+/).filter(Boolean),
  pools: lines(s.pools).map((l) => {
    const [start = "", end = ""] = l.split(/\s*-\s*|\s+/);
    return { start, end: end || start };
  }),
  hostRoutes: lines(s.routes).map((l) => {
    const [destination = "", nexthop = ""] = l.split(/[\s,]+/);
    return { destination, nexthop };
  }),
});

function Lines({ label, value, onChange, placeholder, error }: { label: string; value: string; onChange: (v: string) => void; placeholder: string; error?: string | undefined }) {
  return (
    <label className="block">
      <span className="mb-1 block text-xs text-slate-600">{label}</span>
      <textarea value={value} onChange={(e) => onChange(e.target.value)} rows={2} aria-label={label} placeholder={placeholder} className="w-full rounded-sm border border-slate-300 px-2 py-1 font-mono text-[12px]" />
      {error ? <span className="text-xs text-red-600">{error}</span> : null}
    </label>
  );
}

function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label className="flex items-center gap-2 text-xs text-slate-700">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-label={label} />
      {label}
    </label>
  );
}

/** The subnet part of the create-VPC and add-subnet forms. */
function SubnetFields({ value, onChange, fields }: { value: SubnetForm; onChange: (s: SubnetForm) => void; fields: Record<string, string> }) {
  const t = useTranslations("network");
  const set = (patch: Partial<SubnetForm>) => onChange({ ...value, ...patch });
  return (
    <>
      <TextField label={t("subnetName")} value={value.name} onChange={(name) => set({ name })} error={fields.name} maxLength={64} />
      <TextField label={t("subnetCidr")} value={value.cidr} onChange={(cidr) => set({ cidr })} error={fields.cidr} placeholder="192.168.1.0/24" maxLength={64} />
      {value.noGateway ? null : <TextField label={t("gateway")} value={value.gatewayIp} onChange={(gatewayIp) => set({ gatewayIp })} error={fields.gatewayIp} placeholder={t("gatewayDefault")} maxLength={64} />}
      <Check label={t("noGateway")} checked={value.noGateway} onChange={(noGateway) => set({ noGateway })} />
      <Check label={t("dhcp")} checked={value.enableDhcp} onChange={(enableDhcp) => set({ enableDhcp })} />
      <TextField label={t("dnsServers")} value={value.dns} onChange={(dns) => set({ dns })} error={fields.dnsServers} placeholder="100.125.1.250, 8.8.8.8" maxLength={200} />
      <Lines label={t("poolsField")} value={value.pools} onChange={(pools) => set({ pools })} placeholder={t("poolsPlaceholder")} error={fields.pools} />
      <Lines label={t("routesField")} value={value.routes} onChange={(routes) => set({ routes })} placeholder={t("routesPlaceholder")} error={fields.hostRoutes} />
    </>
  );
}

/** Create a VPC with its first subnet (and, by default, its router's gateway on the public network). */
export function CreateVpcDialog() {
  const t = useTranslations("network");
  const router = useRouter();
  const done = useFeedback();
  const [name, setName] = useState("");
  const [cidr, setCidr] = useState("192.168.0.0/16");
  const [description, setDescription] = useState("");
  const [publicGateway, setPublicGateway] = useState(true);
  const [subnet, setSubnet] = useState(emptySubnet("subnet-01", "192.168.0.0/24"));
  const { run, pending, error, fields, reset } = useServerAction();
  return (
    <FormDialog
      trigger={{ kind: "create", label: t("createVpc") }}
      title={t("createVpc")}
      description={t("createVpcHint")}
      submitLabel={t("create")}
      cancelLabel={t("cancel")}
      pending={pending}
      error={error}
      onOpen={() => (reset(), setName(""), setCidr("192.168.0.0/16"), setDescription(""), setPublicGateway(true), setSubnet(emptySubnet("subnet-01", "192.168.0.0/24")))}
      onSubmit={(close) =>
        run(
          () => createVpcAction({ name, cidr, description, publicGateway, subnet: subnetPayload(subnet) }),
          (data) => {
            close();
            if (data) router.push(`/sc/vpcs/${data.id}`);
          },
          { success: done("created", "vpc", name) },
        )
      }
    >
      <TextField label={t("name")} value={name} onChange={setName} error={fields.name} maxLength={64} />
      <TextField label={t("vpcCidr")} value={cidr} onChange={setCidr} error={fields.cidr} maxLength={64} />
      <TextField label={t("description")} value={description} onChange={setDescription} maxLength={255} />
      <Check label={t("publicGateway")} checked={publicGateway} onChange={setPublicGateway} />
      <p className="pt-1 text-xs font-medium text-slate-700">{t("firstSubnet")}</p>
      <SubnetFields value={subnet} onChange={setSubnet} fields={fields} />
    </FormDialog>
  );
}

export function CreateSubnetDialog({ vpcId, suggest }: { vpcId: string; suggest: string }) {
  const t = useTranslations("network");
  const done = useFeedback();
  const [subnet, setSubnet] = useState(emptySubnet("", suggest));
  const { run, pending, error, fields, reset } = useServerAction();
  return (
    <FormDialog
      trigger={{ kind: "create", label: t("addSubnet") }}
      title={t("addSubnet")}
      description={t("addSubnetHint")}
      submitLabel={t("create")}
      cancelLabel={t("cancel")}
      pending={pending}
      error={error}
      onOpen={() => (reset(), setSubnet(emptySubnet("", suggest)))}
      onSubmit={(close) => run(() => createSubnetAction({ vpcId, ...subnetPayload(subnet) }), close, { success: done("created", "subnet", subnet.name) })}
    >
      <SubnetFields value={subnet} onChange={setSubnet} fields={fields} />
    </FormDialog>
  );
}

export function DeleteSubnetButton({ subnet }: { subnet: { id: string; name: string; deleteRefusal: VpcDto["deleteRefusal"] } }) {
  const t = useTranslations("network");
  const done = useFeedback();
  return (
    <GuardedConfirm
      refusal={subnet.deleteRefusal}
      look="link"
      label={t("delete")}
      ariaLabel={t("deleteSubnetFor", { name: subnet.name })}
      title={t("deleteSubnetFor", { name: subnet.name })}
      description={t("deleteSubnetHint")}
      cancelLabel={t("cancel")}
      confirmLabel={t("delete")}
      action={() => deleteSubnetAction({ id: subnet.id })}
      success={done("deleted", "subnet", subnet.name)}
    />
  );
}

export function DeleteVpcButton({ vpc, look = "link", onDone }: { vpc: Pick<VpcDto, "id" | "name" | "deleteRefusal">; look?: "link" | "secondary"; onDone?: () => void }) {
  const t = useTranslations("network");
  const done = useFeedback();
  return (
    <GuardedConfirm
      refusal={vpc.deleteRefusal}
      look={look}
      label={t("delete")}
      ariaLabel={t("deleteVpcFor", { name: vpc.name })}
      title={t("deleteVpcFor", { name: vpc.name })}
      description={t("deleteVpcHint")}
      cancelLabel={t("cancel")}
      confirmLabel={t("delete")}
      action={() => deleteVpcAction({ id: vpc.id })}
      {...(onDone ? { onDone } : {})}
      success={done("deleted", "vpc", vpc.name)}
    />
  );
}

export function VpcTable({ rows, page, filtered, showProject }: { rows: VpcDto[]; page: ServerPage; filtered: boolean; showProject: boolean }) {
  const t = useTranslations("network");
  const columns: ColumnDef<VpcDto, unknown>[] = [
    {
      id: "name",
      header: t("name"),
      cell: ({ row: { original: v } }) => (
        <span className="flex items-center gap-1">
          <Link href={`/sc/vpcs/${v.id}`} className="font-medium text-brand-600 hover:underline">
            {v.name}
          </Link>
          {v.isDefault ? <Tag>{t("default")}</Tag> : null}
        </span>
      ),
    },
    { id: "cidr", header: t("cidr"), cell: ({ row: { original: v } }) => <span className="font-mono text-xs">{v.cidr ?? "-"}</span> },
    { id: "subnets", header: t("subnets"), cell: ({ row: { original: v } }) => <span className="tabular-nums">{v.subnets}</span> },
    { id: "ports", header: t("ports"), cell: ({ row: { original: v } }) => <span className="tabular-nums">{v.ports}</span> },
    { id: "gateway", header: t("routerGateway"), cell: ({ row: { original: v } }) => <span className="text-xs">{v.gateway ?? t("noRouterGateway")}</span> },
    ...(rows.some((r) => r.vni !== null) ? [{ id: "vni", header: t("vni"), cell: ({ row: { original: v } }: { row: { original: VpcDto } }) => <span className="font-mono text-xs">{v.vni}</span> }] : []),
    ...(showProject ? [{ id: "project", header: t("project"), cell: ({ row: { original: v } }: { row: { original: VpcDto } }) => <span className="text-xs">{v.project}</span> }] : []),
    { id: "createdAt", header: t("createdAt"), cell: ({ row: { original: v } }) => <Time at={v.createdAt} relative /> },
    { id: "actions", header: t("actions"), cell: ({ row: { original: v } }) => <DeleteVpcButton vpc={v} /> },
  ];
  return <DataTable data={rows} columns={columns} page={page} sortable={["name", "cidr", "createdAt"]} rowTestId={(v) => `vpc-${v.name}`} empty={<EmptyState title={filtered ? t("emptyFiltered") : t("emptyVpcs")} hint={filtered ? undefined : t("emptyVpcsHint")} />} />;
}
