"use client";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { RuleDto, SecurityGroupDetailDto, SecurityGroupDto } from "@/lib/server/queries/network";
import { createRuleAction, createSecurityGroupAction, deleteRuleAction, deleteSecurityGroupAction } from "@/lib/server/actions/network";
import { Card, Field } from "@/components/ui/card";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { DataTable, type ServerPage } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField, TextField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { SimpleTable } from "@/components/ui/simple-table";
import { Tag } from "@/components/ui/status-badge";
import { Time } from "@/components/ui/time";
import { useServerAction } from "@/components/ui/use-server-action";
import { useFeedback } from "@/components/ui/feedback";
import { GuardedConfirm } from "./refusal";

export function CreateSecurityGroupDialog() {
  const t = useTranslations("network");
  const router = useRouter();
  const done = useFeedback();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const { run, pending, error, fields, reset } = useServerAction();
  return (
    <FormDialog
      trigger={{ kind: "create", label: t("createGroup") }}
      title={t("createGroup")}
      description={t("createGroupHint")}
      submitLabel={t("create")}
      cancelLabel={t("cancel")}
      pending={pending}
      error={error}
      onOpen={() => (reset(), setName(""), setDescription(""))}
      onSubmit={(close) =>
        run(
          () => createSecurityGroupAction({ name, description }),
          (data) => {
            close();
            if (data) router.push(`/sc/security-groups/${data.id}`);
          },
          { success: done("created", "securityGroup", name) },
        )
      }
    >
      <TextField label={t("name")} value={name} onChange={setName} error={fields.name} maxLength={64} />
      <TextField label={t("description")} value={description} onChange={setDescription} maxLength={255} />
    </FormDialog>
  );
}

function DeleteGroupButton({ group, look = "link", onDone }: { group: Pick<SecurityGroupDto, "id" | "name" | "deleteRefusal">; look?: "link" | "secondary"; onDone?: () => void }) {
  const t = useTranslations("network");
  const done = useFeedback();
  return (
    <GuardedConfirm
      refusal={group.deleteRefusal}
      look={look}
      label={t("delete")}
      ariaLabel={t("deleteGroupFor", { name: group.name })}
      title={t("deleteGroupFor", { name: group.name })}
      description={t("deleteGroupHint")}
      cancelLabel={t("cancel")}
      confirmLabel={t("delete")}
      action={() => deleteSecurityGroupAction({ id: group.id })}
      {...(onDone ? { onDone } : {})}
      success={done("deleted", "securityGroup", group.name)}
    />
  );
}

export function SecurityGroupTable({ rows, page, filtered, showProject, canManage }: { rows: SecurityGroupDto[]; page: ServerPage; filtered: boolean; showProject: boolean; canManage: boolean }) {
  const t = useTranslations("network");
  const columns: ColumnDef<SecurityGroupDto, unknown>[] = [
    {
      id: "name",
      header: t("name"),
      cell: ({ row: { original: g } }) => (
        <span className="flex items-center gap-1">
          <Link href={`/sc/security-groups/${g.id}`} className="font-medium text-brand-600 hover:underline">
            {g.name}
          </Link>
          {g.isDefault ? <Tag>{t("default")}</Tag> : null}
        </span>
      ),
    },
    { id: "description", header: t("description"), cell: ({ row: { original: g } }) => <span className="text-xs">{g.description || "-"}</span> },
    { id: "rules", header: t("rules"), cell: ({ row: { original: g } }) => <span className="tabular-nums">{g.rules}</span> },
    { id: "ports", header: t("ports"), cell: ({ row: { original: g } }) => <span className="tabular-nums">{g.ports}</span> },
    ...(showProject ? [{ id: "project", header: t("project"), cell: ({ row: { original: g } }: { row: { original: SecurityGroupDto } }) => <span className="text-xs">{g.project}</span> }] : []),
    { id: "createdAt", header: t("createdAt"), cell: ({ row: { original: g } }) => <Time at={g.createdAt} relative /> },
    ...(canManage ? [{ id: "actions", header: t("actions"), cell: ({ row: { original: g } }: { row: { original: SecurityGroupDto } }) => <DeleteGroupButton group={g} /> }] : []),
  ];
  return <DataTable data={rows} columns={columns} page={page} sortable={["name", "createdAt"]} rowTestId={(g) => `group-${g.name}`} empty={<EmptyState title={filtered ? t("emptyFiltered") : t("emptyGroups")} hint={filtered ? undefined : t("emptyGroupsHint")} />} />;
}

