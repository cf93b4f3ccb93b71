"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { submitOrderAction } from "@/lib/server/actions/orders";
import { notify } from "@/components/ui/toaster";
import { useServerAction } from "@/components/ui/use-server-action";

/** Submit one line as an order of a product, tell the user its number and open it: the product forms' shared submit. */
export function useOrderSubmit(productId: string) {
  const tf = useTranslations("feedback");
  const router = useRouter();
  const action = useServerAction();
  const submit = (item: Record<string, unknown>) =>
    action.run(
      () => submitOrderAction({ productId, items: [item] }),
      (d) => {
        const o = d as { id: string; orderNo: string };
        notify("success", tf("submitted", { no: o.orderNo }), { href: `/sc/orders/${o.id}`, label: tf("open", { name: o.orderNo }) });
        router.push(`/sc/orders/${o.id}`);
      },
    );
  return { ...action, submit };
}
