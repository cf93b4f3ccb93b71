"use server";
import { alarmCommentInput, alarmIdInput, controllerInput, diskDrillInput, componentDrillInput, thresholdRuleIdInput, thresholdRuleInput } from "@/lib/schemas/operations";
import { deleteThresholdRule, saveThresholdRule } from "../services/thresholds";
import { acknowledgeAlarm, clearAlarmByHand, commentOnAlarm } from "../services/alarms";
import { drillDisk } from "../services/drills";
import { drillComponent } from "../services/device-drills";
import { setControllerRunning } from "../services/control-plane";
import { defineAction } from "./define";

// The O&M portals' actions. Authorization: the frame checks the permission before the input is
// read (alarm:handle, drill:run), and each service checks it again.

const ALARM_PAGES = ["/oc", "/oc/alarms", ["/oc/alarms/[id]", "page"], "/esight/alarms"] as const;
const DRILL_PAGES = [...ALARM_PAGES, "/esight", ["/esight/arrays/[id]", "page"], ["/esight/devices/[id]", "page"], "/service-om/storage-pools", "/service-om/hosts", "/sc/evs"] as const;

export const acknowledgeAlarmAction = defineAction("alarm:handle", alarmIdInput, (actor, input) => acknowledgeAlarm(actor, input.id), ALARM_PAGES);
export const clearAlarmAction = defineAction("alarm:handle", alarmIdInput, (actor, input) => clearAlarmByHand(actor, input.id), ALARM_PAGES);
export const commentAlarmAction = defineAction("alarm:handle", alarmCommentInput, (actor, input) => commentOnAlarm(actor, input.id, input.text), ALARM_PAGES);
export const drillDiskAction = defineAction("drill:run", diskDrillInput, (actor, input) => drillDisk(actor, input.id, input.op), DRILL_PAGES);
export const setControllerAction = defineAction("drill:run", controllerInput, (actor, input) => setControllerRunning(actor, input.id, input.running), ["/cps", "/esight", ...ALARM_PAGES]);
export const saveThresholdRuleAction = defineAction("threshold:manage", thresholdRuleInput, (actor, input) => saveThresholdRule(actor, input), ["/oc/thresholds", ...ALARM_PAGES]);
export const deleteThresholdRuleAction = defineAction("threshold:manage", thresholdRuleIdInput, (actor, input) => deleteThresholdRule(actor, input.id), ["/oc/thresholds", ...ALARM_PAGES]);
export const drillComponentAction = defineAction("drill:run", componentDrillInput, (actor, input) => drillComponent(actor, input.id, input.op), DRILL_PAGES);
