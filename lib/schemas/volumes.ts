import { z } from "zod";
import { numeric } from "./numeric";
import { filterValue, listSchema } from "./list";
import { instanceName } from "./instances";

// EVS volume names follow the same console rule as ECS names.
export const volumeName = instanceName;

/** EVS sizes: 10 GiB to 32 TiB for a data disk (Cinder itself accepts from 1). */
export const VOLUME_MIN_GB = 10;
export const VOLUME_MAX_GB = 32_768;

export const createVolumeInput = z.object({
  name: volumeName,
  description: z.string().max(255).optional(),
  az: z.string().trim().min(1, { message: "az_required" }).max(64),
  volumeTypeId: z.string().min(1, { message: "volume_type_required" }).max(64),
  sizeGb: numeric(z.number().int().min(VOLUME_MIN_GB, { message: "size_range" }).max(VOLUME_MAX_GB, { message: "size_range" })),
  /** Several identical volumes in one request, all or none. */
  count: numeric(z.number().int().min(1, { message: "count_range" }).max(50, { message: "count_range" })).optional(),
  /** The project to create into; defaults to the caller's own. */
  projectId: z.string().min(1).max(64).optional(),
});
export type CreateVolumeInput = z.infer<typeof createVolumeInput>;

/** The EVS list: status and AZ filters, a search by name or id. */
export const volumeListParams = listSchema({ status: filterValue, az: filterValue });
export type VolumeListParams = z.infer<typeof volumeListParams>;

/** `?ids=a,b`: fresh state for the rows a page polls. */
export const volumeIdsParam = z
  .string()
  .max(100 * 37)
  .transform((s) => s.split(",").filter(Boolean))
  .pipe(z.array(z.string().uuid()).max(100));

export const volumeIdInput = z.object({ id: z.string().uuid() });

export const snapshotName = volumeName;
export const createSnapshotInput = z.object({ id: z.string().uuid(), name: snapshotName });
