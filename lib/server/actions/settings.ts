"use server";
import { z } from "zod";
import { clockInput, cloudSettingsInput, hostAllocationInput, hostEnableInput } from "@/lib/schemas/settings";
import { setComputeService, setHostAllocation, setHostEnabled, updateClock, updateCloudSettings } from "../services/settings";
import { defineAction } from "./define";

// CPS settings, the cloud clock, and the hosts' switches in Service OM.
// Authorization: each action names its permission, which defineAction checks before the input
// is read; the service checks it again.

export const saveCloudSettingsAction = defineAction("settings:edit", cloudSettingsInput, (actor, input) => updateCloudSettings(actor, input), ["/cps/settings"]);
export const saveClockAction = defineAction("clock:edit", clockInput, (actor, input) => updateClock(actor, input), [["/", "layout"]]);
export const setHostEnabledAction = defineAction("host:manage", hostEnableInput, (actor, input) => setHostEnabled(actor, input), ["/service-om/hosts"]);
export const setComputeServiceAction = defineAction("host:manage", z.object({ id: z.string().min(1).max(64), running: z.boolean() }), (actor, input) => setComputeService(actor, input), ["/service-om/hosts"]);
export const setHostAllocationAction = defineAction("host:manage", hostAllocationInput, (actor, input) => setHostAllocation(actor, input), ["/service-om/hosts"]);
