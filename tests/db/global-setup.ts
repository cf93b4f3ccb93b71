import { execFileSync } from "node:child_process";

// A fresh, migrated and seeded database for every run.
export default function setup(): void {
  const url = process.env.TEST_DATABASE_URL ?? "file:./prisma/test.db";
  execFileSync(process.execPath, ["scripts/db-fresh.mjs", "--quiet"], { env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });
}
