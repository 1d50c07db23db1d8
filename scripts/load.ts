// npm run load — a realistic mix against production console processes on PostgreSQL, over the loopback only, bounded in
// time and in requests: sign-ins through the forms (both steps), the dashboard, the accounts list, the audit explorer
// and the ingestion API, all at once. Prints throughput, p50/p95/p99 and errors per endpoint.
//
//   npm run load                                   # the large demo in database ocn_load (seeded on first use), one instance
//   npm run load -- --instances 2 --duration 60    # two instances behind the same database, a minute
//   npm run load -- --fresh --events 10000000      # drop and seed again, with 10M sign-in events
//
// Options: --pg URL (a superuser's URL; default TEST_DATABASE_URL or postgresql://postgres@127.0.0.1:5432/postgres),
// --database NAME (ocn_load), --fresh, --instances N (1), --duration S (30), --connections N per endpoint (2),
// --max-requests N per endpoint (100000), --accounts/--lines/--events (the large seed's sizes), --json,
// --only sign-in,dashboard,accounts,audit,ingestion (some endpoints alone: what one costs without the others),
// --rate-scale F (the busy-Monday mix × F; see MONDAY_RATES), --closed (instead of a schedule, --connections per
// endpoint each sending as soon as it is answered: the most the console serves, not how it answers its users),
// --off-hours (keep the seeded business hours: at night every sign-in is then an off-hours alert).
import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { totpCode } from "@/lib/policy/totp";
import { demoTotpSecret } from "@/prisma/demo-totp";
import { buildIfMissing, buildIsStale, freePort, withDatabase } from "./lib/bench-server";
import { percentile } from "./lib/bench-stats";
import { fetchSignInForm, signInThroughForms } from "./lib/http-forms";
import { callAction } from "./lib/server-action";

const { values: args } = parseArgs({
  options: {
    pg: { type: "string" },
    database: { type: "string", default: "ocn_load" },
    fresh: { type: "boolean", default: false },
    instances: { type: "string", default: "1" },
    duration: { type: "string", default: "30" },
    connections: { type: "string", default: "2" },
    "max-requests": { type: "string", default: "100000" },
    accounts: { type: "string" },
    lines: { type: "string" },
    events: { type: "string" },
    json: { type: "boolean", default: false },
    only: { type: "string" },
    closed: { type: "boolean", default: false },
    "rate-scale": { type: "string", default: "1" },
    "off-hours": { type: "boolean", default: false },
  },
});
const whole = (name: string, text: string | undefined, min: number, max: number): number | undefined => {
  if (text === undefined) return undefined;
  const n = Number(text.replace(/_/g, ""));
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`--${name} takes a whole number from ${min} to ${max}, not ${text}`);
    process.exit(2);
  }
  return n;
};
const instancesWanted = whole("instances", args.instances, 1, 4)!;
const durationSeconds = whole("duration", args.duration, 5, 600)!;
const connections = whole("connections", args.connections, 1, 32)!;
const maxRequests = whole("max-requests", args["max-requests"], 10, 1_000_000)!;
const sizes = { accounts: whole("accounts", args.accounts, 1_000, 500_000), lines: whole("lines", args.lines, 1_000, 500_000), events: whole("events", args.events, 0, 50_000_000) };
if (!/^[a-z_][a-z0-9_]{0,62}$/.test(args.database!)) {
  console.error(`--database takes a plain database name, not ${args.database}`);
  process.exit(2);
}
const ENDPOINTS = ["sign-in", "dashboard", "accounts", "audit", "ingestion"] as const;
const only = args.only?.split(",").map((e) => e.trim());
const unknown = only?.filter((e) => !(ENDPOINTS as readonly string[]).includes(e));
if (unknown?.length) {
  console.error(`--only takes some of ${ENDPOINTS.join(", ")} (comma-separated), not ${unknown.join(", ")}`);
  process.exit(2);
}
const rateScale = Number(args["rate-scale"]);
if (!(rateScale > 0 && rateScale <= 100)) {
  console.error(`--rate-scale takes a number above 0 and at most 100, not ${args["rate-scale"]}`);
  process.exit(2);
}
/**
 * The busy-Monday mix of a company of 50,000 OCN IDs, per second: the console's users are its admins, security and HR
 * staff and members opening My Page (about a thousand sign-ins in the first half hour, doubled), their lists and
 * dashboards, and the sign-in events of the company's other OCN services arriving through the ingestion API (about
 * 20 a second on a normal morning; 500 a second here, as during a password-spraying attack).
 */
