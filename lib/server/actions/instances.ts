"use server";
import { z } from "zod";
import { instanceActionInput, launchInput, moveInput, rebuildInput, resizeInput, serverGroupInput, snapshotInput } from "@/lib/schemas/instances";
import { launchInstance, requestInstanceAction, shutdownFromGuest } from "../services/instances";
import { evacuateHost, evacuateInstance, migrateInstance, rebuildInstance, resizeInstance, snapshotInstance } from "../services/instance-ops";
import { createServerGroup, deleteServerGroup } from "../services/server-groups";
import { instanceOptions } from "../queries/instances";
import { defineAction } from "./define";

// Instances and server groups. The frame checks the coarse permission ("ecs:view" where the
// service decides between ecs:operate, ecs:delete and ecs:operate_all); each service checks the
// precise one against the instance's project scope.

const INSTANCE_PAGES = ["/sc/ecs", "/service-om/instances"];
const byUuid = z.object({ id: z.string().uuid() });

export const launchInstanceAction = defineAction("ecs:create", launchInput, (actor, input) => launchInstance(actor, input), ["/sc/ecs"]);
/** Stop, start, reboot (soft or hard), pause, suspend, lock or delete one instance. */
export const instanceAction = defineAction("ecs:view", instanceActionInput, (actor, input) => requestInstanceAction(actor, input.id, input.action), INSTANCE_PAGES);
/** The guest shut-down drill. */
export const guestShutdownAction = defineAction("ecs:operate_all", byUuid, (actor, input) => shutdownFromGuest(actor, input.id), ["/sc/ecs"]);
export const resizeAction = defineAction("ecs:view", resizeInput, (actor, input) => resizeInstance(actor, input.id, input.flavorId), INSTANCE_PAGES);
/** Cold migrate and evacuate: administrators (ecs:operate_all). */
export const migrateAction = defineAction("ecs:operate_all", moveInput, (actor, input) => migrateInstance(actor, input.id, input.host), INSTANCE_PAGES);
export const evacuateAction = defineAction("ecs:operate_all", moveInput, (actor, input) => evacuateInstance(actor, input.id, input.host), INSTANCE_PAGES);
/** Evacuate every instance of a down host; each instance is authorized on its own. */
export const evacuateHostAction = defineAction("ecs:operate_all", z.object({ id: z.string().min(1).max(64) }), (actor, input) => evacuateHost(actor, input.id), [...INSTANCE_PAGES, ["/service-om/hosts", "layout"]]);
export const rebuildAction = defineAction("ecs:view", rebuildInput, (actor, input) => rebuildInstance(actor, input.id, input.imageId), INSTANCE_PAGES);
export const snapshotAction = defineAction("ecs:view", snapshotInput, (actor, input) => snapshotInstance(actor, input.id, input.name), INSTANCE_PAGES);

export const createServerGroupAction = defineAction("ecs:create", serverGroupInput, (actor, input) => createServerGroup(actor, input), ["/sc/server-groups"]);
export const deleteServerGroupAction = defineAction("ecs:create", byUuid, (actor, input) => deleteServerGroup(actor, input.id), ["/sc/server-groups"]);

/** Options for the resize, rebuild, migrate and evacuate dialogs; the query checks scope. */
export const instanceOptionsAction = defineAction("ecs:view", byUuid, (actor, input) => instanceOptions(actor, input.id));
