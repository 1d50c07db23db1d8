// EXPLAIN of the very SQL the console's main operations send (sign-in, session check, accounts, audit log, lines,
// alerts, dashboard), captured on the wire, against tables big enough for the planner to choose: no sequential scan
// of a big table. Four organizations share the tables; the signed-in one holds 40 % of each.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import pg from "pg";
import { listAccounts } from "@/lib/server/accounts/list-accounts";
import { listAlerts } from "@/lib/server/alerts/list-alerts";
import { listAuditEvents } from "@/lib/server/audit/list-audit-events";
import { rebuildSignInDimRollupsSql } from "@/lib/server/audit/rollups";
import { getDashboard } from "@/lib/server/dashboard/get-dashboard";
import { listLines } from "@/lib/server/lines/list-lines";
import {
  createAccount,
  createOrganization,
  type CreatedOrganization,
} from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { signedIn } from "@/tests/support/session";

vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined }),
  headers: async () => new Headers(),
}));

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const SIZE = {
  accounts: 20_000,
  lines: 20_000,
  events: 200_000,
  sessions: 20_000,
  alerts: 40_000,
};
const SHARES = [0.4, 0.2, 0.2, 0.2];
/** The tables that grow with an organization's size and history; audit_events_* are the log's monthly partitions. */
const BIG = [
  "accounts",
  "lines",
  "audit_events",
  "sign_in_rollups",
  "sign_in_dim_rollups",
  "role_grants",
  "sessions",
  "alerts",
];
const isBig = (relation: string) =>
  BIG.includes(relation) || /^audit_events_/.test(relation);
/** Below this many rows a sequential scan is as good as any (an empty partition of a future month, say). */
const MIN_ROWS = 1_000;
/** A page (LIMIT) that sorts more rows than this of a big table has read much of an organization to show a few. */
const MAX_SORTED = 2_000;

interface Statement {
  label: string;
  text: string;
  values: unknown[];
}

// Every statement the application's role sends while `capturing` names an operation. Installed before any
// connection exists: lib/server/db.ts binds each client's query function when the client is first checked out.
let capturing: string | null = null;
let appRole = "";
const statements: Statement[] = [];
type Query = (
  this: pg.Client,
  config: unknown,
  values?: unknown,
  callback?: unknown,
) => unknown;
const send = pg.Client.prototype.query as unknown as Query;
(pg.Client.prototype as unknown as { query: Query }).query = function (
  this: pg.Client,
  config,
  values,
  callback,
) {
  const user = (this as unknown as { connectionParameters?: { user?: string } })
    .connectionParameters?.user;
  if (capturing && user === appRole) {
    const text =
      typeof config === "string"
        ? config
        : (config as { text?: string } | null)?.text;
    const bound =
      typeof config === "object" && config && "values" in config
        ? (config as { values?: unknown }).values
        : values;
    if (typeof text === "string")
      statements.push({
        label: capturing,
        text,
        values: Array.isArray(bound) ? bound : [],
      });
  }
  return send.call(this, config, values, callback);
};

async function capture<T>(label: string, fn: () => Promise<T>): Promise<T> {
  capturing = label;
  try {
    return await fn();
  } finally {
    capturing = null;
  }
}

let t: TestDatabase;
let orgs: CreatedOrganization[] = [];

