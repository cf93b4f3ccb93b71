import { pct } from "@/lib/client/format";
import { cn } from "@/lib/client/cn";

// Thresholds as operations teams read them: under 70 % green, to 85 % amber, above red.
export function toneOf(percent: number): string {
  return percent < 70 ? "bg-green-500" : percent <= 85 ? "bg-amber-500" : "bg-red-500";
}

export function CapacityBar({ used, total, label, detail, className }: { used: number; total: number; label?: string; detail?: string; className?: string }) {
  const p = pct(used, total);
  return (
    <div className={cn("min-w-[120px]", className)} title={detail}>
      <div className="mb-0.5 flex justify-between text-[11px] text-slate-500">
        <span>{label}</span>
        <span className="tabular-nums">{p}%</span>
      </div>
      <div className="h-1.5 overflow-hidden rounded-full bg-slate-200" role="meter" aria-valuenow={p} aria-valuemin={0} aria-valuemax={100} aria-label={label}>
        <div className={cn("h-full rounded-full", toneOf(p))} style={{ width: `${Math.min(100, p)}%` }} />
      </div>
      {detail ? <div className="mt-0.5 text-[11px] tabular-nums text-slate-600">{detail}</div> : null}
    </div>
  );
}
