import { z } from "zod";
import { numeric } from "./numeric";
import { filterValue, listSchema } from "./list";
import { instanceName } from "./instances";
import { volumeSize } from "./disks";

// EVS volume names follow the same console rule as ECS names.
export const volumeName = instanceName;

export { VOLUME_MAX_GB, VOLUME_MIN_GB } from "./disks";

const optionalId = z.preprocess((v) => (v === "" ? undefined : v), z.string().min(1).max(64).optional());

export const createVolumeInput = z
  .object({
    name: volumeName,
    description: z.string().max(255).optional(),
    /** Required unless the volume comes from a snapshot (it then stays in the snapshot's AZ). */
    az: z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().min(1).max(64).optional()),
    /** Required unless the volume comes from a snapshot (it then has the snapshot's volume's type). */
    volumeTypeId: optionalId,
    sizeGb: volumeSize,
    /** Several identical volumes in one request, all or none. */
    count: numeric(z.number().int().min(1, { message: "count_range" }).max(50, { message: "count_range" })).optional(),
    /** The project to create into; defaults to the caller's own. */
    projectId: z.string().min(1).max(64).optional(),
    /** Cinder's sources: an image copied onto the new volume (it becomes bootable), or a snapshot cloned. */
    imageId: optionalId,
    snapshotId: z.preprocess((v) => (v === "" ? undefined : v), z.string().uuid().optional()),
  })
  .superRefine((v, ctx) => {
    if (v.imageId && v.snapshotId) ctx.addIssue({ code: "custom", path: ["snapshotId"], message: "source_conflict" });
    if (!v.snapshotId && !v.az) ctx.addIssue({ code: "custom", path: ["az"], message: "az_required" });
    if (!v.snapshotId && !v.volumeTypeId) ctx.addIssue({ code: "custom", path: ["volumeTypeId"], message: "volume_type_required" });
  });
export type CreateVolumeInput = z.infer<typeof createVolumeInput>;

/** The EVS list: status and AZ filters, a search by name or id. */
export const volumeListParams = listSchema({ status: filterValue, az: filterValue, pool: filterValue });
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
export const snapshotIdInput = z.object({ id: z.string().uuid() });

export const attachVolumeInput = z.object({ id: z.string().uuid(), instanceId: z.string().uuid({ message: "instance_required" }) });
export const extendVolumeInput = z.object({ id: z.string().uuid(), sizeGb: volumeSize });

/** POST /api/v1/volumes/:id/action, Cinder's volume actions by name. */
export const volumeActionInput = z.discriminatedUnion("action", [
  z.object({ action: z.literal("attach"), instanceId: attachVolumeInput.shape.instanceId }),
  z.object({ action: z.literal("detach") }),
  z.object({ action: z.literal("extend"), sizeGb: extendVolumeInput.shape.sizeGb }),
  z.object({ action: z.literal("snapshot"), name: snapshotName }),
  z.object({ action: z.literal("delete") }),
]);
