import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { releaseQuota, reserveQuota, vdcChain } from "@/lib/server/repositories/quota";
import { QuotaExceededError, QUOTA_RESOURCES, UNLIMITED } from "@/lib/cloud/quota";

const REGION = "cn-south-1";
// A seeded shuffle, so the interleaving of siblings is varied but the same on every run.
let shuffleSeed = 42;

/** A tree of VDCs, each with an `instances` limit (other resources unlimited). */
async function tree(spec: { key: string; parent: string | null; limit: number }[]): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const s of spec) {
    const parentId = s.parent ? ids[s.parent]! : null;
    const level = s.parent ? (await db.vdc.findUniqueOrThrow({ where: { id: parentId! } })).level + 1 : 1;
    const v = await db.vdc.create({ data: { name: `${s.key}-${randomUUID().slice(0, 8)}`, parentId, level } });
    ids[s.key] = v.id;
    await db.quota.createMany({ data: QUOTA_RESOURCES.map((r) => ({ vdcId: v.id, regionId: REGION, resource: r, hardLimit: r === "instances" ? s.limit : UNLIMITED })) });
  }
  return ids;
}

const used = async (vdcId: string) => (await db.quota.findUniqueOrThrow({ where: { vdcId_regionId_resource: { vdcId, regionId: REGION, resource: "instances" } } })).used;

async function hammer(requests: { vdcId: string }[]): Promise<{ ok: number; refused: number; byVdc: Map<string, number> }> {
  const chains = new Map<string, Awaited<ReturnType<typeof vdcChain>>>();
  for (const r of requests) if (!chains.has(r.vdcId)) chains.set(r.vdcId, await vdcChain(db, r.vdcId));
  const results = await Promise.allSettled(requests.map((r) => db.$transaction((tx) => reserveQuota(tx, chains.get(r.vdcId)!, REGION, { instances: 1 })).then(() => r.vdcId)));
  const byVdc = new Map<string, number>();
  let ok = 0;
  for (const res of results) {
    if (res.status === "fulfilled") {
      ok++;
      byVdc.set(res.value, (byVdc.get(res.value) ?? 0) + 1);
    } else expect(res.reason).toBeInstanceOf(QuotaExceededError);
  }
  return { ok, refused: results.length - ok, byVdc };
}

describe("1,000 concurrent quota reservations across a 3-level tree", () => {
  it.each([
    ["the top level binds", { top: 300, mid: 500, leaf: 700 }, 300],
    ["the middle level binds", { top: 900, mid: 420, leaf: 700 }, 420],
    ["the leaf binds", { top: 900, mid: 800, leaf: 250 }, 250],
    ["nothing binds", { top: UNLIMITED, mid: 2000, leaf: UNLIMITED }, 1000],
  ])("%s: exactly min(limit, demand) succeed and no level overshoots", async (_name, limits, expected) => {
    const ids = await tree([
      { key: "top", parent: null, limit: limits.top },
      { key: "mid", parent: "top", limit: limits.mid },
      { key: "leaf", parent: "mid", limit: limits.leaf },
    ]);
    const { ok, refused } = await hammer(Array.from({ length: 1000 }, () => ({ vdcId: ids.leaf! })));
    expect(ok).toBe(expected);
    expect(refused).toBe(1000 - expected);
    for (const k of ["top", "mid", "leaf"] as const) {
      expect(await used(ids[k]!)).toBe(expected);
      const limit = limits[k];
      if (limit !== UNLIMITED) expect(await used(ids[k]!)).toBeLessThanOrEqual(limit);
    }
  });

  it("siblings share their parent's limit: the parent caps the sum, each child its own", async () => {
    const ids = await tree([
      { key: "top", parent: null, limit: 600 },
      { key: "mid", parent: "top", limit: 400 },
      { key: "a", parent: "mid", limit: 250 },
      { key: "b", parent: "mid", limit: 300 },
      { key: "c", parent: "top", limit: 150 },
    ]);
    const requests = [
      ...Array.from({ length: 400 }, () => ({ vdcId: ids.a! })),
      ...Array.from({ length: 400 }, () => ({ vdcId: ids.b! })),
      ...Array.from({ length: 200 }, () => ({ vdcId: ids.c! })),
    ].sort(() => 0.5 - ((shuffleSeed = (shuffleSeed * 16807) % 2147483647) / 2147483647));
    const { ok, byVdc } = await hammer(requests);
    // mid admits exactly min(400, 800); c admits exactly min(150, 200); top sees 550 <= 600.
    expect(ok).toBe(550);
    expect((byVdc.get(ids.a!) ?? 0) + (byVdc.get(ids.b!) ?? 0)).toBe(400);
    expect(byVdc.get(ids.c!)).toBe(150);
    expect(byVdc.get(ids.a!)!).toBeLessThanOrEqual(250);
    expect(byVdc.get(ids.b!)!).toBeLessThanOrEqual(300);
    expect(await used(ids.top!)).toBe(550);
    expect(await used(ids.mid!)).toBe(400);
    expect(await used(ids.a!)).toBe(byVdc.get(ids.a!));
  });

  it("a failure after reserving rolls the reservation back on every level; a release gives it back", async () => {
    const ids = await tree([
      { key: "top", parent: null, limit: 10 },
      { key: "mid", parent: "top", limit: 10 },
      { key: "leaf", parent: "mid", limit: 10 },
    ]);
    const chain = await vdcChain(db, ids.leaf!);
    await expect(
      db.$transaction(async (tx) => {
        await reserveQuota(tx, chain, REGION, { instances: 3 });
        throw new Error("the build step after the reservation failed");
      }),
    ).rejects.toThrow("build step");
    for (const k of ["top", "mid", "leaf"]) expect(await used(ids[k]!)).toBe(0);

    await db.$transaction((tx) => reserveQuota(tx, chain, REGION, { instances: 4 }));
    await db.$transaction((tx) => releaseQuota(tx, chain, REGION, { instances: 4 }));
    for (const k of ["top", "mid", "leaf"]) expect(await used(ids[k]!)).toBe(0);
  });

  it("a refusal names the VDC, the resource, what was requested and what is available", async () => {
    const ids = await tree([
      { key: "top", parent: null, limit: 5 },
      { key: "leaf", parent: "top", limit: 5 },
    ]);
    const chain = await vdcChain(db, ids.leaf!);
    await db.$transaction((tx) => reserveQuota(tx, chain, REGION, { instances: 4 }));
    const err = await db.$transaction((tx) => reserveQuota(tx, chain, REGION, { instances: 3 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QuotaExceededError);
    expect((err as QuotaExceededError).shortfall).toMatchObject({ vdcId: ids.leaf, resource: "instances", requested: 3, available: 1 });
  });
});

