import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl, isPostgresUrl } from "./env";

// One client per process. Next's dev server reloads modules, so keep it on globalThis.
const globalForDb = globalThis as unknown as { __hcsDb?: PrismaClient };

function createClient(): PrismaClient {
  const url = databaseUrl();
  const adapter = isPostgresUrl(url)
    ? new PrismaPg({ connectionString: url, max: 10 })
    : new PrismaBetterSQLite3({ url, timeout: 10_000 });
  // Under a burst (hundreds of launches at once) a transaction may queue for a connection, or for
  // SQLite's single writer, longer than Prisma's 2 s default: wait, rather than fail the request.
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 15_000, timeout: 30_000 } });
}

export const db: PrismaClient = globalForDb.__hcsDb ?? createClient();
if (process.env.NODE_ENV !== "production") globalForDb.__hcsDb = db;

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
