// npm run audit:verify: check the audit log's hash chain; exit 1 and name the first broken entry
// when a row was edited, deleted or inserted.
import { existsSync } from "node:fs";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { verifyAuditLog } from "../lib/server/services/audit-verify";

if (existsSync(".env")) process.loadEnvFile(".env");
const url = process.env.DATABASE_URL ?? "file:./prisma/dev.db";
const db = new PrismaClient({ adapter: /^postgres(ql)?:\/\//.test(url) ? new PrismaPg({ connectionString: url }) : new PrismaBetterSQLite3({ url }) });
const { entries, problem } = await verifyAuditLog(db);
await db.$disconnect();
if (problem) {
  console.error(`Audit log BROKEN after ${entries} entries: ${JSON.stringify(problem)}`);
  process.exit(1);
}
console.log(`Audit log intact: ${entries} entries, chain and anchor verified.`);
