import "server-only";
import type BetterSqlite3 from "better-sqlite3";
import { Prisma } from "@/lib/generated/prisma/client";
import { type Db, sqliteConnection, type Tx } from "../db";
import { databaseUrl, isPostgresUrl } from "../env";

// Plain SQL for the statements every launch runs (the claim, the instance, its ports, its task,
// the audit entry, the scheduler's host reads) and the other conditional claims. Prisma compiles
// each model query in its query compiler, about 0.3-0.6 ms each; the same statement as raw SQL
// through Prisma costs 0.15-0.3 ms, and on SQLite `sqlRun`/`sqlQuery` below hand it to the
// connection directly, a prepared statement kept for reuse, in 0.001-0.02 ms
// (docs/performance.md). Everything else stays on the model API. Both engines read the same
// text: identifiers are quoted, values are parameters, and values are stored and read back
// exactly as the driver adapters store and read them (tests/db/sql.test.ts compares the two).

const postgres = isPostgresUrl(databaseUrl());

/** A value for a JSON column: text on SQLite, jsonb on PostgreSQL (which takes no text there). */
export function jsonParam(value: unknown): Prisma.Sql {
  if (value === null || value === undefined) return Prisma.sql`NULL`;
  const text = JSON.stringify(value);
  return postgres ? Prisma.sql`CAST(${text} AS jsonb)` : Prisma.sql`${text}`;
}

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9]*$/;

function quoted(name: string): Prisma.Sql {
  // Table and column names come from this code, never from input; checked all the same.
  if (!IDENTIFIER.test(name)) throw new Error(`not an identifier: ${name}`);
  return Prisma.raw(`"${name}"`);
}

/** `INSERT INTO "table" ("a", "b") VALUES (?, ?)` for one row; a value may be a prepared fragment (jsonParam). */
export function insertRow(table: string, row: Record<string, unknown>): Prisma.Sql {
  const columns = Object.keys(row);
  const values = columns.map((c) => {
    const v = row[c];
    return v instanceof Prisma.Sql ? v : Prisma.sql`${v ?? null}`;
  });
  return Prisma.sql`INSERT INTO ${quoted(table)} (${Prisma.join(columns.map(quoted))}) VALUES (${Prisma.join(values)})`;
}

/**
 * The one row (every column) whose columns equal `where` (null: IS NULL), typed as its model:
 * the adapters type the columns as a model query would. For the lookups every launch makes.
 */
export async function findRow<T>(client: Db | Tx, table: string, where: Record<string, string | number | boolean | null>): Promise<T | null> {
  const conditions = Object.entries(where).map(([c, v]) => (v === null ? Prisma.sql`${quoted(c)} IS NULL` : Prisma.sql`${quoted(c)} = ${v}`));
  const rows = await sqlQuery<T>(client, Prisma.sql`SELECT * FROM ${quoted(table)} WHERE ${Prisma.join(conditions, " AND ")} LIMIT 1`);
  return rows[0] ?? null;
}

/** Rows of a plain statement, typed as the caller says; values as Prisma's `$queryRaw` returns them. */
export async function sqlQuery<T>(client: Db | Tx, sql: Prisma.Sql): Promise<T[]> {
  const connection = await sqliteConnection(client);
  try {
    if (!connection) return await client.$queryRaw<T[]>(sql);
    const { stmt, columns } = prepared(connection, sql.sql);
    if (!columns) throw new Error("the statement returns no rows: use sqlRun");
    return stmt.raw(true).all(sql.values.map(sqliteArg)).map((row) => rowObject(columns, row as unknown[])) as T[];
  } catch (err) {
    throw knownError(err);
  }
}

/** The number of rows a plain statement changed, as Prisma's `$executeRaw` counts them. */
export async function sqlRun(client: Db | Tx, sql: Prisma.Sql): Promise<number> {
  const connection = await sqliteConnection(client);
  try {
    if (!connection) return await client.$executeRaw(sql);
    return Number(prepared(connection, sql.sql).stmt.run(sql.values.map(sqliteArg)).changes);
  } catch (err) {
    throw knownError(err);
  }
}

