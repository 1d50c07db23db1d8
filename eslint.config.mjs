import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".data/**", "lib/generated/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
  {
    // The server boundary: Prisma and the environment are reached only through lib/server.
    files: ["app/**", "components/**", "lib/**"],
    ignores: ["lib/server/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/generated/prisma/*", "@prisma/*", "pg", "@electric-sql/*"], message: "Database access lives in lib/server." },
          ],
        },
      ],
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration in lib/server/env.ts." }],
    },
  },
  {
    // Pure rules stay pure: no server code, no database.
    files: ["lib/policy/**", "lib/schemas/**", "lib/permissions.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/lib/server/*", "@/lib/generated/*", "next/*"], message: "lib/policy and lib/schemas are pure." }] },
      ],
    },
  },
]);
