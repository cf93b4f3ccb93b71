import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl, isPostgresUrl } from "./env";

// One client per process. Next's dev server reloads modules, so keep it on globalThis.
const globalForDb = globalThis as unknown as { __hcsDb?: PrismaClient; __hcsReader?: PrismaClient };

function createClient(): PrismaClient {
  const url = databaseUrl();
  const adapter = isPostgresUrl(url)
    ? new PrismaPg({ connectionString: url, max: 10 })
    : new PrismaBetterSQLite3({ url, timeout: 10_000 });
  // Under a burst (hundreds of launches at once) a transaction may queue for a connection, or for
  // SQLite's single writer, longer than Prisma's 2 s default: wait, rather than fail the request.
  const client = new PrismaClient({ adapter, transactionOptions: { maxWait: 15_000, timeout: 30_000 } });
  if (!isPostgresUrl(url)) void tuneSqlite(client);
  return client;
}

/**
 * SQLite's write-ahead log, synced at checkpoints rather than at every commit: the rollback
 * journal's three fsyncs per transaction made a commit cost more than the launch it recorded.
 * A crash of the machine (not of the process) may lose the last transactions, never corrupt the
 * file. These are the client's first statements; journal_mode stays set in the file, and if
 * another process holds the database at that moment the switch is simply left for later.
 */
async function tuneSqlite(client: PrismaClient): Promise<void> {
  try {
    await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await client.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  } catch (err) {
    console.warn(`SQLite tuning skipped: ${(err as Error).message}`);
  }
}

export const db: PrismaClient = globalForDb.__hcsDb ?? createClient();
if (process.env.NODE_ENV !== "production") globalForDb.__hcsDb = db;

/**
 * For reads outside any transaction that must see committed rows only. SQLite's driver adapter
 * has one connection per client, and a statement sent outside a transaction runs on it while
 * another request's transaction is open there: it would read that transaction's uncommitted
 * writes. A second connection (WAL readers never block the writer) reads what is committed. On
 * PostgreSQL each statement takes a pooled connection of its own already, so this is `db`.
 */
export const dbReader: PrismaClient = isPostgresUrl(databaseUrl()) ? db : (globalForDb.__hcsReader ?? createClient());
if (process.env.NODE_ENV !== "production") globalForDb.__hcsReader = dbReader;

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
