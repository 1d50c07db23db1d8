// The security dashboard's reads (90-day daily series, weekday × hour heatmap, top countries, failing accounts and
// IPs) from the sign-in rollups, against the same answers by GROUP BY over the raw audit_events, at N sign-in events.
import { performance } from "node:perf_hooks";
import type { Database } from "@/lib/server/db";
import { heatmap, jstDay, jstMidnight } from "@/lib/policy/security-dashboard";
import { rebuildSignInDimRollupsSql } from "@/lib/server/audit/rollups";
import { readSignInHours, readTopDims } from "@/lib/server/dashboard/read-rollups";
import { createOrganization } from "@/tests/factories";
import { measure, type Sample } from "./bench-stats";

export const DASHBOARD_ROLLUPS = "dashboard-rollups";
export const DASHBOARD_RAW = "dashboard-raw-group-by";
const DAY_MS = 86_400_000;
const SPAN_DAYS = 395; // ~13 months of history
const LOAD_CHUNK = 1_000_000;

type Recorder = (scenario: string, size: string, sample: Sample, baseline?: { name: string; sample: Sample }) => void;
type Note = (line: string) => void;

export const eventsLabel = (n: number) => (n >= 1_000_000 && n % 1_000_000 === 0 ? `${n / 1_000_000}M` : n >= 1000 ? `${Math.round(n / 1000)}k` : String(n));

/** What the dashboard shows for 90 days, comparable between the two ways of computing it. */
interface Answer {
  series: { day: string; success: number; failure: number }[];
  heatmap: number[][];
  countries: string[];
  accounts: string[];
  ips: string[];
}

async function fromRollups(d: Database, org: string, now: Date): Promise<Answer> {
  const today = jstMidnight(now);
  const from = new Date(today.getTime() - 89 * DAY_MS);
  const fromDay = jstDay(from);
  const toDay = jstDay(today);
  const [hours, countries, accounts, ips] = await Promise.all([
    readSignInHours(d.prisma, org, from, now),
    readTopDims(d.prisma, org, "country", fromDay, toDay, "total"),
    readTopDims(d.prisma, org, "account", fromDay, toDay, "failure"),
    readTopDims(d.prisma, org, "ip", fromDay, toDay, "failure"),
  ]);
  const byDay = new Map<string, { day: string; success: number; failure: number }>();
  for (const h of hours) {
    const day = jstDay(h.hour);
    const r = byDay.get(day) ?? { day, success: 0, failure: 0 };
    r.success += h.success;
    r.failure += h.failure;
    byDay.set(day, r);
  }
  return {
    series: [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day)),
    heatmap: heatmap(hours),
    countries: countries.map((c) => c.key),
    accounts: accounts.map((c) => c.key),
    ips: ips.map((c) => c.key),
  };
}

async function fromRawEvents(d: Database, org: string, now: Date): Promise<Answer> {
  const from = new Date(jstMidnight(now).getTime() - 89 * DAY_MS);
  const p = d.prisma;
  const [series, cells, countries, accounts, ips] = await Promise.all([
    p.$queryRaw<{ day: string; success: number; failure: number }[]>`
      SELECT to_char(occurred_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD') AS day,
             count(*) FILTER (WHERE outcome = 'success')::int AS success, count(*) FILTER (WHERE outcome = 'failure')::int AS failure
      FROM audit_events WHERE organization_id = ${org}::uuid AND action = 'auth.sign_in' AND occurred_at >= ${from} AND occurred_at <= ${now}
      GROUP BY 1 ORDER BY 1`,
    p.$queryRaw<{ wd: number; h: number; n: number }[]>`
      SELECT (extract(isodow FROM occurred_at AT TIME ZONE 'Asia/Tokyo') - 1)::int AS wd,
             extract(hour FROM occurred_at AT TIME ZONE 'Asia/Tokyo')::int AS h, count(*)::int AS n
      FROM audit_events WHERE organization_id = ${org}::uuid AND action = 'auth.sign_in' AND occurred_at >= ${from} AND occurred_at <= ${now}
      GROUP BY 1, 2`,
    p.$queryRaw<{ key: string }[]>`
      SELECT country AS key FROM audit_events
      WHERE organization_id = ${org}::uuid AND action = 'auth.sign_in' AND occurred_at >= ${from} AND occurred_at <= ${now} AND country IS NOT NULL
      GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 10`,
    p.$queryRaw<{ key: string }[]>`
      SELECT COALESCE(actor_id::text, actor_label) AS key FROM audit_events
      WHERE organization_id = ${org}::uuid AND action = 'auth.sign_in' AND occurred_at >= ${from} AND occurred_at <= ${now} AND outcome = 'failure'
        AND COALESCE(actor_id::text, actor_label) IS NOT NULL
      GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 10`,
    p.$queryRaw<{ key: string }[]>`
      SELECT host(ip) AS key FROM audit_events
      WHERE organization_id = ${org}::uuid AND action = 'auth.sign_in' AND occurred_at >= ${from} AND occurred_at <= ${now} AND outcome = 'failure' AND ip IS NOT NULL
      GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 10`,
  ]);
  const grid = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
  for (const c of cells) grid[c.wd]![c.h] = c.n;
  return { series, heatmap: grid, countries: countries.map((r) => r.key), accounts: accounts.map((r) => r.key), ips: ips.map((r) => r.key) };
}

/**
 * Loads `events` sign-in events of one organization over ~13 months with generate_series, builds both rollups with
 * one INSERT … SELECT … GROUP BY each, checks that the two ways answer alike, then times them.
 */
