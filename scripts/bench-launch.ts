// npm run bench:launch -- [hosts=5000] [instances=10000] [launches=200] [concurrency=20] [http] [bfv]
// (it also times the reads that grow with the cloud: ECS lists, and with `http` Nova's servers/detail with all_tenants)
// Seeds its own SQLite database (once per size): N compute hosts and M running instances spread
// over them (the hosts' allocations match), quotas unlimited. Then launches L instances through
// the launch service (the code behind POST /api/v1/instances: authorization, quota reservation on
// the VDC chain, the scheduler, the conditional claim, the build task, the audit record), C at a
// time, and prints the accept latency (p50/p95/max) and launches per second. The task runner is
// off: what is measured is accepting a launch. A benchmark: it asserts nothing.
// With `http` the launches go to POST /api/v1/instances of a production server it starts on that
// database (build it first: `npx next build`), signed in as the tenant, and it also times every
// list page through that server (time to first byte and to the last byte, p50/p75 of 20 loads).
// BENCH_URL=http://host:port uses a console already running on that database instead.
// With `bfv` every launch boots from a 40 GB EVS volume (the purchase wizard's default): the
// volume is scheduled on the pools and claimed, with its attachment and creation task, in the
// launch's transaction.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { timeMedian } from "./bench-timing";
import { startServer, timePages } from "./bench-http";

/** Every list page, as the user who works there. */
const LIST_PAGES: [string, string][] = [
  ["/sc/ecs", "op_admin"], ["/sc/ecs?status=ACTIVE", "op_admin"], ["/sc/ecs?q=seeded-99", "op_admin"], ["/sc/ecs", "tenant"],
  ["/sc/orders", "op_admin"], ["/sc/approvals", "approver"], ["/sc/audit", "auditor"], ["/sc/users", "op_admin"], ["/sc/organizations", "op_admin"],
  ["/sc/products", "op_admin"], ["/sc/processes", "op_admin"], ["/sc/server-groups", "tenant"], ["/sc/key-pairs", "tenant"],
  ["/service-om/hosts", "cloud_admin"], ["/service-om/instances", "cloud_admin"], ["/service-om/flavors", "cloud_admin"], ["/service-om/images", "cloud_admin"],
  ["/service-om/host-groups", "cloud_admin"], ["/service-om/placement", "cloud_admin"], ["/oc", "om_admin"], ["/esight", "om_admin"], ["/cps", "cloud_admin"],
];

const overHttp = process.argv.includes("http");
const bootFromVolume = process.argv.includes("bfv");
const numbers = process.argv.slice(2).filter((a) => a !== "http" && a !== "bfv");
const arg = (i: number, fallback: number) => Number(numbers[i] ?? fallback);
const [hosts, instances, launches, concurrency] = [arg(0, 5000), arg(1, 10000), arg(2, 200), arg(3, 20)];
const file = `./prisma/bench-launch-${hosts}-${instances}.db`;
process.env.DATABASE_URL = process.env.BENCH_DATABASE_URL ?? `file:${file}`;
process.env.TASK_RUNNER = "off";
const fresh = !process.env.BENCH_DATABASE_URL && !existsSync(file);
// Migrated every time: a database seeded by an older version gets the newer columns and indexes.
execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env: process.env });
// Seeded every time (seeding is idempotent): a database seeded by an older version gets the rows it lacks (pools, volume types).
if (fresh) console.log(`Seeding ${hosts} hosts into ${file} ...`);
execFileSync("npx", ["tsx", "prisma/seed.ts"], { stdio: "ignore", env: { ...process.env, SEED_COMPUTE_HOSTS: String(hosts) } });

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

// The compute and volume services report now (the runner, which is off here, would every 10 cloud seconds).
const { recordServiceReport } = await import("../lib/server/repositories/service-reports");
const reportedAt = await cloudNow();
await Promise.all([recordServiceReport(db, "compute", reportedAt), recordServiceReport(db, "volume", reportedAt)]);
const tenant = await loadActor(db, "user-tenant");
if (!tenant) throw new Error("no tenant in the bench database");
console.log(`hosts=${await db.host.count()} instances=${await db.instance.count({ where: { deletedAt: null } })} launches=${launches} concurrency=${concurrency}${bootFromVolume ? " boot-from-volume" : ""}`);
// Launches go into one large subnet (a /12: a million addresses), made once, so that repeated runs
// never fill the project's default /20.
const { createVpc } = await import("../lib/server/services/vpcs");
const benchVpc = await db.vpc.findFirst({ where: { name: "bench-vpc" }, include: { subnets: true } });
const subnetId = benchVpc?.subnets[0]?.id ?? (await createVpc(tenant, { name: "bench-vpc", cidr: "10.0.0.0/8", publicGateway: false, subnet: { name: "bench-12", cidr: "10.0.0.0/12", enableDhcp: true, noGateway: false } })).subnetId;
const disks = { networks: [{ subnetId }], ...(bootFromVolume ? { systemDisk: { volumeTypeId: "vt-high", sizeGb: 40 } } : {}) };

const server = overHttp ? await startServer() : null;
const launch = server
  ? async (input: { name: string; az: string; flavorId: string; imageId: string }) => {
      const res = await fetch(`${server.url}/api/v1/instances`, { method: "POST", headers: { cookie: server.tenant, "content-type": "application/json" }, body: JSON.stringify({ ...input, ...disks }) });
      if (res.status !== 201) throw new Error(`${res.status} ${await res.text()}`);
    }
  : (input: { name: string; az: string; flavorId: string; imageId: string }) => launchInstance(tenant, { ...input, ...disks });

// One launch first, untimed: a console that has served before holds its host cache (the cold
// first read of every host is measured by bench:hosts).
await launch({ name: `bench-warm-${Date.now()}`, az: "az1", flavorId: "s6.large.2", imageId: "img-centos-79" });
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
        await launch({ name: `bench-${run}-${i}`, az: i % 2 ? "az2" : "az1", flavorId: "s6.large.2", imageId: "img-centos-79" });
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
console.log(`${server ? "POST /api/v1/instances: " : "launch service: "}accepted ${launches - failed}/${launches} in ${seconds.toFixed(2)} s: ${((launches - failed) / seconds).toFixed(1)} launches/s`);
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
if (server) {
  await timePages(server, LIST_PAGES);
  // Nova's API over the same cloud, through the server: an administrator's first page of 1,000
  // servers of every project in full detail, and a project's own first 1,000.
  const auth = { auth: { identity: { methods: ["password"], password: { user: { name: "cloud_admin", domain: { name: "Default" }, password: "Hcs@console1" } } }, scope: { project: { id: "prj-platform" } } } };
  const issued = await fetch(`${server.url}/openstack/identity/v3/auth/tokens`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(auth) });
  const apiToken = issued.headers.get("x-subject-token");
  if (!apiToken) throw new Error(`no API token: ${issued.status} ${await issued.text()}`);
  for (const [label, query] of [["Nova servers/detail?all_tenants=1&limit=1000", "all_tenants=1&limit=1000"], ["Nova servers/detail, a project's first 1000", "limit=1000"]] as const)
    await timeMedian(label, async () => {
      const res = await fetch(`${server.url}/openstack/compute/v2.1/servers/detail?${query}`, { headers: { "x-auth-token": apiToken } });
      if (res.status !== 200) throw new Error(`${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    });
  server.stop();
}
const { dbReader } = await import("../lib/server/db");
await Promise.all([db.$disconnect(), dbReader.$disconnect()]);

