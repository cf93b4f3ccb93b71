// npm run bench:hosts -- [hosts=5000]
// Seeds a separate SQLite database with N compute hosts (once), then times the Service OM reads a
// cloud admin makes: a host-list page (sorted, filtered), compute capacity per AZ and an explain-
// placement dry run. Prints milliseconds (median of 5 runs). A benchmark: it asserts nothing.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { timeMedian } from "./bench-timing";

const hosts = Number(process.argv[2] ?? 5000);
const file = `./prisma/bench-${hosts}.db`;
process.env.DATABASE_URL = `file:${file}`;
process.env.TASK_RUNNER = "off";
if (!existsSync(file)) {
  console.log(`Seeding ${hosts} hosts into ${file} ...`);
  execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env: process.env });
  execFileSync("npx", ["tsx", "prisma/seed.ts"], { stdio: "ignore", env: { ...process.env, SEED_COMPUTE_HOSTS: String(hosts) } });
}

const { db } = await import("../lib/server/db");
const { loadActor } = await import("../lib/server/auth/actor");
const { listHosts, computeCapacity } = await import("../lib/server/queries/hosts");
const { explainPlacement } = await import("../lib/server/queries/placement");
const admin = await loadActor(db, "user-cloud_admin");
if (!admin) throw new Error("no cloud_admin in the bench database");


const base = { page: 1, pageSize: 20, dir: "asc" as const };
console.log(`hosts=${await db.host.count()}`);
await timeMedian("host list, page 1, by name", () => listHosts(admin, { ...base }));
await timeMedian("host list, page 100, sorted by RAM used (desc)", () => listHosts(admin, { ...base, page: 100, sort: "memoryMbUsed", dir: "desc" }));
await timeMedian("host list, az2 + aarch64 + search", () => listHosts(admin, { ...base, az: "az2", arch: "aarch64", q: "cmp" }));
await timeMedian("compute capacity per AZ (every host)", () => computeCapacity(admin));
await timeMedian("explain placement (every host's verdict)", () => explainPlacement(admin, { az: null, flavorId: "s6.large.2", imageId: "img-centos-79" }));
await db.$disconnect();
