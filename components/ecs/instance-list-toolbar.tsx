import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { ListToolbar } from "@/components/ui/list-toolbar";

/** Search and the status/AZ filters above every instance list (tenant and operator). */
export function InstanceListToolbar({ azs, children }: { azs: { id: string; name: string }[]; children?: ReactNode }) {
  // Every instance list exports what it shows: the caller's scope, filters and sort.
  const t = useTranslations("ecs");
  return (
    <ListToolbar
      placeholder={t("searchPlaceholder")}
      exportHref="/api/v1/export/instances"
      filters={[
        { key: "status", label: t("filters.status"), options: (["ACTIVE", "SHUTOFF", "BUILD", "ERROR", "TRANSITIONAL"] as const).map((s) => ({ value: s, label: t(`statusFilter.${s}`) })) },
        { key: "az", label: t("filters.az"), options: azs.map((a) => ({ value: a.id, label: a.name })) },
      ]}
    >
      {children}
    </ListToolbar>
  );
}
