// Two console processes on one PostgreSQL database, each with its own task runner and host
// cache: launches and deletes are sent to both at once. Afterwards no task ran a step twice, no
// host holds more than its instances' claims, the quota moved by exactly what is left, and both
// processes' host caches give the same placement answer. (SQLite is one process's file: the
// journey runs on the PostgreSQL pass of the suite.)
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { Client } from "pg";
import { newSession, signIn } from "./helpers";

const dbUrl = process.env.E2E_DATABASE_URL ?? "";
const onPostgres = /^postgres(ql)?:\/\//.test(dbUrl);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url: string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not start`);
}

async function vmState(request: APIRequestContext, base: string, id: string): Promise<string | null> {
  const res = await request.get(`${base}/api/v1/instances/${id}`);
  if (res.status() === 404) return null;
  return ((await res.json()) as { vmState: string }).vmState;
}

// The second process, stopped even if the journey times out.
let other: ChildProcess | null = null;
test.afterAll(() => {
  other?.kill("SIGTERM");
  other = null;
});

test("two console processes on one PostgreSQL database: launches and deletes on both, every step once, claims and quota exact, caches agree", async ({ page, baseURL, browser }) => {
  test.skip(!onPostgres, "several console processes share a PostgreSQL database; an SQLite file belongs to one process");
  test.setTimeout(300_000);
  const first = baseURL as string;
  const port = await freePort();
  const second = `http://127.0.0.1:${port}`;
  const pg = new Client({ connectionString: dbUrl });
  await pg.connect();
  try {
    other = spawn(process.execPath, ["scripts/serve.mjs", "-H", "127.0.0.1", "-p", String(port)], {
      env: { ...process.env, DATABASE_URL: dbUrl, AUTH_SECRET: "e2e-only-secret-not-for-production", AUTH_TRUST_HOST: "true", CLOUD_CLOCK_SPEED: "4", TASK_RUNNER_INTERVAL_MS: "100" },
      stdio: "ignore",
    });
    await waitHealthy(second);

    // One sign-in serves both: the session cookie belongs to the host, whatever the port.
    await signIn(page, "tenant");
    const quota = async () => Number((await pg.query(`SELECT "used" FROM "Quota" WHERE "vdcId" = 'vdc-rd-platform' AND "resource" = 'instances'`)).rows[0]?.used ?? 0);
    const before = await quota();

    const servers = [first, second];
    const launched = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const res = await page.request.post(`${servers[i % 2]}/api/v1/instances`, { data: { name: `scale-out-${i}`, az: i % 3 ? "az1" : "az2", flavorId: "s6.small.1", imageId: "img-centos-79" } });
        expect(res.status(), await res.text()).toBe(201);
        return ((await res.json()) as { id: string }).id;
      }),
    );
    // Both runners advance the builds.
    await expect.poll(async () => (await Promise.all(launched.map((id, i) => vmState(page.request, servers[i % 2] as string, id)))).every((s) => s === "active"), { timeout: 120_000, intervals: [1000] }).toBe(true);

    // Half are deleted, each through the other process than the one that launched it.
    const doomed = launched.filter((_, i) => i % 2 === 0);
    await Promise.all(
      doomed.map(async (id, i) => {
        const res = await page.request.post(`${servers[(i + 1) % 2]}/api/v1/instances/${id}/action`, { data: { action: "delete" } });
        expect(res.status(), await res.text()).toBe(202);
      }),
    );
    await expect.poll(async () => (await Promise.all(doomed.map((id) => vmState(page.request, first, id)))).every((s) => s === null), { timeout: 120_000, intervals: [1000] }).toBe(true);

    // Every task's steps ran once: no step started or finished twice in any timeline.
    const tasks = await pg.query(`SELECT "id", "timeline" FROM "Task" WHERE "instanceId" = ANY($1)`, [launched]);
    expect(tasks.rows.length).toBeGreaterThanOrEqual(launched.length + doomed.length);
    for (const t of tasks.rows as { id: string; timeline: { event: string; step?: string }[] }[]) {
      const marks = t.timeline.filter((e) => e.event === "step_started" || e.event === "step_done").map((e) => `${e.event}:${e.step}`);
      expect(new Set(marks).size, `task ${t.id} ran a step twice: ${marks.join(", ")}`).toBe(marks.length);
    }
    // Each host holds exactly the claims of the instances on it, and stays within its limits.
    const hosts = await pg.query(`
      SELECT h."id", h."vcpusUsed", h."memoryMbUsed",
             COALESCE(SUM(i."vcpus") FILTER (WHERE i."allocated"), 0) AS "vcpus",
             COALESCE(SUM(i."memoryMb") FILTER (WHERE i."allocated"), 0) AS "memory",
             h."vcpus" * COALESCE(h."cpuAllocationRatio", s."cpuAllocationRatio") AS "vcpuLimit"
      FROM "Host" h CROSS JOIN "CloudSettings" s LEFT JOIN "Instance" i ON i."hostId" = h."id"
      -- An open resize, migration or evacuation holds a claim on a second host: those hosts are left out.
      WHERE NOT EXISTS (SELECT 1 FROM "Migration" m WHERE (m."sourceHostId" = h."id" OR m."destHostId" = h."id") AND m."status" NOT IN ('confirmed', 'reverted', 'completed', 'cancelled', 'error'))
      GROUP BY h."id", s."cpuAllocationRatio"`);
    for (const h of hosts.rows as { id: string; vcpusUsed: number; memoryMbUsed: number; vcpus: string; memory: string; vcpuLimit: number }[]) {
      expect(h.vcpusUsed, `host ${h.id}`).toBe(Number(h.vcpus));
      expect(h.memoryMbUsed, `host ${h.id}`).toBe(Number(h.memory));
      expect(h.vcpusUsed).toBeLessThanOrEqual(h.vcpuLimit);
    }
    // The quota moved by exactly the instances left.
    expect(await quota()).toBe(before + launched.length - doomed.length);

    // Both host caches give the same answer: explain placement on each process.
    const admin = await newSession(browser, "cloud_admin");
    const explain = async (base: string) => {
      await admin.goto(`${base}/service-om/placement`);
      await admin.getByLabel("AZ", { exact: true }).selectOption("az1");
      await admin.getByLabel("Flavor").selectOption("s6.large.2");
      await admin.getByRole("button", { name: "Explain", exact: true }).click();
      await expect(admin.getByText(/It would land on /)).toBeVisible();
      return admin.locator("[data-testid^=placement-cmp-]").allInnerTexts();
    };
    expect(await explain(second)).toEqual(await explain(first));
  } finally {
    other?.kill("SIGTERM");
    other = null;
    await pg.end();
  }
});
