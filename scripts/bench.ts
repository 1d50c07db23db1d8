// npm run bench [-- --json] [-- --only TEXT] [-- --pg URL] [-- --events N] [-- --scale large] — times the accounts list (PGlite, PostgreSQL), the permission check per request sign-in and the dashboard's rollups against baselines measured in the same run.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { listAccounts } from "@/lib/server/accounts/list-accounts";
import { openPglite, openPostgres, setProcessDatabase, type Database } from "@/lib/server/db";
import { hashPassword } from "@/lib/server/password";
import { runWithSession } from "@/lib/server/session";
import { totpCode } from "@/lib/policy/totp";
import { decideFirstFactor, signIn } from "@/lib/server/sign-in/sign-in";
import { verifySecondFactor } from "@/lib/server/sign-in/verify-second-factor";
import type { ListAccountsInput } from "@/lib/schemas/accounts";
import { buildIfMissing, buildIsStale, startServer } from "./lib/bench-server";
import { fetchSignInForm, signInThroughForms } from "./lib/http-forms";
import {
  activeCount,
  BENCH_PASSWORD,
  createBenchOrganization,
  createBenchSession,
  enrollAuthenticators,
  growOrganization,
  RARE_KANA,
  SEARCH_HITS,
  type BenchOrganization,
} from "./lib/bench-seed";
import { ALLOWLIST_MATCH, ALLOWLIST_SCAN, benchAllowlist } from "./lib/bench-allowlist";
import { AUTHORIZE, AUTHORIZE_BASELINE, benchAuthorize, GRANT_COUNTS } from "./lib/bench-authorize";
import { ensureAppRole } from "@/lib/server/app-role";
import { DASHBOARD_RAW, DASHBOARD_ROLLUPS, benchRollups } from "./lib/bench-rollups";
import { INGESTION, INGESTION_COPY, INGESTION_END_TO_END, INGESTION_PROCESSING, benchIngestion } from "./lib/bench-ingestion";
import { formatTable, measure, measureEach, row, summarize, warmUp, type BenchRow, type Sample } from "./lib/bench-stats";

const { values: args } = parseArgs({
  options: { json: { type: "boolean", default: false }, only: { type: "string" }, pg: { type: "string" }, events: { type: "string" }, scale: { type: "string", default: "default" } },
});
const pgUrl = args.pg ?? process.env.BENCH_DATABASE_URL ?? null;
// Throwaway keys, so neither this process nor its server reads or writes the developer's key files under .data/.
process.env.NEXTAUTH_SECRET = randomBytes(32).toString("base64url");
process.env.TOTP_ENCRYPTION_KEY = randomBytes(32).toString("base64");
const root = process.cwd();
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const notes: string[] = [];
const note = (line: string) => {
  notes.push(line);
  log(line);
};

type Engine = "pglite" | "postgres";
const SIZES = [1_000, 10_000, 100_000];
const SIGN_IN_ACCOUNTS = 60;
const WARM_UP_MS = 6_000;
const sizeLabel = (n: number) => (n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n));

interface ListQuery {
  key: string;
  input(size: number): ListAccountsInput;
  check(result: Awaited<ReturnType<typeof listAccounts>>, size: number): string | null;
}

const activeLastPage = (size: number) => Math.ceil(activeCount(size) / 50);
const LIST_QUERIES: ListQuery[] = [
  {
    key: "first-page",
    input: () => ({}),
    check: (r, size) => (r.total === size && r.accounts.length === 50 ? null : `total ${r.total}, ${r.accounts.length} rows`),
  },
  {
    key: "search",
    input: () => ({ q: RARE_KANA }),
    // The second organization holds SEARCH_HITS more of the same surname: a total above SEARCH_HITS means scoping leaked.
    check: (r) =>
      r.total === SEARCH_HITS && r.accounts.every((a) => a.nameKana?.startsWith(RARE_KANA) && a.loginId.startsWith("a-"))
        ? null
        : `total ${r.total}: ${r.accounts.map((a) => a.loginId).join(", ")}`,
  },
  {
    key: "status-page-20",
    input: () => ({ status: "active", page: 20, pageSize: 25 }),
    check: (r, size) =>
      r.total === activeCount(size) && r.accounts.length === 25 && r.accounts.every((a) => a.status === "active")
        ? null
        : `total ${r.total}, ${r.accounts.length} rows`,
  },
  {
    key: "status-last-page",
    input: (size) => ({ status: "active", page: activeLastPage(size), pageSize: 50 }),
    check: (r, size) =>
      r.total === activeCount(size) && r.accounts.length === activeCount(size) - (activeLastPage(size) - 1) * 50
        ? null
        : `total ${r.total}, ${r.accounts.length} rows`,
  },
];

