"use client";
import { useTranslations } from "next-intl";
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
