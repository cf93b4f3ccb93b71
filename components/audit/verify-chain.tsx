"use client";
import { ShieldCheck, ShieldAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { verifyAuditChainAction } from "@/lib/server/actions/organizations";
import { Button } from "@/components/ui/button";
import { notify } from "@/components/ui/toaster";

type Verdict = { ok: true; entries: number } | { ok: false; entries: number; seq: number; kind: string };

/** The auditor checks the whole hash chain from the page: intact, or the first entry that breaks it. */
export function VerifyChainButton() {
  const t = useTranslations("audit.verify");
  const [pending, start] = useTransition();
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const run = () =>
    start(async () => {
      const res = await verifyAuditChainAction({});
      if (!res.ok) return notify("error", res.message);
      const v: Verdict = res.data.problem ? { ok: false, entries: res.data.entries, seq: res.data.problem.seq, kind: res.data.problem.code } : { ok: true, entries: res.data.entries };
      setVerdict(v);
      notify(v.ok ? "success" : "error", v.ok ? t("intact", { count: v.entries }) : t("broken", { seq: v.seq, kind: t.has(`kinds.${v.kind}`) ? t(`kinds.${v.kind}`) : v.kind }));
    });
  return (
    <span className="inline-flex items-center gap-2">
      <Button onClick={run} disabled={pending}>
        {verdict === null ? null : verdict.ok ? <ShieldCheck className="h-4 w-4 text-green-600" /> : <ShieldAlert className="h-4 w-4 text-red-600" />}
        {t("button")}
      </Button>
      {verdict ? (
        <span className={verdict.ok ? "text-xs text-green-700" : "text-xs text-red-700"} data-testid="chain-verdict">
          {verdict.ok ? t("intact", { count: verdict.entries }) : t("broken", { seq: verdict.seq, kind: t.has(`kinds.${verdict.kind}`) ? t(`kinds.${verdict.kind}`) : verdict.kind })}
        </span>
      ) : null}
    </span>
  );
}
