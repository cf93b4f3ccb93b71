// The status Nova's API reports, against Nova Zed's own code (python3-nova): every vm_state and
// task_state Nova knows, paired each with each, through nova.api.openstack.common.status_from_state
// and through lib/cloud/openstack/compute.ts; every pair must agree.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { novaStatus } from "@/lib/cloud/openstack/compute";

const PYTHON = process.env.NOVA_PYTHON ?? "/usr/bin/python3";

function novaStates(): { vm: string[]; task: string[] } {
  const run = spawnSync(PYTHON, ["-c", "import json; from nova.compute import vm_states, task_states; f=lambda m: sorted(v for k, v in vars(m).items() if k.isupper() and isinstance(v, str)); print(json.dumps({'vm': f(vm_states), 'task': f(task_states)}))"], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`python3-nova is needed: ${run.stderr}`);
  return JSON.parse(run.stdout) as { vm: string[]; task: string[] };
}

describe("the server status Nova's API reports", () => {
  it("agrees with Nova's status_from_state on every vm_state and task_state pair", () => {
    const { vm, task } = novaStates();
    expect(vm).toEqual(expect.arrayContaining(["active", "building", "stopped", "resized", "error"]));
    const pairs = vm.flatMap((v) => [[v, null] as const, ...task.map((t) => [v, t] as const)]);
    const run = spawnSync(PYTHON, [path.join(import.meta.dirname, "nova_api_harness.py")], { input: JSON.stringify(pairs), encoding: "utf8", maxBuffer: 1 << 24 });
    if (run.status !== 0) throw new Error(`nova harness failed: ${run.stderr}`);
    const theirs = JSON.parse(run.stdout) as string[];
    const disagreements = pairs.flatMap(([v, t], i) => (novaStatus(v, t) === theirs[i] ? [] : [`${v}/${t}: ours ${novaStatus(v, t)}, Nova ${theirs[i]}`]));
    expect(pairs.length).toBeGreaterThan(300);
    expect(disagreements.slice(0, 10)).toEqual([]);
    // Importing Nova takes seconds on a busy machine.
  }, 60_000);
});