/** An organization's share of every big table, in bulk SQL as the tables' owner (the chain trigger on). */
async function fill(
  org: CreatedOrganization,
  share: number,
  tag: string,
): Promise<void> {
  const exec = (sql: string, ...values: unknown[]) =>
    t.prisma.$executeRawUnsafe(sql, ...values);
  const n = (total: number) => Math.round(total * share);
  await exec(
    `INSERT INTO departments (organization_id, code, name) SELECT $1::uuid, 'D' || d, '第' || d || '部' FROM generate_series(1, 20) d`,
    org.id,
  );
  await exec(
    `INSERT INTO accounts (organization_id, login_id, email, display_name, name_kana, employee_number, department_id, kind,
       status, password_changed_at, last_sign_in_at, created_at, updated_at)
     SELECT $1::uuid, 'u' || g || '.' || $2 || '@plans.example.jp', 'u' || g || '.' || $2 || '@plans.example.jp',
       (ARRAY['佐藤','鈴木','高橋','田中','伊藤','渡辺','山本','中村'])[1 + g % 8] || ' ' || (ARRAY['翔','陽菜','蓮','結衣','湊'])[1 + g % 5],
       (ARRAY['サトウ','スズキ','タカハシ','タナカ','イトウ','ワタナベ','ヤマモト','ナカムラ'])[1 + g % 8] || ' ' || (ARRAY['ショウ','ヒナ','レン','ユイ','ミナト'])[1 + g % 5],
       CASE WHEN g % 7 = 0 THEN NULL ELSE 'P' || lpad(g::text, 7, '0') END, d.ids[1 + g % 20],
       (CASE WHEN g % 7 = 0 THEN 'contractor' ELSE 'employee' END)::"AccountKind",
       (CASE g % 20 WHEN 0 THEN 'invited' WHEN 1 THEN 'locked' WHEN 2 THEN 'suspended' WHEN 3 THEN 'disabled' ELSE 'active' END)::"AccountStatus",
       now() - (g % 80) * interval '1 day', now() - (g % 90) * interval '1 day', now() - interval '2 years', now() - interval '2 years'
     FROM generate_series(1, $3::int) g, (SELECT array_agg(id ORDER BY code) AS ids FROM departments WHERE organization_id = $1::uuid) d`,
    org.id,
    tag,
    n(SIZE.accounts),
  );
  await exec(
    `INSERT INTO role_grants (organization_id, account_id, role_id, starts_at) SELECT $1::uuid, id, $2::uuid, created_at FROM accounts WHERE organization_id = $1::uuid`,
    org.id,
    org.roleIds.member,
  );
  await exec(
    `INSERT INTO lines (organization_id, phone_number, iccid, sim_type, plan, data_allowance_gb, status, assigned_account_id, cost_center, activated_at)
     SELECT $1::uuid, '090-' || lpad((g / 10000)::text, 4, '0') || '-' || lpad((g % 10000)::text, 4, '0'), '8981100' || lpad(g::text, 12, '0'),
       'physical', (ARRAY['OCNモバイル 3GB','OCNモバイル 10GB','OCNモバイル 20GB'])[1 + g % 3], 10,
       (CASE WHEN g % 10 = 0 THEN 'suspended' ELSE 'active' END)::"LineStatus", CASE WHEN g % 9 = 0 THEN NULL ELSE a.ids[1 + g % cardinality(a.ids)] END,
       '第' || (1 + g % 20) || '部', now() - (g % 900) * interval '1 day'
     FROM generate_series(1, $2::int) g, (SELECT array_agg(id) AS ids FROM accounts WHERE organization_id = $1::uuid) a`,
    org.id,
    n(SIZE.lines),
  );
  const events = n(SIZE.events);
  await exec(
    `INSERT INTO audit_events (organization_id, occurred_at, actor_id, actor_label, action, target_type, target_id, target_label, outcome, ip, country, user_agent, details)
     SELECT $1::uuid, now() - (($2::int - g) * (395 * 86400.0 / $2::int)) * interval '1 second', x.id, 'u' || g % 5000 || '@plans.example.jp',
       CASE WHEN g % 10 = 8 THEN 'account.update' WHEN g % 10 = 9 THEN 'line.settings_changed' ELSE 'auth.sign_in' END,
       'account', x.id::text, 'u' || g % 5000 || '@plans.example.jp',
       (CASE WHEN g % 33 = 0 THEN 'failure' ELSE 'success' END)::"AuditOutcome",
       ('203.0.113.' || (1 + g % 40))::inet, CASE WHEN g % 500 = 0 THEN 'US' ELSE 'JP' END, 'vitest', '{}'::jsonb
     FROM generate_series(1, $2::int) g, (SELECT array_agg(id) AS ids FROM accounts WHERE organization_id = $1::uuid) a,
       LATERAL (SELECT a.ids[1 + (g * 7919) % cardinality(a.ids)] AS id) x
     ORDER BY g`,
    org.id,
    events,
  );
  await exec(
    `INSERT INTO sign_in_rollups (organization_id, hour, success_count, failure_count, off_hours_count, foreign_count)
     SELECT $1::uuid, date_trunc('hour', occurred_at), count(*) FILTER (WHERE outcome = 'success'), count(*) FILTER (WHERE outcome = 'failure'), 0,
       count(*) FILTER (WHERE country <> 'JP')
     FROM audit_events WHERE organization_id = $1::uuid AND action = 'auth.sign_in' GROUP BY 2`,
    org.id,
  );
  await t.prisma.$executeRaw(rebuildSignInDimRollupsSql(org.id));
  // Loaded as already counted and judged: a sign-in during the test processes only itself.
  await exec(
    `INSERT INTO sign_in_cursors (organization_id, processed_seq) SELECT $1::uuid, max(chain_seq) FROM audit_events WHERE organization_id = $1::uuid
     ON CONFLICT (organization_id) DO UPDATE SET processed_seq = EXCLUDED.processed_seq`,
    org.id,
  );
  await exec(
    `INSERT INTO sessions (organization_id, account_id, session_version, ip, user_agent, created_at, last_seen_at, expires_at, revoked_at)
     SELECT $1::uuid, a.ids[1 + g % cardinality(a.ids)], 1, '203.0.113.5', 'vitest', t, t + interval '1 hour', t + interval '12 hours',
       CASE WHEN g % 3 = 0 THEN t + interval '2 hours' END
     FROM generate_series(1, $2::int) g, (SELECT array_agg(id) AS ids FROM accounts WHERE organization_id = $1::uuid) a,
       LATERAL (SELECT now() - g * interval '20 minutes' AS t) s`,
    org.id,
    n(SIZE.sessions),
  );
  await exec(
    `INSERT INTO alerts (organization_id, kind, severity, subject_type, subject_key, subject_label, first_seen_at, last_seen_at, count, evidence_event_ids,
       status, resolved_at, created_at, updated_at)
     SELECT $1::uuid, (ARRAY['repeated_failures','password_spray','off_hours_sign_in','foreign_sign_in'])[1 + g % 4],
       (ARRAY['low','medium','high','critical'])[1 + g % 4]::"AlertSeverity", 'account', a.ids[1 + g % cardinality(a.ids)]::text, 'u' || g || '@plans.example.jp',
       t - interval '1 hour', t, 1, '{}', (CASE WHEN g % 20 = 0 THEN 'open' WHEN g % 20 = 1 THEN 'acknowledged' WHEN g % 20 = 2 THEN 'false_positive' ELSE 'resolved' END)::"AlertStatus",
       CASE WHEN g % 20 > 1 THEN t END, t, t
     FROM generate_series(1, $2::int) g, (SELECT array_agg(id) AS ids FROM accounts WHERE organization_id = $1::uuid) a,
       LATERAL (SELECT now() - g * (395 * 86400.0 / $2::int) * interval '1 second' AS t) s`,
    org.id,
    n(SIZE.alerts),
  );
}

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Plan Rows": number;
  Plans?: PlanNode[];
}

