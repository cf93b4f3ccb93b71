import type { ReactNode } from "react";
import { cn } from "@/lib/client/cn";

export interface Column<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  className?: string;
}

/** A plain, dense table for short lists that need no paging (flavors, images, pools, devices). */
export function SimpleTable<T>({ columns, rows, rowKey, stickyHeader = false, rowTestId, empty }: { columns: Column<T>[]; rows: T[]; rowKey: (row: T) => string; stickyHeader?: boolean; rowTestId?: (row: T) => string; empty?: ReactNode }) {
  return (
    <table className="w-full text-left text-[13px]">
      <thead className={cn("bg-slate-50 text-xs text-slate-600", stickyHeader && "sticky top-0")}>
        <tr>
          {columns.map((c, i) => (
            <th key={i} className="px-3 py-2 font-medium whitespace-nowrap">
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && empty ? (
          <tr className="border-t border-slate-100">
            <td colSpan={columns.length} className="px-3 py-4 text-center text-xs text-slate-500">
              {empty}
            </td>
          </tr>
        ) : null}
        {rows.map((row) => (
          <tr key={rowKey(row)} className="border-t border-slate-100 align-top" data-testid={rowTestId?.(row)}>
            {columns.map((c, i) => (
              <td key={i} className={cn("px-3 py-2", c.className)}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
