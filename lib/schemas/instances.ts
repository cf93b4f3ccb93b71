import { z } from "zod";
import { INSTANCE_ACTIONS } from "@/lib/cloud/compute/instance-states";

// Instance names follow the ECS console rule: 1-64 characters, letters, digits, '-', '_', '.'.
export const instanceName = z
  .string()
  .trim()
  .min(1, { message: "name_required" })
  .max(64, { message: "name_too_long" })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: "name_invalid" });

export const launchInput = z.object({
  name: instanceName,
  az: z.string().min(1, { message: "az_required" }),
  flavorId: z.string().min(1, { message: "flavor_required" }),
  imageId: z.string().min(1, { message: "image_required" }),
  /** Several identical ECSs in one request, all or none (Nova's min_count = max_count). */
  count: z.coerce.number().int().min(1, { message: "count_range" }).max(20, { message: "count_range" }).optional(),
});
export type LaunchInput = z.infer<typeof launchInput>;

export const instanceActionInput = z.object({
  id: z.string().uuid(),
  action: z.enum(INSTANCE_ACTIONS),
});
export type InstanceActionInput = z.infer<typeof instanceActionInput>;

export const listParams = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(5).max(100).default(20),
  sort: z.string().max(40).optional(),
  dir: z.enum(["asc", "desc"]).default("asc"),
  q: z.string().trim().max(100).optional(),
  status: z.string().max(40).optional(),
  az: z.string().max(40).optional(),
});
export type ListParams = z.infer<typeof listParams>;
