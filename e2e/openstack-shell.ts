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

/**
 * The `openstack` command's own code (`openstackclient.shell.main`) run for one command after
 * another in one Python process (`scripts/openstack-shell.py`): each command gets its argv and
 * OS_* environment, and a new shell that signs in anew, as a new process would; what is saved is
 * importing the client libraries again for every command. Commands run one at a time, in order.
 */
export class OpenStackShell {
  private child: ChildProcessWithoutNullStreams | null = null;
  private waiting: ((a: Answer) => void)[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  private start(): ChildProcessWithoutNullStreams {
    const child = spawn(clientPython(), [join(SCRIPTS, "openstack-shell.py")], { env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/tmp" } as unknown as NodeJS.ProcessEnv, stdio: "pipe" });
    createInterface({ input: child.stdout }).on("line", (line) => this.waiting.shift()?.(JSON.parse(line) as Answer));
    let diagnostics = "";
    child.stderr.on("data", (d: Buffer) => (diagnostics += d.toString()));
    child.on("exit", (code) => {
      if (this.child === child) this.child = null;
      // A worker that died answers whoever still waits, with what it said.
      for (const resolve of this.waiting.splice(0)) resolve({ code: code ?? 1, stdout: "", stderr: `the client's process ended: ${diagnostics}` });
    });
    return child;
  }

  /** Run `openstack <args>`; resolves with its standard output, rejects with its error output when it exits non-zero. */
  run(args: string[], env: OsEnv, timeoutMs = 60_000): Promise<string> {
    const next = this.queue.then(() => this.send(args, env, timeoutMs));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private send(args: string[], env: OsEnv, timeoutMs: number): Promise<string> {
    const child = (this.child ??= this.start());
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`openstack ${args.join(" ")}: no answer in ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.push((a) => {
        clearTimeout(timer);
        if (a.code === 0) resolve(a.stdout);
        else reject(new Error(`openstack ${args.join(" ")} exited ${a.code}\n${a.stderr}`));
      });
      child.stdin.write(`${JSON.stringify({ args, env })}\n`);
    });
  }

  close(): void {
    this.child?.stdin.end();
    this.child = null;
  }
}
