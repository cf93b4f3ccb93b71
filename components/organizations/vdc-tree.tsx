import Link from "next/link";
import { Building2 } from "lucide-react";
import type { VdcNodeDto } from "@/lib/server/queries/organizations";
import { cn } from "@/lib/client/cn";

/** The VDC tree as nested links; the current VDC is highlighted. */
export function VdcTree({ nodes, currentId }: { nodes: VdcNodeDto[]; currentId?: string }) {
  return (
    <ul className="space-y-0.5 text-[13px]" role="tree">
      {nodes.map((n) => (
        <li key={n.id} role="treeitem" aria-selected={n.id === currentId}>
          <Link
            href={`/sc/organizations/${n.id}`}
            className={cn("flex items-center gap-1.5 rounded-sm px-2 py-1", n.id === currentId ? "bg-brand-50 font-medium text-brand-700" : "text-slate-700 hover:bg-slate-50")}
          >
            <Building2 className="h-3.5 w-3.5 shrink-0 text-slate-400" aria-hidden />
            <span className="truncate">{n.name}</span>
          </Link>
          {n.children.length ? (
            <div className="ml-3 border-l border-slate-200 pl-1">
              <VdcTree nodes={n.children} currentId={currentId} />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
