// Row-level security, the second wall: connected as the application's role, the database shows and accepts only the
// rows of the organization set for the current transaction, whatever a query forgets to filter.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disableAccount } from "@/lib/server/accounts/disable-account";
import { listAccounts } from "@/lib/server/accounts/list-accounts";
import { db } from "@/lib/server/db";
import { signIn } from "@/lib/server/sign-in/sign-in";
import { asSystem, withOrganization } from "@/lib/server/tenant-context";
import { forEachOrganization, organizationOf } from "@/lib/server/tenant-lookup";
import { createAccount, createDepartment, createLine, createOrganization } from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { signedIn } from "@/tests/support/session";

const serverUrl = process.env.TEST_DATABASE_URL;

interface Tenant {
  id: string;
  adminLoginId: string;
  adminPassword: string;
  memberId: string;
  memberLoginId: string;
}

let t: TestDatabase;
let app: pg.Client;
let tables: string[];
let a: Tenant;
let b: Tenant;

/** One row in every tenant table that the factories leave empty, so "sees nothing" is never true of an empty table. */
async function seedTenant(): Promise<Tenant> {
  const org = await createOrganization(t.prisma);
  await createDepartment(t.prisma, { organizationId: org.id, name: "営業部" });
  await createLine(t.prisma, { organizationId: org.id });
  const admin = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["account_admin"] });
  const member = await createAccount(t.prisma, { organizationId: org.id });
  const o = `'${org.id}'::uuid`;
  const m = `'${member.id}'::uuid`;
  for (const statement of [
    `WITH r AS (INSERT INTO access_reviews (organization_id, quarter, title, due_at) VALUES (${o}, '2026-Q4', 'review', now()) RETURNING id)
     INSERT INTO access_review_items (organization_id, review_id, account_id, snapshot) SELECT ${o}, id, ${m}, '{}' FROM r`,
    `INSERT INTO account_imports (organization_id, file_name, encoding, row_count, created_count, updated_count) VALUES (${o}, 'a.csv', 'utf-8', 1, 1, 0)`,
    `WITH al AS (INSERT INTO alerts (organization_id, kind, severity, subject_type, subject_key, first_seen_at, last_seen_at) VALUES (${o}, 'repeated_failures', 'high', 'account', ${m}::text, now(), now()) RETURNING id),
          cm AS (INSERT INTO alert_comments (organization_id, alert_id, author_label, body) SELECT ${o}, id, 'someone', 'checked' FROM al)
     INSERT INTO alert_deliveries (organization_id, alert_id, channel) SELECT ${o}, id, 'webhook' FROM al`,
    `INSERT INTO api_keys (organization_id, name, prefix, secret_hash, scopes) VALUES (${o}, 'mail', md5(random()::text), md5(random()::text), '{events:write}')`,
    `INSERT INTO detection_rules (organization_id, kind, severity) VALUES (${o}, 'password_spray', 'high')`,
    `INSERT INTO ingested_events (organization_id, event_id, audit_event_id) VALUES (${o}, md5(random()::text), 1)`,
    `INSERT INTO sign_in_dim_rollups (organization_id, day, dimension, key) VALUES (${o}, current_date, 'country', 'JP')`,
    `INSERT INTO travel_notices (organization_id, account_id, countries, starts_at, ends_at) VALUES (${o}, ${m}, '{US}', now(), now() + interval '1 day')`,
    `INSERT INTO weekly_log_reviews (organization_id, week_start, snapshot, signed_by_label) VALUES (${o}, date '2026-11-16', '{}', 'someone')`,
    `INSERT INTO audit_events (organization_id, action, outcome) VALUES (${o}, 'test.seeded', 'success')`,
    `INSERT INTO audit_chain_anchors (chain_key, chain_seq, kind, prev_hash, hash, partition_name) VALUES (${o}, 1, 'start', '', '', 'audit_events_2000_01')`,
    `INSERT INTO backup_codes (account_id, code_hash) VALUES (${m}, md5(random()::text))`,
    `INSERT INTO billing_profiles (organization_id, recipient_name, invoice_email) VALUES (${o}, '経理部', 'billing@example.jp')`,
    `INSERT INTO change_requests (organization_id, domain, kind, payload, requested_by_id) VALUES (${o}, 'accounts', 'test', '{}', ${m})`,
    `INSERT INTO compliance_tasks (organization_id, kind, title, due_at) VALUES (${o}, 'log_audit_weekly', 'check', now())`,
    `WITH i AS (INSERT INTO hr_imports (organization_id, file_name, row_count) VALUES (${o}, 'hr.csv', 1) RETURNING id)
     INSERT INTO hr_roster_records (organization_id, import_id, employee_number, name, department, employment_status) SELECT ${o}, id, 'E1', '社員', '営業部', 'active' FROM i`,
    `INSERT INTO incidents (organization_id, account_id, reason, detected_at, opened_at, locked_at, sessions_ended_at, credentials_reset_at, notified_at, sla_minutes, sla_met, notified_count)
     VALUES (${o}, ${m}, 'test', now(), now(), now(), now(), now(), now(), 15, true, 1)`,
    `INSERT INTO invitations (organization_id, account_id, token_hash, expires_at) VALUES (${o}, ${m}, md5(random()::text), now())`,
    `INSERT INTO ip_allowlist_entries (organization_id, cidr, label, kind) VALUES (${o}, '192.0.2.0/24', '本社', 'office')`,
    `INSERT INTO mail_messages (organization_id, "to", subject, body) VALUES (${o}, 'someone@example.jp', 'subject', 'body')`,
    `WITH c AS (INSERT INTO offboarding_cases (organization_id, account_id, trigger, effective_at) VALUES (${o}, ${m}, 'leaving', now()) RETURNING id)
     INSERT INTO offboarding_tasks (organization_id, case_id, kind, owner_role_key, due_at) SELECT ${o}, id, 'disable_account', 'account_admin', now() FROM c`,
    `INSERT INTO password_history (account_id, password_hash) VALUES (${m}, 'old')`,
    `INSERT INTO password_reset_tokens (organization_id, account_id, token_hash, expires_at) VALUES (${o}, ${m}, md5(random()::text), now())`,
    `INSERT INTO sessions (organization_id, account_id, session_version, expires_at) VALUES (${o}, ${m}, 1, now())`,
    `INSERT INTO sign_in_challenges (organization_id, account_id, token_hash, step, expires_at) VALUES (${o}, ${m}, md5(random()::text), 'mfa', now())`,
    `INSERT INTO sign_in_failures (account_id) VALUES (${m})`,
    `INSERT INTO sign_in_rollups (organization_id, hour) VALUES (${o}, date_trunc('hour', now()))`,
    `INSERT INTO sign_in_cursors (organization_id, processed_seq) VALUES (${o}, 0) ON CONFLICT DO NOTHING`,
    `INSERT INTO audit_chain_checks (organization_id, state, checked, verified_at) VALUES (${o}, 'ok', 0, now())`,
    `INSERT INTO payment_methods (organization_id, method, holder_name, card_brand, card_last4, card_exp_month, card_exp_year) VALUES (${o}, 'card', 'TEST', 'visa', '4242', 12, 2099)`,
    `INSERT INTO line_usage (organization_id, line_id, month, used_gb) SELECT ${o}, id, date '2026-11-01', 1.5 FROM lines WHERE organization_id = ${o}`,
    `INSERT INTO line_data_addons (organization_id, line_id, month, gb, price_yen) SELECT ${o}, id, date '2026-11-01', 1, 500 FROM lines WHERE organization_id = ${o}`,
    `WITH s AS (INSERT INTO statements (organization_id, month, due_date, line_count, subtotal_yen, tax_rate_percent, tax_yen, total_yen) VALUES (${o}, date '2026-10-01', date '2026-11-30', 1, 1800, 10, 180, 1980) RETURNING id)
     INSERT INTO statement_lines (organization_id, statement_id, phone_number, plan, data_allowance_gb, plan_fee_yen, subtotal_yen, tax_yen, total_yen) SELECT ${o}, id, '090-0000-0000', 'OCNモバイル 10GB', 10, 1800, 1800, 180, 1980 FROM s`,
    `INSERT INTO offboarding_proposals (organization_id, account_id, reason) VALUES (${o}, ${m}, 'review')`,
    `INSERT INTO email_change_tokens (organization_id, account_id, new_email, token_hash, expires_at) VALUES (${o}, ${m}, 'new@example.jp', md5(random()::text), now())`,
  ]) {
    await t.sql.exec(statement);
  }
  return { id: org.id, adminLoginId: admin.loginId, adminPassword: admin.password, memberId: member.id, memberLoginId: member.loginId };
}