const MONDAY_RATES: Record<(typeof ENDPOINTS)[number], number> = { "sign-in": 1, dashboard: 0.5, accounts: 0.5, audit: 0.5, ingestion: 5 };
const drives = (endpoint: (typeof ENDPOINTS)[number]) => !only || only.includes(endpoint);
const serverUrl = args.pg ?? process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const log = (line: string) => console.error(`load: ${line}`);

// The servers and this process seal and open the same authenticator secrets and session cookies.
const SECRETS = {
  NEXTAUTH_SECRET: "load-test-session-secret-0123456789abcdef0123",
  TOTP_ENCRYPTION_KEY: "5d2c7e1a9b3f4e6d8c0a2b4d6f8e1c3a5b7d9f0e2c4a6b8d0f1e3c5a7b9d2f4e",
};
Object.assign(process.env, SECRETS);
const APP_ROLE = `${args.database}_app`;

async function onServer<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** The large demo in its own database: seeded once, reused by later runs (seeding 2M events takes minutes). */
async function prepareDatabase(): Promise<{ ownerUrl: string; appUrl: string; figures: { accounts: number; lines: number; events: number; partitions: number } }> {
  const name = args.database!;
  if (args.fresh) await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  if ((await onServer("SELECT 1 FROM pg_database WHERE datname = $1", [name])).length === 0) await onServer(`CREATE DATABASE ${name}`);
  const ownerUrl = withDatabase(serverUrl, name);
  const { openPostgres } = await import("@/lib/server/db");
  const { ensureAppRole } = await import("@/lib/server/app-role");
  const { seedLarge } = await import("./lib/seed-large");
  const database = await openPostgres(ownerUrl, { migrate: true });
  try {
    await ensureAppRole(database.sql, APP_ROLE);
    const result = await seedLarge(database, { ...sizes, log });
    log(result.seeded ? `seeded in ${result.timings.total} s` : "the large demo is already there: reused (--fresh seeds again)");
    // A run starts from a settled console, as the sweepers keep it (not part of the mix): no sign-in events left
    // unjudged by an earlier run, the day's whole walk of the audit chain done, its verified point at the newest event.
    const { setProcessDatabase } = await import("@/lib/server/db");
    const { advanceChainCheck, readChainCheck, verifyAndRecordChain, WHOLE_CHECK_EVERY_MS } = await import("@/lib/server/audit/chain-checks");
    const { drainSignIns } = await import("@/lib/server/audit/process-sign-ins");
    const { forEachOrganization } = await import("@/lib/server/tenant-lookup");
    setProcessDatabase(database);
    // The mix is a Monday morning, whatever the hour of the run: unless --off-hours, the organizations' business
    // hours cover every hour of every day, so the off-hours rule judges as at 9:00 on a working day. With --off-hours
    // the seeded calendar (weekdays 8:00–20:00 JST, holidays off) stands, and a run at night makes every sign-in an
    // off-hours alert: the console's worst night.
    const calendar = args["off-hours"]
      ? `business_days = '{1,2,3,4,5}', business_hours_start = 8, business_hours_end = 20, observe_jp_holidays = true,
         closed_days = '[{"from": "12-29", "to": "01-03", "label": "年末年始"}]'`
      : `business_days = '{0,1,2,3,4,5,6}', business_hours_start = 0, business_hours_end = 24, observe_jp_holidays = false, closed_days = '[]'`;
    await database.sql.exec(`UPDATE organizations SET ${calendar}`);
    // Earlier runs leave dead rows (alerts and rollups are updated on every batch); autovacuum clears them on a
    // normal server, but a test server may run without it (this machine's does), and a run would then measure the
    // debris of the runs before it.
    const [{ autovacuum } = { autovacuum: "on" }] = await database.sql.rows<{ autovacuum: string }>("SELECT current_setting('autovacuum') AS autovacuum");
    const vacuumStarted = Date.now();
    await database.sql.exec("VACUUM (ANALYZE)");
    log(`VACUUM (ANALYZE) in ${((Date.now() - vacuumStarted) / 1000).toFixed(1)} s${autovacuum === "off" ? " (this server runs without autovacuum)" : ""}`);
    log(args["off-hours"] ? "the seeded business hours stand (--off-hours)" : "business hours around the clock, as on a Monday morning (--off-hours keeps the seeded ones)");
    await forEachOrganization(async (id) => {
      const judged = await drainSignIns(id);
      if (judged > 0) log(`judged ${judged.toLocaleString("en")} sign-in events an earlier run left`);
      const last = await readChainCheck(database.prisma, id);
      if (last && Date.now() - last.verifiedAt.getTime() < WHOLE_CHECK_EVERY_MS / 2) return advanceChainCheck(id);
      log(`verifying the audit chain of organization ${id} (the daily whole walk)…`);
      await verifyAndRecordChain(id);
    });
    const [counts] = await database.sql.rows<{ accounts: number; lines: number; events: number; partitions: number }>(
      `SELECT (SELECT count(*) FROM accounts)::int AS accounts, (SELECT count(*) FROM lines)::int AS lines,
              (SELECT count(*) FROM audit_events)::int AS events,
              (SELECT count(*) FROM pg_inherits WHERE inhparent = 'audit_events'::regclass)::int AS partitions`,
    );
    return { ownerUrl, appUrl: withDatabase(serverUrl, name, APP_ROLE), figures: counts! };
  } finally {
    await database.close();
  }
}

