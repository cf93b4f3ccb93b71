import { useTranslations } from "next-intl";
import { Loader2 } from "lucide-react";
import { cn } from "@/lib/client/cn";

const TONES: Record<string, string> = {
  ACTIVE: "bg-green-500",
  SHUTOFF: "bg-slate-400",
  ERROR: "bg-red-500",
  DELETED: "bg-slate-300",
  PAUSED: "bg-amber-500",
  SUSPENDED: "bg-amber-500",
  VERIFY_RESIZE: "bg-amber-500",
};

/** A coloured dot and a word; transitional states spin and show the task in flight. */
export function InstanceStatus({ status, taskState, transitional }: { status: string; taskState: string | null; transitional: boolean }) {
  const t = useTranslations("status");
  const label = t.has(`vm.${status}`) ? t(`vm.${status}`) : status;
  const task = taskState ? (t.has(`task.${taskState}`) ? t(`task.${taskState}`) : taskState) : null;
  return (
    <span className="inline-flex items-center gap-1.5" data-status={status} data-task-state={taskState ?? ""}>
      {transitional ? (
        <Loader2 className="hcs-spin h-3.5 w-3.5 text-brand-500" aria-hidden />
      ) : (
        <span className={cn("h-2 w-2 rounded-full", TONES[status] ?? "bg-brand-500")} aria-hidden />
      )}
      <span>{label}</span>
      {task ? <span className="text-xs text-slate-500">({task})</span> : null}
    </span>
  );
}

export function Dot({ tone, children }: { tone: "green" | "amber" | "red" | "grey" | "blue"; children: React.ReactNode }) {
  const cls = { green: "bg-green-500", amber: "bg-amber-500", red: "bg-red-500", grey: "bg-slate-400", blue: "bg-brand-500" }[tone];
  return (
    <span className="inline-flex items-center gap-1.5">
      <span className={cn("h-2 w-2 rounded-full", cls)} aria-hidden />
      {children}
    </span>
  );
}

export function Tag({ children }: { children: React.ReactNode }) {
  return <span className="inline-block rounded-sm border border-slate-200 bg-slate-50 px-1.5 py-px text-[11px] text-slate-600">{children}</span>;
}
