import { execSync } from "node:child_process";
import { rmSync } from "node:fs";

// A fresh, migrated and seeded database for every run: the SQLite file is deleted (Prisma 6.19's
// `migrate reset` is broken on SQLite), PostgreSQL is reset.
export default function setup(): void {
  const url = process.env.TEST_DATABASE_URL ?? "file:./prisma/test.db";
  const env = { ...process.env, DATABASE_URL: url };
  if (url.startsWith("file:")) for (const s of ["", "-journal", "-wal", "-shm"]) rmSync(url.slice(5) + s, { force: true });
  else execSync("npx prisma migrate reset --force --skip-generate --skip-seed", { env, stdio: "pipe" });
  execSync("npx prisma migrate deploy", { env, stdio: "pipe" });
  execSync("npx tsx prisma/seed.ts", { env, stdio: "pipe" });
}
