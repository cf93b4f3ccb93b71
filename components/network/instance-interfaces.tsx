"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { InstanceInterfacesDto } from "@/lib/server/queries/network";
import { attachInterfaceAction, detachInterfaceAction, setPortGroupsAction } from "@/lib/server/actions/network";
import { Card } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { SimpleTable } from "@/components/ui/simple-table";
import { Dot, Tag } from "@/components/ui/status-badge";
import { useServerAction } from "@/components/ui/use-server-action";
import { GuardedConfirm } from "./refusal";
import { portRangeText } from "./security-groups";
import { UnbindEipButton } from "./eips";

function GroupPicker({ groups, value, onChange, label }: { groups: { id: string; name: string }[]; value: string[]; onChange: (ids: string[]) => void; label: string }) {
  return (
    <fieldset>
      <legend className="mb-1 text-xs text-slate-600">{label}</legend>
      <div className="flex flex-wrap gap-3">
        {groups.map((g) => (
          <label key={g.id} className="flex items-center gap-1 text-xs">
            <input type="checkbox" aria-label={g.name} checked={value.includes(g.id)} onChange={(e) => onChange(e.target.checked ? [...value, g.id] : value.filter((x) => x !== g.id))} />
            {g.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function AttachInterfaceDialog({ instanceId, data, onDone }: { instanceId: string; data: InstanceInterfacesDto; onDone: () => void }) {
  const t = useTranslations("network");
  const defaultGroup = data.groups.find((g) => g.name === "default");
  const [subnetId, setSubnetId] = useState(data.subnets[0]?.id ?? "");
  const [fixedIp, setFixedIp] = useState("");
  const [groups, setGroups] = useState<string[]>(defaultGroup ? [defaultGroup.id] : []);
  const { run, pending, error, fields, reset } = useServerAction();
  return (
    <FormDialog
      trigger={{ kind: "button", label: t("attachInterface") }}
      title={t("attachInterface")}
      description={t("attachInterfaceHint")}
      submitLabel={t("attach")}
      cancelLabel={t("cancel")}
      pending={pending}
      error={error}
      onOpen={() => (reset(), setSubnetId(data.subnets[0]?.id ?? ""), setFixedIp(""), setGroups(defaultGroup ? [defaultGroup.id] : []))}
      onSubmit={(close) => run(() => attachInterfaceAction({ instanceId, subnetId, fixedIp, securityGroupIds: groups }), () => (close(), onDone()), { success: (d) => t("interfaceAttached", { address: d?.address ?? "" }) })}
    >
      <SelectField label={t("subnet")} value={subnetId} onChange={setSubnetId} options={data.subnets.map((s) => ({ value: s.id, label: s.label }))} error={fields.subnetId} />
      <TextField label={t("fixedIp")} value={fixedIp} onChange={setFixedIp} error={fields.fixedIp} placeholder={t("nextFree")} maxLength={64} />
      <GroupPicker label={t("securityGroups")} groups={data.groups} value={groups} onChange={setGroups} />
    </FormDialog>
  );
}

function GroupsDialog({ port, groups, onDone }: { port: InstanceInterfacesDto["interfaces"][number]; groups: { id: string; name: string }[]; onDone: () => void }) {
  const t = useTranslations("network");
  const [value, setValue] = useState(port.groups.map((g) => g.id));
  const { run, pending, error, reset } = useServerAction();
  return (
    <FormDialog
      trigger={{ kind: "edit", label: t("changeGroups"), ariaLabel: t("changeGroupsFor", { address: port.addresses[0] ?? port.macAddress }) }}
      title={t("changeGroupsFor", { address: port.addresses[0] ?? port.macAddress })}
      submitLabel={t("save")}
      cancelLabel={t("cancel")}
      pending={pending}
      error={error}
      onOpen={() => (reset(), setValue(port.groups.map((g) => g.id)))}
      onSubmit={(close) => run(() => setPortGroupsAction({ portId: port.id, securityGroupIds: value }), () => (close(), onDone()), { success: t("groupsSaved") })}
    >
      <GroupPicker label={t("securityGroups")} groups={groups} value={value} onChange={setValue} />
    </FormDialog>
  );
}

/** The ECS detail's "Network interfaces" tab: each port with its addresses, subnet, groups and EIP; the rules in force. */
export function InstanceInterfaces({ instance, data, canManage, onDone }: { instance: { id: string; name: string; interfacesChangeable: boolean }; data: InstanceInterfacesDto; canManage: boolean; onDone: () => void }) {
  const t = useTranslations("network");
  return (
    <div className="space-y-3">
      {canManage && instance.interfacesChangeable ? (
        <div className="flex justify-end">
          <AttachInterfaceDialog instanceId={instance.id} data={data} onDone={onDone} />
        </div>
      ) : null}
      <SimpleTable
        rows={data.interfaces}
        rowKey={(p) => p.id}
        rowTestId={(p) => `nic-${p.addresses[0] ?? p.id}`}
        columns={[
          {
            header: t("addresses"),
            cell: (p) => (
              <span className="flex items-center gap-1 font-mono text-xs" data-testid={p.primary ? "primary-ip" : undefined}>
                {p.addresses.join(", ")}
                {p.primary ? <Tag>{t("primary")}</Tag> : null}
              </span>
            ),
          },
          { header: t("subnet"), cell: (p) => <span className="text-xs">{p.vpcId ? <Link className="text-brand-600 hover:underline" href={`/sc/vpcs/${p.vpcId}`}>{`${p.vpcName} / ${p.subnets.join(", ")}`}</Link> : p.subnets.join(", ")}</span> },
          { header: t("mac"), cell: (p) => <span className="font-mono text-xs">{p.macAddress}</span> },
          { header: t("securityGroups"), cell: (p) => <span className="text-xs">{p.groups.map((g) => g.name).join(", ") || "-"}</span> },
          { header: t("eip"), cell: (p) => <span className="font-mono text-xs" data-testid={`nic-eip-${p.addresses[0] ?? p.id}`}>{p.eip?.address ?? "-"}</span> },
          { header: t("status"), cell: (p) => <Dot tone={p.status === "ACTIVE" ? "green" : "grey"}>{p.status}</Dot> },
          {
            header: t("actions"),
            cell: (p) =>
              canManage ? (
                <span className="flex items-center gap-1">
                  <GroupsDialog port={p} groups={data.groups} onDone={onDone} />
                  {p.eip ? <UnbindEipButton eip={p.eip} /> : null}
                  {!instance.interfacesChangeable ? null : (
                    <GuardedConfirm refusal={p.detachRefusal} look="link" label={t("detach")} ariaLabel={t("detachFor", { address: p.addresses[0] ?? p.macAddress })} title={t("detachFor", { address: p.addresses[0] ?? p.macAddress })} description={t("detachHint")} cancelLabel={t("cancel")} confirmLabel={t("detach")} action={() => detachInterfaceAction({ instanceId: instance.id, portId: p.id })} onDone={onDone} success={t("interfaceDetached")} />
                  )}
                </span>
              ) : null,
          },
        ]}
      />
      <Card title={t("effectiveRules")}>
        <p className="mb-2 text-xs text-slate-500">{t("effectiveRulesHint")}</p>
        <SimpleTable
          rows={data.effectiveRules}
          rowKey={(r) => `${r.groupId}-${r.direction}-${r.ethertype}-${r.protocol}-${r.portRangeMin}-${r.portRangeMax}-${r.remoteIpPrefix}-${r.remoteGroupId}`}
          rowTestId={(r) => `effective-${r.direction}-${r.protocol ?? "any"}-${r.portRangeMin ?? "any"}`}
          empty={t("noRules")}
          columns={[
            { header: t("direction"), cell: (r) => t(r.direction) },
            { header: t("ethertype"), cell: (r) => r.ethertype },
            { header: t("protocol"), cell: (r) => r.protocol ?? t("anyProtocol") },
            { header: t("portRange"), cell: (r) => <span className="font-mono text-xs">{portRangeText(r, t("any"))}</span> },
            { header: t("remote"), cell: (r) => <span className="font-mono text-xs">{r.remoteGroupId ? t("groupMembers", { name: r.remoteGroupName ?? "-", members: r.remoteMembers?.join(", ") || t("noneYet") }) : (r.remoteIpPrefix ?? (r.ethertype === "IPv6" ? "::/0" : "0.0.0.0/0"))}</span> },
            { header: t("fromGroup"), cell: (r) => <Link className="text-xs text-brand-600 hover:underline" href={`/sc/security-groups/${r.groupId}`}>{r.groupName}</Link> },
          ]}
        />
      </Card>
    </div>
  );
}
