// Drills on servers and switches against the real database, on either engine: a host's power
// supplies (redundancy lost, then exhausted), a switch port taken down (the host cabled to it cut
// off and judged down, its ECS affected, every alarm under the port) and brought back, a stopped
// compute service raising host_down from the periodic reconciliation, and the drill's refusals.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { alarmKey } from "@/lib/cloud/operations";
import { db } from "@/lib/server/db";
import { drillComponent, reconcileComputeAlarms } from "@/lib/server/services/device-drills";
import { deviceDetail, hardwareInventory } from "@/lib/server/queries/infrastructure";
import { launchInstance } from "@/lib/server/services/instances";
import { setComputeService } from "@/lib/server/services/settings";
import { isUp, lastComputeReport } from "@/lib/server/repositories/hosts";
import { cloudNow } from "@/lib/server/services/clock";
import { actor, heartbeatAll, newRunner, resetCompute, runUntilIdle } from "./helpers";

const openAlarms = async () => (await db.alarm.findMany({ where: { openKey: { not: null } }, orderBy: { source: "asc" } })).map((a) => ({ key: a.openKey, severity: a.severity, root: a.rootKey }));

describe("drills on servers and switches", () => {
  beforeEach(async () => {
    await resetCompute();
    await db.alarm.deleteMany();
  });
  afterAll(async () => {
    await resetCompute();
    await db.alarm.deleteMany();
  });

  it("seeds every server's parts and cables every compute host to one access port", async () => {
    const hosts = await db.host.count();
    expect(await db.deviceComponent.count({ where: { kind: "port", peerId: { not: null } } })).toBe(hosts);
    const parts = await db.deviceComponent.groupBy({ by: ["kind"], where: { deviceKind: "server" }, _count: { _all: true } });
    const per = Object.fromEntries(parts.map((p) => [p.kind, p._count._all]));
    const servers = hosts + (await db.deployNode.count());
    expect([per.cpu, per.psu, per.fan, per.nic]).toEqual([2 * servers, 2 * servers, 6 * servers, 2 * servers]);
  });

  it("fails a host's power supplies: redundancy lost (yellow, minor), then exhausted (red, critical); repair clears both", async () => {
    const om = await actor("om_admin");
    const host = await db.host.findFirstOrThrow({ orderBy: { name: "asc" } });
    await drillComponent(om, `${host.id}:PSU1`, "fail");
    let d = await deviceDetail(om, host.id);
    expect([d.health, d.reasons.map((r) => r.rule)]).toEqual(["warning", ["redundancy_lost"]]);
    expect(await openAlarms()).toEqual([{ key: alarmKey({ source: `psu:${host.id}:psu`, type: "psu_failed" }), severity: "minor", root: null }]);
    await drillComponent(om, `${host.id}:PSU2`, "fail");
    d = await deviceDetail(om, host.id);
    expect(d.health).toBe("critical");
    expect((await openAlarms()).map((a) => a.severity)).toEqual(["critical"]);
    // eSight's list rolls the same health up.
    expect((await hardwareInventory(om)).servers.find((s) => s.id === host.id)?.health).toBe("critical");
    await drillComponent(om, `${host.id}:PSU1`, "repair");
    await drillComponent(om, `${host.id}:PSU2`, "repair");
    expect(await openAlarms()).toEqual([]);
    expect((await deviceDetail(om, host.id)).health).toBe("normal");
    const cleared = await db.alarm.findFirstOrThrow({ where: { type: "psu_failed" } });
    // One alarm for the set all along, counted at each change of severity: minor, critical, minor again.
    expect([cleared.state, cleared.clearedBy, cleared.count]).toEqual(["cleared", "auto", 3]);
  });

  it("takes a switch port down: the host behind it loses its network and is judged down, its ECS affected; the port back up clears every layer", async () => {
    const om = await actor("om_admin");
    const tenant = await actor("tenant");
    const { id: ecs } = await launchInstance(tenant, { name: "port-drill-ecs", az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79" });
    await runUntilIdle(await newRunner(), await cloudNow());
    const { hostId } = await db.instance.findUniqueOrThrow({ where: { id: ecs }, select: { hostId: true } });
    const port = await db.deviceComponent.findFirstOrThrow({ where: { kind: "port", peerId: hostId } });
    await drillComponent(om, port.id, "fail");

    const host = await db.host.findUniqueOrThrow({ where: { id: hostId! } });
    expect(host.networkLost).toBe(true);
    const now = await heartbeatAll();
    expect(isUp(host, now, await lastComputeReport(db))).toBe(false);
    const portKey = alarmKey({ source: `port:${port.deviceId}:${port.slot}`, type: "port_down" });
    const hostKey = alarmKey({ source: `host:${hostId}`, type: "host_network_lost" });
    expect(await openAlarms()).toEqual([
      { key: hostKey, severity: "critical", root: portKey },
      { key: alarmKey({ source: `instance:${ecs}`, type: "instance_affected" }), severity: "major", root: hostKey },
      { key: portKey, severity: "major", root: null },
    ]);
    // The compute reconciliation leaves a host cut off by its port to the port's alarms.
    await db.$transaction((tx) => reconcileComputeAlarms(tx, now));
    expect(await db.alarm.count({ where: { openKey: { not: null } } })).toBe(3);
    expect((await hardwareInventory(om)).servers.find((s) => s.id === hostId)?.health).toBe("critical");
    expect((await deviceDetail(om, port.deviceId)).components.find((c) => c.slot === port.slot)?.can).toEqual({ fail: false, repair: true });

    await drillComponent(om, port.id, "repair");
    expect((await db.host.findUniqueOrThrow({ where: { id: hostId! } })).networkLost).toBe(false);
    expect(await openAlarms()).toEqual([]);
  });

  it("raises host_down for a stopped compute service and flags its ECSs, and clears them once it reports again", async () => {
    const admin = await actor("cloud_admin");
    const tenant = await actor("tenant");
    const { id: ecs } = await launchInstance(tenant, { name: "svc-drill-ecs", az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79" });
    await runUntilIdle(await newRunner(), await cloudNow());
    const { hostId } = await db.instance.findUniqueOrThrow({ where: { id: ecs }, select: { hostId: true } });
    await setComputeService(admin, { id: hostId!, running: false });
    const now = await heartbeatAll();
    await db.$transaction((tx) => reconcileComputeAlarms(tx, now));
    const hostKey = alarmKey({ source: `host:${hostId}`, type: "host_down" });
    expect(await openAlarms()).toEqual([
      { key: hostKey, severity: "critical", root: null },
      { key: alarmKey({ source: `instance:${ecs}`, type: "instance_affected" }), severity: "major", root: hostKey },
    ]);
    // Reconciling again counts nothing twice.
    await db.$transaction((tx) => reconcileComputeAlarms(tx, now));
    expect((await db.alarm.findMany({ where: { openKey: { not: null } } })).map((a) => a.count)).toEqual([1, 1]);
    await setComputeService(admin, { id: hostId!, running: true });
    const later = await heartbeatAll();
    await db.$transaction((tx) => reconcileComputeAlarms(tx, later));
    expect(await openAlarms()).toEqual([]);
  });

  it("refuses what a drill may not do: a CPU, a part twice, a tenant", async () => {
    const om = await actor("om_admin");
    const host = await db.host.findFirstOrThrow({ orderBy: { name: "asc" } });
    await expect(drillComponent(om, `${host.id}:CPU1`, "fail")).rejects.toMatchObject({ code: "INVALID_STATE", params: { reason: "component_not_drillable" } });
    await expect(drillComponent(om, `${host.id}:FAN1`, "repair")).rejects.toMatchObject({ code: "INVALID_STATE", params: { reason: "component_not_failed" } });
    await expect(drillComponent(await actor("tenant"), `${host.id}:FAN1`, "fail")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(drillComponent(om, "no-such-part", "fail")).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Nothing was written by the refusals.
    expect(await db.deviceComponent.count({ where: { health: { not: "normal" } } })).toBe(0);
  });
});
