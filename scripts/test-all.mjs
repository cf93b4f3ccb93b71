// `npm test`: every check, on both database engines. Installs what the tests need from Debian
// (Chromium, PostgreSQL) when missing, then: type-check, lint, schema check, unit tests, and for
// SQLite and then PostgreSQL: database tests, a production build and the Playwright journeys.
// Ends with one line "Summary: N passed, M failed".
import { execSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";

const started = Date.now();
const totals = { passed: 0, failed: 0 };
const reports = ".test-reports";
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

function step(name, cmd, env = {}) {
  const t = Date.now();
  console.log(`\n=== ${name}\n$ ${cmd}`);
  const r = spawnSync(cmd, { shell: true, stdio: "inherit", env: { ...process.env, ...env } });
  console.log(`--- ${name}: ${r.status === 0 ? "ok" : "FAILED"} (${Math.round((Date.now() - t) / 1000)} s)`);
  if (r.status !== 0) {
    finish(1, name);
  }
}

function count(file, kind) {
  if (!existsSync(file)) return;
  const j = JSON.parse(readFileSync(file, "utf8"));
  if (kind === "vitest") {
    totals.passed += j.numPassedTests;
    totals.failed += j.numFailedTests;
  } else {
    totals.passed += j.stats.expected + j.stats.flaky;
    totals.failed += j.stats.unexpected;
  }
}

function finish(code, failedStep) {
  // Leave the generated client on the default engine, whatever happened.
  spawnSync("npx prisma generate", { shell: true, stdio: "ignore", env: { ...process.env, DATABASE_URL: "file:./prisma/dev.db" } });
  for (const f of readdirSync(reports)) count(`${reports}/${f}`, f.startsWith("e2e") ? "playwright" : "vitest");
  if (failedStep) console.log(`\nFAILED at: ${failedStep}`);
  console.log(`\nTotal time ${Math.round((Date.now() - started) / 1000)} s`);
  console.log(`Summary: ${totals.passed} passed, ${totals.failed + (code && totals.failed === 0 ? 1 : 0)} failed`);
  process.exit(code);
}

const sh = (cmd) => execSync(cmd, { stdio: "inherit" });
const has = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
const asRoot = process.getuid?.() === 0 ? "" : has("sudo") ? "sudo " : null;
let aptUpdated = false;
function aptInstall(pkgs) {
  if (asRoot === null) {
    console.error(`Missing ${pkgs.join(", ")} and no root or sudo to install them. Install them from Debian and run again.`);
    finish(1, "system packages");
  }
  if (!aptUpdated) sh(`${asRoot}apt-get update -qq`);
  aptUpdated = true;
  sh(`${asRoot}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${pkgs.join(" ")}`);
}

// --- what the tests need from the system
// Debian's Chromium headless shell runs the browser journeys (Playwright cannot download browsers here).
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium-headless-shell";
const missing = [];
if (!existsSync(chromium)) missing.push("chromium-headless-shell");
const pgUrl = process.env.PG_TEST_URL;
if (!pgUrl && !existsSync("/usr/lib/postgresql")) missing.push("postgresql");
// OpenSSH's ssh-keygen: the key pair tests compare fingerprints and keys with it.
if (!existsSync("/usr/bin/ssh-keygen")) missing.push("openssh-client");
// Nova Zed's own scheduler classes: the differential test decides every case with them too.
if (spawnSync(process.env.NOVA_PYTHON ?? "/usr/bin/python3", ["-c", "import nova.scheduler.filters"], { stdio: "ignore" }).status !== 0) missing.push("python3-nova");
// Cinder Zed's own volume scheduler classes: the storage differential test decides every case with them too.
if (spawnSync(process.env.NOVA_PYTHON ?? "/usr/bin/python3", ["-c", "import cinder.scheduler.filters.capacity_filter"], { stdio: "ignore" }).status !== 0) missing.push("python3-cinder");
// Neutron Zed's own security group code: the network differential test checks every rule with it too.
if (spawnSync(process.env.NOVA_PYTHON ?? "/usr/bin/python3", ["-c", "import neutron.db.securitygroups_db"], { stdio: "ignore" }).status !== 0) missing.push("python3-neutron");
// The real OpenStack client (python-openstackclient 6 with openstacksdk): the OpenStack API journeys run its commands.
if (spawnSync("/usr/bin/openstack", ["--version"], { stdio: "ignore" }).status !== 0) missing.push("python3-openstackclient", "python3-openstacksdk");
if (missing.length) aptInstall(missing);

function pgAdmin(sql) {
  const r = spawnSync(asRoot === "" ? "runuser" : "sudo", asRoot === "" ? ["-u", "postgres", "--", "psql", "-tAc", sql] : ["-u", "postgres", "psql", "-tAc", sql], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

function startPostgres() {
  if (pgUrl) return pgUrl;
  const version = readdirSync("/usr/lib/postgresql").sort((a, b) => Number(b) - Number(a))[0];
  const clusters = execSync("pg_lsclusters -h", { encoding: "utf8" });
  if (!clusters.includes(`${version} main`)) sh(`${asRoot}pg_createcluster ${version} main`);
  if (!/online/.test(execSync(`pg_lsclusters -h`, { encoding: "utf8" }).split("\n").find((l) => l.startsWith(`${version} main`)) ?? "")) sh(`${asRoot}pg_ctlcluster ${version} main start`);
  const port = execSync("pg_lsclusters -h", { encoding: "utf8" }).split("\n").find((l) => l.startsWith(`${version} main`))?.split(/\s+/)[2] ?? "5432";
  if (pgAdmin("SELECT 1 FROM pg_roles WHERE rolname='hcs_test'") !== "1") pgAdmin("CREATE ROLE hcs_test LOGIN PASSWORD 'hcs_test' CREATEDB");
  // New test databases every run, owned by the test role (which may then reset their schema).
  for (const db of ["hcs_test", "hcs_e2e"]) {
    pgAdmin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    pgAdmin(`CREATE DATABASE ${db} OWNER hcs_test`);
  }
  return `postgresql://hcs_test:hcs_test@127.0.0.1:${port}/hcs_test`;
}

// --- static checks
step("type-check", "npx prisma generate && npx tsc --noEmit", { DATABASE_URL: "file:./prisma/dev.db" });
step("lint", "npx eslint --max-warnings=0 .");
step("schema: PostgreSQL schema generated from the SQLite one", "node scripts/gen-postgres-schema.mjs --check");
step("unit tests", `npx vitest run --project unit --reporter=default --reporter=json --outputFile.json=${reports}/unit.json`);

// --- each engine: database tests, build, browser journeys
function engine(name, dbUrl, e2eUrl) {
  const env = { DATABASE_URL: dbUrl, TEST_DATABASE_URL: dbUrl, E2E_DATABASE_URL: e2eUrl };
  step(`${name}: Prisma client`, "npx prisma generate", { DATABASE_URL: dbUrl });
  step(`${name}: database tests`, `npx vitest run --project db --reporter=default --reporter=json --outputFile.json=${reports}/db-${name}.json`, env);
  step(`${name}: production build`, "npx next build", env);
  step(`${name}: e2e (Playwright, Chromium)`, "npx playwright test", { ...env, PW_JSON_OUTPUT: `${reports}/e2e-${name}.json` });
}

engine("sqlite", "file:./prisma/test.db", "file:./prisma/e2e.db");
const pg = startPostgres();
engine("postgresql", pg, pg.replace(/\/hcs_test$/, "/hcs_e2e"));
finish(0);
