import { z } from "zod";
import { numeric } from "./numeric";

/** EVS sizes: 10 GiB to 32 TiB (Cinder itself accepts from 1). */
export const VOLUME_MIN_GB = 10;
export const VOLUME_MAX_GB = 32_768;

export const volumeSize = numeric(z.number().int().min(VOLUME_MIN_GB, { message: "size_range" }).max(VOLUME_MAX_GB, { message: "size_range" }));

/** A disk an ECS is created with: an EVS volume of a type and size, deleted with the ECS unless kept (Nova's delete_on_termination). */
export const diskSpec = z.object({
  volumeTypeId: z.string().min(1, { message: "volume_type_required" }).max(64),
  sizeGb: volumeSize,
  deleteOnTermination: z.boolean().optional(),
});
export type DiskSpec = z.infer<typeof diskSpec>;

/** Data disks per ECS at creation (virtio devices /dev/vdb to /dev/vdi). */
export const MAX_DATA_DISKS = 8;