const engines: Engine[] = pgUrl ? ["pglite", "postgres"] : ["pglite"];
const listName = (engine: Engine, key: string) => `accounts-list/${engine}/${key}`;
const select1Name = (engine: Engine) => `select-1/${engine}`;
const SIGN_IN = "sign-in";
const SIGN_IN_PASSWORD_STEP = "sign-in-password-step";
const SIGN_IN_OPERATION = "sign-in-operation";
const HASH = "argon2id-hash";
const SIGN_IN_DECISION = "sign-in-decision";

/** Every scenario in table order; a selected scenario brings its baseline along. */
const plan: string[] = [
  ...engines.flatMap((e) => [select1Name(e), ...LIST_QUERIES.map((q) => listName(e, q.key))]),
  ALLOWLIST_SCAN,
  ALLOWLIST_MATCH,
  ...engines.flatMap((e) => [`${AUTHORIZE_BASELINE}/${e}`, `${AUTHORIZE}/${e}`]),
  HASH,
  SIGN_IN_DECISION,
  SIGN_IN_OPERATION,
  SIGN_IN_PASSWORD_STEP,
  SIGN_IN,
  ...engines.flatMap((e) => [`${DASHBOARD_RAW}/${e}`, `${DASHBOARD_ROLLUPS}/${e}`]),
  // PostgreSQL only: the baseline is COPY (psql's \copy).
  ...(pgUrl ? [INGESTION_COPY, INGESTION, INGESTION_PROCESSING, INGESTION_END_TO_END] : []),
];
const chosen = new Set(plan.filter((name) => !args.only || name.includes(args.only)));
for (const e of engines) if (LIST_QUERIES.some((q) => chosen.has(listName(e, q.key)))) chosen.add(select1Name(e));
if ([SIGN_IN, SIGN_IN_PASSWORD_STEP, SIGN_IN_OPERATION, SIGN_IN_DECISION].some((name) => chosen.has(name))) chosen.add(HASH);
if (chosen.has(ALLOWLIST_MATCH)) chosen.add(ALLOWLIST_SCAN);
for (const e of engines) if (chosen.has(`${AUTHORIZE}/${e}`)) chosen.add(`${AUTHORIZE_BASELINE}/${e}`);
for (const e of engines) if (chosen.has(`${DASHBOARD_ROLLUPS}/${e}`)) chosen.add(`${DASHBOARD_RAW}/${e}`);
if ([INGESTION_PROCESSING, INGESTION_END_TO_END].some((name) => chosen.has(name))) chosen.add(INGESTION);
if (chosen.has(INGESTION)) [INGESTION_COPY, INGESTION_PROCESSING, INGESTION_END_TO_END].forEach((name) => chosen.add(name));
// --scale large: the sizes of the large demo and beyond (`npm run demo -- --scale large`: 50k accounts, 60k lines,
// 2M events): the accounts list goes to 100k accounts and the allowlist to 10k entries at either scale; the rollups
// read 10M events and the ingestion streams 1M unless --events says otherwise.
if (args.scale !== "default" && args.scale !== "large") {
  console.error(`--scale is default or large, not ${args.scale}`);
  process.exit(2);
}
const large = args.scale === "large";
// Ingestion API events: 100k (1M at --scale large) unless --events says otherwise.
const ingestionEvents = args.events ? Math.max(1_000, Number(args.events.replaceAll("_", ""))) : large ? 1_000_000 : 100_000;
// Sign-in events for the rollups bench: --events N (default 1M) on PostgreSQL; PGlite, in memory, 200k by default and
// at most 1M.
const eventsArg = args.events ? Math.max(1_000, Math.round(Number(args.events.replaceAll("_", ""))) || 1_000_000) : null;
const rollupEvents = (engine: Engine) => (engine === "postgres" ? (eventsArg ?? (large ? 10_000_000 : 1_000_000)) : Math.min(eventsArg ?? (large ? 1_000_000 : 200_000), 1_000_000));
if (chosen.size === 0) {
  console.error(`No scenario name contains "${args.only}". Scenarios: ${plan.join(", ")}${pgUrl ? "" : " (ingestion needs --pg URL)"}`);
  process.exit(2);
}

