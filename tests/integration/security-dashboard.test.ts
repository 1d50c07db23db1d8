// The security dashboard and the weekly log audit: rollups moved by recordSignInEvents match the raw log exactly,
// the dashboard's figures equal a GROUP BY over the raw events, weekly figures, one sign-off per week, and who may see.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { addDays, jstDay, weekBounds, weekStartOf } from "@/lib/policy/security-dashboard";
import { recordSignInEvents, type SignInEventInput } from "@/lib/server/audit/sign-in-events";
import { getDashboard } from "@/lib/server/dashboard/get-dashboard";
import { getWeeklyAudit } from "@/lib/server/weekly-audit/get-weekly-audit";
import { listWeeklyAudits } from "@/lib/server/weekly-audit/list-weekly-audits";
import { signOffWeeklyAudit } from "@/lib/server/weekly-audit/sign-off-weekly-audit";
import { createAccount, createOrganization } from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { signedIn } from "@/tests/support/session";

vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }), headers: async () => new Headers() }));

type Session = Awaited<ReturnType<typeof signedIn>>;
let t: TestDatabase;
let orgId: string;
let otherOrgId: string;
let auditor: Session;
let accountAdmin: Session;
let hr: Session;
let accountId: string;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = new Date();
const LAST_WEEK = addDays(weekStartOf(NOW), -7);
const lastWeek = weekBounds(LAST_WEEK)!;
/** An instant at a JST wall-clock time on a day `weekOffsetDays` after last week's Monday. */
const jst = (dayOffset: number, hour: number, minute = 0) => new Date(lastWeek.from.getTime() + dayOffset * DAY + hour * HOUR + minute * 60_000);

function record(org: string, events: SignInEventInput[]) {
  return t.prisma.$transaction((tx) => recordSignInEvents(tx, org, events), { timeout: 60_000 });
}

const ev = (at: Date, outcome: "success" | "failure", extra: Partial<SignInEventInput> = {}): SignInEventInput => ({
  occurredAt: at,
  outcome,
  actorLabel: "someone@example.jp",
  ip: "192.0.2.50",
  country: "JP",
  ...extra,
});

beforeAll(async () => {
  t = await openTestDatabase();
  const org = await createOrganization(t.prisma);
  const other = await createOrganization(t.prisma);
  orgId = org.id;
  otherOrgId = other.id;
  const a = await createAccount(t.prisma, { organizationId: orgId, roleKeys: ["security_auditor"], displayName: "監査 太郎" });
  const aa = await createAccount(t.prisma, { organizationId: orgId, roleKeys: ["account_admin"] });
  const h = await createAccount(t.prisma, { organizationId: orgId, roleKeys: ["hr"] });
  accountId = a.id;
  auditor = await signedIn(a.loginId, a.password);
  accountAdmin = await signedIn(aa.loginId, aa.password);
  hr = await signedIn(h.loginId, h.password);

  // Last week: business-hours sign-ins, failures of a known account and of an unknown ID, late-night access, a new
  // country (BR), and US which was seen 30 days before the week (so it is not new).
  await record(orgId, [
    ev(jst(0, 9), "success", { actorId: accountId, actorLabel: a.loginId }),
    ev(jst(0, 9, 5), "success", { actorId: accountId, actorLabel: a.loginId }),
    ev(jst(1, 10), "failure", { actorId: accountId, actorLabel: a.loginId, ip: "198.51.100.7" }),
    ev(jst(1, 10, 1), "failure", { actorId: accountId, actorLabel: a.loginId, ip: "198.51.100.7" }),
    ev(jst(1, 10, 2), "failure", { actorLabel: "nobody@example.jp", ip: "198.51.100.7", country: "CN" }),
    ev(jst(2, 23, 30), "success", { actorId: accountId, actorLabel: a.loginId, ip: "203.0.113.9" }),
    ev(jst(3, 2, 15), "success", { actorLabel: "night@example.jp", ip: "203.0.113.10", country: "BR" }),
    ev(jst(3, 3), "failure", { actorLabel: "night@example.jp", ip: "203.0.113.10", country: "BR" }),
    ev(jst(4, 21, 59), "success", { actorLabel: "evening@example.jp" }),
    ev(jst(4, 5), "success", { actorLabel: "early@example.jp" }),
  ]);
  // Earlier weeks, in several batches (the upserts add up).
  await record(orgId, [ev(jst(-30, 11), "success", { country: "US", ip: "192.0.2.77" }), ev(jst(-30, 11, 30), "failure", { country: "US", ip: "192.0.2.77" })]);
  await record(orgId, [ev(jst(-6, 9), "failure"), ev(jst(-6, 9, 10), "failure"), ev(jst(-6, 9, 20), "success")]);
  await record(orgId, [ev(jst(-13, 14), "success"), ev(jst(-20, 14), "failure"), ev(jst(-20, 14, 5), "success")]);
  // The other organization: same hours, must never show up.
  await record(otherOrgId, [ev(jst(1, 10), "failure", { ip: "198.51.100.7", country: "RU", actorLabel: "other@example.jp" })]);
});
afterAll(() => t?.drop());

