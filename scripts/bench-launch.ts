// npm run bench:launch -- [hosts=5000] [instances=10000] [launches=200] [concurrency=20]
// Seeds its own SQLite database (once per size): N compute hosts and M running instances spread
// over them (the hosts' allocations match), quotas unlimited. Then launches L instances through
// the launch service (the code behind POST /api/v1/instances: authorization, quota reservation on
// the VDC chain, the scheduler, the conditional claim, the build task, the audit record), C at a
// time, and prints the accept latency (p50/p95/max) and launches per second. The task runner is
// off: what is measured is accepting a launch. A benchmark: it asserts nothing.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { timeMedian } from "./bench-timing";

const arg = (i: number, fallback: number) => Number(process.argv[2 + i] ?? fallback);
const [hosts, instances, launches, concurrency] = [arg(0, 5000), arg(1, 10000), arg(2, 200), arg(3, 20)];
const file = `./prisma/bench-launch-${hosts}-${instances}.db`;
process.env.DATABASE_URL = process.env.BENCH_DATABASE_URL ?? `file:${file}`;
process.env.TASK_RUNNER = "off";
const fresh = !process.env.BENCH_DATABASE_URL && !existsSync(file);
// Migrated every time: a database seeded by an older version gets the newer columns and indexes.
execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env: process.env });
if (fresh) {
  console.log(`Seeding ${hosts} hosts into ${file} ...`);
  execFileSync("npx", ["tsx", "prisma/seed.ts"], { stdio: "ignore", env: { ...process.env, SEED_COMPUTE_HOSTS: String(hosts) } });
}

const { db } = await import("../lib/server/db");
const { loadActor } = await import("../lib/server/auth/actor");
const { launchInstance } = await import("../lib/server/services/instances");
const { cloudNow } = await import("../lib/server/services/clock");

// Quotas out of the way: the bench measures placement and claims, not refusals.
await db.quota.updateMany({ data: { hardLimit: -1 } });
if (fresh) {
  console.log(`Placing ${instances} running instances ...`);
  const now = await cloudNow();
  const all = await db.host.findMany({ where: { architecture: "x86_64", groups: { some: { hostGroup: { name: { endsWith: "-general" } } } } }, select: { id: true, azId: true } });
  const perHost = new Map<string, number>();
  const rows = Array.from({ length: instances }, (_, i) => {
    const host = all[i % all.length] as { id: string; azId: string };
    perHost.set(host.id, (perHost.get(host.id) ?? 0) + 1);
    return {
      name: `seeded-${i}`,
      projectId: "prj-platform",
      userId: "user-tenant",
      azId: host.azId,
      hostId: host.id,
      flavorId: "s6.large.2",
      imageId: "img-centos-79",
      vcpus: 2,
      memoryMb: 4096,
      rootGb: 40,
      allocated: true,
      vmState: "active",
      powerState: "running",
      createdAt: new Date(now.getTime() - (instances - i) * 1000),
      launchedAt: now,
      updatedAt: now,
    };
  });
  for (let i = 0; i < rows.length; i += 500) await db.instance.createMany({ data: rows.slice(i, i + 500) });
  for (const [id, n] of perHost) await db.host.update({ where: { id }, data: { vcpusUsed: { increment: 2 * n }, memoryMbUsed: { increment: 4096 * n }, diskGbUsed: { increment: 40 * n }, instanceCount: { increment: n } } });
}

// The compute services report now (the runner, which is off here, would every 10 cloud seconds).
const { recordComputeReport } = await import("../lib/server/repositories/hosts");
await recordComputeReport(db, await cloudNow());
const tenant = await loadActor(db, "user-tenant");
if (!tenant) throw new Error("no tenant in the bench database");
console.log(`hosts=${await db.host.count()} instances=${await db.instance.count({ where: { deletedAt: null } })} launches=${launches} concurrency=${concurrency}`);

const latencies: number[] = [];
let next = 0;
let failed = 0;
const run = `${Date.now()}`;
const t0 = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < launches) {
      const i = next++;
      const s = performance.now();
      try {
        await launchInstance(tenant, { name: `bench-${run}-${i}`, az: i % 2 ? "az2" : "az1", flavorId: "s6.large.2", imageId: "img-centos-79" });
      } catch (err) {
        failed++;
        if (failed <= 3) console.error(err);
      }
      latencies.push(performance.now() - s);
    }
  }),
);
const seconds = (performance.now() - t0) / 1000;
latencies.sort((a, b) => a - b);
const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] as number;
console.log(`accepted ${launches - failed}/${launches} in ${seconds.toFixed(2)} s: ${((launches - failed) / seconds).toFixed(1)} launches/s`);
console.log(`accept latency p50=${q(0.5).toFixed(1)} ms p95=${q(0.95).toFixed(1)} ms max=${(latencies.at(-1) ?? 0).toFixed(1)} ms`);
// The reads that grow with the cloud, at this size (median of 5, in the server's own functions).
const { listInstances } = await import("../lib/server/queries/instances");
const { pendingApprovalCount } = await import("../lib/server/queries/orders");
const admin = await loadActor(db, "user-cloud_admin");
const approver = await loadActor(db, "user-approver");
if (!admin || !approver) throw new Error("no cloud_admin or approver in the bench database");
const page = { page: 1, pageSize: 20, dir: "desc" as const };
await timeMedian("ECS list, every tenant, newest first (page 1)", () => listInstances(admin, page, { allTenants: true }));
await timeMedian("ECS list, every tenant, ACTIVE only", () => listInstances(admin, { ...page, status: "ACTIVE" }, { allTenants: true }));
await timeMedian("ECS list, every tenant, page 200", () => listInstances(admin, { ...page, page: 200 }, { allTenants: true }));
await timeMedian("ECS list, one tenant's project, newest first", () => listInstances(tenant, page));
await timeMedian("ECS list, search by name", () => listInstances(admin, { ...page, q: "seeded-99" }, { allTenants: true }));
await timeMedian("top bar: an approver's waiting orders", () => pendingApprovalCount(approver));
await db.$disconnect();
