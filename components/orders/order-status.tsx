import { useTranslations } from "next-intl";
import { Dot } from "@/components/ui/status-badge";

const TONE: Record<string, "green" | "amber" | "red" | "grey" | "blue"> = {
  pending_approval: "amber",
  approved: "blue",
  provisioning: "blue",
  completed: "green",
  partially_failed: "amber",
  failed: "red",
  rejected: "red",
  cancelled: "grey",
};

export function OrderStatus({ status }: { status: string }) {
  const t = useTranslations("orders.status");
  return (
    <span data-order-status={status}>
      <Dot tone={TONE[status] ?? "grey"}>{t.has(status) ? t(status) : status}</Dot>
    </span>
  );
}