/** Ports and ICMP type/code as one readable text ("22", "8000-8080", "any", "type 8 code 0"). */
export function portRangeText(r: Pick<RuleDto, "protocol" | "portRangeMin" | "portRangeMax">, any: string): string {
  if (r.portRangeMin === null && r.portRangeMax === null) return any;
  if (r.protocol === "icmp" || r.protocol === "ipv6-icmp" || r.protocol === "1" || r.protocol === "58") return `type ${r.portRangeMin ?? "*"}${r.portRangeMax !== null ? ` code ${r.portRangeMax}` : ""}`;
  return r.portRangeMin === r.portRangeMax ? String(r.portRangeMin) : `${r.portRangeMin}-${r.portRangeMax}`;
}

const PROTOCOLS = ["", "tcp", "udp", "icmp", "ipv6-icmp", "gre", "esp", "ah", "sctp", "vrrp"];

function AddRuleDialog({ group }: { group: SecurityGroupDetailDto }) {
  const t = useTranslations("network");
  const [direction, setDirection] = useState<"ingress" | "egress">("ingress");
  const [ethertype, setEthertype] = useState<"IPv4" | "IPv6">("IPv4");
  const [protocol, setProtocol] = useState("tcp");
  const [min, setMin] = useState("");
  const [max, setMax] = useState("");
  const [remoteKind, setRemoteKind] = useState<"cidr" | "group">("cidr");
  const [remoteIpPrefix, setPrefix] = useState("0.0.0.0/0");
  const [remoteGroupId, setRemoteGroup] = useState(group.id);
  const [description, setDescription] = useState("");
  const { run, pending, error, fields, reset } = useServerAction();
  const icmp = protocol === "icmp" || protocol === "ipv6-icmp";
  return (
    <FormDialog
      trigger={{ kind: "create", label: t("addRule") }}
      title={t("addRule")}
      description={t("addRuleHint")}
      submitLabel={t("create")}
      cancelLabel={t("cancel")}
      pending={pending}
      error={error}
      onOpen={() => (reset(), setDirection("ingress"), setEthertype("IPv4"), setProtocol("tcp"), setMin(""), setMax(""), setRemoteKind("cidr"), setPrefix("0.0.0.0/0"), setRemoteGroup(group.id), setDescription(""))}
      onSubmit={(close) =>
        run(
          () =>
            createRuleAction({
              securityGroupId: group.id,
              direction,
              ethertype,
              protocol,
              portRangeMin: min,
              // One port typed: that port alone, as the console's "port" field means.
              portRangeMax: max || (icmp ? "" : min),
              ...(remoteKind === "cidr" ? { remoteIpPrefix } : { remoteGroupId }),
              description,
            }),
          close,
          { success: t("ruleAdded") },
        )
      }
    >
      <SelectField label={t("direction")} value={direction} onChange={(v) => setDirection(v as "ingress" | "egress")} options={[{ value: "ingress", label: t("ingress") }, { value: "egress", label: t("egress") }]} />
      <SelectField label={t("ethertype")} value={ethertype} onChange={(v) => (setEthertype(v as "IPv4" | "IPv6"), setPrefix(v === "IPv6" ? "::/0" : "0.0.0.0/0"))} options={[{ value: "IPv4", label: "IPv4" }, { value: "IPv6", label: "IPv6" }]} />
      <SelectField label={t("protocol")} value={protocol} onChange={setProtocol} options={PROTOCOLS.map((p) => ({ value: p, label: p || t("anyProtocol") }))} />
      <div className="grid grid-cols-2 gap-2">
        <TextField label={icmp ? t("icmpType") : t("portMin")} value={min} onChange={setMin} error={fields.portRangeMin} maxLength={8} placeholder={icmp ? "8" : "22"} />
        <TextField label={icmp ? t("icmpCode") : t("portMax")} value={max} onChange={setMax} error={fields.portRangeMax} maxLength={8} placeholder={icmp ? "0" : t("sameAsMin")} />
      </div>
      <SelectField label={t("remote")} value={remoteKind} onChange={(v) => setRemoteKind(v as "cidr" | "group")} options={[{ value: "cidr", label: t("remoteCidr") }, { value: "group", label: t("remoteGroup") }]} />
      {remoteKind === "cidr" ? (
        <TextField label={t("remoteCidr")} value={remoteIpPrefix} onChange={setPrefix} error={fields.remoteIpPrefix} maxLength={64} />
      ) : (
        <SelectField label={t("remoteGroup")} value={remoteGroupId} onChange={setRemoteGroup} options={group.groups.map((g) => ({ value: g.id, label: g.name }))} />
      )}
      <TextField label={t("description")} value={description} onChange={setDescription} maxLength={255} />
    </FormDialog>
  );
}

