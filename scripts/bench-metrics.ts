// npm run bench:metrics -- [hosts=5000] [http]
// Seeds its own SQLite database (once per size) with N compute hosts, then lets the metric
// collector fill every series' 90 days of history (raw every 10 minutes for 24 h, hourly for 7
// days, daily for 90 days: 402 points per source, about 2 million at 5,000 hosts), timing the
// fill. Then times the reads the console makes on that store: a host's chart over each range
// (the 90-day one reads 90 daily points), OC's AZ trend, the busiest hosts and the pools'
// forecasts, and the capacity report. Prints milliseconds (median of 5 runs) and the database's
// size. A benchmark: it asserts nothing.
import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { timeMedian } from "./bench-timing";

const hosts = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 5000);
const file = `./prisma/bench-metrics-${hosts}.db`;
process.env.DATABASE_URL = `file:${file}`;
process.env.TASK_RUNNER = "off";
if (!existsSync(file)) console.log(`Seeding ${hosts} hosts into ${file} ...`);
execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env: process.env });
execFileSync("npx", ["tsx", "prisma/seed.ts"], { stdio: "ignore", env: { ...process.env, SEED_COMPUTE_HOSTS: String(hosts) } });

const { db } = await import("../lib/server/db");
const { loadActor } = await import("../lib/server/auth/actor");
const { cloudNow } = await import("../lib/server/services/clock");
const { collectAll, syncMetricSeries } = await import("../lib/server/services/metrics");
const { metricChart } = await import("../lib/server/queries/metrics");
const { capacityReport, poolForecasts, topHosts } = await import("../lib/server/queries/operations-dashboard");

const admin = await loadActor(db, "user-cloud_admin");
if (!admin) throw new Error("no cloud_admin in the bench database");

const now = await cloudNow();
await syncMetricSeries(now);
const t0 = performance.now();
const written = await collectAll(now);
const fillMs = performance.now() - t0;
if (written > 0) console.log(`filled ${written.toLocaleString("en-US")} points in ${(fillMs / 1000).toFixed(1)} s (${Math.round(written / (fillMs / 1000)).toLocaleString("en-US")} points/s, generation and inserts)`);
const [points, series] = await Promise.all([db.metricPoint.count(), db.metricSeries.count()]);
console.log(`hosts=${await db.host.count()} series=${series} points=${points.toLocaleString("en-US")} database=${(statSync(file).size / 2 ** 20).toFixed(0)} MiB`);

const host = (await db.host.findFirstOrThrow({ orderBy: { name: "asc" }, select: { id: true } })).id;
const az = (await db.availabilityZone.findFirstOrThrow({ orderBy: { id: "asc" }, select: { id: true } })).id;
for (const range of ["24h", "7d", "90d"] as const) {
  const chart = await metricChart(admin, "host", host, range);
  await timeMedian(`host chart, ${range} (${chart.points.length} ${chart.tier} points)`, () => metricChart(admin, "host", host, range));
}
await timeMedian("OC AZ trend, 90d", () => metricChart(admin, "az", az, "90d"));
await timeMedian("top 10 hosts by CPU (latest sample)", () => topHosts(admin, "cpu", 10));
await timeMedian("pool forecasts (daily trend per pool)", () => poolForecasts(admin));
await timeMedian("capacity report (every resource pool)", () => capacityReport(admin));

// One ordinary collection pass: the next raw bucket for every series (what the runner does every 10 cloud minutes).
const next = new Date(now.getTime() + 600_000);
const t1 = performance.now();
const pass = await collectAll(next);
console.log(`one 10-minute collection: ${pass.toLocaleString("en-US")} points in ${(performance.now() - t1).toFixed(0)} ms`);
await db.$disconnect();

// With `http`: OC's, eSight's and CPS's pages through a production server on this database
// (2 million points), time to first byte p50/p75.
if (process.argv.includes("http")) {
  const { startServer, timePages } = await import("./bench-http");
  const server = await startServer();
  await timePages(server, [
    ["/oc", "om_admin"],
    ["/oc?range=90d", "om_admin"],
    ["/oc/alarms", "om_admin"],
    ["/oc/reports", "om_admin"],
    ["/oc/thresholds", "om_admin"],
    ["/esight", "om_admin"],
    ["/esight/alarms", "om_admin"],
    ["/cps", "cloud_admin"],
    [`/service-om/hosts/${host}?range=90d`, "cloud_admin"],
  ]);
  server.stop();
}
