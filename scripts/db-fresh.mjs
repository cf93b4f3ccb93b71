// A fresh database at DATABASE_URL: SQLite = delete the file, PostgreSQL = drop and recreate the
// public schema (Prisma 6.19's `migrate reset` fails on SQLite, and on PostgreSQL when the
// database was never migrated); then migrate and seed. Used by the test harnesses and
// `npm run db:reset`.
import { execSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";

if (existsSync(".env")) process.loadEnvFile(".env");
const url = process.env.DATABASE_URL ?? "file:./prisma/dev.db";
const quiet = process.argv.includes("--quiet");
const stdio = quiet ? "pipe" : "inherit";
if (url.startsWith("file:")) for (const s of ["", "-journal", "-wal", "-shm"]) rmSync(url.slice(5) + s, { force: true });
else {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
  await client.end();
}
execSync("npx prisma migrate deploy", { stdio });
execSync("npx tsx prisma/seed.ts", { stdio });
