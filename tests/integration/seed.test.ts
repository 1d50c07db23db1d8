import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { openPglite, type Database } from "@/lib/server/db";
import { verifyPassword } from "@/lib/server/password";
import { isOffHours } from "@/lib/policy/business-calendar";
import { DEMO_CUSTOMER_NUMBER, DEMO_PASSWORD, SAKURA_CUSTOMER_NUMBER, seedDemo, type SeedResult } from "@/prisma/seed";

const now = new Date("2026-11-26T03:00:00Z"); // Thursday 12:00 JST

describe("seedDemo", { timeout: 120_000 }, () => {
  let database: Database;
  let first: SeedResult;
  let minatoId: string;
  let sakuraId: string;
  const rows = <T>(sql: string) => database.sql.rows<T>(sql);

  beforeAll(async () => {
    database = await openPglite("memory://");
    first = await seedDemo(database.prisma, { now });
    const orgs = await database.prisma.organization.findMany({ select: { id: true, customerNumber: true } });
    minatoId = orgs.find((o) => o.customerNumber === DEMO_CUSTOMER_NUMBER)!.id;
    sakuraId = orgs.find((o) => o.customerNumber === SAKURA_CUSTOMER_NUMBER)!.id;
  }, 120_000);

  afterAll(async () => {
    await database?.close();
  });

  it("is idempotent: a second run writes nothing", async () => {
    expect(first.seeded).toBe(true);
    const before = await database.prisma.account.count();
    const again = await seedDemo(database.prisma, { now });
    expect(again.seeded).toBe(false);
    expect(again.credentials).toEqual(first.credentials);
    expect(await database.prisma.account.count()).toBe(before);
  });

  it("creates about 300 accounts in みなと商事 and a handful in さくら物流", async () => {
    const minato = await database.prisma.account.count({ where: { organizationId: minatoId } });
    expect(minato).toBeGreaterThanOrEqual(280);
    expect(minato).toBeLessThanOrEqual(330);
    expect(await database.prisma.account.count({ where: { organizationId: sakuraId } })).toBeGreaterThanOrEqual(5);
    const lines = await database.prisma.line.count({ where: { organizationId: minatoId } });
    expect(lines).toBeGreaterThanOrEqual(330);
    expect(lines).toBeLessThanOrEqual(370);
  });

  it("gives the demo admin org_admin and the published password", async () => {
    const admin = await database.prisma.account.findUnique({
      where: { loginId: "admin@minato-shoji.example.jp" },
      select: { status: true, displayName: true, passwordHash: true, grants: { where: { revokedAt: null }, select: { role: { select: { key: true } } } } },
    });
    expect(admin?.status).toBe("active");
    expect(admin?.displayName).toBe("山本 直樹");
    expect(admin?.grants.map((g) => g.role.key)).toContain("org_admin");
    expect(await verifyPassword(admin!.passwordHash!, DEMO_PASSWORD)).toBe(true);
    for (const credential of first.credentials) {
      expect(await database.prisma.account.count({ where: { loginId: credential.loginId, status: "active" } })).toBe(1);
    }
  });

  it("has an HR roster that disagrees with the accounts", async () => {
    const [leavers] = await rows<{ n: number }>(`
      SELECT count(*)::int AS n FROM accounts a
      JOIN hr_roster_records h ON h.organization_id = a.organization_id AND h.employee_number = a.employee_number
      WHERE a.organization_id = '${minatoId}' AND a.status = 'active' AND h.employment_status = 'terminated'
        AND h.termination_date < '${now.toISOString().slice(0, 10)}'`);
    expect(leavers!.n).toBeGreaterThanOrEqual(1);

    const [noRecord] = await rows<{ n: number }>(`
      SELECT count(*)::int AS n FROM accounts a
      WHERE a.organization_id = '${minatoId}' AND a.kind = 'employee' AND a.status = 'active'
        AND NOT EXISTS (SELECT 1 FROM hr_roster_records h WHERE h.organization_id = a.organization_id AND h.employee_number = a.employee_number)`);
    expect(noRecord!.n).toBeGreaterThanOrEqual(2);

    const [noAccount] = await rows<{ n: number }>(`
      SELECT count(*)::int AS n FROM hr_roster_records h
      WHERE h.organization_id = '${minatoId}'
        AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.organization_id = h.organization_id AND a.employee_number = h.employee_number)`);
    expect(noAccount!.n).toBeGreaterThanOrEqual(1);
  });

  it("has locked accounts, an expired contractor grant and a port-out about to expire", async () => {
    expect(await database.prisma.account.count({ where: { organizationId: minatoId, status: "locked", lockedUntil: { gt: now } } })).toBe(2);
    expect(await database.prisma.roleGrant.count({ where: { organizationId: minatoId, account: { kind: "contractor" }, endsAt: { lt: now } } })).toBeGreaterThanOrEqual(1);
    const porting = await database.prisma.line.findFirst({ where: { organizationId: minatoId, mnpNumber: { not: null } }, select: { mnpNumber: true, mnpExpiresAt: true } });
    expect(porting?.mnpNumber).toMatch(/^\d{10}$/);
    expect(porting!.mnpExpiresAt!.getTime() - now.getTime()).toBe(3 * 86_400_000);
  });

  it("has offboarding cases: leavers whose SIMs are on their way back (tasks open) and a scheduled contract end", async () => {
    const open = await database.prisma.offboardingCase.findMany({
      where: { organizationId: minatoId, status: "in_progress" },
      select: { accountId: true, tasks: { select: { kind: true, status: true, line: { select: { status: true, assignedAccountId: true } } } } },
    });
    expect(open.length).toBeGreaterThanOrEqual(1);
    for (const c of open) {
      const ret = c.tasks.filter((t) => t.kind === "return_sim");
      expect(ret.length).toBeGreaterThanOrEqual(1);
      for (const t of ret) expect(t).toMatchObject({ status: "open", line: { status: "pending_return", assignedAccountId: c.accountId } });
      expect(c.tasks.find((t) => t.kind === "wipe_device_credentials")?.status).toBe("done");
    }
    const scheduled = await database.prisma.offboardingCase.findFirstOrThrow({ where: { organizationId: minatoId, status: "scheduled" }, select: { effectiveAt: true, trigger: true, account: { select: { accessEndsAt: true, kind: true } } } });
    expect(scheduled).toMatchObject({ trigger: "contract_end", account: { kind: "contractor" } });
    expect(scheduled.account!.accessEndsAt).toEqual(scheduled.effectiveAt);
    expect(scheduled.effectiveAt.getTime()).toBeGreaterThan(now.getTime());
  });

  it("has 90 days of sign-ins with a weekday business-hours rhythm", async () => {
    expect(first.events).toBeGreaterThanOrEqual(30_000);
    expect(first.events).toBeLessThanOrEqual(60_000);
    const [days] = await rows<{ n: number }>(`
      SELECT count(DISTINCT (occurred_at AT TIME ZONE 'Asia/Tokyo')::date)::int AS n FROM audit_events WHERE action = 'auth.sign_in'`);
    expect(days!.n).toBeGreaterThanOrEqual(60);

    const [rhythm] = await rows<{ business: number; weekend: number }>(`
      SELECT
        count(*) FILTER (WHERE extract(isodow FROM t) BETWEEN 1 AND 5 AND extract(hour FROM t) BETWEEN 8 AND 19)::int AS business,
        count(*) FILTER (WHERE extract(isodow FROM t) IN (6, 7))::int AS weekend
      FROM (SELECT occurred_at AT TIME ZONE 'Asia/Tokyo' AS t FROM audit_events WHERE action = 'auth.sign_in') e`);
    expect(rhythm!.business).toBeGreaterThan(20 * rhythm!.weekend);
    expect(rhythm!.weekend).toBeGreaterThan(0);

    const [failures] = await rows<{ rate: number }>(`
      SELECT (count(*) FILTER (WHERE outcome = 'failure'))::float / count(*) AS rate FROM audit_events WHERE action = 'auth.sign_in'`);
    expect(failures!.rate).toBeGreaterThan(0.02);
    expect(failures!.rate).toBeLessThan(0.07);
  });

  it("keeps last_sign_in_at equal to each account's last successful sign-in", async () => {
    const [mismatch] = await rows<{ n: number }>(`
      SELECT count(*)::int AS n FROM accounts a
      JOIN (SELECT actor_id, max(occurred_at) AS last FROM audit_events
            WHERE action = 'auth.sign_in' AND outcome = 'success' GROUP BY actor_id) s ON s.actor_id = a.id
      WHERE a.last_sign_in_at IS DISTINCT FROM s.last`);
    expect(mismatch!.n).toBe(0);
  });

  it("writes rollups that add up to the audit log, hour by hour", async () => {
    const [diff] = await rows<{ n: number }>(`
      WITH counted AS (
        SELECT organization_id, date_bin('1 hour', occurred_at, timestamptz '2000-01-01 00:00:00+00') AS hour,
               count(*) FILTER (WHERE outcome = 'success')::int AS success_count,
               count(*) FILTER (WHERE outcome = 'failure')::int AS failure_count,
               count(*) FILTER (WHERE country IS NOT NULL AND country <> 'JP')::int AS foreign_count
        FROM audit_events WHERE action = 'auth.sign_in' AND organization_id IS NOT NULL GROUP BY 1, 2)
      SELECT count(*)::int AS n FROM counted c FULL JOIN sign_in_rollups r USING (organization_id, hour)
      WHERE c.success_count IS DISTINCT FROM r.success_count OR c.failure_count IS DISTINCT FROM r.failure_count
         OR c.foreign_count IS DISTINCT FROM r.foreign_count`);
    expect(diff!.n).toBe(0);

    const successes = await database.prisma.auditEvent.findMany({
      where: { action: "auth.sign_in", outcome: "success", organizationId: { not: null } },
      select: { occurredAt: true },
    });
    const offHours = successes.filter((e) => isOffHours(e.occurredAt, { startHour: 8, endHour: 20 })).length;
    const totals = await database.prisma.signInRollup.aggregate({ _sum: { offHoursCount: true, successCount: true } });
    expect(totals._sum.successCount).toBe(successes.length);
    expect(totals._sum.offHoursCount).toBe(offHours);
    expect(offHours).toBeGreaterThan(0);
  });
});
