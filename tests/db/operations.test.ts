// Operations against the real database: a disk drill's cascade through RAID group, pool, volumes
// and instances, the alarms of every layer reconciled in the drill's transaction and cleared by the
// repair, alarm handling by operators, and a burst of raced alarm events (one alarm per source and
// type, counts exact) on either engine.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/server/db";
import { alarmKey } from "@/lib/cloud/operations";
import { type DomainError } from "@/lib/cloud/shared";
import { drillDisk, applyArrayState } from "@/lib/server/services/drills";
import { acknowledgeAlarm, clearAlarmByHand, commentOnAlarm } from "@/lib/server/services/alarms";
import { alarmDetail, listAlarms, openAlarmCounts, openRootCauses } from "@/lib/server/queries/alarms";
import { raiseAlarm } from "@/lib/server/repositories/alarms";
import { pageDevices } from "@/lib/server/queries/infrastructure";
import { createVolumes, attachVolume } from "@/lib/server/services/volumes";
import { launchInstance } from "@/lib/server/services/instances";
import { cloudNow } from "@/lib/server/services/clock";
import { actor, newRunner, resetCompute, runUntilIdle } from "./helpers";

const SSD_GROUP = "dd-a-ssd"; // RAID 2.0+ with RAID 5 chunk groups (8D+1P): one disk degrades it, two fail it.

/** The first two disks of the SSD disk domain. */
async function ssdDisks(): Promise<[{ id: string }, { id: string }]> {
  const [a, b] = await db.arrayDisk.findMany({ where: { raidGroupId: SSD_GROUP }, orderBy: { slot: "asc" }, take: 2, select: { id: true } });
  if (!a || !b) throw new Error("the seed has no SSD disk domain");
  return [a, b];
}
async function resetAlarms() {
  await db.alarmComment.deleteMany();
  await db.alarm.deleteMany();
  await db.arrayDisk.updateMany({ data: { health: "normal" } });
  await db.storagePool.updateMany({ data: { offline: false } });
}
const openAlarms = () => db.alarm.findMany({ where: { openKey: { not: null } }, orderBy: { source: "asc" } });

