"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { Alert } from "@/components/ui/empty-state";
import { useOrderSubmit } from "@/components/orders/use-order-submit";
import type { VolumeHeadroom, VolumeImageOption, VolumeTypeOption } from "./volumes";

/** The order form of an EVS product: the volumes' name, AZ (within the product's lock), type, size, count and source; its approval process decides. */
export function VolumeOrderForm({ productId, azs, types, images, headroom, defaultName }: { productId: string; azs: { id: string; name: string }[]; types: VolumeTypeOption[]; images: VolumeImageOption[]; headroom: VolumeHeadroom; defaultName: string }) {
  const t = useTranslations("evs");
  const [name, setName] = useState(defaultName);
  const [az, setAz] = useState(azs[0]?.id ?? "");
  const [type, setType] = useState(types[0]?.id ?? "");
  const [size, setSize] = useState("100");
  const [count, setCount] = useState("1");
  const [imageId, setImageId] = useState("");
  const { submit: submitLine, pending, error, fields } = useOrderSubmit(productId);
  const chosen = types.find((x) => x.id === type);
  const submit = () => submitLine({ name, az, volumeTypeId: type, sizeGb: size, count, imageId });
  return (
    <Card>
      <div className="max-w-lg space-y-1" data-testid="volume-order-form">
        <TextField label={t("fields.name")} value={name} onChange={setName} error={fields.name} maxLength={64} />
        <SelectField label={t("fields.az")} value={az} onChange={setAz} error={fields.az} options={azs.map((a) => ({ value: a.id, label: a.name }))} />
        <SelectField label={t("fields.type")} value={type} onChange={setType} error={fields.volumeTypeId} options={types.map((x) => ({ value: x.id, label: x.name }))} />
        {chosen ? <p className="text-[11px] text-slate-500">{`${chosen.description} · ${t("qos", { iops: chosen.qosIops ?? "-", mbps: chosen.qosMbps ?? "-" })}`}</p> : null}
        <SelectField label={t("fields.source")} value={imageId} onChange={setImageId} error={fields.imageId} options={[{ value: "", label: t("sourceBlank") }, ...images.map((x) => ({ value: x.id, label: t("sourceImage", { name: x.name }) }))]} />
        <TextField label={t("fields.size")} type="number" value={size} onChange={setSize} error={fields.sizeGb} />
        <TextField label={t("fields.count")} type="number" value={count} onChange={setCount} error={fields.count} />
        <p className="text-[11px] text-slate-500" data-testid="volume-headroom">
          {t("headroom", { volumes: headroom.volumes ?? t("unlimited"), gigabytes: headroom.gigabytes ?? t("unlimited") })}
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
