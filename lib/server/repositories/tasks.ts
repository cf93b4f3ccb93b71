import "server-only";
import { randomUUID } from "node:crypto";
import { firstStep, type PriorState, type TaskType } from "@/lib/cloud/tasks";
import type { Tx } from "../db";
import { insertRow, jsonParam } from "./sql";

/**
 * Queue a task for an instance whose task_state the caller has just set (conditionally): the
 * runner claims it and walks its steps. `detail` annotates the first step on the timeline.
 */
export async function queueTask(
  tx: Tx,
  args: { type: TaskType; instanceId: string; now: Date; requestedBy: string | null; payload?: Record<string, unknown>; prior?: PriorState; detail?: string },
): Promise<void> {
  const start = firstStep(args.type, args.now);
  // Plain SQL: every launch and every instance action queues one (repositories/sql.ts).
  await tx.$executeRaw(
    insertRow("Task", {
      id: randomUUID(),
      type: args.type,
      instanceId: args.instanceId,
      status: "queued",
      stepIndex: 0,
      attempts: 0,
      version: 0,
      dueAt: start.dueAt,
      payload: jsonParam({ ...(args.payload ?? {}), ...(args.prior ? { prior: args.prior } : {}) }),
      timeline: jsonParam(start.timeline.map((e) => (e.event === "step_started" && args.detail ? { ...e, detail: args.detail } : e))),
      requestedBy: args.requestedBy,
      createdAt: args.now,
      updatedAt: args.now,
    }),
  );
}
