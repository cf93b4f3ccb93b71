import "server-only";
import type { ListParams } from "@/lib/schemas/list";

export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
  sort: string;
  dir: "asc" | "desc";
}

export type Dir = "asc" | "desc";

/**
 * Turn a requested sort into an orderBy, accepting only the allow-list's own keys ("__proto__" or
 * "toString" are not sorts). Without a direction in the URL the list's default applies.
 */
export function orderByFrom<K extends string, O>(params: ListParams, allowed: Record<K, (dir: Dir) => O>, fallback: K, fallbackDir: Dir = "desc"): { key: K; dir: Dir; orderBy: O } {
  const requested = Boolean(params.sort && Object.hasOwn(allowed, params.sort));
  const key = (requested ? params.sort : fallback) as K;
  const dir = params.dir ?? (requested ? "asc" : fallbackDir);
  return { key, dir, orderBy: allowed[key](dir) };
}

export function skipTake(params: ListParams): { skip: number; take: number } {
  return { skip: (params.page - 1) * params.pageSize, take: params.pageSize };
}

/** A page of rows already in memory (lists whose filter cannot be a query: an approver's inbox). */
export function pageInMemory<T>(rows: readonly T[], params: ListParams, sorts: Record<string, (row: T) => string | number>, fallback: string, fallbackDir: Dir = "desc"): Page<T> {
  const requested = Boolean(params.sort && Object.hasOwn(sorts, params.sort));
  const key = requested ? (params.sort as string) : fallback;
  const dir = params.dir ?? (requested ? "asc" : fallbackDir);
  const by = sorts[key] as (row: T) => string | number;
  const sorted = [...rows].sort((a, b) => {
    const x = by(a);
    const y = by(b);
    const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
    return dir === "asc" ? c : -c;
  });
  const { skip, take } = skipTake(params);
  return { rows: sorted.slice(skip, skip + take), total: rows.length, page: params.page, pageSize: params.pageSize, sort: key, dir };
}
