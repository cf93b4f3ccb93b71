import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, dbReader, sqliteConnection } from "@/lib/server/db";
import { isPostgresUrl } from "@/lib/server/env";
import { insertRow, sqlQuery, sqlRun } from "@/lib/server/repositories/sql";

// `sqlQuery`/`sqlRun` hand statements to SQLite's connection directly and must read and write
// exactly what Prisma's raw SQL does, or callers that mix them with model queries would see
// different values (a date as text, a boolean as 1). On PostgreSQL they are Prisma's raw SQL.
const postgres = isPostgresUrl(process.env.DATABASE_URL ?? "");

describe("plain statements (repositories/sql.ts)", () => {
  it("run natively on SQLite, for the client, the reader and a transaction (an adapter upgrade that hides the connection fails here)", async () => {
    if (postgres) {
      expect(await sqliteConnection(db)).toBeNull();
      return;
    }
    const writer = await sqliteConnection(db);
    expect(writer).not.toBeNull();
    expect(await sqliteConnection(dbReader)).not.toBeNull();
    expect(await sqliteConnection(dbReader)).not.toBe(writer);
    await db.$transaction(async (tx) => expect(await sqliteConnection(tx)).toBe(writer));
  });

  it("read every table's rows exactly as Prisma's raw SQL reads them", async () => {
    for (const table of Object.values(Prisma.ModelName)) {
      const text = Prisma.sql`SELECT * FROM ${Prisma.raw(`"${table}"`)} ORDER BY 1 LIMIT 40`;
      const expected = await db.$queryRaw<unknown[]>(text);
      expect(await sqlQuery(db, text), table).toEqual(expected);
      expect(await sqlQuery(dbReader, text), table).toEqual(expected);
    }
  });

  it("read expressions (counts, sums, parameters) as Prisma's raw SQL reads them", async () => {
    const text = Prisma.sql`SELECT COUNT(*) AS "n", SUM("vcpus") AS "total", MAX("cpuAllocationRatio") AS "ratio", ${"az1"} AS "label" FROM "Host" WHERE "enabled" = ${true}`;
    const [expected] = await db.$queryRaw<unknown[]>(text);
    const [row] = await sqlQuery(db, text);
    expect(row).toEqual(expected);
  });

  it("write dates and booleans as the model API stores them, so its filters find them", async () => {
    const at = new Date("2026-03-04T05:06:07.089Z");
    const host = await db.host.findFirstOrThrow({ orderBy: { id: "asc" } });
    try {
      expect(await sqlRun(db, Prisma.sql`UPDATE "Host" SET "enabled" = ${false}, "disabledReason" = ${"sql test"} WHERE "id" = ${host.id}`)).toBe(1);
      await sqlRun(db, Prisma.sql`UPDATE "ServiceReport" SET "reportedAt" = ${at} WHERE "service" = ${"compute"}`);
      expect(await db.host.count({ where: { id: host.id, enabled: false } })).toBe(1);
      expect((await db.serviceReport.findUniqueOrThrow({ where: { service: "compute" } })).reportedAt).toEqual(at);
      expect(await db.serviceReport.count({ where: { service: "compute", reportedAt: { gte: at, lte: at } } })).toBe(1);
      const [read] = await sqlQuery<{ reportedAt: Date }>(db, Prisma.sql`SELECT "reportedAt" FROM "ServiceReport" WHERE "reportedAt" = ${at}`);
      expect(read?.reportedAt).toEqual(at);
    } finally {
      await db.host.update({ where: { id: host.id }, data: { enabled: host.enabled, disabledReason: host.disabledReason } });
    }
  });

  it("report a unique key's violation as P2002 naming its fields, on either engine", async () => {
    const existing = await db.serviceReport.findFirstOrThrow();
    const error = await sqlRun(db, insertRow("ServiceReport", { service: existing.service, reportedAt: new Date() })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect((error as Prisma.PrismaClientKnownRequestError).code).toBe("P2002");
    expect((error as Prisma.PrismaClientKnownRequestError).meta?.target).toEqual(["service"]);
  });

  it("take part in the transaction they run in: seen inside, gone after a rollback", async () => {
    const host = await db.host.findFirstOrThrow({ orderBy: { id: "asc" } });
    await expect(
      db.$transaction(async (tx) => {
        await sqlRun(tx, Prisma.sql`UPDATE "Host" SET "disabledReason" = ${"inside"} WHERE "id" = ${host.id}`);
        const [inside] = await sqlQuery<{ disabledReason: string }>(tx, Prisma.sql`SELECT "disabledReason" FROM "Host" WHERE "id" = ${host.id}`);
        expect(inside?.disabledReason).toBe("inside");
        expect((await tx.host.findUniqueOrThrow({ where: { id: host.id } })).disabledReason).toBe("inside");
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect((await db.host.findUniqueOrThrow({ where: { id: host.id } })).disabledReason).toBe(host.disabledReason);
  });
});
