// A restart in the middle of a drill: a process drilling disks (each drill one transaction over
// the disk, its RAID group, pools, volumes, ECSs and alarms) is killed at seeded random moments;
// afterwards every layer agrees with the disks as they are, i.e. re-assessing the array changes
// nothing. On either engine (SQLite rolls the dead writer's transaction back on the next open,
// PostgreSQL when its connection drops).
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/cloud/shared/random";
import { db } from "@/lib/server/db";
import { applyArrayState } from "@/lib/server/services/drills";
import { createVolumes } from "@/lib/server/services/volumes";
import { cloudNow } from "@/lib/server/services/clock";
import { actor, newRunner, resetCompute, runUntilIdle } from "./helpers";

const SSD_GROUP = "dd-a-ssd";

async function killMidDrill(disks: [string, string], delayMs: number): Promise<void> {
  const child = spawn("npx", ["tsx", "--conditions=react-server", "tests/db/children/drill-loop.ts", ...disks], { env: { ...process.env, TASK_RUNNER: "off" }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let err = "";
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", () => resolve());
    child.on("exit", (code) => reject(new Error(`the drilling process ended (${code}): ${err}`)));
  });
  await new Promise((r) => setTimeout(r, delayMs));
  const exited = new Promise((r) => child.on("exit", r));
  // npx starts tsx, which starts node: kill the whole group, as a crash would.
  process.kill(-child.pid!, "SIGKILL");
  await exited;
}

describe("a restart in the middle of a drill", () => {
  let disks: [string, string];
  beforeAll(async () => {
    await resetCompute();
    const [a, b] = await db.arrayDisk.findMany({ where: { raidGroupId: SSD_GROUP }, orderBy: { slot: "asc" }, take: 2, select: { id: true } });
    disks = [a!.id, b!.id];
    // Volumes on the pool the disks carry: the drills put them in error and back.
    const tenant = await actor("tenant");
    await createVolumes(tenant, { name: "restart-vol", az: "az1", volumeTypeId: "vt-ultra", sizeGb: 10, count: 3 });
    await runUntilIdle(await newRunner(), await cloudNow());
  });
  afterAll(async () => {
    await db.arrayDisk.updateMany({ data: { health: "normal" } });
    const array = await db.arrayDisk.findUniqueOrThrow({ where: { id: disks[0] }, select: { arrayId: true } });
    await db.$transaction((tx) => applyArrayState(tx, array.arrayId, new Date()));
    await db.alarm.deleteMany();
    await resetCompute();
  });

  it("leaves no layer half-failed, wherever the process died", async () => {
    const { arrayId } = await db.arrayDisk.findUniqueOrThrow({ where: { id: disks[0] }, select: { arrayId: true } });
    const r = seededRandom(1202);
    const seen = new Set<string>();
    // At least four kills, and more (up to twelve) until they have landed at two different points
    // of the cycle: where a kill lands depends on how fast this machine drills, not only on the seed.
    for (let i = 0; i < 12 && (i < 4 || seen.size < 2); i++) {
      await killMidDrill(disks, r.int(0, 400));
      const health = await db.arrayDisk.findMany({ where: { id: { in: disks } }, select: { health: true }, orderBy: { id: "asc" } });
      seen.add(health.map((h) => h.health).join("+"));
      const now = await cloudNow();
      const changes = await db.$transaction((tx) => applyArrayState(tx, arrayId, now));
      expect(changes).toEqual({ poolsOffline: [], poolsBack: [], volumesInError: 0, volumesBack: 0, alarmsRaised: 0, alarmsCleared: 0 });
    }
    // The kills landed at different points of the cycle.
    expect(seen.size).toBeGreaterThan(1);
  }, 120_000);
});
