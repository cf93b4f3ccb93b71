"use client";
import { useTranslations } from "next-intl";

/**
 * One of Nova's three states in words ("Active" / "活动"), the raw value on hover for those who
 * know OpenStack, and in `data-state` for scripts and tests.
 */
export function NovaState({ kind, value, testId }: { kind: "vm" | "task" | "power"; value: string | null; testId: string }) {
  const t = useTranslations("status");
  const ns = kind === "vm" ? "vmState" : kind === "power" ? "powerState" : "task";
  const word = value === null ? t("none") : t.has(`${ns}.${value}`) ? t(`${ns}.${value}`) : value;
  return (
    <span data-testid={testId} data-state={value ?? "none"} title={value ? t("rawState", { state: value }) : undefined}>
      {word}
    </span>
  );
}
