"use client";
import { useTranslations } from "next-intl";
import { Fragment, useState } from "react";
import type { AuditRowDto } from "@/lib/server/queries/organizations";
import { Dot } from "@/components/ui/status-badge";
import { Time } from "@/components/ui/time";

/** Audit entries, newest first; a row opens to show the before and after values. */
export function AuditTable({ rows }: { rows: AuditRowDto[] }) {
  const t = useTranslations("audit");
  const [open, setOpen] = useState<number | null>(null);
  return (
    <table className="w-full text-left text-[13px]">
      <thead className="bg-slate-50 text-xs text-slate-600">
        <tr>
          {["seq", "time", "user", "vdc", "action", "target", "result", "source"].map((h) => (
            <th key={h} className="px-3 py-2 font-medium">
              {t(`columns.${h}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <Fragment key={r.seq}>
            <tr className="cursor-pointer border-t border-slate-100 hover:bg-brand-50/40" onClick={() => setOpen(open === r.seq ? null : r.seq)} data-testid={`audit-${r.action}`}>
              <td className="px-3 py-2 tabular-nums text-slate-500">{r.seq}</td>
              <td className="px-3 py-2 text-xs"><Time at={r.at} /></td>
              <td className="px-3 py-2">
                <div>{r.actorName}</div>
                <div className="text-[11px] text-slate-500">{r.roles}</div>
              </td>
              <td className="px-3 py-2">{r.vdc ?? "-"}</td>
              <td className="px-3 py-2 font-mono text-xs">{r.action}</td>
              <td className="px-3 py-2 text-xs">
                {r.targetType}
                {r.targetId ? <span className="ml-1 font-mono text-slate-500">{r.targetId.slice(0, 8)}</span> : null}
              </td>
              <td className="px-3 py-2">
                <Dot tone={r.result === "success" ? "green" : "red"}>{t(`result.${r.result}`)}</Dot>
              </td>
              <td className="px-3 py-2 font-mono text-xs">{r.sourceIp ?? "-"}</td>
            </tr>
            {open === r.seq ? (
              <tr className="bg-slate-50">
                <td colSpan={8} className="px-3 py-2">
                  <div className="grid grid-cols-1 gap-3 text-xs md:grid-cols-2">
                    <div>
                      <div className="mb-1 font-medium text-slate-600">{t("before")}</div>
                      <pre className="overflow-auto rounded-sm bg-white p-2">{JSON.stringify(r.before, null, 2) ?? "null"}</pre>
                    </div>
                    <div>
                      <div className="mb-1 font-medium text-slate-600">{t("after")}</div>
                      <pre className="overflow-auto rounded-sm bg-white p-2">{JSON.stringify(r.after, null, 2) ?? "null"}</pre>
                    </div>
                  </div>
                  {r.detail ? <div className="mt-2 text-xs text-red-700">{r.detail}</div> : null}
                </td>
              </tr>
            ) : null}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}
