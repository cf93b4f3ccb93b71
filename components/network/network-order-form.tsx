"use client";
import { DEFAULT_EIP_MBIT } from "@/lib/schemas/network";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { Alert } from "@/components/ui/empty-state";
import { useOrderSubmit } from "@/components/orders/use-order-submit";

/** The order form of a VPC or EIP product: what the creation takes; the product's approval process decides. */
export function NetworkOrderForm({ productId, kind, defaultName, headroom }: { productId: string; kind: "vpc" | "eip"; defaultName: string; headroom: number | null }) {
  const t = useTranslations("network");
  const [name, setName] = useState(defaultName);
  const [cidr, setCidr] = useState("192.168.0.0/16");
  const [subnetName, setSubnetName] = useState("subnet-01");
  const [subnetCidr, setSubnetCidr] = useState("192.168.0.0/24");
  const [bandwidth, setBandwidth] = useState(String(DEFAULT_EIP_MBIT));
  const [count, setCount] = useState("1");
  const { submit: submitLine, pending, error, fields } = useOrderSubmit(productId);
  const item = kind === "vpc" ? { name, cidr, publicGateway: true, subnet: { name: subnetName, cidr: subnetCidr, enableDhcp: true, noGateway: false } } : { name, bandwidthMbit: bandwidth, count };
  const submit = () => submitLine(item);
  return (
    <Card>
      <div className="max-w-lg space-y-1" data-testid={`${kind}-order-form`}>
        <TextField label={t("name")} value={name} onChange={setName} error={fields.name} maxLength={64} />
        {kind === "vpc" ? (
          <>
            <TextField label={t("vpcCidr")} value={cidr} onChange={setCidr} error={fields.cidr} maxLength={64} />
            <TextField label={t("subnetName")} value={subnetName} onChange={setSubnetName} maxLength={64} />
            <TextField label={t("subnetCidr")} value={subnetCidr} onChange={setSubnetCidr} maxLength={64} />
            <p className="text-[11px] text-slate-500">{t("orderVpcHint")}</p>
          </>
        ) : (
          <>
            <TextField label={t("bandwidth")} value={bandwidth} onChange={setBandwidth} error={fields.bandwidthMbit} maxLength={5} />
            <TextField label={t("count")} type="number" value={count} onChange={setCount} error={fields.count} />
          </>
        )}
        <p className="text-[11px] text-slate-500" data-testid="network-headroom">
          {headroom === null ? t("headroomUnlimited") : t(kind === "vpc" ? "headroomVpcs" : "headroomEips", { n: headroom })}
        </p>
        {error ? <Alert>{error}</Alert> : null}
        <div className="pt-2">
          <Button variant="primary" disabled={pending} onClick={submit}>
            {t("submitOrder")}
          </Button>
        </div>
      </div>
    </Card>
  );
}
