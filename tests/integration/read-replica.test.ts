// DATABASE_REPLICA_URL: dashboards, the weekly audit's figures and exports' rows read the replica; writes, sessions,
// authorization, sign-offs and the audit explorer use the primary; without a replica everything reads the primary.
// The "replica" is a copy of the primary test database (CREATE DATABASE … TEMPLATE) whose data then diverges, so
// every read shows where it came from.
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  addDays,
  weekBounds,
  weekStartOf,
} from "@/lib/policy/security-dashboard";
import { monthKeyOf } from "@/lib/policy/billing";
import { exportAccounts } from "@/lib/server/accounts/export-accounts";
import { exportAuditEvents } from "@/lib/server/audit/export-audit-events";
import { listAuditEvents } from "@/lib/server/audit/list-audit-events";
import {
  recordSignInEvents,
  type SignInEventInput,
} from "@/lib/server/audit/sign-in-events";
import { exportStatement } from "@/lib/server/billing/export-statement";
import { getDashboard } from "@/lib/server/dashboard/get-dashboard";
import {
  db,
  openPostgres,
  openReplica,
  replicaDb,
  setProcessReplica,
  type Database,
} from "@/lib/server/db";
import { exportLines } from "@/lib/server/lines/export-lines";
import { withOrganization } from "@/lib/server/tenant-context";
import { getWeeklyAudit } from "@/lib/server/weekly-audit/get-weekly-audit";
import { listWeeklyAudits } from "@/lib/server/weekly-audit/list-weekly-audits";
import { signOffWeeklyAudit } from "@/lib/server/weekly-audit/sign-off-weekly-audit";
import {
  createAccount,
  createLine,
  createOrganization,
} from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { signedIn } from "@/tests/support/session";

vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined }),
  headers: async () => new Headers(),
}));

const serverUrl = process.env.TEST_DATABASE_URL;

type Session = Awaited<ReturnType<typeof signedIn>>;
let t: TestDatabase;
/** The superuser's connection to the replica database: to make it differ from the primary and to look behind it. */
let replicaOwner: Database;
/** What the console reads through: the application's role on the replica, opened as DATABASE_REPLICA_URL would be. */
let replica: Database;
let replicaName: string;
let orgId: string;
let otherOrgId: string;
let admin: Session;
let primaryTaskId: string;
const only = {
  replica: { line: "", account: "" },
  primary: { line: "", account: "" },
};

const NOW = new Date();
const LAST_WEEK = addDays(weekStartOf(NOW), -7);
const lastWeek = weekBounds(LAST_WEEK)!;
const HOUR = 3_600_000;
/** Last week's Wednesday at a JST wall-clock hour. */
const wednesday = (hour: number, minute = 0) =>
  new Date(
    lastWeek.from.getTime() + 2 * 24 * HOUR + hour * HOUR + minute * 60_000,
  );

const signIn = (
  at: Date,
  actorLabel: string,
  country: string,
): SignInEventInput => ({
  occurredAt: at,
  outcome: "success",
  actorLabel,
  ip: "192.0.2.60",
  country,
});

async function onServer(
  sql: string,
  values: unknown[] = [],
): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return await c.query(sql, values);
  } finally {
    await c.end();
  }
}

async function text(chunks: AsyncGenerator<string>): Promise<string> {
  let out = "";
  for await (const chunk of chunks) out += chunk;
  return out;
}

const recordedActions = (d: Database) =>
  d.prisma.auditEvent.findMany({
    where: {
      organizationId: orgId,
      action: {
        in: [
          "audit.exported",
          "account.export",
          "line.export",
          "billing.statement_exported",
          "audit.weekly_review.signed_off",
        ],
      },
    },
    select: { action: true },
  });

