// The ingestion API's server function (lib/server/ingestion/ingest-sign-in-events.ts, what POST /api/v1/events runs)
// at N events in batches of 1,000, against PostgreSQL's COPY of the same rows into audit_events in the same batches.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { newApiKey } from "@/lib/server/api-keys/api-key-secret";
import { setProcessDatabase, type Database } from "@/lib/server/db";
import { drainSignIns, kickSignInProcessing } from "@/lib/server/audit/process-sign-ins";
import { ingestSignInEvents } from "@/lib/server/ingestion/ingest-sign-in-events";
import { hashPassword } from "@/lib/server/password";
import { createBenchOrganization, growOrganization, loginIdOf, BENCH_PASSWORD } from "./bench-seed";
import { summarize, type Sample } from "./bench-stats";

export const INGESTION = "ingestion-api-batch";
export const INGESTION_COPY = "ingestion-copy-baseline";
export const INGESTION_PROCESSING = "ingestion-processing-batch";
export const INGESTION_END_TO_END = "ingestion-end-to-end-batch";
const BATCH = 1000;
const ACCOUNTS = 2000;
const COLUMNS = "organization_id, occurred_at, actor_id, actor_label, action, target_type, target_id, target_label, outcome, reason, ip, country, user_agent, details";

type Recorder = (scenario: string, size: string, sample: Sample, baseline?: { name: string; sample: Sample }) => void;
type Note = (line: string) => void;

interface BenchEvent {
  id: string;
  occurredAt: string;
  source: string;
  loginId: string;
  outcome: "success" | "failure";
  reason?: string;
  ip: string;
  country?: string;
  userAgent: string;
}

/**
 * N events over the last 30 weekdays in time order, as a service streams them (each batch of 1,000 covers the next
 * stretch of time): mostly in business hours (8–20 JST), one in 20 late in the evening — an office's rhythm, so the
 * off-hours rule fires as often as it would in use; 80 % by known OCN IDs, 10 % failures, 400 addresses, a country
 * on most.
 */
function makeEvents(tag: string, n: number, org: { tag: string }): BenchEvent[] {
  const JST = 9 * 3_600_000;
  const days: number[] = [];
  for (let back = 1; days.length < 30; back++) {
    const midnightJst = Math.floor((Date.now() + JST) / 86_400_000 - back) * 86_400_000 - JST;
    const weekday = new Date(midnightJst + JST).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.unshift(midnightJst);
  }
  const perDay = Math.ceil(n / days.length);
  const at = (i: number) => {
    const day = days[Math.floor(i / perDay)]!;
    const p = (i % perDay) / perDay;
    return i % 20 === 0 ? day + 20.5 * 3_600_000 + p * 3_600_000 : day + 8 * 3_600_000 + p * 12 * 3_600_000;
  };
  return Array.from({ length: n }, (_, i) => ({
    id: `${tag}-${i}`,
    occurredAt: new Date(Math.round(at(i))).toISOString(),
    source: i % 3 === 0 ? "mypage" : "mail",
    loginId: i % 5 === 0 ? `outsider-${i % 97}@example.jp` : loginIdOf(org, 1 + (i % (ACCOUNTS - 1))),
    outcome: i % 10 === 0 ? "failure" : "success",
    ...(i % 10 === 0 ? { reason: "bad_password" } : {}),
    ip: i % 2 ? `210.130.45.${i % 200}` : `61.205.120.${i % 200}`,
    // A country on most (the rest looked up offline); one in 500 from abroad.
    ...(i % 4 === 0 ? {} : { country: i % 500 === 1 ? "US" : "JP" }),
    userAgent: "OCN Mail/5.1 (iPhone; iOS 18.1)",
  }));
}

const csvCell = (v: string | null) => (v === null ? "" : `"${v.replace(/"/g, '""')}"`);

/** The same events as audit_events rows, CSV for COPY (what ingestion writes, without its lookups and checks). */
function copyRows(organizationId: string, events: BenchEvent[], accountIds: Map<string, string>): string {
  let out = "";
  for (const e of events) {
    const accountId = accountIds.get(e.loginId) ?? null;
    out +=
      [
        organizationId,
        e.occurredAt,
        accountId ?? "",
        csvCell(e.loginId),
        "auth.sign_in",
        "account",
        accountId ?? "",
        csvCell(e.loginId),
        e.outcome,
        e.reason ?? "",
        e.ip,
        e.country ?? "",
        csvCell(e.userAgent),
        csvCell(JSON.stringify({ source: e.source, eventId: e.id, apiKeyId: null })),
      ].join(",") + "\n";
  }
  return out;
}

