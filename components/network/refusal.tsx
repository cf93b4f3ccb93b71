"use client";
import type { ComponentProps } from "react";
import { useTranslations } from "next-intl";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import type { NetworkRefusal } from "@/lib/cloud/network/resources";

/** Why an action is not offered, in the words the service would refuse with. */
export function useRefusalText(): (r: NetworkRefusal) => string {
  const t = useTranslations("network.refusals");
  return (r) => t(r.reason, { ports: "ports" in r ? r.ports : 0 });
}

/** A disabled action with its reason as the tooltip (the page offers only what the service allows). */
export function Refused({ label, refusal }: { label: string; refusal: NetworkRefusal }) {
  const text = useRefusalText();
  return (
    <span className="cursor-not-allowed px-1 text-xs text-slate-400" title={text(refusal)} aria-disabled="true">
      {label}
    </span>
  );
}

/** A confirm button the service would allow now, or, when it would refuse, the disabled label with the reason. */
export function GuardedConfirm({ refusal, ...props }: { refusal: NetworkRefusal | null } & ComponentProps<typeof ConfirmButton>) {
  if (refusal) return <Refused label={props.label} refusal={refusal} />;
  return <ConfirmButton {...props} />;
}