function* nodes(plan: PlanNode): Generator<PlanNode> {
  yield plan;
  for (const child of plan.Plans ?? []) yield* nodes(child);
}

interface Explained extends Statement {
  seqScans: string[];
  indexed: string[];
  /** Sorts under a LIMIT of more than MAX_SORTED rows read from a big table: "relation (rows)". */
  bigSorts: string[];
}

/** The Sort nodes under a Limit whose input holds more than MAX_SORTED rows of a big table. */
function bigSorts(plan: PlanNode, limited = false): string[] {
  const below = limited || plan["Node Type"] === "Limit";
  const here =
    below && plan["Node Type"] === "Sort" && plan["Plan Rows"] > MAX_SORTED
      ? [...nodes(plan)]
          .filter((p) => p["Relation Name"] && isBig(p["Relation Name"]))
          .map((p) => `${p["Relation Name"]} (${plan["Plan Rows"]})`)
      : [];
  return [
    ...here,
    ...(plan.Plans ?? []).flatMap((child) => bigSorts(child, below)),
  ];
}

const explained: Explained[] = [];

describe.skipIf(!onPostgres)(
  "query plans (PostgreSQL only: the plans that matter are the application role's, under row-level security)",
  () => {
    beforeAll(async () => {
      t = await openTestDatabase();
      appRole = new URL(t.appUrl!).username;
      orgs = [];
      for (const [i, share] of SHARES.entries()) {
        const org = await createOrganization(t.prisma);
        await fill(org, share, `o${i}`);
        orgs.push(org);
      }
      for (const table of BIG)
        await t.prisma.$executeRawUnsafe(`VACUUM ANALYZE ${table}`);

      const org = orgs[0]!;
      const admin = await createAccount(t.prisma, {
        organizationId: org.id,
        roleKeys: ["org_admin"],
        displayName: "管理 太郎",
      });
      const session = await capture("sign-in", () =>
        signedIn(admin.loginId, admin.password),
      );
      const run = <T>(label: string, fn: () => Promise<T>) =>
        capture(label, () => session.run(fn));
      const [department] = await t.prisma.department.findMany({
        where: { organizationId: org.id },
        take: 1,
        select: { id: true },
      });
      const someone = await t.prisma.account.findFirstOrThrow({
        where: { organizationId: org.id, status: "active" },
        select: { id: true, loginId: true },
      });
      const week = new Date(Date.now() - 7 * 86_400_000)
        .toISOString()
        .slice(0, 10);

      await run("accounts: first page", () => listAccounts({}));
      await run("accounts: search", () => listAccounts({ q: "タナカ" }));
      await run("accounts: active, page 20", () =>
        listAccounts({ status: "active", page: 20 }),
      );
      await run("accounts: one department", () =>
        listAccounts({ department: department!.id }),
      );
      await run("accounts: contractors", () =>
        listAccounts({ kind: "contractor" }),
      );
      await run("accounts: by last sign-in", () =>
        listAccounts({ sort: "lastSignInAt", dir: "desc" }),
      );
      await run("accounts: by OCN ID", () => listAccounts({ sort: "loginId" }));
      const first = await run("audit: first page", () => listAuditEvents({}));
      await run("audit: next page", () =>
        listAuditEvents({ cursor: first.nextCursor ?? undefined }),
      );
      await run("audit: sign-ins", () =>
        listAuditEvents({ action: "auth.sign_in" }),
      );
      await run("audit: failures", () =>
        listAuditEvents({ outcome: "failure" }),
      );
      await run("audit: last 7 days", () => listAuditEvents({ from: week }));
      await run("audit: one person", () =>
        listAuditEvents({ actor: someone.id }),
      );
      await run("audit: one target", () =>
        listAuditEvents({ target: someone.id }),
      );
      await run("audit: an address", () =>
        listAuditEvents({ ip: "203.0.113.7" }),
      );
      await run("lines: first page", () => listLines({}));
      await run("lines: suspended", () => listLines({ status: "suspended" }));
      await run("lines: unassigned, page 3", () =>
        listLines({ holder: "unassigned", page: 3 }),
      );
      await run("lines: number search", () => listLines({ q: "090-0001" }));
      await run("alerts: active", () => listAlerts({}));
      await run("alerts: active, high", () => listAlerts({ severity: "high" }));
      await run("alerts: mine", () => listAlerts({ assignee: "me" }));
      await run("alerts: all, page 2", () =>
        listAlerts({ status: "all", page: 2 }),
      );
      await run("dashboard: 90 days", () => getDashboard({ range: "90" }));
      await run("dashboard: 7 days", () => getDashboard({ range: "7" }));

      // EXPLAIN each distinct statement as the application's role, in the signed-in organization.
      const rows = await t.sql.rows<{ relname: string; reltuples: number }>(
        `SELECT relname, reltuples::float8 AS reltuples FROM pg_class WHERE relkind = 'r'`,
      );
      const sizes = new Map(rows.map((r) => [r.relname, r.reltuples]));
      const client = new pg.Client({ connectionString: t.appUrl });
      await client.connect();
      try {
        const seen = new Set<string>();
        for (const s of statements) {
          if (
            !/^\s*(SELECT|WITH|UPDATE|DELETE|INSERT)\b/i.test(s.text) ||
            /^\s*SELECT\s+set_config/i.test(s.text)
          )
            continue;
          const key = `${s.text}\u0000${JSON.stringify(s.values)}`;
          if (seen.has(key)) continue;
          seen.add(key);
          await client.query(
            `BEGIN; SET LOCAL ocn.organization_id = '${org.id}'`,
          );
          try {
            const result = await client.query<{
              "QUERY PLAN": { Plan: PlanNode }[];
            }>(`EXPLAIN (FORMAT JSON) ${s.text}`, s.values);
            const root = result.rows[0]!["QUERY PLAN"][0]!.Plan;
            const all = [...nodes(root)];
            explained.push({
              ...s,
              seqScans: all
                .filter(
                  (p) =>
                    p["Node Type"] === "Seq Scan" &&
                    p["Relation Name"] &&
                    isBig(p["Relation Name"]) &&
                    (sizes.get(p["Relation Name"]) ?? 0) >= MIN_ROWS,
                )
                .map((p) => p["Relation Name"]!),
              indexed: all
                .filter(
                  (p) =>
                    /Index|Bitmap Heap/.test(p["Node Type"]) &&
                    p["Relation Name"],
                )
                .map((p) => p["Relation Name"]!),
              bigSorts: bigSorts(root),
            });
          } finally {
            await client.query("ROLLBACK");
          }
        }
      } finally {
        await client.end();
      }
    }, 300_000);

    afterAll(async () => {
      await t?.drop();
    });

    it("captured the operations' statements, and they reach every big table through an index", () => {
      const labels = new Set(explained.map((e) => e.label));
      expect(labels.size).toBe(26);
      const reached = new Set(
        explained
          .flatMap((e) => e.indexed)
          .map((r) => (r.startsWith("audit_events") ? "audit_events" : r)),
      );
      expect([...BIG].filter((table) => !reached.has(table))).toEqual([]);
    });

    it("scans no big table sequentially", () => {
      const offenders = explained
        .filter((e) => e.seqScans.length > 0)
        .map(
          (e) =>
            `${e.label}: Seq Scan on ${[...new Set(e.seqScans)].join(", ")}\n    ${e.text.replace(/\s+/g, " ").slice(0, 400)}`,
        );
      expect(offenders, offenders.join("\n")).toEqual([]);
    });

    it("reads a page in index order, not by sorting much of the organization", () => {
      const offenders = explained
        .filter((e) => e.bigSorts.length > 0)
        .map(
          (e) =>
            `${e.label}: sorts ${[...new Set(e.bigSorts)].join(", ")}\n    ${e.text.replace(/\s+/g, " ").slice(0, 400)}`,
        );
      expect(offenders, offenders.join("\n")).toEqual([]);
    });
  },
);
