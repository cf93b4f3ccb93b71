// The benchmarks' HTTP side: a production server on the bench database (build it first with
// `npx next build`), signed-in sessions, and page timings as a browser would load them.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { performance } from "node:perf_hooks";

export interface Server {
  url: string;
  tenant: string;
  /** A signed-in session cookie per user, made on first use. */
  as: (username: string) => Promise<string>;
  stop: () => void;
}

/** A production server on the bench database (task runner off), and signed-in cookies for the tenant and the cloud admin. */
export async function startServer(): Promise<Server> {
  const sessions = new Map<string, Promise<string>>();
  const on = (url: string) => (username: string) => sessions.get(username) ?? (sessions.set(username, signIn(url, username)).get(username) as Promise<string>);
  // BENCH_URL: a console already running on the bench database (started by hand, for a profiler).
  const given = process.env.BENCH_URL;
  if (given) return { url: given, tenant: await on(given)("tenant"), as: on(given), stop: () => {} };
  if (!existsSync(".next/BUILD_ID")) throw new Error("no production build: run `npx next build` first");
  const port = 3900 + Math.floor(Math.random() * 90);
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["scripts/serve.mjs", "-H", "127.0.0.1", "-p", String(port)], {
    env: { ...process.env, NODE_ENV: "production", AUTH_SECRET: "bench-only-secret", AUTH_TRUST_HOST: "true" },
    stdio: "ignore",
  });
  // Stopped with the bench, even when it fails.
  process.on("exit", () => child.kill("SIGTERM"));
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 240) throw new Error("the server did not start");
    await new Promise((r) => setTimeout(r, 500));
  }
  return { url, tenant: await on(url)("tenant"), as: on(url), stop: () => child.kill("SIGTERM") };
}

/** Auth.js's credentials sign-in, as the login form posts it; returns the session cookie. */
async function signIn(url: string, username: string): Promise<string> {
  const csrf = await fetch(`${url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  // As a browser keeps cookies: a later Set-Cookie of the same name replaces an earlier one.
  const cookies = new Map(csrf.headers.getSetCookie().map((c) => (c.split(";")[0] as string).split("=") as [string, string]));
  const jar = [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: jar, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, username, password: process.env.BENCH_PASSWORD ?? "Hcs@console1" }),
  });
  const session = res.headers.getSetCookie().find((c) => c.includes("session-token"));
  if (!session) throw new Error(`sign-in of ${username} failed (${res.status} ${res.headers.get("location")})`);
  return session.split(";")[0] as string;
}

/** Pages through the server, each as the user who works there: p50/p75 of the time to first byte and to the whole page (20 loads after a warm-up). */
export async function timePages(s: Server, pages: readonly (readonly [string, string])[]): Promise<void> {
  const pct = (xs: number[], p: number) => (xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] as number).toFixed(0);
  for (const [path, user] of pages) {
    const cookie = await s.as(user);
    const ttfb: number[] = [];
    const total: number[] = [];
    let status = 0;
    for (let i = 0; i < 21; i++) {
      const t = performance.now();
      const res = await fetch(`${s.url}${path}`, { headers: { cookie }, redirect: "manual" });
      const first = performance.now() - t;
      await res.arrayBuffer();
      status = res.status;
      // The first load compiles and warms the route: not counted.
      if (i === 0) continue;
      ttfb.push(first);
      total.push(performance.now() - t);
    }
    console.log(`${`GET ${path} (${user})`.padEnd(44)} ${status}  first byte p50 ${pct(ttfb, 0.5)} ms p75 ${pct(ttfb, 0.75)} ms   whole page p50 ${pct(total, 0.5)} ms p75 ${pct(total, 0.75)} ms`);
  }
}
