// The request flow of a resource as the pages show it: a task and its timeline on the cloud clock.
// Type-only: instances and volumes serialize their tasks to it, the TaskFlow component renders it.

export interface TaskFlowEntry {
  at: string;
  event: string;
  step?: string;
  detail?: string;
}

export interface TaskFlowTask {
  id: string;
  type: string;
  status: string;
  createdAt: string;
  timeline: TaskFlowEntry[];
}
