"use server";
import { z } from "zod";
import { createFlavorInput, hostGroupInput, registerImageInput, updateFlavorInput, updateHostGroupInput } from "@/lib/schemas/compute";
import { createFlavor, createHostGroup, deleteFlavor, deleteHostGroup, deleteImage, registerImage, setImageActive, updateFlavor, updateHostGroup } from "../services/compute-admin";
import { cloudNow } from "../services/clock";
import { defineAction } from "./define";

// Service OM's flavors, host groups and images: the cloud admin's.
// Authorization: each action names its permission, which defineAction checks before the input
// is read; the service checks it again.

const byId = z.object({ id: z.string().min(1).max(64) });

export const createFlavorAction = defineAction("flavor:manage", createFlavorInput, (actor, input) => createFlavor(actor, input), ["/service-om/flavors"]);
export const updateFlavorAction = defineAction("flavor:manage", updateFlavorInput, (actor, input) => updateFlavor(actor, input), ["/service-om/flavors"]);
export const deleteFlavorAction = defineAction("flavor:manage", byId, (actor, input) => deleteFlavor(actor, input.id), ["/service-om/flavors"]);

export const createHostGroupAction = defineAction("host:manage", hostGroupInput, (actor, input) => createHostGroup(actor, input), ["/service-om/host-groups"]);
export const updateHostGroupAction = defineAction("host:manage", updateHostGroupInput, (actor, input) => updateHostGroup(actor, input), ["/service-om/host-groups"]);
export const deleteHostGroupAction = defineAction("host:manage", byId, (actor, input) => deleteHostGroup(actor, input.id), ["/service-om/host-groups"]);

export const registerImageAction = defineAction("image:manage", registerImageInput, (actor, input) => registerImage(actor, input), ["/service-om/images"]);
export const imageStatusAction = defineAction(
  "image:manage",
  byId.extend({ op: z.enum(["deactivate", "reactivate", "delete"]) }),
  async (actor, { id, op }) => (op === "delete" ? deleteImage(actor, id, await cloudNow()) : setImageActive(actor, id, op === "reactivate")),
  ["/service-om/images"],
);