interface Prepared {
  stmt: BetterSqlite3.Statement;
  /** Each result column's name and declared type; null for a statement that returns no rows. */
  columns: { name: string; type: string | null }[] | null;
}

// Statements prepared once per connection and text. The launch path's texts are fixed (values
// are parameters); a text that varies (an IN list of n values) takes one entry per n, and the
// oldest entries go first past the bound.
const STATEMENT_CACHE_SIZE = 500;
const statements = new WeakMap<BetterSqlite3.Database, Map<string, Prepared>>();

function prepared(connection: BetterSqlite3.Database, text: string): Prepared {
  let cache = statements.get(connection);
  if (!cache) statements.set(connection, (cache = new Map()));
  let entry = cache.get(text);
  if (!entry) {
    const stmt = connection.prepare(text);
    entry = { stmt, columns: stmt.reader ? stmt.columns().map((c) => ({ name: c.name, type: c.type?.toUpperCase() ?? null })) : null };
    if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(text, entry);
  }
  return entry;
}

/** A value as the SQLite adapter binds it: booleans as 0/1, dates as ISO 8601 text with "+00:00". */
function sqliteArg(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  return value;
}

/** A row as `$queryRaw` returns it on SQLite: typed by each column's declared type (the connection reads integers as bigint). */
function rowObject(columns: NonNullable<Prepared["columns"]>, row: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < columns.length; i++) {
    const { name, type } = columns[i] as { name: string; type: string | null };
    out[name] = sqliteValue(row[i], type);
  }
  return out;
}

function sqliteValue(value: unknown, type: string | null): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case "INTEGER":
    case "INT":
      return typeof value === "bigint" ? Number(value) : Math.trunc(value as number);
    case "REAL":
    case "FLOAT":
    case "DOUBLE":
      return Number(value);
    case "BOOLEAN":
      return Number(value) === 1;
    case "DATETIME":
      return typeof value === "string" ? new Date(value) : new Date(Number(value));
    case "JSONB":
      return typeof value === "string" ? JSON.parse(value) : value;
    case "BLOB":
      // The driver hands a Buffer; Prisma reads bytes as a plain Uint8Array.
      return value instanceof Uint8Array ? new Uint8Array(value) : value;
    default:
      // Text, and expressions (no declared type): Prisma reads an integer expression as a bigint.
      return value;
  }
}

/**
 * A unique key's violation as P2002, as a model query reports it, whichever the engine and the
 * path (Prisma reports it as P2010 for raw SQL): callers handle one error. Another constraint's
 * failure is P2010, as Prisma reports it for raw SQL.
 */
function knownError(err: unknown): unknown {
  const version = { clientVersion: Prisma.prismaVersion.client };
  if (err instanceof Prisma.PrismaClientKnownRequestError) {
    const cause = (err.meta?.driverAdapterError as { cause?: { kind?: string; constraint?: { fields?: string[] } } } | undefined)?.cause;
    if (err.code !== "P2010" || cause?.kind !== "UniqueConstraintViolation") return err;
    return new Prisma.PrismaClientKnownRequestError(err.message, { code: "P2002", ...version, meta: { target: cause.constraint?.fields } });
  }
  const code = (err as { code?: unknown }).code;
  if (typeof code !== "string" || !code.startsWith("SQLITE_CONSTRAINT")) return err;
  const message = (err as Error).message;
  if (code !== "SQLITE_CONSTRAINT_UNIQUE" && code !== "SQLITE_CONSTRAINT_PRIMARYKEY") return new Prisma.PrismaClientKnownRequestError(message, { code: "P2010", ...version, meta: { code, message } });
  const fields = message.split("constraint failed: ")[1]?.split(", ").map((f) => f.split(".").pop() as string);
  return new Prisma.PrismaClientKnownRequestError(message, { code: "P2002", ...version, meta: { target: fields } });
}

/**
 * A query over many ids, in batches: SQLite takes at most 999 bound parameters in a statement
 * (the limit the driver is built with), so an `IN` list of a page of 1,000 ids is split.
 */
export async function inBatches<T>(ids: readonly string[], run: (batch: string[]) => Promise<T[]>, size = 500): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += size) out.push(...(await run(ids.slice(i, i + size))));
  return out;
}