const results: { order: number; row: BenchRow }[] = [];
function record(scenario: string, size: string, sample: Sample, baseline?: { name: string; sample: Sample }) {
  const r = row(scenario, size, sample, baseline);
  const sizes = scenario.startsWith(`${AUTHORIZE}/`) ? GRANT_COUNTS.map((n) => `${n} grant${n === 1 ? "" : "s"}`) : SIZES.map(sizeLabel);
  results.push({ order: plan.indexOf(scenario) * 10 + (sizes.indexOf(size) + 1), row: r });
  log(`${scenario} ${size}: median ${r.median_ms.toFixed(2)} ms, p95 ${r.p95_ms.toFixed(2)} ms (${sample.samples} samples)`);
}

// Whatever happens, the bench leaves no database, server or temporary directory behind.
const cleanups: (() => Promise<void>)[] = [];
async function runCleanups() {
  while (cleanups.length > 0) await cleanups.pop()!().catch((e) => log(`cleanup failed: ${(e as Error).message}`));
}
/** Registers a cleanup for exit or interruption; calling the returned function runs it now instead (at most once). */
function onCleanup(fn: () => Promise<void>): () => Promise<void> {
  let done = false;
  const once = async () => {
    if (done) return;
    done = true;
    const at = cleanups.indexOf(once);
    if (at >= 0) cleanups.splice(at, 1);
    await fn();
  };
  cleanups.push(once);
  return once;
}
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  // Ctrl-C reaches this process twice (from the terminal and relayed by tsx): the second must not cut the cleanup short.
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal}: cleaning up`);
    void runCleanups().finally(() => process.exit(130));
  });
}

let sharedHash: Promise<string> | undefined;
const benchHash = () => (sharedHash ??= hashPassword(BENCH_PASSWORD));

async function benchAccounts(engine: Engine, database: Database) {
  const { prisma } = database;
  setProcessDatabase(database);
  const hash = await benchHash();
  const selectOne = () => prisma.$queryRaw`SELECT 1`;
  const queries = LIST_QUERIES.filter((q) => chosen.has(listName(engine, q.key)));
  if (queries.length === 0) {
    await warmUp([selectOne], WARM_UP_MS);
    record(select1Name(engine), "-", await measure(selectOne, { warmup: 20, iterations: 200 }));
    return;
  }

  const orgA = await createBenchOrganization(prisma, "a", hash);
  const orgB = await createBenchOrganization(prisma, "b", hash);
  const otherMs = await growOrganization(prisma, orgB, 1_000, hash);
  note(`${engine}: seeded the second organization (1k accounts) in ${(otherMs / 1000).toFixed(1)} s`);
  const sessionId = await createBenchSession(prisma, orgA);

  const atFirstSize = new Map<string, Sample>();
  let select1: Sample | undefined;
  for (const size of SIZES) {
    const added = size - orgA.size;
    const seededMs = await growOrganization(prisma, orgA, size, hash);
    const analyzeStarted = performance.now();
    // Fresh bulk inserts have no statistics yet (PGlite runs no autovacuum): plan as a settled table would.
    await database.sql.exec("ANALYZE accounts");
    const analyzeMs = performance.now() - analyzeStarted;
    note(
      `${engine}: grew to ${sizeLabel(size)} accounts (+${added} by createMany) in ${(seededMs / 1000).toFixed(1)} s, ` +
        `${Math.round((added / seededMs) * 1000)} rows/s; ANALYZE ${(analyzeMs / 1000).toFixed(1)} s`,
    );
    const large = size >= 100_000;
    if (!select1) {
      const calls = await warmUp([selectOne, ...queries.map((q) => () => runWithSession(sessionId, () => listAccounts(q.input(size))))], WARM_UP_MS);
      log(`${engine}: warmed up with ${calls} calls`);
      select1 = await measure(selectOne, { warmup: 20, iterations: 200 });
      record(select1Name(engine), "-", select1);
    }
    const runs = queries.map((query) => {
      const input = query.input(size);
      return () => runWithSession(sessionId, () => listAccounts(input));
    });
    for (const [k, query] of queries.entries()) {
      const problem = query.check(await runs[k]!(), size);
      if (problem) throw new Error(`${listName(engine, query.key)} at ${sizeLabel(size)} returned the wrong page: ${problem}`);
    }
    const samples = await measureEach(runs, large ? { warmup: 2, iterations: 25, budgetMs: 60_000 } : { warmup: 10, iterations: 40, budgetMs: 40_000 });
    for (const [k, query] of queries.entries()) {
      const name = listName(engine, query.key);
      const sample = samples[k]!;
      if (size === SIZES[0]) {
        atFirstSize.set(query.key, sample);
        record(name, sizeLabel(size), sample, { name: select1Name(engine), sample: select1 });
      } else {
        record(name, sizeLabel(size), sample, { name: `${name}@${sizeLabel(SIZES[0]!)}`, sample: atFirstSize.get(query.key)! });
      }
    }
  }
}

async function withPglite(fn: (d: Database) => Promise<void>) {
  const database = await openPglite("memory://");
  try {
    await fn(database);
  } finally {
    await database.close();
  }
}

async function withPostgres(url: string, fn: (d: Database, url: string) => Promise<void>) {
  const name = `ocn_bench_${randomBytes(5).toString("hex")}`;
  const drop = onCleanup(async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      log(`dropped database ${name}`);
    } finally {
      await client.end();
    }
  });
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  log(`created database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openPostgres(target.toString(), { migrate: true });
  try {
    await fn(database, target.toString());
  } finally {
    await database.close();
    await drop();
  }
}

