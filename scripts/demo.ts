// npm run demo [-- --scale large [--accounts N] [--lines N] [--events N]] — build when needed, migrate and seed the demo data (once), then serve on http://localhost:3000.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = process.cwd();
const SOURCES = ["app", "components", "lib", "proxy.ts", "next.config.mjs", "package.json", "postcss.config.mjs"];

function newestMtime(target: string): number {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) {
    if (entry === "generated" || entry.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const buildId = path.join(root, ".next", "BUILD_ID");
const built = fs.statSync(buildId, { throwIfNoEntry: false })?.mtimeMs ?? 0;
if (built < Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))))) {
  console.log("Building the console (first start or changed sources)…");
  run("npx", ["next", "build"]);
}

// Seed options (--scale large …) go to scripts/db.ts, which checks them.
run("npx", ["tsx", "--conditions=react-server", "scripts/db.ts", "seed", ...process.argv.slice(2)]);

const server = spawn(process.execPath, ["scripts/serve.mjs"], { stdio: "inherit", env: process.env });
// Ctrl-C reaches the server through the terminal; the server closes the database and exits, then so do we.
process.on("SIGINT", () => {});
process.on("SIGTERM", () => server.kill("SIGTERM"));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
