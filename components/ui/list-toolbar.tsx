"use client";
import { Download, RefreshCw, RotateCcw, Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition, type ReactNode } from "react";
import { useListParams } from "./data-table";

export interface FilterDef {
  key: string;
  label: string;
  options: { value: string; label: string }[];
}

/**
 * Search, filters, refresh and CSV export above a list; every change is a URL change, so lists are
 * linkable. `exportHref` is the list's CSV route: it receives the same filters, search and sort.
 */
export function ListToolbar({ placeholder, filters = [], exportHref, children }: { placeholder: string; filters?: FilterDef[]; exportHref?: string; children?: ReactNode }) {
  const t = useTranslations("table");
  const router = useRouter();
  const { params, set } = useListParams();
  const [q, setQ] = useState(params.get("q") ?? "");
  const [refreshing, startRefresh] = useTransition();
  const exportQuery = new URLSearchParams(params.toString());
  exportQuery.delete("page");
  exportQuery.delete("pageSize");
  return (
    <div className="mb-3 flex flex-wrap items-center gap-2">
      {children}
      <div className="ml-auto flex flex-wrap items-center gap-2">
        {filters.map((f) => (
          <select
            key={f.key}
            aria-label={f.label}
            className="h-8 rounded-sm border border-slate-300 bg-white px-2 text-[13px]"
            value={params.get(f.key) ?? ""}
            onChange={(e) => set({ [f.key]: e.target.value })}
          >
            <option value="">{f.label}</option>
            {f.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        ))}
        <form
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            set({ q: q.trim() });
          }}
          className="flex h-8 items-center rounded-sm border border-slate-300 bg-white"
        >
          <input
            className="h-full w-56 bg-transparent px-2 text-[13px] outline-none"
            placeholder={placeholder}
            aria-label={placeholder}
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
          <button type="submit" className="px-2 text-slate-500 hover:text-brand-600" aria-label={t("search")}>
            <Search className="h-4 w-4" />
          </button>
        </form>
        <button
          type="button"
          className="inline-flex h-8 w-8 items-center justify-center rounded-sm border border-slate-300 bg-white text-slate-500 hover:text-brand-600"
          onClick={() => {
            setQ("");
            set(Object.fromEntries(["q", "sort", "dir", ...filters.map((f) => f.key)].map((k) => [k, null])));
          }}
          aria-label={t("reset")}
          title={t("reset")}
        >
          <RotateCcw className="h-3.5 w-3.5" />
        </button>
        <button
          type="button"
          className="inline-flex h-8 w-8 items-center justify-center rounded-sm border border-slate-300 bg-white text-slate-500 hover:text-brand-600 disabled:opacity-50"
          onClick={() => startRefresh(() => router.refresh())}
          disabled={refreshing}
          aria-label={t("refresh")}
          title={t("refresh")}
        >
          <RefreshCw className={refreshing ? "h-3.5 w-3.5 animate-spin" : "h-3.5 w-3.5"} />
        </button>
        {exportHref ? (
          <a
            className="inline-flex h-8 items-center gap-1 rounded-sm border border-slate-300 bg-white px-2 text-[13px] text-slate-600 hover:text-brand-600"
            href={`${exportHref}?${exportQuery.toString()}`}
            download
          >
            <Download className="h-3.5 w-3.5" /> {t("export")}
          </a>
        ) : null}
      </div>
    </div>
  );
}