/** An organization of SIGN_IN_ACCOUNTS accounts; the active ones have an authenticator and sign in, each once. */
async function seedSignInOrganization(database: Database): Promise<{ loginIds: string[]; secrets: Map<string, string> }> {
  const hash = await benchHash();
  const org: BenchOrganization = await createBenchOrganization(database.prisma, "s", hash);
  await growOrganization(database.prisma, org, SIGN_IN_ACCOUNTS, hash);
  const secrets = await enrollAuthenticators(database.prisma, org);
  const loginIds = [...secrets.keys()];
  // A one-time code is good once per account and 30-second step: no account may sign in twice.
  if (loginIds.length < SIGN_IN_RUNS.warmup + SIGN_IN_RUNS.iterations) throw new Error(`only ${loginIds.length} accounts can sign in`);
  return { loginIds, secrets };
}

const SIGN_IN_RUNS = { warmup: 8, iterations: 30 };
const CLIENT = { ip: "127.0.0.1", userAgent: "ocn-bench" };

/** Both steps of the sign-in pipeline in process: signIn(), then verifySecondFactor() with the current one-time code. */
async function signInOperation(loginId: string, secret: string): Promise<string> {
  const first = await signIn({ loginId, password: BENCH_PASSWORD }, CLIENT);
  if (first.kind === "session") return "password";
  if (first.kind !== "challenge" || first.step !== "mfa") throw new Error(`signIn(${loginId}) answered ${JSON.stringify(first)}`);
  const second = await verifySecondFactor(first.token, { code: totpCode(secret, new Date()), method: "totp" }, CLIENT);
  if (second.kind !== "session") throw new Error(`verifySecondFactor for ${loginId} answered ${JSON.stringify(second)}`);
  return "password + one-time code";
}

