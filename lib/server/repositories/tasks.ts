import "server-only";
import { firstStep, type PriorState, type TaskType } from "@/lib/cloud/tasks";
import type { Tx } from "../db";

/**
 * Queue a task for an instance whose task_state the caller has just set (conditionally): the
 * runner claims it and walks its steps. `detail` annotates the first step on the timeline.
 */
export async function queueTask(
  tx: Tx,
  args: { type: TaskType; instanceId: string; now: Date; requestedBy: string | null; payload?: Record<string, unknown>; prior?: PriorState; detail?: string },
): Promise<void> {
  const start = firstStep(args.type, args.now);
  await tx.task.create({
    data: {
      type: args.type,
      instanceId: args.instanceId,
      status: "queued",
      dueAt: start.dueAt,
      payload: { ...(args.payload ?? {}), ...(args.prior ? { prior: args.prior } : {}) } as never,
      timeline: start.timeline.map((e) => (e.event === "step_started" && args.detail ? { ...e, detail: args.detail } : e)) as never,
      requestedBy: args.requestedBy,
      createdAt: args.now,
      updatedAt: args.now,
    },
  });
}
