import { z } from "zod";
import { filterValue, listSchema } from "./list";
import { numeric } from "./numeric";
import { QUOTA_RESOURCES } from "@/lib/cloud/quota/quota";
import { ROLES } from "@/lib/cloud/identity/permissions";

const name = z.string().trim().min(1, { message: "name_required" }).max(64, { message: "name_too_long" });
const limit = numeric(z.number().int({ message: "limit_integer" }).min(-1, { message: "limit_min" }).max(10_000_000, { message: "limit_max" }));

export const quotaValues = z.object(Object.fromEntries(QUOTA_RESOURCES.map((r) => [r, limit])) as Record<(typeof QUOTA_RESOURCES)[number], typeof limit>).partial();

export const createVdcInput = z.object({
  parentId: z.string().min(1).nullable(),
  name,
  description: z.string().trim().max(255).optional(),
  regionId: z.string().min(1),
  azIds: z.array(z.string().min(1)).max(20),
  quotas: quotaValues.optional(),
});
export type CreateVdcInput = z.infer<typeof createVdcInput>;

export const updateVdcInput = z.object({ id: z.string().min(1), name, description: z.string().trim().max(255).optional() });

export const quotaInput = z.object({
  vdcId: z.string().min(1),
  regionId: z.string().min(1),
  resource: z.enum(QUOTA_RESOURCES),
  limit,
});
export type QuotaInput = z.infer<typeof quotaInput>;

export const resourceSetInput = z.object({ vdcId: z.string().min(1), regionId: z.string().min(1), azIds: z.array(z.string().min(1)).max(20) });
export type ResourceSetInput = z.infer<typeof resourceSetInput>;

export const username = z
  .string()
  .trim()
  .min(3, { message: "username_short" })
  .max(32, { message: "username_long" })
  .regex(/^[a-z][a-z0-9_.-]*$/, { message: "username_invalid" });

export const createUserInput = z.object({
  username,
  displayName: z.string().trim().min(1, { message: "name_required" }).max(64),
  email: z.union([z.literal(""), z.string().trim().email({ message: "email_invalid" })]).optional(),
  password: z.string().min(1, { message: "password_required" }).max(128),
  role: z.enum(ROLES),
  vdcId: z.string().min(1).nullable(),
  projectId: z.string().min(1).nullable().optional(),
});
export type CreateUserInput = z.infer<typeof createUserInput>;

export const updateUserInput = z.object({
  displayName: z.string().trim().min(1, { message: "name_required" }).max(64).optional(),
  email: z.union([z.literal(""), z.string().trim().email({ message: "email_invalid" })]).optional(),
  disabled: z.boolean().optional(),
  password: z.string().min(1).max(128).optional(),
});
export type UpdateUserInput = z.infer<typeof updateUserInput>;

export const auditFilters = z.object({
  page: numeric(z.number().int().min(1)).default(1),
  pageSize: numeric(z.number().int().min(5).max(100)).default(20),
  action: z.string().max(64).optional(),
  actor: z.string().max(64).optional(),
  result: z.enum(["success", "failure"]).optional(),
  from: z.string().max(32).optional(),
  to: z.string().max(32).optional(),
  /** Entries sort by their sequence number only: newest first unless asked otherwise. */
  sort: z.literal("seq").optional(),
  dir: z.enum(["asc", "desc"]).optional(),
});
export type AuditFilters = z.infer<typeof auditFilters>;

/** The users list: state (enabled, locked, disabled), role and VDC filters. */
export const userListParams = listSchema({ state: z.enum(["enabled", "locked", "disabled"]).optional(), role: filterValue, vdc: filterValue });
export type UserListParams = z.infer<typeof userListParams>;