async function benchSignIn() {
  const hashSample = await measure(() => hashPassword(BENCH_PASSWORD), { warmup: 3, iterations: 30 });
  record(HASH, "-", hashSample);
  const baseline = { name: HASH, sample: hashSample };
  const perSecond = (s: Sample) => (1000 / s.median).toFixed(1);
  note(`${HASH}: ${perSecond(hashSample)} hashes/s (one at a time)`);
  const size = String(SIGN_IN_ACCOUNTS);

  if (chosen.has(SIGN_IN_DECISION)) {
    // The pipeline after the hash (row lock, lockout, status, an enforced 1,000-entry allowlist, challenge, audit).
    await withPglite(async (database) => {
      setProcessDatabase(database);
      const { loginIds } = await seedSignInOrganization(database);
      const account = await database.prisma.account.findUniqueOrThrow({ where: { loginId: loginIds[0]! }, select: { id: true, organizationId: true } });
      await database.prisma.networkPolicy.upsert({
        where: { organizationId: account.organizationId },
        create: { organizationId: account.organizationId, enforced: true },
        update: { enforced: true },
      });
      await database.prisma.ipAllowlistEntry.createMany({
        data: Array.from({ length: 1000 }, (_, i) => ({
          organizationId: account.organizationId,
          cidr: i === 0 ? "127.0.0.1/32" : `10.${Math.floor(i / 250)}.${i % 250}.0/24`,
          label: `bench ${i}`,
          kind: "office" as const,
        })),
      });
      const sample = await measure(async () => {
        const outcome = await decideFirstFactor(account.id, true, CLIENT, new Date());
        if (outcome.kind !== "challenge") throw new Error(`decideFirstFactor answered ${JSON.stringify(outcome)}`);
      }, { warmup: 10, iterations: 60 });
      record(SIGN_IN_DECISION, "1k entries", sample, baseline);
      note(`${SIGN_IN_DECISION}: the sign-in decision without the hash takes ${(sample.median / hashSample.median * 100).toFixed(0)}% of one argon2id hash`);
    });
  }

  if (chosen.has(SIGN_IN_OPERATION)) {
    await withPglite(async (database) => {
      setProcessDatabase(database);
      const { loginIds, secrets } = await seedSignInOrganization(database);
      const steps = new Set<string>();
      const sample = await measure(async (i) => steps.add(await signInOperation(loginIds[i]!, secrets.get(loginIds[i]!)!)), SIGN_IN_RUNS);
      record(SIGN_IN_OPERATION, size, sample, baseline);
      note(`${SIGN_IN_OPERATION}: ${perSecond(sample)}/s (in process on in-memory PGlite: ${[...steps].join(", ")})`);
    });
  }

  if (chosen.has(SIGN_IN) || chosen.has(SIGN_IN_PASSWORD_STEP)) {
    await buildIfMissing(root, log);
    if (buildIsStale(root)) note("sign-in: sources changed after the production build in .next; these rows measure that build (`npx next build` first for current code)");
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ocn-bench-"));
    const removeTmp = onCleanup(async () => fs.rmSync(tmp, { recursive: true, force: true }));
    const dataDir = path.join(tmp, "pglite");
    const database = await openPglite(dataDir);
    let seeded: Awaited<ReturnType<typeof seedSignInOrganization>>;
    try {
      seeded = await seedSignInOrganization(database);
    } finally {
      await database.close();
    }
    const { loginIds, secrets } = seeded;
    let stopServer = async () => {};
    const server = await startServer(root, dataDir, log, (stop) => (stopServer = onCleanup(stop)));
    const passwordMs: number[] = [];
    const totalMs: number[] = [];
    const steps = new Set<string>();
    try {
      for (let i = 0; i < SIGN_IN_RUNS.warmup + SIGN_IN_RUNS.iterations; i++) {
        const loginId = loginIds[i]!;
        // The sign-in page loads before the person types: untimed, as the page is not the sign-in.
        const form = await fetchSignInForm(server.url);
        const timing = await signInThroughForms(server.url, form, loginId, BENCH_PASSWORD, () => totpCode(secrets.get(loginId)!, new Date()));
        steps.add(timing.steps);
        if (i < SIGN_IN_RUNS.warmup) continue;
        passwordMs.push(timing.passwordMs);
        totalMs.push(timing.totalMs);
      }
    } catch (e) {
      throw new Error(`${(e as Error).message}\n--- server output ---\n${server.output()}`);
    }
    if (chosen.has(SIGN_IN_PASSWORD_STEP)) record(SIGN_IN_PASSWORD_STEP, size, summarize(passwordMs), baseline);
    const full = summarize(totalMs);
    if (chosen.has(SIGN_IN)) record(SIGN_IN, size, full, baseline);
    note(`${SIGN_IN}: ${perSecond(full)}/s (no-JS forms against the production server on PGlite, sequential: ${[...steps].join(", ")})`);
    await stopServer();
    await removeTmp();
  }
}