describe.skipIf(!serverUrl)(
  "read replica (PostgreSQL only: the replica is a second database on the test server)",
  () => {
    beforeAll(async () => {
      t = await openTestDatabase();
      const org = await createOrganization(t.prisma);
      orgId = org.id;
      otherOrgId = (await createOrganization(t.prisma)).id;
      const a = await createAccount(t.prisma, {
        organizationId: orgId,
        roleKeys: ["org_admin"],
      });
      const renamed = await createAccount(t.prisma, {
        organizationId: orgId,
        displayName: "名前 未変更",
      });
      await t.prisma.$transaction((tx) =>
        recordSignInEvents(tx, orgId, [
          signIn(wednesday(9), "both@example.jp", "JP"),
        ]),
      );
      await t.prisma.$transaction((tx) =>
        recordSignInEvents(tx, otherOrgId, [
          signIn(wednesday(9), "other-org@example.jp", "US"),
        ]),
      );

      // The copy: CREATE DATABASE … TEMPLATE needs the template to have no other connections; the pools reconnect.
      const primaryName = new URL(t.appUrl!).pathname.slice(1);
      replicaName = `${primaryName}_replica_${crypto.randomBytes(3).toString("hex")}`;
      await onServer(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
        [primaryName],
      );
      await onServer(`CREATE DATABASE ${replicaName} TEMPLATE ${primaryName}`);
      const ownerUrl = new URL(serverUrl!);
      ownerUrl.pathname = `/${replicaName}`;
      replicaOwner = await openPostgres(ownerUrl.toString());
      const replicaAppUrl = new URL(t.appUrl!);
      replicaAppUrl.pathname = `/${replicaName}`;
      replica = await openReplica(replicaAppUrl.toString());

      // From here on the two differ: a late-night sign-in from France, a line and a name only the replica has; two
      // daytime sign-ins from Germany, a line and another name only the primary has.
      await replicaOwner.prisma.$transaction((tx) =>
        recordSignInEvents(tx, orgId, [
          signIn(wednesday(23, 30), "replica-only@example.jp", "FR"),
        ]),
      );
      await t.prisma.$transaction((tx) =>
        recordSignInEvents(tx, orgId, [
          signIn(wednesday(10), "primary-only@example.jp", "DE"),
          signIn(wednesday(10, 5), "primary-only@example.jp", "DE"),
        ]),
      );
      only.replica.line = (
        await createLine(replicaOwner.prisma, { organizationId: orgId })
      ).phoneNumber;
      only.primary.line = (
        await createLine(t.prisma, { organizationId: orgId })
      ).phoneNumber;
      only.replica.account = "レプリカ 花子";
      only.primary.account = "プライマリ 花子";
      await replicaOwner.prisma.account.update({
        where: { id: renamed.id },
        data: { displayName: only.replica.account },
      });
      await t.prisma.account.update({
        where: { id: renamed.id },
        data: { displayName: only.primary.account },
      });
      const task = await t.prisma.complianceTask.create({
        data: {
          organizationId: orgId,
          kind: "incident_response",
          title: "primary-only task",
          dueAt: new Date("2000-01-01T00:00:00Z"),
          relatedId: "primary-only",
        },
      });
      primaryTaskId = task.id;

      // Signed in after the copy: the session exists on the primary only.
      admin = await signedIn(a.loginId, a.password);
    });

    afterAll(async () => {
      setProcessReplica(null);
      await replica?.close();
      await replicaOwner?.close();
      if (replicaName)
        await onServer(`DROP DATABASE IF EXISTS ${replicaName} WITH (FORCE)`);
      await t?.drop();
    });

    describe("with a replica", () => {
      beforeAll(() => setProcessReplica(replica));

      it("the replica runs as the application's role under row-level security, and refuses writes", async () => {
        expect(replica.rowLevelSecurity).toBe(true);
        const prisma = await replicaDb();
        expect(prisma).toBe(replica.prisma);
        expect(await prisma.auditEvent.count()).toBe(0);
        expect(
          await withOrganization(otherOrgId, () =>
            prisma.auditEvent.count({ where: { organizationId: orgId } }),
          ),
        ).toBe(0);
        expect(
          await withOrganization(orgId, () =>
            prisma.auditEvent.count({
              where: { actorLabel: "replica-only@example.jp" },
            }),
          ),
        ).toBe(1);
        await expect(
          withOrganization(orgId, () =>
            prisma.auditEvent.create({
              data: {
                organizationId: orgId,
                action: "test.written",
                outcome: "success",
              },
            }),
          ),
        ).rejects.toThrow(/read-only transaction/);
      });

      it("sessions and authorization are the primary's: the signed-in session exists only there", async () => {
        expect(
          await t.prisma.session.count({ where: { id: admin.sessionId } }),
        ).toBe(1);
        expect(
          await replicaOwner.prisma.session.count({
            where: { id: admin.sessionId },
          }),
        ).toBe(0);
      });

      it("the dashboard's sign-in figures come from the replica; its compliance card is written and read on the primary", async () => {
        const dashboard = await admin.run(() =>
          getDashboard({ range: "30" }, NOW),
        );
        const countries = dashboard.security!.countries.map((c) => c.key);
        expect(countries).toContain("FR");
        expect(countries).not.toContain("DE");
        expect(countries).not.toContain("US");
        expect(dashboard.compliance!.next.map((task) => task.id)).toContain(
          primaryTaskId,
        );
        expect(
          await replicaOwner.prisma.complianceTask.count({
            where: { organizationId: orgId },
          }),
        ).toBe(0);
        expect(
          await t.prisma.complianceTask.count({
            where: {
              organizationId: orgId,
              kind: { not: "incident_response" },
            },
          }),
        ).toBeGreaterThan(0);
      });

      it("the weekly audit's figures come from the replica, its sign-off is written to and read from the primary", async () => {
        const before = await admin.run(() =>
          getWeeklyAudit({ week: LAST_WEEK }, NOW),
        );
        expect(before.figures.newCountries).toEqual(["FR", "JP"]);
        expect(before.figures.lateNight).toBe(1);
        expect(before.lateNight.rows.map((r) => r.actorLabel)).toEqual([
          "replica-only@example.jp",
        ]);
        expect(before.review).toBeNull();

        await admin.run(() =>
          signOffWeeklyAudit({ week: LAST_WEEK, note: "確認済み" }, NOW),
        );
        const signed = await t.prisma.weeklyLogReview.findFirstOrThrow({
          where: { organizationId: orgId },
          select: { snapshot: true },
        });
        // The sign-off's snapshot is the primary's figures, taken in its own transaction.
        expect(signed.snapshot).toMatchObject({
          newCountries: ["DE", "JP"],
          lateNight: 0,
        });
        expect(await replicaOwner.prisma.weeklyLogReview.count()).toBe(0);

        const after = await admin.run(() =>
          getWeeklyAudit({ week: LAST_WEEK }, NOW),
        );
        expect(after.review?.note).toBe("確認済み");
        expect(after.figures.newCountries).toEqual(["FR", "JP"]);
        const week = (await admin.run(() => listWeeklyAudits(NOW))).find(
          (w) => w.weekStart === LAST_WEEK,
        )!;
        expect(week.signedBy).not.toBeNull();
        expect(week.signIns).toBe(2); // both@ and replica-only@ (the primary has three)
      });

      it("the audit export counts and streams the replica's rows, and records itself on the primary", async () => {
        const file = await admin.run(() =>
          exportAuditEvents(
            {
              format: "csv",
              from: lastWeek.from.toISOString(),
              to: lastWeek.to.toISOString(),
            },
            "ja",
          ),
        );
        const csv = await text(file.chunks);
        expect(csv).toContain("replica-only@example.jp");
        expect(csv).not.toContain("primary-only@example.jp");
        expect(file.rowCount).toBe(2);
        expect(csv.split("\r\n").filter(Boolean)).toHaveLength(1 + 2);
        expect((await recordedActions(t)).map((r) => r.action)).toContain(
          "audit.exported",
        );
      });

      it("the statement CSV reads the replica; the accounts and lines CSVs, which go back in as imports, read the primary", async () => {
        // An export that lagged an edit would, imported again, undo that edit: those two are read fresh.
        const accounts = await text(
          (await admin.run(() => exportAccounts({}))).chunks,
        );
        expect(accounts).toContain(only.primary.account);
        expect(accounts).not.toContain(only.replica.account);
        const lines = (await admin.run(() => exportLines({}))).text;
        expect(lines).toContain(only.primary.line);
        expect(lines).not.toContain(only.replica.line);
        const statement = (
          await admin.run(() =>
            exportStatement({ month: monthKeyOf(NOW), view: "lines" }),
          )
        ).text;
        expect(statement).toContain(only.replica.line);
        expect(statement).not.toContain(only.primary.line);
        expect((await recordedActions(t)).map((r) => r.action)).toEqual(
          expect.arrayContaining([
            "account.export",
            "line.export",
            "billing.statement_exported",
            "audit.weekly_review.signed_off",
          ]),
        );
        expect(await recordedActions(replicaOwner)).toEqual([]);
      });

      it("the audit explorer lists the primary's events: an admin sees what was just done", async () => {
        const { events } = await admin.run(() => listAuditEvents({}));
        const actors = events.map((e) => e.actorLabel);
        expect(actors).toContain("primary-only@example.jp");
        expect(actors).not.toContain("replica-only@example.jp");
        expect(events.map((e) => e.action)).toContain("audit.exported");
      });
    });

    describe("without a replica", () => {
      beforeAll(() => setProcessReplica(null));

      it("every read goes to the primary", async () => {
        expect(await replicaDb()).toBe(await db());
        const dashboard = await admin.run(() =>
          getDashboard({ range: "30" }, NOW),
        );
        const countries = dashboard.security!.countries.map((c) => c.key);
        expect(countries).toContain("DE");
        expect(countries).not.toContain("FR");
        const weekly = await admin.run(() =>
          getWeeklyAudit({ week: LAST_WEEK }, NOW),
        );
        expect(weekly.figures.newCountries).toEqual(["DE", "JP"]);
        expect(weekly.figures.lateNight).toBe(0);
        const file = await admin.run(() =>
          exportAuditEvents(
            {
              format: "jsonl",
              from: lastWeek.from.toISOString(),
              to: lastWeek.to.toISOString(),
            },
            "ja",
          ),
        );
        const jsonl = await text(file.chunks);
        expect(jsonl).toContain("primary-only@example.jp");
        expect(jsonl).not.toContain("replica-only@example.jp");
        expect(file.rowCount).toBe(3);
        const lines = (await admin.run(() => exportLines({}))).text;
        expect(lines).toContain(only.primary.line);
        expect(lines).not.toContain(only.replica.line);
        const accounts = await text(
          (await admin.run(() => exportAccounts({}))).chunks,
        );
        expect(accounts).toContain(only.primary.account);
        expect(accounts).not.toContain(only.replica.account);
        const statement = (
          await admin.run(() =>
            exportStatement({ month: monthKeyOf(NOW), view: "lines" }),
          )
        ).text;
        expect(statement).toContain(only.primary.line);
        expect(statement).not.toContain(only.replica.line);
      });
    });
  },
);
