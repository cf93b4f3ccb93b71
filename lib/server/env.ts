import "server-only";

// The only place server code reads configuration from the environment.
export function databaseUrl(): string {
  return process.env.DATABASE_URL ?? "file:./prisma/dev.db";
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export function clockSpeedFromEnv(): number | null {
  const raw = process.env.CLOUD_CLOCK_SPEED;
  if (!raw) return null;
  const n = Number(raw);
  return Number.isFinite(n) && n > 0 && n <= 1000 ? n : null;
}

export function runnerEnabled(): boolean {
  return process.env.TASK_RUNNER !== "off";
}

export function runnerIntervalMs(): number {
  const n = Number(process.env.TASK_RUNNER_INTERVAL_MS ?? 250);
  return Number.isFinite(n) && n >= 20 ? n : 250;
}

/** The seed the cloud was built from (prisma/seed.ts): what its generated parts and metrics derive from. */
export function cloudSeed(): number {
  return Number(process.env.SEED_VALUE ?? 20261122);
}
