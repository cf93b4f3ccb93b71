export function PageSkeleton() {
  return (
    <div className="animate-pulse space-y-3" aria-busy="true">
      <div className="h-5 w-48 rounded bg-slate-200" />
      <div className="h-8 w-full rounded bg-slate-200" />
      <div className="h-64 w-full rounded bg-slate-200" />
    </div>
  );
}
