import { db } from "@/lib/server/db";
import { loadActor, type Actor } from "@/lib/server/auth/actor";
import { cloudNow } from "@/lib/server/services/clock";

export async function actor(username: string): Promise<Actor> {
  const a = await loadActor(db, `user-${username}`);
  if (!a) throw new Error(`no demo user ${username}`);
  return a;
}

/** Every compute service reports now (the runner would do this on its own schedule). */
export async function heartbeatAll(): Promise<Date> {
  const now = await cloudNow();
  await db.host.updateMany({ data: { lastHeartbeatAt: now } });
  return now;
}

/** Remove instances and tasks and give every host its capacity back, so each test starts clean. */
export async function resetCompute(): Promise<void> {
  const { demoHosts } = await import("@/lib/cloud/seed");
  const seeded = demoHosts({ seed: Number(process.env.SEED_VALUE ?? 20261122), computeHosts: await db.host.count() });
  for (const h of seeded) await db.host.updateMany({ where: { id: h.id }, data: { vcpus: h.vcpus } });
  await db.task.deleteMany();
  await db.instance.deleteMany();
  await db.runner.deleteMany();
  await db.quota.updateMany({ data: { used: 0 } });
  await db.host.updateMany({ data: { vcpusUsed: 0, memoryMbUsed: 0, diskGbUsed: 0, hugePagesUsedMb: 0, instanceCount: 0, enabled: true, disabledReason: null, serviceRunning: true } });
  await heartbeatAll();
}