interface Server {
  url: string;
  process: ChildProcess;
  /** What the server printed on its standard error during the run (the end of it). */
  errors: () => string;
}

async function startServer(appUrl: string, port: number): Promise<Server> {
  const env = {
    ...process.env,
    ...SECRETS,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: appUrl,
    TRUSTED_PROXIES: "127.0.0.1",
  } as NodeJS.ProcessEnv;
  delete env.NEXTAUTH_URL;
  const child = spawn(process.execPath, ["scripts/serve.mjs"], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server on ${port} not ready after 90 s:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      if (output.includes("OCN Business Console ready on")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`server on ${port} exited (${code}):\n${output}`)));
  });
  child.stdout!.resume();
  let errors = "";
  child.stderr!.on("data", (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-20_000)));
  return { url: `http://127.0.0.1:${port}`, process: child, errors: () => errors };
}

interface Tally {
  endpoint: string;
  latencies: number[];
  status: Map<number, number>;
  errors: number;
}

const tally = (endpoint: string): Tally => ({ endpoint, latencies: [], status: new Map(), errors: 0 });
const note = (t: Tally, status: number, ms: number) => {
  t.latencies.push(ms);
  t.status.set(status, (t.status.get(status) ?? 0) + 1);
};

/** One endpoint driven by autocannon for the run's duration; every answer's status and time go into `t`. */
function drive(t: Tally, url: string, options: Partial<autocannon.Options>, expected: (status: number) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: durationSeconds, amount: undefined, maxOverallRequests: maxRequests, timeout: 30, ...options } as autocannon.Options, (err) =>
      err ? reject(err) : resolve(),
    );
    instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      note(t, statusCode, responseTime);
      if (!expected(statusCode)) t.errors++;
    });
    instance.on("reqError", () => t.errors++);
  });
}

/** One sign-in through the forms (password, then the one-time code) of a bulk account; its time and outcome go into `t`. */
async function signInOnce(t: Tally, url: string, loginId: string): Promise<void> {
  const begin = performance.now();
  try {
    const form = await fetchSignInForm(url);
    await signInThroughForms(url, form, loginId, "Demo-Console-2026!", () => totpCode(demoTotpSecret(loginId), new Date()));
    note(t, 303, performance.now() - begin);
  } catch (e) {
    note(t, Number(/answered (\d{3})/.exec(String(e))?.[1] ?? 0), performance.now() - begin);
    t.errors++;
  }
}

/** The body of ingestion batch number `batch`: 100 sign-in events of other OCN services, one in 25 a failure. */
function ingestionBody(started: number, batch: number, signInIds: string[]): string {
  const events = Array.from({ length: 100 }, (_, k) => ({
    id: `load-${started}-${batch}-${k}`,
    occurredAt: new Date(Date.now() - 1000).toISOString(),
    source: "mail",
    loginId: signInIds[(batch * 100 + k) % signInIds.length],
    outcome: k % 25 === 0 ? "failure" : "success",
    ...(k % 25 === 0 ? { reason: "bad_password" } : {}),
    ip: `210.130.45.${9 + (k % 6)}`,
  }));
  return JSON.stringify({ events });
}

