import { z } from "zod";
import { filterValue, listSchema } from "./list";
import { numeric } from "./numeric";

export const flavorName = z
  .string()
  .trim()
  .min(1, { message: "name_required" })
  .max(64, { message: "name_too_long" })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: "name_invalid" });

const specs = z.record(z.string().max(255), z.string().max(255));

export const createFlavorInput = z.object({
  name: flavorName,
  category: z.enum(["general", "compute", "memory", "hugepage"]),
  vcpus: numeric(z.number().int().min(1, { message: "vcpus_range" }).max(256, { message: "vcpus_range" })),
  ramMb: numeric(z.number().int().min(512, { message: "ram_range" }).max(4 * 1024 * 1024, { message: "ram_range" })),
  diskGb: numeric(z.number().int().min(0, { message: "non_negative" }).max(10_000)),
  ephemeralGb: numeric(z.number().int().min(0, { message: "non_negative" }).max(10_000)).default(0),
  swapMb: numeric(z.number().int().min(0, { message: "non_negative" }).max(1024 * 1024)).default(0),
  isPublic: z.boolean(),
  extraSpecs: specs,
  vdcIds: z.array(z.string().min(1)).max(100).default([]),
});
export type CreateFlavorInput = z.infer<typeof createFlavorInput>;

/** Nova never changes a flavor's resources; its extra specs and who may use it can change. */
export const updateFlavorInput = z.object({ id: z.string().min(1), isPublic: z.boolean(), extraSpecs: specs, vdcIds: z.array(z.string().min(1)).max(100).default([]) });

export const hostGroupInput = z.object({
  name: flavorName,
  azId: z.string().min(1),
  metadata: specs,
  hostIds: z.array(z.string().min(1)).max(5000).default([]),
});
export type HostGroupInput = z.infer<typeof hostGroupInput>;

export const updateHostGroupInput = z.object({ id: z.string().min(1), metadata: specs, hostIds: z.array(z.string().min(1)).max(5000) });

export const registerImageInput = z.object({
  name: z.string().trim().min(1, { message: "name_required" }).max(64, { message: "name_too_long" }),
  diskFormat: z.enum(["qcow2", "raw", "vmdk", "vhd", "iso"]),
  minDiskGb: numeric(z.number().int().min(0, { message: "non_negative" }).max(10_000)),
  minRamMb: numeric(z.number().int().min(0, { message: "non_negative" }).max(4 * 1024 * 1024)),
  architecture: z.enum(["x86_64", "aarch64"]),
  hypervisorType: z.string().trim().max(32).optional(),
  osType: z.enum(["linux", "windows"]),
  osVersion: z.string().trim().min(1, { message: "name_required" }).max(64),
  sizeMb: numeric(z.number().int().min(1, { message: "size_min" }).max(1024 * 1024)),
  visibility: z.enum(["public", "private", "shared"]),
});
export type RegisterImageInput = z.infer<typeof registerImageInput>;

/** The flavors list: category and visibility filters. */
export const flavorListParams = listSchema({ category: filterValue, visibility: z.enum(["public", "private"]).optional() });
export type FlavorListParams = z.infer<typeof flavorListParams>;
/** The images list: status, architecture and visibility filters. */
export const imageListParams = listSchema({ status: filterValue, arch: filterValue, visibility: filterValue });
export type ImageListParams = z.infer<typeof imageListParams>;
/** The host groups list: an AZ filter. */
export const hostGroupListParams = listSchema({ az: filterValue });
export type HostGroupListParams = z.infer<typeof hostGroupListParams>;
/** eSight's devices: health, role and AZ filters. */
export const deviceListParams = listSchema({ health: z.enum(["normal", "warning", "critical"]).optional(), role: filterValue, az: filterValue });
export type DeviceListParams = z.infer<typeof deviceListParams>;