describe("fault drills and the alarm engine", () => {
  beforeEach(async () => {
    await resetCompute();
    await resetAlarms();
  });
  afterAll(async () => {
    await resetAlarms();
    await resetCompute();
  });

  it("fails a disk, then a second: the group degrades then fails, its pool goes offline, volumes to error, the ECS affected; repair reverses every layer", async () => {
    const om = await actor("om_admin");
    const tenant = await actor("tenant");
    const now = await cloudNow();
    // A thick SSD volume attached to a running ECS, and one not attached.
    const { id: ecs } = await launchInstance(tenant, { name: "drill-ecs", az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79" });
    const { ids } = await createVolumes(tenant, { name: "drill-vol", az: "az1", volumeTypeId: "vt-ultra", sizeGb: 20, count: 2 });
    await runUntilIdle(await newRunner(), now);
    await attachVolume(tenant, ids[0] as string, ecs);
    await runUntilIdle(await newRunner(), await cloudNow());
    const statusBefore = await db.volume.findMany({ where: { id: { in: ids } }, select: { id: true, status: true }, orderBy: { id: "asc" } });
    expect(statusBefore.map((v) => v.status).sort()).toEqual(["available", "in-use"]);

    const [d1, d2] = await ssdDisks();
    await drillDisk(om, d1.id, "fail");
    let open = await openAlarms();
    expect(open.map((a) => [a.type, a.severity, a.rootKey])).toEqual([
      ["disk_failed", "major", null],
      ["raid_group_abnormal", "major", `disk:${d1.id}|disk_failed`],
    ]);
    expect((await db.storagePool.findUniqueOrThrow({ where: { id: "pool-az1-ssd" } })).offline).toBe(false);

    await drillDisk(om, d2.id, "fail");
    expect((await db.storagePool.findUniqueOrThrow({ where: { id: "pool-az1-ssd" } })).offline).toBe(true);
    expect((await db.volume.findMany({ where: { id: { in: ids } } })).map((v) => v.status)).toEqual(["error", "error"]);
    open = await openAlarms();
    const byType = (t: string) => open.filter((a) => a.type === t);
    expect(byType("raid_group_abnormal")[0]).toMatchObject({ severity: "critical", count: 2 });
    expect(byType("pool_offline")).toHaveLength(1);
    expect(byType("volume_error")).toHaveLength(2);
    expect(byType("instance_affected").map((a) => a.source)).toEqual([`instance:${ecs}`]);
    // One root cause (the first disk) with five derived alarms; the second disk is its own root.
    const roots = await openRootCauses(om);
    expect(roots.groups.map((g) => [g.root.source, g.derived])).toEqual(expect.arrayContaining([[`disk:${d1.id}`, 5], [`disk:${d2.id}`, 0]]));
    expect(await openAlarmCounts(om)).toEqual({ critical: 2, major: 5, minor: 0, warning: 0 });
    // The volume scheduler no longer places on the offline pool: an SSD volume in az1 has nowhere to go.
    await expect(createVolumes(tenant, { name: "nowhere", az: "az1", volumeTypeId: "vt-ultra", sizeGb: 10 })).rejects.toMatchObject({ code: "NO_VALID_BACKEND" });

    // The operator acknowledges the root and comments; the detail shows the derived alarms.
    const root = open.find((a) => a.source === `disk:${d1.id}`) as { id: string };
    await acknowledgeAlarm(om, root.id);
    await commentOnAlarm(om, root.id, "replacement disk ordered");
    const detail = await alarmDetail(om, root.id);
    expect(detail).toMatchObject({ state: "acknowledged", acknowledgedBy: "om_admin", comments: [{ text: "replacement disk ordered", userName: "om_admin" }] });
    expect(detail.derived.map((d) => d.type).sort()).toEqual(["instance_affected", "pool_offline", "raid_group_abnormal", "volume_error", "volume_error"]);

    await drillDisk(om, d1.id, "repair");
    await drillDisk(om, d2.id, "repair");
    expect(await openAlarms()).toEqual([]);
    const history = await db.alarm.findMany();
    expect(history).toHaveLength(7);
    expect(history.every((a) => a.state === "cleared" && a.clearedBy === "auto")).toBe(true);
    expect((await db.storagePool.findUniqueOrThrow({ where: { id: "pool-az1-ssd" } })).offline).toBe(false);
    expect(await db.volume.findMany({ where: { id: { in: ids } }, select: { id: true, status: true }, orderBy: { id: "asc" } })).toEqual(statusBefore);
    expect(await db.auditLog.count({ where: { action: { startsWith: "drill.disk_" }, result: "success" } })).toBeGreaterThanOrEqual(4);
  });

  it("refuses a drill that changes nothing, and refuses it to anyone without drill:run", async () => {
    const [d1] = await ssdDisks();
    const om = await actor("om_admin");
    await expect(drillDisk(om, d1.id, "repair")).rejects.toMatchObject({ code: "INVALID_STATE", params: { reason: "disk_not_failed" } });
    for (const u of ["tenant", "auditor", "op_admin"]) await expect(drillDisk(await actor(u), d1.id, "fail")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(drillDisk(om, "no-such-disk", "fail")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.arrayDisk.count({ where: { health: "failed" } })).toBe(0);
  });

  it("leaves no layer half-failed when the drill's transaction dies in the middle", async () => {
    const [d1, d2] = await ssdDisks();
    const now = await cloudNow();
    await expect(
      db.$transaction(async (tx) => {
        await tx.arrayDisk.updateMany({ where: { id: { in: [d1.id, d2.id] } }, data: { health: "failed" } });
        await applyArrayState(tx, "array-a", now);
        throw new Error("the console process died here");
      }),
    ).rejects.toThrow("died");
    expect(await db.arrayDisk.count({ where: { health: "failed" } })).toBe(0);
    expect(await db.storagePool.count({ where: { offline: true } })).toBe(0);
    expect(await db.alarm.count()).toBe(0);
  });

  it("keeps one alarm per source and type under 1,000 raced events, every event counted", async () => {
    const sources = Array.from({ length: 50 }, (_, i) => `host:burst-${i}`);
    const base = Date.now();
    await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        db.$transaction((tx) => raiseAlarm(tx, { source: sources[i % 50] as string, sourceName: `burst ${i % 50}`, type: i % 2 ? "host_down" : "threshold", severity: i % 3 ? "major" : "minor", at: base + i, scope: "burst" })),
      ),
    );
    const rows = await db.alarm.findMany({ where: { scope: "burst" } });
    expect(rows).toHaveLength(50);
    expect(new Set(rows.map(alarmKey)).size).toBe(50);
    expect(rows.reduce((n, r) => n + r.count, 0)).toBe(1000);
    for (const r of rows) {
      // Events k, k + 50, ..., k + 950 of source k, in whatever order they committed: the first and
      // last occurrences are the earliest and latest of them.
      const k = Number(r.source.split("-")[1]);
      expect(r.count).toBe(20);
      expect([r.firstAt.getTime(), r.lastAt.getTime()]).toEqual([base + k, base + k + 950]);
    }
  });

  it("lets operators acknowledge once, clear by hand (raised anew while the fault holds), and lists by state", async () => {
    const om = await actor("om_admin");
    const [d1] = await ssdDisks();
    await drillDisk(om, d1.id, "fail");
    const disk = (await openAlarms()).find((a) => a.type === "disk_failed") as { id: string };
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => acknowledgeAlarm(om, disk.id)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason as DomainError).toMatchObject({ code: "INVALID_STATE" });
    await clearAlarmByHand(om, disk.id);
    await expect(clearAlarmByHand(om, disk.id)).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect((await db.alarm.findUniqueOrThrow({ where: { id: disk.id } })).clearedBy).toBe("om_admin");
    // The disk is still failed: the next assessment of the array opens a new alarm for it.
    await db.$transaction((tx) => applyArrayState(tx, "array-a", new Date()));
    const again = (await openAlarms()).filter((a) => a.type === "disk_failed");
    expect(again).toHaveLength(1);
    expect(again[0]?.id).not.toBe(disk.id);
    const page = { page: 1, pageSize: 20 } as const;
    expect((await listAlarms(om, { ...page, state: "cleared" })).rows.map((a) => a.id)).toEqual([disk.id]);
    expect((await listAlarms(om, page)).total).toBe(2);
    expect((await listAlarms(om, { ...page, severity: "major", type: "raid_group_abnormal" })).total).toBe(1);
    await expect(listAlarms(await actor("tenant"), page)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(acknowledgeAlarm(await actor("auditor"), again[0]?.id as string)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await openAlarmCounts(await actor("tenant"))).toBeNull();
    await expect(commentOnAlarm(om, randomUUID(), "x")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("shows a host disabled for maintenance green with a mark, a stopped compute service red, a degraded array yellow", async () => {
    const om = await actor("om_admin");
    const [host] = await db.host.findMany({ orderBy: { name: "asc" }, take: 1 });
    if (!host) throw new Error("no host");
    const device = async () => (await pageDevices(om, { page: 1, pageSize: 20, q: host.name })).rows[0];
    await db.host.update({ where: { id: host.id }, data: { enabled: false, disabledReason: "firmware upgrade" } });
    expect(await device()).toMatchObject({ health: "normal", maintenance: true });
    await db.host.update({ where: { id: host.id }, data: { serviceRunning: false } });
    expect(await device()).toMatchObject({ health: "critical", maintenance: true });
    const [d1] = await ssdDisks();
    await drillDisk(om, d1.id, "fail");
    const { hardwareInventory } = await import("@/lib/server/queries/infrastructure");
    expect((await hardwareInventory(om)).storage.find((a) => a.id === "array-a")?.health).toBe("warning");
  });
});
