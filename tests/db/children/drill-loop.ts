// A process that drills one array's disks forever (fail one, fail a second, repair both), for
// tests/db/drill-restart.test.ts to kill at a random moment: a restart in the middle of a drill.
import { db } from "../../../lib/server/db";
import { loadActor } from "../../../lib/server/auth/actor";
import { drillDisk } from "../../../lib/server/services/drills";

const [first, second] = process.argv.slice(2) as [string, string];
const om = await loadActor(db, "user-om_admin");
if (!om) throw new Error("no om_admin");
let rounds = 0;
for (;;) {
  for (const [id, op] of [[first, "fail"], [second, "fail"], [first, "repair"], [second, "repair"]] as const) {
    // A disk left failed by the process killed before this one is repaired by its next step.
    await drillDisk(om, id, op).catch((e: { code?: string }) => {
      if (e.code !== "INVALID_STATE") throw e;
    });
    // The parent kills this process once it has seen drills go through.
    if (++rounds === 2) process.stdout.write("drilling\n");
  }
}
