import { beforeEach, describe, expect, it } from "vitest";
import { db, dbReader } from "@/lib/server/db";
import { cachedHostStates, resetHostCache } from "@/lib/server/repositories/host-cache";
import { claimOnHost } from "@/lib/server/repositories/hosts";
import { loadSettings } from "@/lib/server/repositories/settings";
import { cloudNow } from "@/lib/server/services/clock";
import { resetCompute } from "./helpers";

const claim = { vcpus: 2, memoryMb: 4096, diskGb: 40, hugePagesMb: 0 };

async function view() {
  const [settings, now] = await Promise.all([loadSettings(db), cloudNow()]);
  return cachedHostStates(dbReader, settings, now);
}

describe("the scheduler's host cache", () => {
  beforeEach(async () => {
    await resetCompute();
    resetHostCache();
  });

  it("never shows another request's uncommitted claim, and shows it once committed", async () => {
    const hosts = await view();
    const target = hosts.find((h) => h.az === "az1" && h.hugePageMemoryMb === 0);
    if (!target) throw new Error("no az1 host");
    const before = target.memoryMbUsed;

    // A launch's transaction has claimed the host and not committed yet: the cache reads what is committed.
    await expect(
      db.$transaction(async (tx) => {
        expect(await claimOnHost(tx, target, claim)).toBe(true);
        const during = (await view()).find((h) => h.id === target.id);
        expect(during?.memoryMbUsed).toBe(before);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect((await view()).find((h) => h.id === target.id)?.memoryMbUsed).toBe(before);

    await db.$transaction((tx) => claimOnHost(tx, target, claim));
    const after = (await view()).find((h) => h.id === target.id);
    expect(after?.memoryMbUsed).toBe(before + claim.memoryMb);
    expect(after?.vcpusUsed).toBe(target.vcpusUsed);
    // The shared state object is updated in place (indexes built on the list stay valid) ...
    expect(after).toBe(target);
  });

  it("loads a cold cache once for every request that asks meanwhile", async () => {
    const settings = await loadSettings(db);
    const now = await cloudNow();
    const lists = await Promise.all(Array.from({ length: 10 }, () => cachedHostStates(dbReader, settings, now)));
    expect(lists[0]?.length).toBe(await db.host.count());
    // One read served them all: the same list, not ten loads of every host.
    for (const list of lists) expect(list).toBe(lists[0]);
  });

  it("reads a host's new group membership and its liveness", async () => {
    const hosts = await view();
    const target = hosts.find((h) => h.az === "az2" && h.groups.length > 0);
    if (!target) throw new Error("no grouped az2 host");
    const groupIds = (await db.hostGroupMember.findMany({ where: { hostId: target.id } })).map((m) => m.hostGroupId);
    await db.hostGroupMember.deleteMany({ where: { hostId: target.id } });
    await db.host.update({ where: { id: target.id }, data: { serviceRunning: false } });
    try {
      const after = (await view()).find((h) => h.id === target.id);
      expect(after?.groups).toEqual([]);
      expect(after?.up).toBe(false);
    } finally {
      await db.hostGroupMember.createMany({ data: groupIds.map((hostGroupId) => ({ hostGroupId, hostId: target.id })) });
      await db.host.update({ where: { id: target.id }, data: { serviceRunning: true } });
    }
    const restored = (await view()).find((h) => h.id === target.id);
    expect(restored?.groups.length).toBe(groupIds.length);
    expect(restored?.up).toBe(true);
  });
});
