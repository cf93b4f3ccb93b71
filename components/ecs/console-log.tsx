"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

/** The serial console output, fetched when the tab opens. */
export function ConsoleLog({ id, version }: { id: string; version: string }) {
  const t = useTranslations("ecs.detail");
  const { data, isLoading } = useQuery({
    queryKey: ["console-log", id, version],
    queryFn: async () => {
      const res = await fetch(`/api/v1/instances/${id}/console-log?lines=200`, { cache: "no-store" });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return res.text();
    },
  });
  if (isLoading) return <div className="h-40 animate-pulse rounded-sm bg-slate-100" />;
  return (
    <pre className="max-h-96 overflow-auto rounded-sm bg-slate-900 p-3 font-mono text-[11px] leading-relaxed text-slate-100" aria-label={t("consoleLog")} data-testid="console-log">
      {data || t("consoleEmpty")}
    </pre>
  );
}
