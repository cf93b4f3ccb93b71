import path from "node:path";
import { defineConfig } from "vitest/config";

// Two projects: `unit` (the pure core and other pure code, no database) and `db` (services against
// a real, freshly migrated database: SQLite by default, PostgreSQL when TEST_DATABASE_URL says so).
const alias = {
  "@": path.resolve(import.meta.dirname),
  // `server-only` throws outside React Server Components; these tests are server code by nature.
  "server-only": path.resolve(import.meta.dirname, "tests/server-only-stub.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["lib/**/*.test.ts", "tests/unit/**/*.test.ts", "tests/differential/**/*.test.ts"], environment: "node" },
      },
      {
        resolve: { alias },
        test: {
          name: "db",
          include: ["tests/db/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/db/global-setup.ts"],
          env: { DATABASE_URL: process.env.TEST_DATABASE_URL ?? "file:./prisma/test.db", TASK_RUNNER: "off" },
          fileParallelism: false,
          // next-auth imports "next/server" without an extension; let Vite resolve it.
          server: { deps: { inline: ["next-auth"] } },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