/** One psql process, one `\copy … from pstdin` per batch (each its own transaction), timed by psql's \timing. */
async function copyWithPsql(url: string, batches: string[]): Promise<number[]> {
  const script = ["\\timing on", ...batches.map(() => `\\copy audit_events (${COLUMNS}) from pstdin with (format csv)`)].join("\n");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ocn-bench-copy-"));
  const scriptFile = path.join(dir, "copy.sql");
  fs.writeFileSync(scriptFile, script);
  const child = spawn("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-f", scriptFile], { stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const closed = new Promise<number | null>((resolve, reject) => {
    child.on("close", resolve);
    child.on("error", reject);
  });
  // psql failing mid-way closes its stdin: the exit code below says why, not an unhandled EPIPE.
  child.stdin.on("error", () => {});
  for (const b of batches) {
    if (!child.stdin.write(`${b}\\.\n`)) await new Promise((r) => child.stdin.once("drain", r));
  }
  child.stdin.end();
  const code = await closed;
  fs.rmSync(dir, { recursive: true, force: true });
  if (code !== 0) throw new Error(`psql failed (${code}): ${stderr.slice(0, 500)}`);
  const times = [...stdout.matchAll(/Time: ([\d.]+) ms/g)].map((m) => Number(m[1]));
  return times.slice(-batches.length);
}

/** Without psql: INSERT … SELECT FROM jsonb_to_recordset per batch, the closest plain-SQL equivalent. */
async function insertWithRecordset(url: string, organizationId: string, batches: BenchEvent[][], accountIds: Map<string, string>): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const times: number[] = [];
  try {
    for (const batch of batches) {
      const rows = batch.map((e) => ({ ...e, accountId: accountIds.get(e.loginId) ?? null, details: { source: e.source, eventId: e.id, apiKeyId: null } }));
      const t0 = performance.now();
      await client.query(
        `INSERT INTO audit_events (${COLUMNS})
         SELECT $1::uuid, r."occurredAt", r."accountId", r."loginId", 'auth.sign_in', 'account', r."accountId"::text, r."loginId",
                r.outcome::"AuditOutcome", r.reason, r.ip::inet, r.country, r."userAgent", r.details
         FROM jsonb_to_recordset($2::jsonb) AS r("occurredAt" timestamptz, "accountId" uuid, "loginId" text, outcome text, reason text, ip text, country text, "userAgent" text, details jsonb)`,
        [organizationId, JSON.stringify(rows)],
      );
      times.push(performance.now() - t0);
    }
  } finally {
    await client.end();
  }
  return times;
}

/**
 * On PostgreSQL: the server function as the application's role (row-level security on, as in production) against
 * COPY as the tables' owner (COPY FROM does not run under row-level security). Both write through the audit hash-chain
 * trigger, one after the other into the same organization.
 */
