"use server";
import { attachVolumeInput, createSnapshotInput, createVolumeInput, extendVolumeInput, snapshotIdInput, volumeIdInput } from "@/lib/schemas/volumes";
import { attachVolume, createSnapshot, createVolumes, deleteSnapshot, deleteVolume, detachVolume, extendVolume } from "../services/volumes";
import { defineAction } from "./define";

// EVS volumes. The frame checks the coarse permission (evs:view where the service decides between
// evs:operate, evs:delete and evs:operate_all); each service checks the precise one against the
// volume's project scope.

const VOLUME_PAGES = ["/sc/evs", ["/sc/evs/[id]", "page"], ["/sc/ecs/[id]", "page"]] as const;

export const createVolumeAction = defineAction("evs:create", createVolumeInput, (actor, input) => createVolumes(actor, input), VOLUME_PAGES);
export const deleteVolumeAction = defineAction("evs:view", volumeIdInput, (actor, input) => deleteVolume(actor, input.id), VOLUME_PAGES);
export const createSnapshotAction = defineAction("evs:view", createSnapshotInput, (actor, input) => createSnapshot(actor, input.id, input.name), VOLUME_PAGES);
export const deleteSnapshotAction = defineAction("evs:view", snapshotIdInput, (actor, input) => deleteSnapshot(actor, input.id), VOLUME_PAGES);
export const attachVolumeAction = defineAction("evs:view", attachVolumeInput, (actor, input) => attachVolume(actor, input.id, input.instanceId), VOLUME_PAGES);
export const detachVolumeAction = defineAction("evs:view", volumeIdInput, (actor, input) => detachVolume(actor, input.id), VOLUME_PAGES);
export const extendVolumeAction = defineAction("evs:view", extendVolumeInput, (actor, input) => extendVolume(actor, input.id, input.sizeGb), VOLUME_PAGES);
