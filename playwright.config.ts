import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Pick a free port once; workers re-evaluate this file but inherit process.env.
process.env.E2E_PORT ??= execFileSync(process.execPath, ["-e", "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"]).toString().trim();
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT}`;
const databaseUrl = process.env.E2E_DATABASE_URL ?? "file:./prisma/e2e.db";

export default defineConfig({
  testDir: "e2e",
  // One server and one database: specs run one after another and never share users' state.
  workers: 1,
  // No retries, in CI either: a journey that passes only on a second try is a defect to fix.
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.PW_JSON_OUTPUT ? [["list"], ["json", { outputFile: process.env.PW_JSON_OUTPUT }]] : [["list"]],
  use: {
    baseURL,
    // No trace by default: recording one (DOM snapshots and screencast frames at every action)
    // cost a third of the suite's CPU, and a clean CI run keeps no files. To debug a failing
    // journey: `npx playwright test <spec> --trace retain-on-failure`.
    trace: "off",
    locale: "en-US",
    launchOptions: {
      // Debian's headless shell (what Playwright itself runs headless; a fraction of the full
      // browser's CPU on two cores), else Debian's Chromium: `playwright install` cannot download.
      executablePath: process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium-headless-shell") ? "/usr/bin/chromium-headless-shell" : "/usr/bin/chromium"),
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 } } }],
  webServer: {
    // `next build` must have run (npm test does it). Fresh seeded database per run.
    command: `node scripts/db-fresh.mjs --quiet && node scripts/serve.mjs -H 127.0.0.1 -p ${process.env.E2E_PORT}`,
    url: `${baseURL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: {
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: "e2e-only-secret-not-for-production",
      AUTH_TRUST_HOST: "true",
      // Builds take 6 simulated seconds; at 4x the journeys stay quick but every state is visible.
      CLOUD_CLOCK_SPEED: "4",
      TASK_RUNNER_INTERVAL_MS: "100",
    },
  },
});
