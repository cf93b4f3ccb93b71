import "server-only";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type BetterSqlite3 from "better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl, isPostgresUrl } from "./env";

// One client per process. Next's dev server reloads modules, so keep it on globalThis.
const globalForDb = globalThis as unknown as { __hcsDb?: PrismaClient; __hcsReader?: PrismaClient; __hcsSqlite?: WeakMap<PrismaClient, BetterSqlite3.Database> };

/** Each SQLite client's connection, once the adapter has opened it (see `sqliteConnection`). */
const sqliteConnections = (globalForDb.__hcsSqlite ??= new WeakMap<PrismaClient, BetterSqlite3.Database>());

/**
 * The stock adapter, which also hands over the better-sqlite3 connection it opens. Its `client`
 * field is not in the adapter's types (the version is pinned, STACK.md); a connection that is not
 * a better-sqlite3 database is not captured, and statements then go through Prisma as before.
 */
class SqliteAdapterFactory extends PrismaBetterSQLite3 {
  constructor(
    url: string,
    private readonly captured: (connection: BetterSqlite3.Database) => void,
  ) {
    super({ url, timeout: 10_000 });
  }

  override async connect() {
    const adapter = await super.connect();
    const connection = (adapter as unknown as { client?: BetterSqlite3.Database }).client;
    if (connection && typeof connection.prepare === "function") this.captured(connection);
    return adapter;
  }
}

function createClient(): PrismaClient {
  const url = databaseUrl();
  // The adapter connects on the client's first statement, after the client below exists.
  const made: { client?: PrismaClient } = {};
  const adapter = isPostgresUrl(url)
    ? new PrismaPg({ connectionString: url, max: 10 })
    : new SqliteAdapterFactory(url, (connection) => made.client && sqliteConnections.set(made.client, connection));
  // Under a burst (hundreds of launches at once) a transaction may queue for a connection, or for
  // SQLite's single writer, longer than Prisma's 2 s default: wait, rather than fail the request.
  const client = (made.client = new PrismaClient({ adapter, transactionOptions: { maxWait: 15_000, timeout: 30_000 } }));
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

// The checkpointer's code, run in a worker thread: its own connection to the file, a PASSIVE
// checkpoint (it never waits for a reader or a writer) every few hundred milliseconds.
const CHECKPOINTER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require("better-sqlite3");
const db = new Database(workerData.file, { timeout: 5000, fileMustExist: true });
parentPort.postMessage("ready");
setInterval(() => { try { db.pragma("wal_checkpoint(PASSIVE)"); } catch {} }, workerData.everyMs);
`;

/**
 * SQLite copies the write-ahead log into the database file on the commit that takes the log past
 * 1,000 pages, and that request pays for it (about 10 ms here: the p99 of an address allocation
 * was 9-12 ms with it, 4-5 ms without; docs/performance.md). A worker thread checkpoints instead,
 * on the other core; once it runs, the request connection stops checkpointing. Should the worker
 * fail or stop, the request connection checkpoints again as SQLite does by default.
 */
function startCheckpointer(client: PrismaClient, url: string): void {
  const file = path.resolve(url.replace(/^file:/, ""));
  let worker: Worker;
  try {
    worker = new Worker(CHECKPOINTER, { eval: true, workerData: { file, everyMs: 250 } });
  } catch (err) {
    console.warn(`SQLite checkpointer not started: ${(err as Error).message}`);
    return;
  }
  worker.unref();
  worker.once("message", () => void client.$queryRawUnsafe("PRAGMA wal_autocheckpoint = 0").catch(() => undefined));
  const fallBack = () => void client.$queryRawUnsafe("PRAGMA wal_autocheckpoint = 1000").catch(() => undefined);
  worker.once("error", fallBack);
  worker.once("exit", fallBack);
}

export const db: PrismaClient = globalForDb.__hcsDb ?? createWriter();
if (process.env.NODE_ENV !== "production") globalForDb.__hcsDb = db;

/** The client that writes: on SQLite, with the checkpoints moved off the request path. */
function createWriter(): PrismaClient {
  const client = createClient();
  const url = databaseUrl();
  if (!isPostgresUrl(url) && !url.includes(":memory:")) startCheckpointer(client, url);
  return client;
}

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
let onPostgres: boolean | undefined;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/**
 * The better-sqlite3 connection behind `client`, for the plain statements of
 * `repositories/sql.ts`; null on PostgreSQL and for a client made elsewhere (scripts).
 *
 * A transaction's client runs on the writer's connection: the adapter has one connection and
 * opens its transactions there (BEGIN on it, one transaction at a time under its lock), so a
 * statement sent on that connection inside the transaction's callback is part of the
 * transaction, exactly as the transaction client's own statements are. Transactions are never
 * opened on `dbReader`.
 */
export async function sqliteConnection(client: Db | Tx): Promise<BetterSqlite3.Database | null> {
  // Read once: every plain statement asks (the URL does not change while the process runs).
  onPostgres ??= isPostgresUrl(databaseUrl());
  if (onPostgres) return null;
  const isTransaction = !("$connect" in client);
  const owner = client === dbReader ? dbReader : client === db || isTransaction ? db : null;
  if (!owner) return null;
  let connection = sqliteConnections.get(owner);
  if (!connection) {
    await owner.$connect();
    connection = sqliteConnections.get(owner);
  }
  return connection ?? null;
}
