"use server";
import { movePoolInput, poolRatioInput, poolStateInput, volumeTypeAccessInput, volumeTypeIdInput, volumeTypeInput } from "@/lib/schemas/storage";
import { createVolumeType, deleteVolumeType, movePool, setPoolRatio, setPoolState, setVolumeTypeAccess } from "../services/storage-admin";
import { defineAction } from "./define";

// Service OM's storage pools and volume types: the cloud admin's. Authorization: the frame checks
// the storage:manage permission before the input is read, and each service checks it again.

const POOL_PAGES = ["/service-om/storage-pools", ["/service-om/storage-pools/[id]", "page"], "/oc"] as const;
const TYPE_PAGES = ["/service-om/volume-types", "/sc/evs"] as const;

export const setPoolRatioAction = defineAction("storage:manage", poolRatioInput, (actor, input) => setPoolRatio(actor, input.id, input.ratio || null), POOL_PAGES);
export const setPoolStateAction = defineAction("storage:manage", poolStateInput, (actor, input) => setPoolState(actor, input.id, input.op, input.reason), POOL_PAGES);
export const movePoolAction = defineAction("storage:manage", movePoolInput, (actor, input) => movePool(actor, input.id, input.azId), POOL_PAGES);
export const createVolumeTypeAction = defineAction("storage:manage", volumeTypeInput, (actor, input) => createVolumeType(actor, input), TYPE_PAGES);
export const setVolumeTypeAccessAction = defineAction("storage:manage", volumeTypeAccessInput, (actor, input) => setVolumeTypeAccess(actor, input.id, input.isPublic, input.vdcIds), TYPE_PAGES);
export const deleteVolumeTypeAction = defineAction("storage:manage", volumeTypeIdInput, (actor, input) => deleteVolumeType(actor, input.id), TYPE_PAGES);
