// The task runner at a fast cloud clock with many hosts: the compute services report in one row
// per interval, so launches running alongside never starve the reports and no host is ever
// judged down (at 50x, 60 cloud seconds without a report is 1.2 s of wall time).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { launchInstance } from "@/lib/server/services/instances";
import { cloudNow, setClockSpeed } from "@/lib/server/services/clock";
import { isUp, lastComputeReport } from "@/lib/server/repositories/hosts";
import { TaskRunner } from "@/lib/server/worker/runner";
import { demoHosts } from "@/lib/cloud/seed";
import { actor, resetCompute } from "./helpers";

const HOSTS = 1000;
let limits: { vdcId: string; regionId: string; resource: string; hardLimit: number }[] = [];

describe("the runner at 50x with 1,000 hosts", () => {
  beforeAll(async () => {
    await resetCompute();
    // Top the seeded cloud up to 1,000 compute hosts (the demo cloud's mix, its general groups).
    const have = await db.host.count();
    const extra = demoHosts({ seed: 9, computeHosts: HOSTS }).slice(have).map(({ groupId, ...h }) => ({ h: { ...h, id: `scale-${h.id}`, name: `scale-${h.name}` }, groupId }));
    for (let i = 0; i < extra.length; i += 200) {
      const chunk = extra.slice(i, i + 200);
      await db.host.createMany({ data: chunk.map((e) => e.h) });
      await db.hostGroupMember.createMany({ data: chunk.map((e) => ({ hostId: e.h.id, hostGroupId: e.groupId })) });
    }
    // Quotas out of the way for the launch storm; put back afterwards.
    limits = await db.quota.findMany({ select: { vdcId: true, regionId: true, resource: true, hardLimit: true } });
    await db.quota.updateMany({ data: { hardLimit: -1 } });
  }, 60_000);

  afterAll(async () => {
    await setClockSpeed(1);
    await db.instance.deleteMany({ where: { name: { startsWith: "fast-" } } });
    await db.task.deleteMany();
    await db.hostGroupMember.deleteMany({ where: { hostId: { startsWith: "scale-" } } });
    await db.host.deleteMany({ where: { id: { startsWith: "scale-" } } });
    for (const q of limits) await db.quota.update({ where: { vdcId_regionId_resource: { vdcId: q.vdcId, regionId: q.regionId, resource: q.resource } }, data: { hardLimit: q.hardLimit } });
    await resetCompute();
  }, 60_000);

  it("launches while the clock runs at 50x, and no host is ever judged down", async () => {
    expect(await db.host.count()).toBe(HOSTS);
    await setClockSpeed(50);
    const runner = new TaskRunner(250);
    await runner.start();
    // Its first pass reports the compute services in.
    for (let i = 0; i < 50; i++) {
      const [now, reportedAt] = await Promise.all([cloudNow(), lastComputeReport(db)]);
      if (reportedAt && isUp({ serviceRunning: true, networkLost: false }, now, reportedAt)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const tenant = await actor("tenant");
    let downSeen = 0;
    let checks = 0;
    let launching = true;
    const watch = (async () => {
      while (launching) {
        const [now, reportedAt, hosts] = await Promise.all([cloudNow(), lastComputeReport(db), db.host.findMany({ select: { serviceRunning: true, networkLost: true } })]);
        checks++;
        downSeen += hosts.filter((h) => !isUp(h, now, reportedAt)).length;
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    let launched = 0;
    const started = Date.now();
    try {
      // About 8 s of wall time (400 cloud seconds), launches 5 at a time.
      while (Date.now() - started < 8_000) {
        await Promise.all(Array.from({ length: 5 }, (_, k) => launchInstance(tenant, { name: `fast-${launched + k}`, az: k % 2 ? "az2" : "az1", flavorId: "s6.small.1", imageId: "img-centos-79" })));
        launched += 5;
        // Requests arrive as I/O events: the event loop runs the runner's timer between them.
        await new Promise((r) => setTimeout(r, 0));
      }
    } finally {
      launching = false;
      await watch;
      await runner.stop();
      await setClockSpeed(1);
    }
    expect(launched).toBeGreaterThan(20);
    // The watcher looked often enough to see a host judged down (about one look per 300 ms here; fewer on a loaded machine).
    expect(checks).toBeGreaterThanOrEqual(10);
    expect(downSeen).toBe(0);
    // The builds went on meanwhile: the runner advanced them on the fast clock.
    expect(await db.instance.count({ where: { name: { startsWith: "fast-" }, vmState: "active" } })).toBeGreaterThan(0);
  }, 60_000);
});
