"use client";
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown, ChevronLeft, ChevronRight } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { Fragment, useState, useTransition, type ReactNode } from "react";
import { cn } from "@/lib/client/cn";

export interface ServerPage {
  total: number;
  page: number;
  pageSize: number;
  sort: string;
  dir: "asc" | "desc";
}

/** Sets URL search params; the server component re-renders with the new page, sort or filter. */
export function useListParams() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  const set = (patch: Record<string, string | null>, resetPage = true) => {
    const next = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === "") next.delete(k);
      else next.set(k, v);
    }
    if (resetPage && !("page" in patch)) next.delete("page");
    startTransition(() => router.push(`${pathname}?${next.toString()}`));
  };
  return { params, set, pending };
}

/**
 * A dense table with server-side pagination and sorting (columns with an `id` listed in
 * `sortable` sort on the server). Rows come already paged from the server component.
 */
export function DataTable<T>({
  data,
  columns,
  page,
  sortable = [],
  empty,
  rowTestId,
  detail,
}: {
  data: T[];
  columns: ColumnDef<T, unknown>[];
  page: ServerPage;
  sortable?: string[];
  empty: ReactNode;
  rowTestId?: (row: T) => string;
  /** A row that opens on click to show more (the audit log's before and after). */
  detail?: (row: T) => ReactNode;
}) {
  const t = useTranslations("table");
  const { set, pending } = useListParams();
  const table = useReactTable({ data, columns, getCoreRowModel: getCoreRowModel(), manualPagination: true, manualSorting: true });
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const [open, setOpen] = useState<string | null>(null);

  return (
    <div className={cn("rounded-sm border border-slate-200 bg-white", pending && "opacity-60")} aria-busy={pending}>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left text-[13px]">
          <thead className="bg-slate-50 text-xs text-slate-600">
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => {
                  const id = h.column.id;
                  const canSort = sortable.includes(id);
                  const active = page.sort === id;
                  return (
                    <th key={h.id} className="whitespace-nowrap border-b border-slate-200 px-3 py-2 font-medium">
                      {canSort ? (
                        <button
                          type="button"
                          className="inline-flex items-center gap-1 hover:text-brand-600"
                          onClick={() => set({ sort: id, dir: active && page.dir === "asc" ? "desc" : "asc" })}
                          aria-label={t("sortBy", { column: String(h.column.columnDef.header ?? id) })}
                        >
                          {flexRender(h.column.columnDef.header, h.getContext())}
                          {active ? page.dir === "asc" ? <ArrowUp className="h-3 w-3" /> : <ArrowDown className="h-3 w-3" /> : <ArrowUpDown className="h-3 w-3 opacity-40" />}
                        </button>
                      ) : (
                        flexRender(h.column.columnDef.header, h.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length}>{empty}</td>
              </tr>
            ) : (
              table.getRowModel().rows.map((row) => (
                <Fragment key={row.id}>
                  <tr
                    className={cn("border-b border-slate-100 hover:bg-brand-50/40", detail && "cursor-pointer")}
                    data-testid={rowTestId?.(row.original)}
                    onClick={detail ? () => setOpen(open === row.id ? null : row.id) : undefined}
                    aria-expanded={detail ? open === row.id : undefined}
                  >
                    {row.getVisibleCells().map((cell) => (
                      <td key={cell.id} className="px-3 py-2 align-middle">
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </td>
                    ))}
                  </tr>
                  {detail && open === row.id ? (
                    <tr className="bg-slate-50">
                      <td colSpan={columns.length} className="px-3 py-2">
                        {detail(row.original)}
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))
            )}
          </tbody>
        </table>
      </div>
      <div className="flex items-center justify-end gap-3 border-t border-slate-100 px-3 py-2 text-xs text-slate-600">
        <span>{t("total", { count: page.total })}</span>
        <label className="flex items-center gap-1">
          <select
            className="h-7 rounded-sm border border-slate-300 bg-white px-1"
            value={page.pageSize}
            onChange={(e) => set({ pageSize: e.target.value })}
            aria-label={t("pageSize")}
          >
            {[10, 20, 50, 100].map((n) => (
              <option key={n} value={n}>
                {t("perPage", { n })}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="inline-flex h-7 w-7 items-center justify-center rounded-sm border border-slate-300 disabled:opacity-40"
          disabled={page.page <= 1}
          onClick={() => set({ page: String(page.page - 1) }, false)}
          aria-label={t("previous")}
        >
          <ChevronLeft className="h-3.5 w-3.5" />
        </button>
        <span className="tabular-nums">{t("pageOf", { page: page.page, pages })}</span>
        <button
          type="button"
          className="inline-flex h-7 w-7 items-center justify-center rounded-sm border border-slate-300 disabled:opacity-40"
          disabled={page.page >= pages}
          onClick={() => set({ page: String(page.page + 1) }, false)}
          aria-label={t("next")}
        >
          <ChevronRight className="h-3.5 w-3.5" />
        </button>
      </div>
    </div>
  );
}
