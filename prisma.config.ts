import { existsSync } from "node:fs";
import { defineConfig } from "prisma/config";
import { PgCliAdapter, SqliteCliAdapter, pgConfig } from "./prisma/cli-adapters";

// Prisma skips .env loading when a config file exists, and the schema's env("DATABASE_URL") must
// resolve to a URL of the schema's provider: otherwise the CLI falls back to the "library"
// engine and tries to download it from a host this machine cannot reach.
if (existsSync(".env")) process.loadEnvFile(".env"); // never overrides variables already set
process.env.DATABASE_URL ??= "file:./prisma/dev.db";
const url = process.env.DATABASE_URL;
const pg = /^postgres(ql)?:\/\//.test(url);

// Prisma 6.19's wasm schema engine leaves 10 s and 60 s timers armed after the work is done,
// so the CLI lingers. Unref long timers so the process exits when the command is finished.
const setTimeoutOrig = globalThis.setTimeout;
globalThis.setTimeout = ((fn: () => void, ms?: number, ...args: unknown[]) => {
  const t = setTimeoutOrig(fn, ms, ...args);
  if ((ms ?? 0) >= 10_000) (t as unknown as NodeJS.Timeout).unref();
  return t;
}) as typeof setTimeout;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: pg ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma",
  migrations: {
    path: pg ? "prisma/postgres/migrations" : "prisma/migrations",
    seed: "tsx prisma/seed.ts",
  },
  async adapter() {
    return pg ? new PgCliAdapter(pgConfig(url)) : new SqliteCliAdapter({ url });
  },
});
