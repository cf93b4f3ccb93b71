import { db } from "@/lib/server/db";
import { loadActor, type Actor } from "@/lib/server/auth/actor";
import { cloudNow } from "@/lib/server/services/clock";
import { TaskRunner } from "@/lib/server/worker/runner";

export async function actor(username: string): Promise<Actor> {
  const a = await loadActor(db, `user-${username}`);
  if (!a) throw new Error(`no demo user ${username}`);
  return a;
}

/** Every compute and volume service reports now (the runner would do this on its own schedule). */
export async function heartbeatAll(): Promise<Date> {
  const now = await cloudNow();
  for (const service of ["compute", "volume"]) await db.serviceReport.upsert({ where: { service }, create: { service, reportedAt: now }, update: { reportedAt: now } });
  return now;
}

/** Remove instances, volumes and tasks and give every host and pool its capacity back, so each test starts clean. */
export async function resetCompute(): Promise<void> {
  const { demoHosts } = await import("@/lib/cloud/seed");
  const seeded = demoHosts({ seed: Number(process.env.SEED_VALUE ?? 20261122), computeHosts: await db.host.count() });
  for (const h of seeded) await db.host.updateMany({ where: { id: h.id }, data: { vcpus: h.vcpus } });
  await db.task.deleteMany();
  await db.volumeAttachment.deleteMany();
  await db.volumeSnapshot.deleteMany();
  await db.volume.deleteMany();
  await db.storagePool.updateMany({ data: { allocatedGb: 0, writtenGb: 0, enabled: true, serviceRunning: true } });
  await db.migration.deleteMany();
  await db.serverGroupMember.deleteMany();
  await db.serverGroup.deleteMany();
  await db.instance.deleteMany();
  await resetNetwork();
  await db.image.deleteMany({ where: { sourceInstanceId: { not: null } } });
  await db.runner.deleteMany();
  await db.quota.updateMany({ data: { used: 0 } });
  await db.host.updateMany({ data: { vcpusUsed: 0, memoryMbUsed: 0, diskGbUsed: 0, hugePagesUsedMb: 0, instanceCount: 0, enabled: true, disabledReason: null, serviceRunning: true, networkLost: false } });
  await db.deviceComponent.updateMany({ where: { health: { not: "normal" } }, data: { health: "normal" } });
  await heartbeatAll();
}

/** Remove every tenant network, port, group and EIP; the external networks' pools are whole again and every VNI free. */
export async function resetNetwork(): Promise<void> {
  await db.eip.deleteMany();
  await db.ipAllocation.deleteMany();
  await db.port.deleteMany();
  await db.router.deleteMany();
  const tenant = await db.subnet.findMany({ where: { vpcId: { not: null } }, select: { id: true } });
  await db.subnet.deleteMany({ where: { id: { in: tenant.map((t) => t.id) } } });
  await db.vpc.deleteMany();
  await db.securityGroupRule.deleteMany();
  await db.securityGroup.deleteMany();
  await db.segmentAllocation.updateMany({ where: { kind: "vxlan" }, data: { allocated: false } });
  const { parseIp, addressKey } = await import("@/lib/cloud/network");
  for (const s of await db.subnet.findMany()) {
    await db.ipAvailability.deleteMany({ where: { subnetId: s.id } });
    for (const p of s.pools as { start: string; end: string }[]) await db.ipAvailability.create({ data: { subnetId: s.id, first: addressKey(parseIp(p.start)!.value), last: addressKey(parseIp(p.end)!.value) } });
  }
}

export const later = (d: Date, s: number) => new Date(d.getTime() + s * 1000);

/** A runner registered as alive, ticked by hand (its own timer never fires in tests). */
export async function newRunner(): Promise<TaskRunner> {
  const r = new TaskRunner(1_000_000);
  await db.runner.create({ data: { id: r.id, startedAt: new Date(), heartbeatAt: new Date() } });
  return r;
}

/** Tick the runner on the cloud clock, half a second at a time, until no task is queued or running. */
export async function runUntilIdle(runner: TaskRunner, from: Date, maxSeconds = 60): Promise<Date> {
  let now = from;
  for (let s = 0; s < maxSeconds * 2; s++) {
    now = later(now, 0.5);
    await runner.runPeriodic(now, { layer: "compute" });
    await runner.claimQueued();
    await runner.advanceDue(now);
    if ((await db.task.count({ where: { status: { in: ["queued", "running"] } } })) === 0) return now;
  }
  throw new Error("tasks did not finish");
}
