import { z } from "zod";
import { numeric } from "./numeric";

/**
 * The URL of every list: page, page size, sort column and direction, free-text search, then the
 * list's own filters. The direction is optional: without it each list sorts its own way (newest
 * first where rows have a creation time).
 */
export const pageFields = {
  page: numeric(z.number().int().min(1)).default(1),
  pageSize: numeric(z.number().int().min(5).max(100)).default(20),
  sort: z.string().max(40).optional(),
  dir: z.enum(["asc", "desc"]).optional(),
  q: z.string().trim().max(100).optional(),
};

export function listSchema<T extends z.ZodRawShape>(filters: T) {
  return z.object({ ...pageFields, ...filters });
}

/** A filter value from the URL: a short token, or absent. */
export const filterValue = z.string().trim().max(64).optional();

export interface ListParams {
  page: number;
  pageSize: number;
  sort?: string | undefined;
  dir?: "asc" | "desc" | undefined;
  q?: string | undefined;
}
