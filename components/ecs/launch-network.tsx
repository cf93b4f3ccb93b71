"use client";
import { useTranslations } from "next-intl";
import type { LaunchNetworkChoices } from "@/lib/server/queries/network";

export interface LaunchNetworkValue {
  /** "" : the project's default VPC (made with the ECS when it has none). */
  subnetId: string;
  groupIds: string[];
  eip: boolean;
  bandwidth: string;
}

export function initialNetwork(choices: LaunchNetworkChoices): LaunchNetworkValue {
  const preferred = choices.subnets.find((s) => s.isDefault) ?? choices.subnets.find((s) => s.vpcId);
  const group = choices.groups.find((g) => g.isDefault);
  return { subnetId: preferred?.id ?? "", groupIds: group ? [group.id] : [], eip: false, bandwidth: "5" };
}

/** What the launch sends: the subnet (none: the default VPC), the groups (none: the default group), an EIP's bandwidth. */
export function networkInput(v: LaunchNetworkValue) {
  return {
    networks: v.subnetId ? [{ subnetId: v.subnetId }] : undefined,
    securityGroupIds: v.groupIds.length ? v.groupIds : undefined,
    eipBandwidthMbit: v.eip ? (Number(v.bandwidth) as number) : undefined,
  };
}

/**
 * The purchase wizard's network: a subnet of the project's VPCs (with its free addresses), the
 * security groups, and an EIP, offered only where the subnet's router reaches the public network.
 */
export function LaunchNetwork({ choices, value, onChange, error }: { choices: LaunchNetworkChoices; value: LaunchNetworkValue; onChange: (v: LaunchNetworkValue) => void; error: string | null }) {
  const t = useTranslations("ecs.create.network");
  const subnet = choices.subnets.find((s) => s.id === value.subnetId);
  // The default VPC is made with a gateway on the public network.
  const reachesPublic = subnet ? subnet.reachesPublic : choices.noVpc;
  const set = (patch: Partial<LaunchNetworkValue>) => onChange({ ...value, ...patch });
  return (
    <fieldset className="space-y-3" data-testid="network-step">
      <legend className="mb-1 text-xs font-medium text-slate-700">{t("title")}</legend>
      <div>
        <label htmlFor="launch-subnet" className="mb-1 block text-xs text-slate-500">
          {t("subnet")}
        </label>
        <select id="launch-subnet" aria-label={t("subnet")} value={value.subnetId} onChange={(e) => set({ subnetId: e.target.value, eip: value.eip && Boolean(choices.subnets.find((s) => s.id === e.target.value)?.reachesPublic ?? choices.noVpc) })} className="h-8 w-96 rounded-sm border border-slate-300 px-2">
          {choices.noVpc ? <option value="">{t("defaultVpc")}</option> : null}
          {choices.subnets.map((s) => (
            <option key={s.id} value={s.id} disabled={s.free === "0"}>
              {t("subnetOption", { vpc: s.vpc, name: s.name, cidr: s.cidr, free: s.free })}
            </option>
          ))}
        </select>
        <p className="mt-1 text-xs text-slate-500">{choices.noVpc && !value.subnetId ? t("defaultVpcHint") : t("subnetHint")}</p>
      </div>
      <div>
        <span className="mb-1 block text-xs text-slate-500">{t("groups")}</span>
        <div className="flex flex-wrap gap-3">
          {choices.groups.length === 0 ? <span className="text-xs text-slate-500">{t("defaultGroupHint")}</span> : null}
          {choices.groups.map((g) => (
            <label key={g.id} className="flex items-center gap-1 text-xs">
              <input type="checkbox" aria-label={t("groupOption", { name: g.name })} checked={value.groupIds.includes(g.id)} onChange={(e) => set({ groupIds: e.target.checked ? [...value.groupIds, g.id] : value.groupIds.filter((x) => x !== g.id) })} />
              {g.name}
            </label>
          ))}
        </div>
      </div>
      <div>
        <label className="flex items-center gap-2 text-xs">
          <input type="checkbox" aria-label={t("eip")} checked={value.eip} disabled={!reachesPublic} onChange={(e) => set({ eip: e.target.checked })} />
          {t("eip")}
        </label>
        {!reachesPublic ? <p className="mt-1 text-xs text-slate-500">{t("eipUnreachable")}</p> : null}
        {value.eip ? (
          <label className="mt-2 block">
            <span className="mb-1 block text-xs text-slate-500">{t("bandwidth")}</span>
            <input aria-label={t("bandwidth")} value={value.bandwidth} onChange={(e) => set({ bandwidth: e.target.value })} maxLength={5} className="h-8 w-32 rounded-sm border border-slate-300 px-2" />
          </label>
        ) : null}
      </div>
      {error ? <p className="text-xs text-red-600">{error}</p> : null}
    </fieldset>
  );
}
