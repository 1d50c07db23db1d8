// PostgreSQL restarted under load: while it is away the console says so (503, a page in Japanese and English, JSON for
// the API and health checks) rather than failing page by page; once it is back the console recovers by itself, without
// a restart of its own, and the audit chain written before, during and after is whole.
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ensureAppRole } from "@/lib/server/app-role";
import { openPostgres } from "@/lib/server/db";
import { seedDemo } from "@/prisma/seed";
import { eventually, onServer, SHARED_SECRETS, signInAs, startInstance, type Instance } from "./support/cluster";
import { startPrivatePostgres, type PrivatePostgres } from "./support/private-postgres";

let server: PrivatePostgres;
let instance: Instance;
let ownerUrl: string;

beforeAll(async () => {
  server = await startPrivatePostgres();
  await onServer(server.url, "CREATE DATABASE ocn");
  ownerUrl = server.url.replace(/\/postgres$/, "/ocn");
  // The seed seals the demo's authenticator secrets with the key the console will use.
  Object.assign(process.env, SHARED_SECRETS);
  const owner = await openPostgres(ownerUrl, { migrate: true });
  try {
    await ensureAppRole(owner.sql, "ocn_app");
    await seedDemo(owner.prisma);
  } finally {
    await owner.close();
  }
  instance = await startInstance({ appUrl: ownerUrl.replace("postgres@", "ocn_app@") }, { name: "console", env: { SWEEP_INTERVAL_SECONDS: "1" } });
});

afterAll(async () => {
  await instance?.stop();
  server?.destroy();
});

interface Sample {
  /** When the request was sent and when its answer had arrived. */
  at: number;
  end: number;
  path: string;
  status: number | "error";
  body: string;
}

it("a restart of PostgreSQL under load: 503 with a clear message while it is away, then back to normal by itself", async () => {
  const cookie = await signInAs(instance.url, "admin@minato-shoji.example.jp");
  // The API health check, the dashboard, the accounts list and the audit explorer.
  const paths = ["/api/health", "/", "/accounts", "/audit"];
  // Each page once first: the first render of a page in a fresh process is slow, and is not what is measured here.
  for (const path of paths) expect((await fetch(`${instance.url}${path}`, { headers: { cookie }, redirect: "manual" })).status).toBe(200);
  const samples: Sample[] = [];
  let running = true;
  const worker = async (w: number) => {
    for (let i = w; running; i++) {
      const path = paths[i % paths.length]!;
      const at = Date.now();
      try {
        const response = await fetch(`${instance.url}${path}`, { headers: { cookie }, redirect: "manual", signal: AbortSignal.timeout(20_000) });
        const body = (await response.text()).slice(0, 4000);
        samples.push({ at, end: Date.now(), path, status: response.status, body });
      } catch (e) {
        samples.push({ at, end: Date.now(), path, status: "error", body: String(e) });
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const workers = [0, 1, 2, 3].map(worker);

  await new Promise((r) => setTimeout(r, 6_000));
  const stopping = Date.now();
  server.stop();
  const stopped = Date.now();
  await new Promise((r) => setTimeout(r, 5_000));
  const starting = Date.now();
  server.start();
  await eventually(
    async () => {
      const since = samples.filter((s) => s.at > starting).sort((x, y) => x.end - y.end);
      const lastEight = since.slice(-8);
      return paths.every((p) => since.some((s) => s.path === p && s.status === 200)) && lastEight.length === 8 && lastEight.every((s) => s.status === 200)
        ? true
        : undefined;
    },
    60_000,
    "every page to answer 200 again",
  );
  // When the last of the pages first answered 200 again.
  const recovered = Math.max(...paths.map((p) => Math.min(...samples.filter((s) => s.path === p && s.at > starting && s.status === 200).map((s) => s.end))));
  running = false;
  await Promise.all(workers);

  const before = samples.filter((s) => s.end < stopping);
  expect(before.length).toBeGreaterThanOrEqual(4);
  expect(before.filter((s) => s.status !== 200).map((s) => `${s.path} ${s.status}`)).toEqual([]);
  // Requests the stop cut short may fail (their statements were terminated); none may hang.
  const cut = samples.filter((s) => s.at < stopping && s.end >= stopping);
  expect(cut.length).toBeLessThanOrEqual(4);

  // From a second after the server went away until it was started again: only clear 503s.
  const away = samples.filter((s) => s.at > stopped + 1_000 && s.at < starting);
  expect(away.length).toBeGreaterThan(10);
  for (const s of away) {
    expect(s.status, `${s.path} while the database was away: ${s.body.slice(0, 200)}`).toBe(503);
    if (s.path === "/api/health") expect(JSON.parse(s.body)).toMatchObject({ status: "unavailable", database: "unreachable" });
    else expect(s.body).toContain("データベースに接続できない");
  }
  // Never a hang: every answer came (a refused connection would show as "error").
  expect(samples.filter((s) => s.status === "error")).toEqual([]);
  // The same process recovered by itself, within seconds of the server's return.
  expect(instance.running()).toBe(true);
  expect(recovered - starting).toBeLessThan(20_000);
  expect(instance.output()).toContain("database unreachable");
  expect(instance.output()).toContain("database reachable again");

  // Writes work again: a sign-in (session, audit event, rollups) through the same process.
  await signInAs(instance.url, "security@minato-shoji.example.jp");
  const verify = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/audit-verify.ts"], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: ownerUrl, VITEST: "" },
  });
  expect(verify.status, verify.stdout + verify.stderr).toBe(0);
});
