import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

// The real OpenStack clients, as Debian installs them (python3-openstackclient, openstacksdk).

export type OsEnv = Record<string, string>;

const SCRIPTS = join(dirname(fileURLToPath(import.meta.url)), "scripts");

/** The Python that runs Debian's openstack client: the interpreter its own script names. */
export function clientPython(): string {
  const path = execFileSync("sh", ["-c", "command -v openstack"], { encoding: "utf8" }).trim();
  const shebang = readFileSync(path, "utf8").split("\n")[0] ?? "";
  return shebang.replace(/^#!\s*/, "").trim().split(/\s+/)[0] || "python3";
}

type Answer = { code: number; stdout: string; stderr: string };
/** One Python process and the commands waiting for its answers, in the order they were sent. */
type Worker = { child: ChildProcessWithoutNullStreams; waiting: ((a: Answer) => void)[] };

/**
 * The `openstack` command's own code (`openstackclient.shell.main`), run by `scripts/openstack-shell.py`
 * in a child forked for each command from one Python process that imported the client once: each
 * command gets its argv and OS_* environment in a process of its own, as a new `openstack` would;
 * what is saved is importing the client libraries for every command. Commands run one at a time.
 */
export class OpenStackShell {
  private worker: Worker | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  private start(): Worker {
    const child = spawn(clientPython(), [join(SCRIPTS, "openstack-shell.py")], { env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/tmp" } as unknown as NodeJS.ProcessEnv, stdio: "pipe" });
    const worker: Worker = { child, waiting: [] };
    createInterface({ input: child.stdout }).on("line", (line) => worker.waiting.shift()?.(JSON.parse(line) as Answer));
    let diagnostics = "";
    child.stderr.on("data", (d: Buffer) => (diagnostics += d.toString()));
    // A write to a process that has just died: its exit answers the waiting command.
    child.stdin.on("error", () => undefined);
    child.on("exit", (code) => {
      if (this.worker === worker) this.worker = null;
      for (const resolve of worker.waiting.splice(0)) resolve({ code: code ?? 1, stdout: "", stderr: `the client's process ended: ${diagnostics}` });
    });
    return worker;
  }

  /** Run `openstack <args>`; resolves with its standard output, rejects with its error output when it exits non-zero. */
  run(args: string[], env: OsEnv, timeoutMs = 60_000): Promise<string> {
    const next = this.queue.then(() => this.send(args, env, timeoutMs));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private send(args: string[], env: OsEnv, timeoutMs: number): Promise<string> {
    const worker = (this.worker ??= this.start());
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        // The next command starts a new process rather than waiting behind this one.
        if (this.worker === worker) this.worker = null;
        worker.child.kill("SIGKILL");
        reject(new Error(`openstack ${args.join(" ")}: no answer in ${timeoutMs} ms`));
      }, timeoutMs);
      worker.waiting.push((a) => {
        clearTimeout(timer);
        if (a.code === 0) resolve(a.stdout);
        else reject(new Error(`openstack ${args.join(" ")} exited ${a.code}\n${a.stderr}`));
      });
      worker.child.stdin.write(`${JSON.stringify({ args, env })}\n`);
    });
  }

  close(): void {
    this.worker?.child.stdin.end();
    this.worker = null;
  }
}
