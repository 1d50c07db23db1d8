// npm test — the whole suite: typecheck, lint, unit, database (PGlite, and PostgreSQL when TEST_DATABASE_URL is set), e2e.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

interface Step {
  name: string;
  command: string[];
  env?: Record<string, string>;
  report?: { file: string; kind: "vitest" | "playwright" };
}

const results = path.join("test-results");
fs.mkdirSync(results, { recursive: true });
const vitest = (project: string, file: string): string[] => [
  "npx", "vitest", "run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile=${path.join(results, file)}`,
];

const steps: Step[] = [
  { name: "typecheck", command: ["npx", "tsc", "--noEmit"] },
  { name: "lint", command: ["npx", "eslint", ".", "--max-warnings=0"] },
  { name: "unit", command: vitest("unit", "unit.json"), report: { file: "unit.json", kind: "vitest" } },
  { name: "database (PGlite)", command: vitest("db", "db-pglite.json"), env: { TEST_DATABASE_URL: "" }, report: { file: "db-pglite.json", kind: "vitest" } },
];
if (process.env.TEST_DATABASE_URL) {
  steps.push({ name: "database (PostgreSQL)", command: vitest("db", "db-postgres.json"), report: { file: "db-postgres.json", kind: "vitest" } });
}
if (process.env.SKIP_E2E !== "1") {
  steps.push({ name: "e2e (Chromium)", command: ["npx", "tsx", "scripts/e2e.ts"], report: { file: "e2e.json", kind: "playwright" } });
}
if (process.env.TEST_DATABASE_URL) {
  // Real console processes on PostgreSQL: two instances, faults, bad input (builds first when the e2e step did not).
  steps.push({ name: "cluster (PostgreSQL)", command: vitest("cluster", "cluster.json"), report: { file: "cluster.json", kind: "vitest" } });
}

function count(report: NonNullable<Step["report"]>): { passed: number; failed: number; skipped: number } {
  const file = path.join(results, report.file);
  if (!fs.existsSync(file)) return { passed: 0, failed: 0, skipped: 0 };
  const data = JSON.parse(fs.readFileSync(file, "utf8"));
  if (report.kind === "vitest") {
    return { passed: data.numPassedTests ?? 0, failed: data.numFailedTests ?? 0, skipped: (data.numPendingTests ?? 0) + (data.numTodoTests ?? 0) };
  }
  const s = data.stats ?? {};
  return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: s.unexpected ?? 0, skipped: s.skipped ?? 0 };
}

const summary: { name: string; ok: boolean; seconds: number; passed?: number; failed?: number }[] = [];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const step of steps) {
  console.log(`\n━━ ${step.name} ━━`);
  if (step.report) fs.rmSync(path.join(results, step.report.file), { force: true });
  const started = Date.now();
  const [cmd, ...args] = step.command as [string, ...string[]];
  const run = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...step.env } });
  const ok = run.status === 0;
  const seconds = (Date.now() - started) / 1000;
  if (step.report) {
    const c = count(step.report);
    // A runner that failed without reporting a failed test (crash, build error) still counts as a failure.
    if (!ok && c.failed === 0) c.failed = 1;
    passed += c.passed;
    failed += c.failed;
    skipped += c.skipped;
    summary.push({ name: step.name, ok, seconds, passed: c.passed, failed: c.failed });
  } else {
    if (ok) passed += 1;
    else failed += 1;
    summary.push({ name: step.name, ok, seconds });
  }
}

console.log("\n━━ summary ━━");
for (const s of summary) {
  const counts = s.passed !== undefined ? ` ${s.passed} passed, ${s.failed} failed` : "";
  console.log(`${s.ok ? "ok  " : "FAIL"}  ${s.name.padEnd(22)} ${s.seconds.toFixed(1).padStart(6)} s${counts}`);
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(summary.every((s) => s.ok) ? 0 : 1);