export async function benchRollups(d: Database, engine: string, events: number, record: Recorder, note: Note): Promise<void> {
  const org = (await createOrganization(d.prisma, { name: "ベンチ 株式会社" })).id;
  const now = new Date();
  const size = eventsLabel(events);

  // One partition per month where audit_events is partitioned, so the loaded months do not all fall in the default one.
  const [partitioned] = await d.prisma.$queryRaw<{ ok: boolean }[]>`SELECT to_regproc('ocn_audit_create_partition') IS NOT NULL AS ok`;
  if (partitioned?.ok) {
    await d.prisma.$executeRaw`
      SELECT ocn_audit_create_partition(m::date)
      FROM generate_series(date_trunc('month', ${now}::timestamptz - ${SPAN_DAYS + 31} * interval '1 day'), date_trunc('month', ${now}::timestamptz), interval '1 month') AS m`.catch(
      (e: Error) => note(`${engine}: partitions not created (${e.message.split("\n")[0]})`),
    );
  }

  const loadStarted = performance.now();
  for (let start = 0; start < events; start += LOAD_CHUNK) {
    const end = Math.min(events, start + LOAD_CHUNK) - 1;
    // Triggers off for the load (this database is the bench's own): the hash chain's per-row trigger would make the
    // load, not the reads timed here, the bench's cost. Spread evenly over the span (newest last), ~3% failures,
    // 5,000 accounts, 9 in 10 sign-ins from 20 office addresses and the rest from 3,000 others, a few countries.
    await d.prisma.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
        await tx.$executeRaw`
          INSERT INTO audit_events (organization_id, occurred_at, actor_label, action, outcome, ip, country, user_agent)
          SELECT ${org}::uuid,
                 ${now}::timestamptz - ((${events} - 1 - g)::float8 * ${(SPAN_DAYS * DAY_MS) / events}) * interval '1 millisecond',
                 'user' || ((g * 7919) % 5000) || '@bench.example.jp',
                 'auth.sign_in',
                 (CASE WHEN (g * 2654435761) % 100 < 3 THEN 'failure' ELSE 'success' END)::"AuditOutcome",
                 (CASE WHEN g % 10 < 9 THEN '203.0.113.' || (g % 20 + 1) ELSE '10.' || ((g * 31) % 3000 / 250) || '.' || ((g * 31) % 250) || '.1' END)::inet,
                 CASE WHEN g % 50 = 0 THEN 'US' WHEN g % 173 = 0 THEN 'CN' WHEN g % 311 = 0 THEN 'BR' WHEN g % 997 = 0 THEN 'DE' ELSE 'JP' END,
                 'bench'
          FROM generate_series(${start}::bigint, ${end}::bigint) AS g`;
      },
      { timeout: 3_600_000, maxWait: 60_000 },
    );
  }
  const loadMs = performance.now() - loadStarted;

  const rollupStarted = performance.now();
  await d.prisma.$executeRaw`
    INSERT INTO sign_in_rollups (organization_id, hour, success_count, failure_count, off_hours_count, foreign_count)
    SELECT ${org}::uuid, date_trunc('hour', occurred_at),
           count(*) FILTER (WHERE outcome = 'success'), count(*) FILTER (WHERE outcome = 'failure'),
           count(*) FILTER (WHERE outcome = 'success' AND (extract(isodow FROM occurred_at AT TIME ZONE 'Asia/Tokyo') > 5
             OR extract(hour FROM occurred_at AT TIME ZONE 'Asia/Tokyo') NOT BETWEEN 8 AND 19)),
           count(*) FILTER (WHERE country <> 'JP')
    FROM audit_events WHERE organization_id = ${org}::uuid AND action = 'auth.sign_in' GROUP BY 2`;
  await d.prisma.$executeRaw(rebuildSignInDimRollupsSql(org));
  const rollupMs = performance.now() - rollupStarted;
  // What autovacuum would have done by the time anyone looks: statistics, and visibility maps for index-only scans.
  const vacuumStarted = performance.now();
  for (const table of ["audit_events", "sign_in_rollups", "sign_in_dim_rollups"]) await d.prisma.$executeRawUnsafe(`VACUUM ANALYZE ${table}`);
  const vacuumMs = performance.now() - vacuumStarted;
  const [counts] = await d.prisma.$queryRaw<{ hours: number; dims: number }[]>`
    SELECT (SELECT count(*)::int FROM sign_in_rollups WHERE organization_id = ${org}::uuid) AS hours,
           (SELECT count(*)::int FROM sign_in_dim_rollups WHERE organization_id = ${org}::uuid) AS dims`;
  note(
    `${engine}: loaded ${size} sign-in events in ${(loadMs / 1000).toFixed(1)} s (${Math.round((events / loadMs) * 1000).toLocaleString("en")} rows/s); ` +
      `built ${counts?.hours.toLocaleString("en")} hourly and ${counts?.dims.toLocaleString("en")} per-day dimension rollup rows in ${(rollupMs / 1000).toFixed(1)} s; VACUUM ANALYZE ${(vacuumMs / 1000).toFixed(1)} s`,
  );

  const a = await fromRollups(d, org, now);
  const b = await fromRawEvents(d, org, now);
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`${engine}: the rollups and the raw GROUP BY disagree at ${size}`);

  const rollups = await measure(() => fromRollups(d, org, now), { warmup: 5, iterations: 200, budgetMs: 15_000 });
  const raw = await measure(() => fromRawEvents(d, org, now), { warmup: 1, iterations: 30, budgetMs: 90_000 });
  record(`${DASHBOARD_RAW}/${engine}`, size, raw);
  record(`${DASHBOARD_ROLLUPS}/${engine}`, size, rollups, { name: `${DASHBOARD_RAW}/${engine}`, sample: raw });
}
