import type { ReactNode } from "react";
import { Inbox, TriangleAlert } from "lucide-react";

export function EmptyState({ title, hint, action }: { title: ReactNode; hint?: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center justify-center gap-2 py-12 text-center" role="status">
      <Inbox className="h-10 w-10 text-slate-300" aria-hidden />
      <div className="text-sm font-medium text-slate-700">{title}</div>
      {hint ? <div className="max-w-md text-xs text-slate-500">{hint}</div> : null}
      {action}
    </div>
  );
}

export function ErrorState({ title, hint, action }: { title: ReactNode; hint?: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center justify-center gap-2 py-12 text-center" role="alert">
      <TriangleAlert className="h-10 w-10 text-red-400" aria-hidden />
      <div className="text-sm font-medium text-slate-800">{title}</div>
      {hint ? <div className="max-w-md text-xs text-slate-500">{hint}</div> : null}
      {action}
    </div>
  );
}

const ALERT_TONES = {
  error: "border-red-200 bg-red-50 text-red-700",
  success: "border-green-200 bg-green-50 text-green-700",
  warning: "border-amber-200 bg-amber-50 text-amber-800",
  info: "border-brand-100 bg-brand-50 text-brand-700",
} as const;

export function Alert({ tone = "error", children }: { tone?: keyof typeof ALERT_TONES; children: ReactNode }) {
  const cls = ALERT_TONES[tone];
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-sm border px-3 py-2 text-[13px] ${cls}`}>
      {children}
    </div>
  );
}