export async function benchIngestion(owner: Database, app: Database, url: string, events: number, label: string, record: Recorder, note: Note): Promise<void> {
  setProcessDatabase(app);
  const hash = await hashPassword(BENCH_PASSWORD);
  const org = await createBenchOrganization(owner.prisma, "i", hash);
  // The factory's admin may hold an employee number the grown accounts reuse; the bench needs none.
  await owner.prisma.account.update({ where: { id: org.admin.id }, data: { employeeNumber: null } });
  await growOrganization(owner.prisma, org, ACCOUNTS, hash);
  const secret = newApiKey();
  const key = await owner.prisma.apiKey.create({ data: { organizationId: org.id, name: "bench", prefix: secret.prefix, secretHash: secret.secretHash, scopes: ["events:write"] }, select: { id: true } });
  const caller = { apiKeyId: key.id, organizationId: org.id, scopes: ["events:write"] };

  // One batch at a time, as the goal compares: the API's server function (answered once the events are stored), then
  // the rollups and detections over that batch (what runs right after the commit on the server), each timed alone.
  const apiEvents = makeEvents("api", events, org);
  const apiTimes: number[] = [];
  const processTimes: number[] = [];
  let accepted = 0;
  for (let i = 0; i < apiEvents.length; i += BATCH) {
    const t0 = performance.now();
    const result = await ingestSignInEvents(caller, { events: apiEvents.slice(i, i + BATCH) }, new Date(), { processAfterCommit: false });
    const t1 = performance.now();
    const processed = await drainSignIns(org.id);
    processTimes.push(performance.now() - t1);
    apiTimes.push(t1 - t0);
    if (result.kind !== "accepted") throw new Error(`batch ${i / BATCH} refused: ${JSON.stringify(result.errors.slice(0, 3))}`);
    if (processed !== result.accepted) throw new Error(`batch ${i / BATCH}: processed ${processed} of ${result.accepted}`);
    accepted += result.accepted;
  }
  if (accepted !== events) throw new Error(`accepted ${accepted} of ${events}`);
  const rolledUp = async () => (await owner.sql.rows<{ n: number }>(`SELECT COALESCE(sum(success_count + failure_count), 0)::int AS n FROM sign_in_rollups WHERE organization_id = '${org.id}'`))[0]?.n;
  if ((await rolledUp()) !== events) throw new Error(`the rollups count ${await rolledUp()} sign-ins, not ${events}`);
  const [alerts] = await owner.sql.rows<{ n: number }>(`SELECT count(*)::int AS n FROM alerts WHERE organization_id = '${org.id}'`);

  // As on the server: batches back to back, processing kicked after each commit and running beside the next batch.
  const liveEvents = makeEvents("live", events, org);
  const liveStart = performance.now();
  for (let i = 0; i < liveEvents.length; i += BATCH) {
    const result = await ingestSignInEvents(caller, { events: liveEvents.slice(i, i + BATCH) }, new Date(), { processAfterCommit: true });
    if (result.kind !== "accepted" || result.accepted !== BATCH) throw new Error(`live batch ${i / BATCH} not taken whole`);
  }
  const liveAnswered = performance.now();
  await kickSignInProcessing(org.id, 0);
  const liveDone = performance.now();
  if ((await rolledUp()) !== 2 * events) throw new Error(`the rollups count ${await rolledUp()} sign-ins, not ${2 * events}`);

  const replay = performance.now();
  const again = await ingestSignInEvents(caller, { events: apiEvents.slice(0, BATCH) });
  const replayMs = performance.now() - replay;
  if (again.kind !== "accepted" || again.accepted !== 0) throw new Error("a replayed batch was written again");

  const accounts = await owner.prisma.account.findMany({ where: { organizationId: org.id }, select: { id: true, loginId: true } });
  const accountIds = new Map(accounts.map((a) => [a.loginId, a.id]));
  const copyEvents = makeEvents("copy", events, org);
  const batches: BenchEvent[][] = [];
  for (let i = 0; i < copyEvents.length; i += BATCH) batches.push(copyEvents.slice(i, i + BATCH));
  const psql = spawnSync("psql", ["--version"]).status === 0;
  const copyTimes = psql
    ? await copyWithPsql(url, batches.map((b) => copyRows(org.id, b, accountIds)))
    : await insertWithRecordset(url, org.id, batches, accountIds);
  const [written] = await owner.sql.rows<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE organization_id = '${org.id}' AND action = 'auth.sign_in' AND details->>'eventId' LIKE 'copy-%'`);
  if (written?.n !== events) throw new Error(`the baseline wrote ${written?.n} rows, not ${events}`);

  const api = summarize(apiTimes);
  const copy = summarize(copyTimes);
  const endToEnd = apiTimes.map((t, i) => t + processTimes[i]!);
  record(INGESTION_COPY, label, copy);
  record(INGESTION, label, api, { name: INGESTION_COPY, sample: copy });
  record(INGESTION_PROCESSING, label, summarize(processTimes), { name: INGESTION_COPY, sample: copy });
  record(INGESTION_END_TO_END, label, summarize(endToEnd), { name: INGESTION_COPY, sample: copy });
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const rate = (n: number, ms: number) => Math.round((n / ms) * 1000).toLocaleString("en");
  note(
    `ingestion: ${events.toLocaleString("en")} events in batches of ${BATCH}, one at a time: the API's server function ${(sum(apiTimes) / 1000).toFixed(1)} s ` +
      `(${rate(events, sum(apiTimes))} events/s: validation, idempotency, OCN ID lookup, GeoIP, the insert through the hash chain) vs ` +
      `${psql ? "psql \\copy" : "INSERT … jsonb_to_recordset (no psql found)"} ${(sum(copyTimes) / 1000).toFixed(1)} s (${rate(events, sum(copyTimes))} events/s): ` +
      `ratio ${(sum(copyTimes) / sum(apiTimes)).toFixed(2)}× COPY (goal ≥ 0.5×); rollups and detections over each batch ${(sum(processTimes) / 1000).toFixed(1)} s ` +
      `(${rate(events, sum(processTimes))} events/s, ${alerts?.n ?? 0} alerts); stored, counted and judged ${rate(events, sum(endToEnd))} events/s ` +
      `(${(sum(copyTimes) / sum(endToEnd)).toFixed(2)}× COPY); a replayed batch of ${BATCH} took ${replayMs.toFixed(0)} ms and wrote nothing`,
  );
  note(
    `ingestion as on the server (batches back to back, processing kicked after each commit beside the next batch): ${events.toLocaleString("en")} events answered in ` +
      `${((liveAnswered - liveStart) / 1000).toFixed(1)} s (${rate(events, liveAnswered - liveStart)} events/s); the last counted and judged ` +
      `${(liveDone - liveAnswered).toFixed(0)} ms after the last batch was answered (${rate(events, liveDone - liveStart)} events/s end to end)`,
  );
}