describe("rollups moved by recordSignInEvents", () => {
  it("the hourly rollups equal a GROUP BY hour over the raw sign-in events", async () => {
    for (const org of [orgId, otherOrgId]) {
      const raw = await t.prisma.$queryRaw<{ hour: Date; success: number; failure: number; foreign: number }[]>`
        SELECT date_trunc('hour', occurred_at) AS hour, count(*) FILTER (WHERE outcome = 'success')::int AS success,
               count(*) FILTER (WHERE outcome = 'failure')::int AS failure,
               count(*) FILTER (WHERE country IS NOT NULL AND country <> 'JP')::int AS foreign
        FROM audit_events WHERE organization_id = ${org}::uuid AND action = 'auth.sign_in' GROUP BY 1 ORDER BY 1`;
      const rolled = await t.prisma.$queryRaw<{ hour: Date; success: number; failure: number; foreign: number }[]>`
        SELECT hour, success_count AS success, failure_count AS failure, foreign_count AS foreign
        FROM sign_in_rollups WHERE organization_id = ${org}::uuid ORDER BY hour`;
      expect(rolled.map((r) => ({ ...r, hour: new Date(r.hour).toISOString() }))).toEqual(raw.map((r) => ({ ...r, hour: new Date(r.hour).toISOString() })));
    }
  });

  it("the per-day country, IP and account rollups equal a GROUP BY over the raw events (JST days)", async () => {
    for (const org of [orgId, otherOrgId]) {
      const raw = await t.prisma.$queryRaw<{ dimension: string; day: string; key: string; success: number; failure: number }[]>`
        SELECT d.dimension, to_char((occurred_at AT TIME ZONE 'Asia/Tokyo')::date, 'YYYY-MM-DD') AS day, d.key,
               count(*) FILTER (WHERE outcome = 'success')::int AS success, count(*) FILTER (WHERE outcome = 'failure')::int AS failure
        FROM audit_events e
        CROSS JOIN LATERAL (VALUES ('account', COALESCE(e.actor_id::text, e.actor_label)), ('country', e.country), ('ip', host(e.ip)))
          AS d(dimension, key)
        WHERE organization_id = ${org}::uuid AND action = 'auth.sign_in' AND d.key IS NOT NULL
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
      const rolled = await t.prisma.$queryRaw<{ dimension: string; day: string; key: string; success: number; failure: number }[]>`
        SELECT dimension, to_char(day, 'YYYY-MM-DD') AS day, key, success_count AS success, failure_count AS failure
        FROM sign_in_dim_rollups WHERE organization_id = ${org}::uuid ORDER BY 1, 2, 3`;
      expect(rolled).toEqual(raw);
      expect(raw.length).toBeGreaterThan(0);
    }
  });

  it("a batch of one account's failures lands as one row per day with the right counts and label", async () => {
    const rows = await t.prisma.$queryRaw<{ key: string; label: string | null; failure: number }[]>`
      SELECT key, label, failure_count AS failure FROM sign_in_dim_rollups
      WHERE organization_id = ${orgId}::uuid AND dimension = 'ip' AND key = '198.51.100.7'`;
    expect(rows).toEqual([{ key: "198.51.100.7", label: null, failure: 3 }]);
    const account = await t.prisma.$queryRaw<{ key: string; label: string | null; failure: number; success: number }[]>`
      SELECT key, label, failure_count AS failure, success_count AS success FROM sign_in_dim_rollups
      WHERE organization_id = ${orgId}::uuid AND dimension = 'account' AND key = ${accountId} AND day = ${addDays(LAST_WEEK, 1)}::date`;
    expect(account).toHaveLength(1);
    expect(account[0]!.failure).toBe(2);
    expect(account[0]!.label).toContain("@");
  });
});

describe("getDashboard", () => {
  it("the series, totals, heatmap and top lists equal GROUP BYs over the raw events for the range", async () => {
    // Taken after every event was written: the rollups count whole hours, up to the one under way.
    const now = new Date();
    const d = await auditor.run(() => getDashboard({ range: "30" }, now));
    const s = d.security!;
    expect(s.range).toBe(30);
    expect(d.signIns!.series).toHaveLength(30);
    expect(s.toDay).toBe(jstDay(now));
    const from = new Date(Date.parse(`${s.fromDay}T00:00:00+09:00`));
    const raw = await t.prisma.$queryRaw<{ day: string; success: number; failure: number }[]>`
      SELECT to_char(occurred_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD') AS day,
             count(*) FILTER (WHERE outcome = 'success')::int AS success, count(*) FILTER (WHERE outcome = 'failure')::int AS failure
      FROM audit_events WHERE organization_id = ${orgId}::uuid AND action = 'auth.sign_in' AND occurred_at >= ${from} AND occurred_at <= ${now}
      GROUP BY 1`;
    const byDay = new Map(raw.map((r) => [r.day, r]));
    for (const day of d.signIns!.series) {
      expect({ day: day.day, success: day.success, failure: day.failure }).toEqual({ day: day.day, success: byDay.get(day.day)?.success ?? 0, failure: byDay.get(day.day)?.failure ?? 0 });
    }
    const success = raw.reduce((n, r) => n + r.success, 0);
    const failure = raw.reduce((n, r) => n + r.failure, 0);
    expect(s.totals).toEqual({ success, failure, failureRate: failure / (success + failure) });

    const cells = await t.prisma.$queryRaw<{ wd: number; h: number; n: number }[]>`
      SELECT (extract(isodow FROM occurred_at AT TIME ZONE 'Asia/Tokyo') - 1)::int AS wd, extract(hour FROM occurred_at AT TIME ZONE 'Asia/Tokyo')::int AS h, count(*)::int AS n
      FROM audit_events WHERE organization_id = ${orgId}::uuid AND action = 'auth.sign_in' AND occurred_at >= ${from} AND occurred_at <= ${now}
      GROUP BY 1, 2`;
    const grid = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
    for (const c of cells) grid[c.wd]![c.h] = c.n;
    expect(s.heatmap).toEqual(grid);

    const top = await t.prisma.$queryRaw<{ key: string; failure: number }[]>`
      SELECT host(ip) AS key, count(*)::int AS failure FROM audit_events
      WHERE organization_id = ${orgId}::uuid AND action = 'auth.sign_in' AND outcome = 'failure' AND occurred_at >= ${from} AND ip IS NOT NULL
      GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10`;
    expect(s.failingIps.map((r) => ({ key: r.key, failure: r.failure }))).toEqual(top);
    expect(s.failingIps.find((r) => r.key === "198.51.100.7")).toMatchObject({ failure: 3 });
    expect(s.failingAccounts.find((r) => r.key === accountId)).toMatchObject({ failure: 2 });
    expect(s.failingAccounts.find((r) => r.key === "nobody@example.jp")).toMatchObject({ failure: 1, label: "nobody@example.jp" });
    const countries = await t.prisma.$queryRaw<{ key: string; total: number }[]>`
      SELECT country AS key, count(*)::int AS total FROM audit_events
      WHERE organization_id = ${orgId}::uuid AND action = 'auth.sign_in' AND occurred_at >= ${from} AND country IS NOT NULL
      GROUP BY 1 ORDER BY 2 DESC, 1`;
    expect(s.countries.map((c) => ({ key: c.key, total: c.success + c.failure }))).toEqual(countries);
    expect(s.countries.map((c) => c.key)).not.toContain("RU");
  });

  it("the range comes from the URL (7, 30, 90; anything else is 90)", async () => {
    expect((await auditor.run(() => getDashboard({ range: "7" }, NOW))).signIns!.series).toHaveLength(7);
    expect((await auditor.run(() => getDashboard({ range: "13" }, NOW))).signIns!.series).toHaveLength(90);
  });

  it("shows the security section to security:view, not to HR", async () => {
    expect((await accountAdmin.run(() => getDashboard({}, NOW))).security).not.toBeNull();
    const h = await hr.run(() => getDashboard({}, NOW));
    expect(h.security).toBeNull();
    expect(h.signIns).toBeNull();
  });
});

describe("weekly log audit", () => {
  it("last week's figures: counts, rate against the 4 weeks before, late-night access, new countries", async () => {
    const w = await auditor.run(() => getWeeklyAudit({ week: LAST_WEEK }, NOW));
    const f = w.figures;
    expect(f.signIns).toBe(10);
    expect(f.failures).toBe(4);
    expect(f.failureRate).toBeCloseTo(4 / f.signIns, 10);
    expect(f.previous.map((p) => p.weekStart)).toEqual([28, 21, 14, 7].map((n) => addDays(LAST_WEEK, -n)));
    expect(f.previous.at(-1)).toMatchObject({ signIns: 3, failures: 2 });
    // Failures of the 4 earlier weeks, oldest first: 0, 1, 0, 2; the US failure 30 days back is 5 weeks back, outside.
    expect(f.previous.map((p) => p.failures)).toEqual([0, 1, 0, 2]);
    expect(f.failuresVsBaseline).toEqual({ baseline: 0.75, ratio: 4 / 0.75 });
    expect(f.lateNight).toBe(2);
    expect(w.lateNight.rows.map((r) => r.actorLabel)).toEqual([expect.stringContaining("@"), "night@example.jp"]);
    expect(w.lateNight.rows.map((r) => r.ip)).toEqual(["203.0.113.9", "203.0.113.10"]);
    expect(f.newCountries).toEqual(["BR", "CN"]);
    expect(w.review).toBeNull();
  });

  it("the list shows 26 weeks, newest first, the current one in progress", async () => {
    const weeks = await auditor.run(() => listWeeklyAudits(NOW));
    expect(weeks).toHaveLength(26);
    expect(weeks[0]).toMatchObject({ weekStart: weekStartOf(NOW), inProgress: true });
    expect(weeks[1]).toMatchObject({ weekStart: LAST_WEEK, failures: 4, signedAt: null });
  });

  it("signs a week off once, with a snapshot and an audit event; a second sign-off is refused", async () => {
    const signed = await auditor.run(() => signOffWeeklyAudit({ week: LAST_WEEK, note: "異常なし" }, NOW));
    expect(signed.signedByLabel).toContain("監査 太郎");
    const row = await t.prisma.weeklyLogReview.findFirstOrThrow({ where: { organizationId: orgId } });
    expect(row.note).toBe("異常なし");
    expect((row.snapshot as { failures: number; lateNight: number }).failures).toBe(4);
    expect((row.snapshot as { failures: number; lateNight: number }).lateNight).toBe(2);
    expect(await t.prisma.auditEvent.count({ where: { organizationId: orgId, action: "audit.weekly_review.signed_off", targetLabel: LAST_WEEK } })).toBe(1);
    await expect(auditor.run(() => signOffWeeklyAudit({ week: LAST_WEEK }, NOW))).rejects.toMatchObject({ code: "conflict", key: "weeklyAudit.alreadySigned" });
    expect(await t.prisma.weeklyLogReview.count({ where: { organizationId: orgId } })).toBe(1);
    const w = await auditor.run(() => getWeeklyAudit({ week: LAST_WEEK }, NOW));
    expect(w.review?.note).toBe("異常なし");
    expect((await auditor.run(() => listWeeklyAudits(NOW)))[1]!.signedBy).toContain("監査 太郎");
  });

  it("refuses a week that has not ended, a date that is no Monday, and those without the permission", async () => {
    await expect(auditor.run(() => signOffWeeklyAudit({ week: weekStartOf(NOW) }, NOW))).rejects.toMatchObject({ code: "invalid" });
    await expect(auditor.run(() => getWeeklyAudit({ week: addDays(LAST_WEEK, 1) }, NOW))).rejects.toMatchObject({ code: "not_found" });
    await expect(auditor.run(() => getWeeklyAudit({ week: addDays(weekStartOf(NOW), 7) }, NOW))).rejects.toMatchObject({ code: "not_found" });
    await expect(hr.run(() => getWeeklyAudit({ week: LAST_WEEK }, NOW))).rejects.toMatchObject({ code: "forbidden" });
    await expect(accountAdmin.run(() => listWeeklyAudits(NOW))).rejects.toMatchObject({ code: "forbidden" });
    await expect(accountAdmin.run(() => signOffWeeklyAudit({ week: addDays(LAST_WEEK, -7) }, NOW))).rejects.toMatchObject({ code: "forbidden" });
    expect(await t.prisma.weeklyLogReview.count({ where: { organizationId: orgId } })).toBe(1);
  });
});
