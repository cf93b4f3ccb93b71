// `npm start`: everything needed to serve the console on this machine, then serve it.
// 1. .env with a random AUTH_SECRET (first run only)  2. Prisma client for the configured engine
// 3. database created, migrated and seeded (idempotent)  4. production build when missing or stale
// 5. serve (scripts/serve.mjs: Next.js with the client address taken from the socket; the task
//    runner starts with the server).
import { execSync, spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const run = (cmd, env = process.env) => execSync(cmd, { stdio: "inherit", env });

run("node scripts/setup-env.mjs");
process.loadEnvFile(".env");
const url = process.env.DATABASE_URL ?? "file:./prisma/dev.db";
const provider = /^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite";
console.log(`Database: ${provider === "sqlite" ? url : "PostgreSQL"}`);
run("npx prisma generate");
run("node scripts/db-prepare.mjs");

// Rebuild when there is no build, the engine changed, or a source file is newer than the build.
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}
const marker = ".next/hcs-build.json";
const built = existsSync(marker) ? JSON.parse(readFileSync(marker, "utf8")) : null;
const sources = Math.max(...["app", "components", "lib", "messages"].map((d) => newestMtime(d)));
if (!built || built.provider !== provider || built.at < sources || process.argv.includes("--build")) {
  run("npx next build");
  writeFileSync(marker, JSON.stringify({ provider, at: Date.now() }));
}

const port = process.env.PORT ?? "3000";
console.log(`\nHCS Console: http://localhost:${port}  (demo users and passwords: README.md)\n`);
const child = spawn(process.execPath, ["scripts/serve.mjs", "-p", port], { stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
