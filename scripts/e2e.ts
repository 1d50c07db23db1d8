// npm run test:e2e — build the production bundle and run the Playwright suite in Debian's Chromium.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const browser = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!fs.existsSync(browser)) {
  console.error(`e2e: no browser at ${browser}; install Debian's with \`apt-get install -y chromium\` or set CHROMIUM_PATH.`);
  process.exit(1);
}

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" };
if (process.env.E2E_SKIP_BUILD !== "1") {
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const result = spawnSync("npx", ["playwright", "test", ...process.argv.slice(2)], { stdio: "inherit", env });
process.exit(result.status ?? 1);
