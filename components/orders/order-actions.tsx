"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { cancelOrderAction, decideOrdersAction } from "@/lib/server/actions/orders";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/empty-state";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { useServerAction } from "@/components/ui/use-server-action";

/** Approve or reject with a comment (a rejection needs one: the server says so too). */
export function OrderDecision({ id, orderNo }: { id: string; orderNo: string }) {
  const t = useTranslations("orders.decide");
  const tf = useTranslations("feedback");
  const [comment, setComment] = useState("");
  const { run, pending, error } = useServerAction();
  const decide = (verdict: "approve" | "reject") =>
    run(() => decideOrdersAction({ ids: [id], verdict, comment: comment || undefined }), undefined, {
      success: tf(verdict === "approve" ? "approved" : "rejected", { no: orderNo }),
      link: { href: `/sc/orders/${id}`, label: tf("open", { name: orderNo }) },
    });
  return (
    <div className="space-y-2" data-testid="order-decision">
      <label className="block">
        <span className="mb-1 block text-xs text-slate-600">{t("comment")}</span>
        <textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={2} maxLength={500} className="w-full rounded-sm border border-slate-300 px-2 py-1 text-[13px]" aria-label={t("comment")} />
      </label>
      <div className="flex gap-2">
        <Button variant="primary" disabled={pending} onClick={() => decide("approve")}>
          {t("approve")}
        </Button>
        <Button variant="danger" disabled={pending} onClick={() => decide("reject")}>
          {t("reject")}
        </Button>
      </div>
      {error ? <Alert>{error}</Alert> : null}
    </div>
  );
}

export function CancelOrderButton({ id, orderNo }: { id: string; orderNo: string }) {
  const t = useTranslations("orders.cancel");
  const tf = useTranslations("feedback");
  return <ConfirmButton label={t("button")} title={t("title", { no: orderNo })} description={t("body")} cancelLabel={t("keep")} confirmLabel={t("confirm")} action={() => cancelOrderAction({ id })} success={tf("cancelled", { no: orderNo })} />;
}
