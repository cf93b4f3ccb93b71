import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

// The architecture's import rules (README, "Architecture"), enforced so that a wrong import
// fails CI. Type-only imports of DTOs are allowed where values are not.
const pattern = (group, message) => ({ group, message });
const NO_FRAMEWORKS = [
  pattern(["next", "next/*", "react", "react-dom", "react/*"], "lib/cloud is the pure core: no framework imports."),
  pattern(["@prisma/*", "@/lib/generated/*", "**/generated/prisma/*"], "lib/cloud is the pure core: no database."),
  pattern(["node:*", "fs", "path", "crypto", "child_process", "os"], "lib/cloud is the pure core: no Node built-ins."),
  pattern(["@/lib/server/*", "@/app/*", "@/components/*", "@/lib/client/*", "@/lib/schemas/*"], "lib/cloud imports only itself."),
];

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", "lib/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  js.configs.recommended,
  { files: ["**/*.{js,mjs}"], languageOptions: { globals: { ...globals.node } } },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    files: ["lib/cloud/**/*.ts"],
    ignores: ["lib/cloud/**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: NO_FRAMEWORKS }],
      "no-restricted-globals": ["error", { name: "process", message: "lib/cloud never reads process.env: take configuration as input." }],
      "no-restricted-properties": [
        "error",
        { object: "Date", property: "now", message: "lib/cloud takes a Clock: never the wall clock." },
        { object: "Math", property: "random", message: "lib/cloud takes a seeded Random." },
      ],
      "no-restricted-syntax": ["error", { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "lib/cloud takes a Clock: no `new Date()`." }],
    },
  },
  {
    // Raw SQL goes through repositories/sql.ts, which runs it natively on SQLite and reports errors
    // as model queries do; a bare $queryRaw would be slower and report P2010 for a unique key.
    files: ["lib/server/**/*.ts"],
    ignores: ["lib/server/repositories/sql.ts", "lib/server/db.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { property: "$queryRaw", message: "Use sqlQuery from repositories/sql.ts." },
        { property: "$executeRaw", message: "Use sqlRun from repositories/sql.ts." },
        { property: "$queryRawUnsafe", message: "Use sqlQuery from repositories/sql.ts." },
        { property: "$executeRawUnsafe", message: "Use sqlRun from repositories/sql.ts." },
      ],
    },
  },
  {
    files: ["lib/server/repositories/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [pattern(["**/services/*", "**/actions/*", "@/app/*", "@/components/*"], "Repositories sit below services and actions.")] }],
    },
  },
  {
    files: ["lib/server/services/**/*.ts", "lib/server/queries/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "next/cache", message: "Services do not revalidate: actions do." }, { name: "next/navigation", message: "Services do not navigate." }], patterns: [pattern(["**/actions/*", "@/app/*", "@/components/*"], "Services never import actions, pages or components.")] }],
    },
  },
  {
    files: ["lib/server/actions/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [pattern(["@prisma/*", "@/lib/generated/*", "**/generated/prisma/*", "**/repositories/*", "**/db"], "Actions call services; they never touch the database directly.")] }],
    },
  },
  {
    files: ["components/**/*.{ts,tsx}", "lib/client/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^@/lib/server/(?!actions/|queries/)", message: "Components use actions and DTO types only, never other server code." },
            { regex: "^@/lib/server/queries/", allowTypeImports: true, message: "Components import only DTO types from queries." },
            { group: ["@prisma/*", "@/lib/generated/*"], message: "Components never touch the database." },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [pattern(["@prisma/*", "@/lib/generated/*", "@/lib/server/repositories/*", "@/lib/server/db"], "Pages and routes use queries, services and actions, never the database directly.")] }],
    },
  },
);