interface OpenRun {
  at: (i: number) => string;
  cookie: string;
  apiKey: string;
  signInIds: string[];
  started: number;
  until: number;
  t: Record<"signIn" | "dashboard" | "accounts" | "audit" | "ingest", Tally>;
  KANA: string[];
  auditFilters: string[];
  servers: number;
}

/** At most this many requests of one endpoint in flight; one more is counted as an error (the console fell behind). */
const MAX_IN_FLIGHT = 64;

/**
 * Open mode: each endpoint's requests start on a fixed schedule (its rate × --rate-scale), whether or not earlier ones
 * were answered, as users arrive; so a slow answer shows in the figures instead of slowing the load down.
 */
async function driveOpen(o: OpenRun): Promise<void> {
  const page = async (t: Tally, url: string, init: RequestInit, expected: (status: number) => boolean) => {
    const begin = performance.now();
    try {
      const response = await fetch(url, { redirect: "manual", ...init });
      await response.arrayBuffer();
      note(t, response.status, performance.now() - begin);
      if (!expected(response.status)) t.errors++;
    } catch {
      note(t, 0, performance.now() - begin);
      t.errors++;
    }
  };
  const ok = (status: number) => status >= 200 && status < 400;
  const requests: Record<(typeof ENDPOINTS)[number], [Tally, (i: number) => Promise<void>]> = {
    "sign-in": [o.t.signIn, (i) => signInOnce(o.t.signIn, o.at(i), o.signInIds[(i * 7919) % o.signInIds.length]!)],
    dashboard: [o.t.dashboard, (i) => page(o.t.dashboard, `${o.at(i)}/`, { headers: { cookie: o.cookie } }, ok)],
    accounts: [
      o.t.accounts,
      (i) => page(o.t.accounts, `${o.at(i)}/accounts?q=${encodeURIComponent(o.KANA[i % o.KANA.length]!)}&page=${(i % 5) + 1}`, { headers: { cookie: o.cookie } }, ok),
    ],
    audit: [o.t.audit, (i) => page(o.t.audit, `${o.at(i)}/audit?${o.auditFilters[i % o.auditFilters.length]}`, { headers: { cookie: o.cookie } }, ok)],
    ingestion: [
      o.t.ingest,
      (i) =>
        page(
          o.t.ingest,
          `${o.at(i)}/api/v1/events`,
          { method: "POST", headers: { authorization: `Bearer ${o.apiKey}`, "content-type": "application/json" }, body: ingestionBody(o.started, i, o.signInIds) },
          (status) => status === 200,
        ),
    ],
  };
  const all: Promise<void>[] = [];
  await Promise.all(
    ENDPOINTS.filter(drives).map(async (endpoint) => {
      const [t, request] = requests[endpoint];
      const interval = 1000 / (MONDAY_RATES[endpoint] * rateScale);
      let inFlight = 0;
      // Offset per endpoint, so that the endpoints do not all fire in the same millisecond.
      for (let i = 0, next = o.started + (ENDPOINTS.indexOf(endpoint) * interval) / ENDPOINTS.length; next < o.until; i++, next += interval) {
        const wait = next - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        if (inFlight >= MAX_IN_FLIGHT) {
          t.errors++;
          continue;
        }
        inFlight++;
        all.push(request(i).finally(() => inFlight--));
      }
    }),
  );
  await Promise.all(all);
}

