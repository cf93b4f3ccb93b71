"use server";
import { createSnapshotInput, createVolumeInput, volumeIdInput } from "@/lib/schemas/volumes";
import { createSnapshot, createVolumes, deleteVolume } from "../services/volumes";
import { defineAction } from "./define";

// EVS volumes. The frame checks the coarse permission (evs:view where the service decides between
// evs:operate, evs:delete and evs:operate_all); each service checks the precise one against the
// volume's project scope.

const VOLUME_PAGES = ["/sc/evs"];

export const createVolumeAction = defineAction("evs:create", createVolumeInput, (actor, input) => createVolumes(actor, input), VOLUME_PAGES);
export const deleteVolumeAction = defineAction("evs:view", volumeIdInput, (actor, input) => deleteVolume(actor, input.id), VOLUME_PAGES);
export const createSnapshotAction = defineAction("evs:view", createSnapshotInput, (actor, input) => createSnapshot(actor, input.id, input.name), VOLUME_PAGES);