const started = performance.now();
const load = () => os.loadavg()[0]!.toFixed(1);
const loadAtStart = load();
try {
  for (const engine of engines) {
    if (!chosen.has(select1Name(engine))) continue;
    log(`accounts list on ${engine}…`);
    if (engine === "pglite") await withPglite((d) => benchAccounts(engine, d));
    else await withPostgres(pgUrl!, (d) => benchAccounts(engine, d));
  }
  if (chosen.has(ALLOWLIST_MATCH)) {
    log("allowlist matcher…");
    await benchAllowlist(measure, record);
  }
  for (const engine of engines) {
    if (!chosen.has(`${AUTHORIZE_BASELINE}/${engine}`)) continue;
    log(`permission check on ${engine}…`);
    if (engine === "pglite") {
      await withPglite(async (d) => {
        setProcessDatabase(d);
        await benchAuthorize(d, d, engine, record, note);
      });
    } else {
      // As the console runs in production: the application's role, subject to row-level security.
      const role = `ocn_bench_app_${randomBytes(4).toString("hex")}`;
      const dropRole = onCleanup(async () => {
        const client = new pg.Client({ connectionString: pgUrl! });
        await client.connect();
        await client.query(`DROP ROLE IF EXISTS "${role}"`).finally(() => client.end());
      });
      await withPostgres(pgUrl!, async (owner, url) => {
        await ensureAppRole(owner.sql, role);
        const appUrl = new URL(url);
        appUrl.username = role;
        appUrl.password = "";
        const app = await openPostgres(appUrl.toString());
        try {
          setProcessDatabase(app);
          await benchAuthorize(owner, app, engine, record, note);
        } finally {
          await app.close();
        }
      });
      await dropRole();
    }
  }
  if (chosen.has(HASH)) {
    log("sign-in…");
    await benchSignIn();
  }
  for (const engine of engines) {
    if (!chosen.has(`${DASHBOARD_ROLLUPS}/${engine}`)) continue;
    log(`dashboard rollups on ${engine} (${rollupEvents(engine).toLocaleString("en")} events)…`);
    if (engine === "pglite") await withPglite((d) => benchRollups(d, engine, rollupEvents(engine), record, note));
    else await withPostgres(pgUrl!, (d) => benchRollups(d, engine, rollupEvents(engine), record, note));
  }
  if (chosen.has(INGESTION)) {
    log(`ingestion API on postgres (${ingestionEvents.toLocaleString("en")} events)…`);
    // As the console runs in production: the application's role, subject to row-level security.
    const role = `ocn_bench_app_${randomBytes(4).toString("hex")}`;
    const dropRole = onCleanup(async () => {
      const client = new pg.Client({ connectionString: pgUrl! });
      await client.connect();
      await client.query(`DROP ROLE IF EXISTS "${role}"`).finally(() => client.end());
    });
    await withPostgres(pgUrl!, async (owner, url) => {
      await ensureAppRole(owner.sql, role);
      const appUrl = new URL(url);
      appUrl.username = role;
      appUrl.password = "";
      const app = await openPostgres(appUrl.toString());
      try {
        await benchIngestion(owner, app, url, ingestionEvents, `${ingestionEvents / 1000}k`, record, note);
      } finally {
        await app.close();
      }
    });
    await dropRole();
  }
} catch (e) {
  // After a signal, the failure is the cleanup pulling the database away; the signal handler ends the process.
  if (interrupted) await new Promise(() => {});
  await runCleanups();
  console.error(e);
  process.exit(1);
}
await runCleanups();
note(
  `run took ${((performance.now() - started) / 1000).toFixed(0)} s on ${os.cpus().length} cores; ` +
    `1-minute load average ${loadAtStart} at the start, ${load()} at the end (other work on the machine skews the numbers)`,
);

const rows = results.sort((a, b) => a.order - b.order).map((r) => r.row);
if (args.json) {
  process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
} else {
  process.stdout.write(`${formatTable(rows)}\n\n`);
  process.stdout.write(
    "ratio = baseline median / scenario median (> 1: faster than the baseline). accounts-list at 1k is compared with a\n" +
      "SELECT 1 round trip through Prisma (1 / ratio = how many round trips one call costs); larger sizes with the same\n" +
      "query at 1k (1 / ratio = how much slower it got). sign-in rows are compared with one bare argon2id hash.\n" +
      "allowlist-match (10,000 lookups per sample) is compared with a linear scan over ip-cidr objects. authorize (one\n" +
      "request's currentActor() + authorize(): organization lookup, session, grants, merge, allowlist) is compared with the\n" +
      "bare session lookup query (1 / ratio = how many session lookups one check costs). dashboard-rollups (the\n" +
      "dashboard's 90-day series, heatmap and top lists from the rollups) is compared with the same answers by GROUP BY\n" +
      "over the raw audit_events (ratio = how many times faster the rollups are). ingestion-api-batch (one batch of 1,000\n" +
      "events through the server function of POST /api/v1/events) is compared with COPY of the same 1,000 rows into\n" +
      "audit_events (ratio = the API's share of COPY's speed; the goal is ≥ 0.5); ingestion-processing-batch (the rollups\n" +
      "and detections over that batch, run after its commit) and ingestion-end-to-end-batch (both) against the same COPY.\n\n",
  );
  for (const line of notes) process.stdout.write(`- ${line}\n`);
}