async function main(): Promise<void> {
  const root = process.cwd();
  if (buildIsStale(root)) {
    log("the production build is older than the sources: rebuilding");
    (await import("node:fs")).rmSync(`${root}/.next/BUILD_ID`, { force: true });
  }
  await buildIfMissing(root, log);
  const { appUrl, figures } = await prepareDatabase();
  const { largeSignInIds } = await import("./lib/seed-large");

  const servers: Server[] = [];
  const stopAll = () => {
    for (const s of servers) {
      try {
        process.kill(-s.process.pid!, "SIGTERM");
      } catch {
        // gone
      }
    }
  };
  process.on("SIGINT", () => {
    stopAll();
    process.exit(130);
  });
  try {
    for (let i = 0; i < instancesWanted; i++) servers.push(await startServer(appUrl, await freePort()));
    log(`${servers.length} instance(s): ${servers.map((s) => s.url).join(", ")}`);
    for (const s of servers) if (!/^http:\/\/127\.0\.0\.1:/.test(s.url)) throw new Error("the load goes to the loopback only");
    const at = (i: number) => servers[i % servers.length]!.url;

    // An org admin's session (it works on every instance) and an ingestion key made through the settings action.
    const admin = "admin@minato-shoji.example.jp";
    const { cookie } = await signInThroughForms(at(0), await fetchSignInForm(at(0)), admin, "Demo-Console-2026!", () => totpCode(demoTotpSecret(admin), new Date()));
    const created = await callAction(at(0), "/settings/api-keys", { file: "app/(console)/settings/api-keys/actions.ts", name: "createApiKeyAction" }, [null, { name: `load ${new Date().toISOString()}`, scopes: ["events:write"] }], cookie);
    const apiKey = (created.result as { data?: { key?: string } } | undefined)?.data?.key;
    if (!apiKey) throw new Error(`could not create an API key: ${created.status} ${created.text.slice(0, 300)}`);

    // Each page once per instance: a fresh process compiles and caches on first render, which is not what is measured.
    for (const s of servers) for (const path of ["/", "/accounts", "/audit", "/sign-in"]) await fetch(`${s.url}${path}`, { headers: { cookie } }).then((r) => r.arrayBuffer());

    const KANA = ["サトウ", "スズキ", "タカハシ", "タナカ", "ワタナベ", "ヤマモト", "ナカムラ", "コバヤシ"];
    const weekAgo = new Date(Date.now() + 9 * 3_600_000 - 7 * 86_400_000).toISOString().slice(0, 10);
    const auditFilters = ["action=auth.*", "action=auth.*&outcome=failure", "country=JP", "ip=210.130.45.0%2F24", `from=${weekAgo}`];
    // Bulk accounts that sign in (most of those the seed wrote: see largeAccount), never one twice in a 30-second code window.
    const signInIds = largeSignInIds(Math.max(10, Math.min(5_000, Math.floor((figures.accounts - 300) * 0.8))));
    const t = {
      signIn: tally("sign-in (password + one-time code)"),
      dashboard: tally("dashboard  GET /"),
      accounts: tally("accounts list  GET /accounts"),
      audit: tally("audit explorer  GET /audit"),
      ingest: tally("ingestion  POST /api/v1/events (100 events)"),
    };
    let n = 0;
    const ok = (s: number) => s >= 200 && s < 400;
    const started = Date.now();
    const until = started + durationSeconds * 1000;

    if (!args.closed) {
      log(`driving for ${durationSeconds} s at ${rateScale} × the busy-Monday mix (${ENDPOINTS.filter(drives).map((e) => `${e} ${MONDAY_RATES[e] * rateScale}/s`).join(", ")})…`);
      await driveOpen({ at, cookie, apiKey, signInIds, started, until, t, KANA, auditFilters, servers: servers.length });
    } else {
      // Sign-ins are two dependent posts: a loop per connection, each sign-in of another bulk account (a code is single-use).
      const signInLoop = async (c: number) => {
        for (let i = c; Date.now() < until && t.signIn.latencies.length < maxRequests; i += connections) {
          await signInOnce(t.signIn, at(i), signInIds[(i * 7919) % signInIds.length]!);
        }
      };
      const runs: Promise<void>[] = [];
      if (drives("sign-in")) for (let c = 0; c < connections; c++) runs.push(signInLoop(c));
      servers.forEach((_, i) => {
        const share = { connections: Math.max(1, Math.round(connections / servers.length)) };
        if (drives("dashboard")) runs.push(drive(t.dashboard, `${at(i)}/`, { ...share, headers: { cookie } }, ok));
        if (drives("accounts")) runs.push(
          drive(t.accounts, `${at(i)}/accounts`, {
            ...share,
            headers: { cookie },
            requests: [{ setupRequest: (req) => ({ ...req, path: `/accounts?q=${encodeURIComponent(KANA[n++ % KANA.length]!)}&page=${(n % 5) + 1}` }) }],
          }, ok),
        );
        if (drives("audit")) runs.push(drive(t.audit, `${at(i)}/audit`, { ...share, headers: { cookie }, requests: [{ setupRequest: (req) => ({ ...req, path: `/audit?${auditFilters[n++ % auditFilters.length]}` }) }] }, ok));
        if (drives("ingestion")) runs.push(
          drive(t.ingest, `${at(i)}/api/v1/events`, {
            ...share,
            method: "POST",
            headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
            requests: [
              {
                setupRequest: (req) => ({ ...req, body: ingestionBody(started, n++, signInIds) }),
              },
            ],
          }, (s) => s === 200),
        );
      });
      log(`driving for ${durationSeconds} s: ${connections} connection(s) per endpoint, each as fast as it is answered…`);
      await Promise.all(runs);
    }
    const elapsed = (Date.now() - started) / 1000;

    const rows = Object.values(t).filter((x) => x.latencies.length > 0 || !only).map((x) => {
      const sorted = [...x.latencies].sort((a, b) => a - b);
      const server5xx = [...x.status].filter(([s]) => s >= 500).reduce((sum, [, c]) => sum + c, 0);
      return {
        endpoint: x.endpoint,
        requests: sorted.length,
        perSecond: sorted.length / elapsed,
        p50: sorted.length ? percentile(sorted, 50) : 0,
        p95: sorted.length ? percentile(sorted, 95) : 0,
        p99: sorted.length ? percentile(sorted, 99) : 0,
        max: sorted.at(-1) ?? 0,
        errors5xx: server5xx,
        otherErrors: x.errors - server5xx,
      };
    });
    const machine = { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? "", memoryGiB: Math.round(os.totalmem() / 2 ** 30), loadAverage: os.loadavg()[0]!.toFixed(1) };
    const goals = { no5xx: rows.every((r) => r.errors5xx === 0), p99Under1s: rows.every((r) => r.p99 < 1000) };
    if (args.json) {
      const mode = args.closed ? { closed: true, connectionsPerEndpoint: connections } : { closed: false, ratesPerSecond: Object.fromEntries(ENDPOINTS.filter(drives).map((e) => [e, MONDAY_RATES[e] * rateScale])) };
      console.log(JSON.stringify({ machine, data: figures, instances: servers.length, durationSeconds: elapsed, ...mode, rows, goals }, null, 2));
      return;
    }
    const ms = (v: number) => `${Math.round(v).toLocaleString("en")} ms`;
    console.log(
      `\nData: ${figures.accounts.toLocaleString("en")} accounts, ${figures.lines.toLocaleString("en")} lines, ${figures.events.toLocaleString("en")} audit events in ${figures.partitions} partitions` +
        `\nMachine: ${machine.cpus} cores (${machine.model}), ${machine.memoryGiB} GiB; load average at the end ${machine.loadAverage}` +
        `\nRun: ${servers.length} instance(s), ${elapsed.toFixed(0)} s, ` +
        (args.closed ? `${connections} connection(s) per endpoint, each as fast as it is answered` : `open, ${rateScale} × the busy-Monday mix`) +
        `, all endpoints at once\n`,
    );
    const header = ["endpoint", "requests", "req/s", "p50", "p95", "p99", "max", "5xx", "other errors"];
    const table = rows.map((r) => [r.endpoint, String(r.requests), r.perSecond.toFixed(1), ms(r.p50), ms(r.p95), ms(r.p99), ms(r.max), String(r.errors5xx), String(r.otherErrors)]);
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
    console.log(line(header));
    console.log(`|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`);
    for (const row of table) console.log(line(row));
    console.log(`\nGoals: zero 5xx ${goals.no5xx ? "met" : "NOT met"}; p99 under 1 s ${goals.p99Under1s ? "met" : "NOT met"}.`);
    if (!goals.no5xx) for (const s of servers) console.log(`\nWhat ${s.url} wrote on its standard error (the end):\n${s.errors().slice(-4_000) || "(nothing)"}`);
  } finally {
    stopAll();
  }
}

main().catch((e) => {
  console.error(`load: ${(e as Error).stack ?? e}`);
  process.exit(1);
});