/** Which of a table's rows belong to an organization ($1), whether it carries organization_id or hangs off a parent. */
async function belongsTo(table: string): Promise<string> {
  if (table === "organizations") return `id = $1`;
  const columns = (await t.sql.rows<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '${table}'`,
  )).map((c) => c.column_name);
  if (columns.includes("organization_id")) return `organization_id = $1`;
  if (columns.includes("account_id")) return `account_id IN (SELECT id FROM accounts WHERE organization_id = $1)`;
  if (columns.includes("role_id")) return `role_id IN (SELECT id FROM roles WHERE organization_id = $1)`;
  if (columns.includes("chain_key")) return `chain_key = $1`;
  throw new Error(`tell this test how a row of ${table} belongs to an organization`);
}

/** One statement as the application's role, in a transaction with the organization set (or not). */
async function asApp<T extends pg.QueryResultRow>(organizationId: string | null, text: string, values: unknown[] = []): Promise<T[]> {
  await app.query("BEGIN");
  try {
    if (organizationId !== null) await app.query("SELECT set_config('ocn.organization_id', $1, true)", [organizationId]);
    const { rows } = await app.query<T>(text, values);
    await app.query("COMMIT");
    return rows;
  } catch (e) {
    await app.query("ROLLBACK");
    throw e;
  }
}

const count = async (organizationId: string | null, table: string, where = "true", values: unknown[] = []) =>
  Number((await asApp<{ n: string }>(organizationId, `SELECT count(*) AS n FROM "${table}" WHERE ${where}`, values))[0]!.n);

describe.skipIf(!serverUrl)("row-level security (PostgreSQL only: PGlite runs as a superuser, so there the application's own filter is the wall)", () => {
  beforeAll(async () => {
    t = await openTestDatabase();
    const [who] = await t.app.sql.rows<{ role: string; database: string }>("SELECT current_user::text AS role, current_database()::text AS database");
    const url = new URL(serverUrl!);
    url.username = who!.role;
    url.pathname = `/${who!.database}`;
    app = new pg.Client({ connectionString: url.toString() });
    await app.connect();
    a = await seedTenant();
    b = await seedTenant();
    tables = (await t.sql.rows<{ relname: string }>(
      `SELECT c.relname::text AS relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'
         -- Partitions are reached only through their parent, and audit_chain_heads only by the database's own
         -- functions: the application's role may not read them at all (tests/integration/audit-integrity.test.ts).
         AND NOT c.relispartition AND has_table_privilege('${who!.role}', c.oid, 'SELECT') ORDER BY 1`,
    )).map((r) => r.relname);
  }, 60_000);
  afterAll(async () => {
    await app?.end();
    await t?.drop();
  });

  it("connects as a role that is no superuser, cannot bypass RLS and owns no table", async () => {
    const [role] = await asApp<{ rolsuper: boolean; rolbypassrls: boolean; owned: string }>(
      null,
      `SELECT rolsuper, rolbypassrls, (SELECT count(*) FROM pg_class WHERE relowner = pg_roles.oid) AS owned FROM pg_roles WHERE rolname = current_user`,
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, owned: "0" });
    expect(t.app.rowLevelSecurity).toBe(true);
  });

  it("has RLS enabled and forced, with a policy, on every table but Prisma's migration log", async () => {
    const withOrganizationId = await t.sql.rows<{ table_name: string }>(
      `SELECT table_name::text FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'organization_id'
         AND NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = format('public.%I', table_name)::regclass)`,
    );
    expect(withOrganizationId.length).toBeGreaterThanOrEqual(28);
    expect(tables).toEqual(expect.arrayContaining([...withOrganizationId.map((c) => c.table_name), "organizations", "role_permissions", "password_history", "backup_codes", "sign_in_failures"]));
    const states = await t.sql.rows<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean; policies: number }>(
      `SELECT c.relname::text AS relname, c.relrowsecurity, c.relforcerowsecurity, (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = ANY('{${tables.join(",")}}')`,
    );
    const unprotected = states.filter((s) => !s.relrowsecurity || !s.relforcerowsecurity || s.policies === 0).map((s) => s.relname);
    expect(unprotected).toEqual([]);
    expect(states).toHaveLength(tables.length);
  });

  it("shows nothing from any table when no organization is set (nor an empty one)", async () => {
    for (const table of tables) {
      const where = await belongsTo(table);
      const [owned] = await t.sql.rows<{ a: string; b: string }>(
        `SELECT (SELECT count(*) FROM "${table}" WHERE ${where.replaceAll("$1", `'${a.id}'::uuid`)}) AS a,
                (SELECT count(*) FROM "${table}" WHERE ${where.replaceAll("$1", `'${b.id}'::uuid`)}) AS b`,
      );
      expect(Number(owned!.a) > 0 && Number(owned!.b) > 0, `both organizations have rows in ${table} (add one to seedTenant)`).toBe(true);
      expect(await count(null, table), table).toBe(0);
      expect(await count("", table), table).toBe(0);
    }
  });

  it("with organization A set, shows exactly A's rows in every table", async () => {
    for (const table of tables) {
      const where = await belongsTo(table);
      const [owned] = await t.sql.rows<{ n: string }>(`SELECT count(*) AS n FROM "${table}" WHERE ${where.replaceAll("$1", `'${a.id}'::uuid`)}`);
      expect(await count(a.id, table), table).toBe(Number(owned!.n));
      expect(await count(a.id, table, `NOT (${where})`, [a.id]), table).toBe(0);
    }
  });

  it("with organization A set, refuses to write B's rows or move a row to B", async () => {
    await expect(asApp(a.id, `INSERT INTO ip_allowlist_entries (organization_id, cidr, label, kind) VALUES ($1, '198.51.100.0/24', 'x', 'office')`, [b.id])).rejects.toThrow(
      /row-level security/,
    );
    await expect(asApp(a.id, `INSERT INTO backup_codes (account_id, code_hash) VALUES ($1, 'x')`, [b.memberId])).rejects.toThrow(/row-level security/);
    await expect(asApp(a.id, `UPDATE accounts SET organization_id = $1 WHERE id = $2`, [b.id, a.memberId])).rejects.toThrow(/row-level security/);
    expect(await asApp(a.id, `UPDATE accounts SET display_name = 'x' WHERE id = $1 RETURNING id`, [b.memberId])).toEqual([]);
    expect(await asApp(a.id, `DELETE FROM sessions WHERE organization_id = $1 RETURNING id`, [b.id])).toEqual([]);
    expect(await asApp(a.id, `UPDATE organizations SET name = 'x' WHERE id = $1 RETURNING id`, [b.id])).toEqual([]);
    const [still] = await t.sql.rows<{ n: string }>(`SELECT count(*) AS n FROM sessions WHERE organization_id = '${b.id}'`);
    expect(Number(still!.n)).toBeGreaterThan(0);
  });

  it("accepts an attempt of no organization from anyone, but shows it only in the system scope", async () => {
    await asApp(null, `INSERT INTO audit_events (organization_id, action, outcome, actor_label) VALUES (NULL, 'auth.sign_in', 'failure', 'nobody@example.jp')`);
    const where = `organization_id IS NULL AND actor_label = 'nobody@example.jp'`;
    expect(await count(null, "audit_events", where)).toBe(0);
    expect(await count(a.id, "audit_events", where)).toBe(0);
    await app.query("BEGIN");
    await app.query("SET LOCAL ocn.scope = 'system'");
    const { rows } = await app.query(`SELECT organization_id FROM audit_events WHERE organization_id IS NOT NULL OR actor_label = 'nobody@example.jp'`);
    await app.query("COMMIT");
    expect(rows).toEqual([{ organization_id: null }]);
  });

  it("maps one key to its organization and nothing else, for the code that runs before a session exists", async () => {
    expect(await asApp(null, `SELECT ocn_organization_of_login_id($1) AS id`, [a.memberLoginId])).toEqual([{ id: a.id }]);
    expect(await asApp(null, `SELECT ocn_organization_of_login_id('nobody@example.jp') AS id`)).toEqual([{ id: null }]);
    expect(await organizationOf("loginId", b.memberLoginId)).toBe(b.id);
    const visited: Record<string, number> = {};
    await forEachOrganization(async (id) => void (visited[id] = await (await db()).account.count()));
    expect(visited).toEqual({
      [a.id]: await t.prisma.account.count({ where: { organizationId: a.id } }),
      [b.id]: await t.prisma.account.count({ where: { organizationId: b.id } }),
    });
  });

  describe("the console's own code, connected as the application's role (db())", () => {
    it("confines a query that forgets its organization filter to the session's organization", async () => {
      const prisma = await db();
      expect(await prisma.account.count()).toBe(0);
      const admin = await signedIn(a.adminLoginId, a.adminPassword);
      const seen = await admin.run(async () => {
        await listAccounts({});
        return (await db()).account.findMany({ select: { organizationId: true } });
      });
      expect(new Set(seen.map((r) => r.organizationId))).toEqual(new Set([a.id]));
      expect(seen).toHaveLength(await t.prisma.account.count({ where: { organizationId: a.id } }));
    });

    it("lists, disables and refuses another organization's account; signs in through the pipeline", async () => {
      const admin = await signedIn(a.adminLoginId, a.adminPassword);
      const page = await admin.run(() => listAccounts({}));
      expect(page.accounts.map((r) => r.id)).toContain(a.memberId);
      expect(page.accounts.map((r) => r.id)).not.toContain(b.memberId);
      await expect(admin.run(() => disableAccount({ id: b.memberId, reason: "他社" }))).rejects.toMatchObject({ code: "not_found" });
      await admin.run(() => disableAccount({ id: a.memberId, reason: "退職" }));
      expect((await t.prisma.account.findUniqueOrThrow({ where: { id: a.memberId }, select: { status: true } })).status).toBe("disabled");
      expect((await t.prisma.account.findUniqueOrThrow({ where: { id: b.memberId }, select: { status: true } })).status).toBe("active");
      expect((await signIn({ loginId: b.adminLoginId, password: b.adminPassword }, { ip: "192.0.2.10", userAgent: "vitest" })).kind).toBe("challenge");
    });

    it("records a sign-in with an unknown ID (system scope) without showing it to an organization", async () => {
      const loginId = "unknown-rls@example.jp";
      expect(await signIn({ loginId, password: "whatever-password" }, { ip: "192.0.2.10", userAgent: "vitest" })).toEqual({ kind: "refused", reason: "unknown_id" });
      expect(await t.prisma.auditEvent.count({ where: { actorLabel: loginId, organizationId: null } })).toBe(1);
      const prisma = await db();
      expect(await withOrganization(a.id, () => prisma.auditEvent.count({ where: { actorLabel: loginId } }))).toBe(0);
      expect(await asSystem(() => prisma.auditEvent.count({ where: { actorLabel: loginId } }))).toBe(1);
    });

    it("keeps findUnique calls of two organizations in the same tick apart (Prisma batches them)", async () => {
      const prisma = await db();
      const [fromA, fromB] = await Promise.all([
        withOrganization(a.id, () => prisma.account.findUnique({ where: { id: a.memberId }, select: { id: true } })),
        withOrganization(b.id, () => prisma.account.findUnique({ where: { id: b.memberId }, select: { id: true } })),
      ]);
      expect([fromA?.id, fromB?.id]).toEqual([a.memberId, b.memberId]);
      const [crossed] = await Promise.all([
        withOrganization(a.id, () => prisma.account.findUnique({ where: { id: b.memberId }, select: { id: true } })),
        withOrganization(b.id, () => prisma.account.findUnique({ where: { id: b.memberId }, select: { id: true } })),
      ]);
      expect(crossed).toBeNull();
    });

    it("never leaves an organization on a pooled connection", async () => {
      const prisma = await db();
      await withOrganization(a.id, () => prisma.$transaction((tx) => tx.account.count()));
      await withOrganization(a.id, () => prisma.account.count());
      const settings = await Promise.all(
        Array.from({ length: 12 }, () => prisma.$queryRaw<{ org: string | null }[]>`SELECT NULLIF(current_setting('ocn.organization_id', true), '') AS org`),
      );
      expect(settings.flat()).toEqual(Array.from({ length: 12 }, () => ({ org: null })));
    });
  });
});
