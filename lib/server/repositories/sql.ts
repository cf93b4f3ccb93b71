import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db, Tx } from "../db";
import { databaseUrl, isPostgresUrl } from "../env";

// Plain SQL for the few statements every launch runs (the claim, the instance, its task, the
// audit entry, the scheduler's host reads). Prisma compiles each model query in its query
// compiler, about 0.3-0.6 ms each; a parameterized statement costs about 0.1 ms
// (docs/performance.md). Everything else stays on the model API. Both engines read the same
// text: identifiers are quoted, values are parameters, and the driver adapters store dates and
// booleans exactly as model queries do.

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
  const rows = await client.$queryRaw<T[]>`SELECT * FROM ${quoted(table)} WHERE ${Prisma.join(conditions, " AND ")} LIMIT 1`;
  return rows[0] ?? null;
}
