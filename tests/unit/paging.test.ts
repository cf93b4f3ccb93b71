import { describe, expect, it } from "vitest";
import { orderByFrom, pageInMemory } from "@/lib/server/queries/paging";

const rows = [
  { name: "b", n: 2, at: "2026-01-02" },
  { name: "a", n: 10, at: "2026-01-03" },
  { name: "c", n: 1, at: "2026-01-01" },
];
const sorts = { name: (r: (typeof rows)[number]) => r.name, n: (r: (typeof rows)[number]) => r.n, createdAt: (r: (typeof rows)[number]) => r.at };

describe("paging", () => {
  it("falls back to the list's own order (newest first) when no sort is asked", () => {
    const p = pageInMemory(rows, { page: 1, pageSize: 10 }, sorts, "createdAt", "desc");
    expect(p.rows.map((r) => r.name)).toEqual(["a", "b", "c"]);
    expect(p).toMatchObject({ sort: "createdAt", dir: "desc", total: 3 });
  });
  it("sorts numbers as numbers, ascending by default for a chosen column, and pages", () => {
    expect(pageInMemory(rows, { page: 1, pageSize: 10, sort: "n" }, sorts, "createdAt").rows.map((r) => r.n)).toEqual([1, 2, 10]);
    const second = pageInMemory(rows, { page: 2, pageSize: 2, sort: "name", dir: "asc" }, sorts, "createdAt");
    expect(second.rows.map((r) => r.name)).toEqual(["c"]);
    expect(second.total).toBe(3);
  });
  it("refuses sort keys that are not the list's own", () => {
    for (const sort of ["__proto__", "constructor", "toString"]) {
      expect(pageInMemory(rows, { page: 1, pageSize: 10, sort }, sorts, "createdAt", "desc").sort).toBe("createdAt");
      expect(orderByFrom({ page: 1, pageSize: 10, sort }, { name: (d) => ({ name: d }) }, "name", "asc")).toMatchObject({ key: "name", dir: "asc" });
    }
  });
});