export function RuleTable({ rules, canManage, onDelete }: { rules: RuleDto[]; canManage: boolean; onDelete?: (r: RuleDto) => React.ReactNode }) {
  const t = useTranslations("network");
  return (
    <SimpleTable
      rowKey={(r) => r.id}
      rowTestId={(r) => `rule-${r.direction}-${r.ethertype}-${r.protocol ?? "any"}-${r.portRangeMin ?? "any"}`}
      rows={rules}
      empty={t("noRules")}
      columns={[
        { header: t("direction"), cell: (r) => t(r.direction) },
        { header: t("ethertype"), cell: (r) => r.ethertype },
        { header: t("protocol"), cell: (r) => r.protocol ?? t("anyProtocol") },
        { header: t("portRange"), cell: (r) => <span className="font-mono text-xs">{portRangeText(r, t("any"))}</span> },
        { header: t("remote"), cell: (r) => <span className="font-mono text-xs">{r.remoteGroup ? t("groupRemote", { name: r.remoteGroup.name }) : (r.remoteIpPrefix ?? (r.ethertype === "IPv6" ? "::/0" : "0.0.0.0/0"))}</span> },
        { header: t("description"), cell: (r) => <span className="text-xs">{r.description || "-"}</span> },
        ...(canManage && onDelete ? [{ header: t("actions"), cell: (r: RuleDto) => onDelete(r) }] : []),
      ]}
    />
  );
}

export function SecurityGroupDetailView({ group, canManage }: { group: SecurityGroupDetailDto; canManage: boolean }) {
  const t = useTranslations("network");
  const router = useRouter();
  const sorted = (dir: string) => group.ruleList.filter((r) => r.direction === dir);
  const deleteRule = (r: RuleDto) => (
    <ConfirmButton
      look="link"
      label={t("delete")}
      ariaLabel={t("deleteRule")}
      title={t("deleteRule")}
      description={t("deleteRuleHint")}
      cancelLabel={t("cancel")}
      confirmLabel={t("delete")}
      action={() => deleteRuleAction({ id: r.id })}
      success={t("ruleDeleted")}
    />
  );
  return (
    <div className="space-y-4">
      <Card
        title={
          <span className="flex items-center gap-2">
            <span data-testid="group-name">{group.name}</span>
            {group.isDefault ? <Tag>{t("default")}</Tag> : null}
          </span>
        }
        actions={canManage ? <DeleteGroupButton group={group} look="secondary" onDone={() => router.push("/sc/security-groups")} /> : null}
      >
        <dl className="grid grid-cols-1 gap-x-8 lg:grid-cols-2">
          <Field label={t("id")}><span className="font-mono text-xs">{group.id}</span></Field>
          <Field label={t("project")}>{group.project}</Field>
          <Field label={t("description")}>{group.description || "-"}</Field>
          <Field label={t("createdAt")}><Time at={group.createdAt} /></Field>
        </dl>
      </Card>
      <Card title={t("inbound")} actions={canManage ? <AddRuleDialog group={group} /> : null}>
        <RuleTable rules={sorted("ingress")} canManage={canManage} onDelete={deleteRule} />
      </Card>
      <Card title={t("outbound")}>
        <RuleTable rules={sorted("egress")} canManage={canManage} onDelete={deleteRule} />
      </Card>
      <Card title={t("members")}>
        <SimpleTable
          rowKey={(m) => m.portId}
          rows={group.members}
          empty={t("noMembers")}
          columns={[
            { header: t("device"), cell: (m) => (m.instanceId ? <Link className="text-brand-600 hover:underline" href={`/sc/ecs/${m.instanceId}`}>{m.instanceName ?? m.instanceId}</Link> : "-") },
            { header: t("addresses"), cell: (m) => <span className="font-mono text-xs">{m.addresses.join(", ")}</span> },
          ]}
        />
      </Card>
    </div>
  );
}
