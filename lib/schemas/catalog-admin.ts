import { z } from "zod";
import { filterValue, listSchema } from "./list";
import { MAX_LEVELS } from "@/lib/cloud/approval/process";
import { APPROVER_ROLES } from "@/lib/cloud/identity/permissions";

// The operation admin's catalog: products and approval processes (lib/cloud/approval).

const name = z.string().trim().min(1, { message: "name_required" }).max(64, { message: "name_too_long" });
const description = z.string().trim().max(500).default("");
const id = z.string().min(1).max(64);
const approverRole = z.enum(APPROVER_ROLES as [string, ...string[]]);

export const approverSpec = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("user"), userId: id }),
  z.object({ kind: z.literal("vdc_role"), role: approverRole, depth: z.union([z.number().int().min(1).max(MAX_LEVELS), z.literal("own")]) }),
  z.object({ kind: z.literal("global_role"), role: approverRole }),
]);

export const levelDef = z.object({
  name: z.string().trim().min(1, { message: "level_name_required" }).max(64),
  approvers: z.array(approverSpec).min(1, { message: "level_without_approvers" }).max(10),
  mode: z.enum(["or", "countersign"]),
  // Up to 30 days of cloud time; null waits for ever.
  timeoutSeconds: z.number().int().min(60, { message: "timeout_min" }).max(30 * 86400, { message: "timeout_max" }).nullable(),
  onTimeout: z.enum(["approve", "reject"]),
});

const levels = z.array(levelDef).min(1, { message: "no_levels" }).max(MAX_LEVELS, { message: "too_many_levels" });

export const createProcessInput = z.object({ name, description, ownerVdcId: id.nullable(), levels });
export type CreateProcessInput = z.infer<typeof createProcessInput>;

export const saveProcessInput = z.object({ id, description, levels });
export type SaveProcessInput = z.infer<typeof saveProcessInput>;

export const PRODUCT_ICONS = ["server", "cpu", "gpu", "database", "disk", "network", "globe"] as const;
export const PRODUCT_CATEGORIES = ["compute", "storage", "network"] as const;
export const SERVICE_TYPES = ["ecs", "evs", "vpc", "eip"] as const;

export const productInput = z
  .object({
    name,
    description,
    icon: z.enum(PRODUCT_ICONS),
    category: z.enum(PRODUCT_CATEGORIES),
    serviceType: z.enum(SERVICE_TYPES),
    regionId: id.nullable(),
    // The AZs offered (empty = every AZ of the region); an AZ lock offers exactly one.
    offeredAzIds: z.array(id).max(20),
    azId: id.nullable(),
    needsApproval: z.boolean(),
    processId: id.nullable(),
    visibleVdcIds: z.array(id).max(100),
  })
  .refine((p) => !p.needsApproval || p.processId !== null, { message: "process_required", path: ["processId"] })
  .refine((p) => p.azId === null || p.regionId !== null, { message: "az_lock_needs_region", path: ["azId"] });
export type ProductInput = z.infer<typeof productInput>;

export const updateProductInput = z.object({ id, product: productInput });

export const overrideInput = z.object({ productId: id, vdcId: id, processId: id.nullable() });
export type OverrideInput = z.infer<typeof overrideInput>;

/** The products list: category, publication and approval filters. */
export const productListParams = listSchema({ category: filterValue, published: z.enum(["yes", "no"]).optional(), approval: z.enum(["yes", "no"]).optional() });
export type ProductListParams = z.infer<typeof productListParams>;
/** The approval processes list: owner (global or a VDC) and state (draft, published). */
export const processListParams = listSchema({ owner: filterValue, state: z.enum(["draft", "published"]).optional() });
export type ProcessListParams = z.infer<typeof processListParams>;
