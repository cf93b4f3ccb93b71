import "server-only";
import { randomUUID } from "node:crypto";
import { firstStep, type PriorState, type TaskType } from "@/lib/cloud/tasks";
import type { Tx } from "../db";
import { insertRow, jsonParam, sqlRun } from "./sql";

/** A task's first step as its workflow begins it: when it is due and the timeline so far. */
export interface TaskStart {
  dueAt: Date;
  timeline: { event: string; step?: string; detail?: string }[];
}

/**
 * Insert a queued task (an instance's, a volume's, or both): the runner claims it and walks its
 * steps. `detail` annotates the first step on the timeline. Plain SQL: every launch and every
 * action queues one (repositories/sql.ts).
 */
export async function insertTask(
  tx: Tx,
  args: { type: string; instanceId?: string; volumeId?: string; start: TaskStart; now: Date; requestedBy: string | null; payload: Record<string, unknown>; detail?: string },
): Promise<void> {
  await sqlRun(tx, 
    insertRow("Task", {
      id: randomUUID(),
      type: args.type,
      instanceId: args.instanceId ?? null,
      volumeId: args.volumeId ?? null,
      status: "queued",
      stepIndex: 0,
      attempts: 0,
      version: 0,
      dueAt: args.start.dueAt,
      payload: jsonParam(args.payload),
      timeline: jsonParam(args.start.timeline.map((e) => (e.event === "step_started" && args.detail ? { ...e, detail: args.detail } : e))),
      requestedBy: args.requestedBy,
      createdAt: args.now,
      updatedAt: args.now,
    }),
  );
}

/** Queue an instance workflow for an instance whose task_state the caller has just set (conditionally). */
export async function queueTask(
  tx: Tx,
  args: { type: TaskType; instanceId: string; now: Date; requestedBy: string | null; payload?: Record<string, unknown>; prior?: PriorState; detail?: string },
): Promise<void> {
  const payload = { ...(args.payload ?? {}), ...(args.prior ? { prior: args.prior } : {}) };
  await insertTask(tx, { type: args.type, instanceId: args.instanceId, start: firstStep(args.type, args.now), now: args.now, requestedBy: args.requestedBy, payload, detail: args.detail });
}
