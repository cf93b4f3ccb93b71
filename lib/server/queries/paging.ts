import "server-only";
import type { ListParams } from "@/lib/schemas/instances";

export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
  sort: string;
  dir: "asc" | "desc";
}

/** Turn a requested sort into an orderBy, accepting only the allow-list's own keys ("__proto__" or "toString" are not sorts). */
export function orderByFrom<K extends string, O>(params: ListParams, allowed: Record<K, (dir: "asc" | "desc") => O>, fallback: K): { key: K; orderBy: O } {
  const key = (params.sort && Object.hasOwn(allowed, params.sort) ? params.sort : fallback) as K;
  return { key, orderBy: allowed[key](params.dir) };
}

export function skipTake(params: ListParams): { skip: number; take: number } {
  return { skip: (params.page - 1) * params.pageSize, take: params.pageSize };
}
