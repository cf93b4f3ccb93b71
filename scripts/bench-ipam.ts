// npm run bench:ipam -- [inUse=60000] [allocations=2000] [concurrency=20]
// IPAM at scale: a /16 subnet with `inUse` addresses already held (inserted in bulk), then
// `allocations` ports each taking the next free address in its own transaction (insert the port
// with a unique MAC, take the lowest address of the first free range with a conditional update,
// hold it under the (subnet, address) key), first one at a time, then `concurrency` at a time.
// Prints port creations/s with their latency percentiles, and those of the address allocation
// inside them (what the bar is about). Its own SQLite database, seeded once.
// A benchmark: it asserts nothing.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";

const [inUse, allocations, concurrency] = [60000, 2000, 20].map((d, i) => Number(process.argv[2 + i] ?? d)) as [number, number, number];
const file = "./prisma/bench-ipam.db";
process.env.DATABASE_URL = process.env.BENCH_DATABASE_URL ?? `file:${file}`;
process.env.TASK_RUNNER = "off";
const fresh = !process.env.BENCH_DATABASE_URL && !existsSync(file);
execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env: process.env });
if (fresh) execFileSync("npx", ["tsx", "prisma/seed.ts"], { stdio: "ignore", env: process.env });

const { db } = await import("../lib/server/db");
const { addressKey, defaultGateway, defaultPools, parseCidr, isCidrError } = await import("../lib/cloud/network");
const { allocateNext, createFreeRanges, insertPort } = await import("../lib/server/repositories/ipam");

// A fresh VPC and /16 subnet each run; the previous run's are removed first (nothing else).
const previous = await db.vpc.findMany({ where: { name: "bench" }, select: { id: true } });
const ids = previous.map((v) => v.id);
await db.ipAllocation.deleteMany({ where: { subnet: { vpcId: { in: ids } } } });
await db.port.deleteMany({ where: { vpcId: { in: ids } } });
await db.subnet.deleteMany({ where: { vpcId: { in: ids } } });
await db.vpc.deleteMany({ where: { id: { in: ids } } });
const cidr = parseCidr("10.20.0.0/16");
if (isCidrError(cidr)) throw new Error("cidr");
const [pool] = defaultPools(cidr, defaultGateway(cidr));
if (!pool) throw new Error("pool");
const vpc = await db.vpc.create({ data: { name: "bench", projectId: "prj-platform", cidr: "10.20.0.0/16", vni: 16_000_000, createdAt: new Date() } });
const subnet = await db.subnet.create({ data: { name: "bench-16", vpcId: vpc.id, ipVersion: 4, cidr: "10.20.0.0/16", gatewayIp: "10.20.0.1", pools: [], createdAt: new Date() } });
console.log(`Holding ${inUse} addresses of 10.20.0.0/16 ...`);
const now = new Date();
for (let i = 0; i < inUse; i += 1000) {
  const ports = Array.from({ length: Math.min(1000, inUse - i) }, (_, j) => ({ id: randomUUID(), projectId: "prj-platform", vpcId: vpc.id, macAddress: `fa:16:3e:${((i + j) >> 16).toString(16).padStart(2, "0")}:${(((i + j) >> 8) & 255).toString(16).padStart(2, "0")}:${((i + j) & 255).toString(16).padStart(2, "0")}`, createdAt: now, n: i + j }));
  await db.port.createMany({ data: ports.map(({ n: _n, ...p }) => p) });
  await db.ipAllocation.createMany({ data: ports.map((p) => ({ subnetId: subnet.id, address: addressKey(pool.first + BigInt(p.n)), portId: p.id, createdAt: now })) });
}
await db.$transaction((tx) => createFreeRanges(tx, subnet.id, [{ first: pool.first + BigInt(inUse), last: pool.last }]));
console.log(`in use: ${await db.ipAllocation.count({ where: { subnetId: subnet.id } })}, free ranges: ${await db.ipAvailability.count({ where: { subnetId: subnet.id } })}`);

/** The address allocations alone (allocateNext inside each port's transaction), beside the whole port creations. */
const allocationTimes: number[] = [];

async function one(): Promise<number> {
  const t = performance.now();
  await db.$transaction(async (tx) => {
    const id = randomUUID();
    await insertPort(tx, { id, name: "", projectId: "prj-platform", vpcId: vpc.id, deviceId: null, deviceOwner: null, now: new Date() });
    const a = performance.now();
    await allocateNext(tx, subnet, id, new Date());
    allocationTimes.push(performance.now() - a);
  });
  return performance.now() - t;
}

async function measure(label: string, n: number, c: number): Promise<void> {
  const times: number[] = [];
  allocationTimes.length = 0;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: c }, async () => {
    while (next++ < n) times.push(await one());
  }));
  const seconds = (performance.now() - t0) / 1000;
  times.sort((a, b) => a - b);
  const q = (p: number) => (times[Math.min(times.length - 1, Math.floor(p * times.length))] as number).toFixed(2);
  console.log(`${label}: ${n} port creations in ${seconds.toFixed(2)} s: ${(n / seconds).toFixed(0)}/s, p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${(times.at(-1) ?? 0).toFixed(2)} ms`);
  allocationTimes.sort((a, b) => a - b);
  const qa = (p: number) => (allocationTimes[Math.min(allocationTimes.length - 1, Math.floor(p * allocationTimes.length))] as number).toFixed(2);
  console.log(`${label}: the address allocation in them: p50 ${qa(0.5)} ms, p99 ${qa(0.99)} ms, max ${(allocationTimes.at(-1) ?? 0).toFixed(2)} ms`);
}

await one();
await measure("one at a time", allocations, 1);
await measure(`concurrency ${concurrency}`, allocations, concurrency);
console.log(`in use now: ${await db.ipAllocation.count({ where: { subnetId: subnet.id } })}`);
await db.$disconnect();
