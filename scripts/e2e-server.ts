// The server Playwright starts: a fresh embedded database with the demo data and the e2e fixtures, then the production build.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { openPglite } from "@/lib/server/db";
import { seedDemo } from "@/prisma/seed";
import { seedE2eFixtures } from "@/tests/e2e/fixtures/seed";

const dataDir = process.env.PGLITE_DATA_DIR ?? path.join(".data", "e2e", "pglite");
fs.rmSync(dataDir, { recursive: true, force: true });
fs.rmSync(`${dataDir}.lock`, { force: true });

const database = await openPglite(dataDir);
await seedDemo(database.prisma);
await seedE2eFixtures(database.prisma);
await database.close();

const server = spawn(process.execPath, ["scripts/serve.mjs"], { stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
