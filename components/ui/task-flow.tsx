"use client";
import { useTranslations } from "next-intl";
import { EmptyState } from "./empty-state";
import { Time } from "./time";
import type { TaskFlowTask } from "@/lib/server/queries/task-flow";

/**
 * The request flow of a resource: each task with its steps on the cloud clock, as the task
 * runner recorded them. Instances and volumes share it; `typeLabel` names a task kind.
 */
export function TaskFlow({ tasks, typeLabel }: { tasks: TaskFlowTask[]; typeLabel: (type: string) => string }) {
  const t = useTranslations("ecs");
  const ts = useTranslations("status");
  if (tasks.length === 0) return <EmptyState title={t("detail.noTasks")} />;
  return (
    <div className="space-y-4">
      {tasks.map((task) => (
        <div key={task.id} className="rounded-sm border border-slate-200 p-3" data-testid={`task-${task.type}`}>
          <div className="mb-2 flex items-center justify-between">
            <span className="font-medium">{typeLabel(task.type)}</span>
            <span className="text-xs text-slate-500">
              {t(`taskStatus.${task.status}`)} · <Time at={task.createdAt} />
            </span>
          </div>
          <ol className="space-y-1 border-l-2 border-slate-200 pl-3 text-xs">
            {task.timeline.map((e, n) => (
              <li key={n} className="flex gap-3">
                <span className="w-40 shrink-0 tabular-nums text-slate-500"><Time at={e.at} className="tabular-nums" /></span>
                <span className="text-slate-800">
                  {t.has(`timeline.${e.event}`) ? t(`timeline.${e.event}`) : e.event}
                  {e.step ? ` · ${ts.has(`task.${e.step}`) ? ts(`task.${e.step}`) : e.step}` : ""}
                </span>
                {e.detail ? <span className="text-slate-500">{e.detail}</span> : null}
              </li>
            ))}
          </ol>
        </div>
      ))}
    </div>
  );
}
