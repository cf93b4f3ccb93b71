// Starts the task runner with the server (Node runtime only). Several server processes may each
// run one: tasks are claimed with conditional updates, so none is advanced twice.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { runnerEnabled, runnerIntervalMs } = await import("./lib/server/env");
  if (!runnerEnabled()) return;
  const { applyEnvClockSpeed } = await import("./lib/server/services/clock");
  const { startRunner } = await import("./lib/server/worker/runner");
  await applyEnvClockSpeed();
  await startRunner(runnerIntervalMs());
}
