// The large demo (scripts/lib/seed-large.ts) at a small size: bulk history chained in time order ahead of the demo's
// own events, spread over every month's partition, counted in the rollups and passed by the cursor; demo and bulk
// accounts sign in; retention drops whole months of it and leaves a handful of anchors, not one per event.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sweepAuditPartitions } from "@/lib/server/audit/retention";
import { verifyChain } from "@/lib/server/audit/verify-chain";
import { signIn } from "@/lib/server/sign-in/sign-in";
import { withOrganization } from "@/lib/server/tenant-context";
import { demoTotpSecret } from "@/prisma/demo-totp";
import { DEMO_CUSTOMER_NUMBER, DEMO_PASSWORD } from "@/prisma/seed";
import {
  HISTORY_DAYS,
  largeSignInIds,
  seedLarge,
  type SeedLargeResult,
} from "@/scripts/lib/seed-large";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { passSecondFactor } from "@/tests/support/session";

vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined }),
  headers: async () => new Headers(),
}));

const SIZE = { accounts: 1_500, lines: 1_800, events: 30_000 };
let t: TestDatabase;
let seeded: SeedLargeResult;
let orgId: string;

beforeAll(async () => {
  t = await openTestDatabase();
  seeded = await seedLarge(t, SIZE);
  orgId = (
    await t.prisma.organization.findUniqueOrThrow({
      where: { customerNumber: DEMO_CUSTOMER_NUMBER },
      select: { id: true },
    })
  ).id;
}, 600_000);
afterAll(() => t?.drop());

const one = async <T>(sql: string) => (await t.sql.rows<T>(sql))[0]!;

describe("seedLarge", () => {
  it("grows みなと商事 to the sizes asked for, and does nothing a second time", async () => {
    expect(seeded).toMatchObject({
      seeded: true,
      accounts: SIZE.accounts,
      lines: SIZE.lines,
    });
    const signIns = await t.prisma.auditEvent.count({
      where: { organizationId: orgId, action: "auth.sign_in" },
    });
    expect(signIns).toBeGreaterThan(SIZE.events);
    const again = await seedLarge(t, SIZE);
    expect(again).toMatchObject({
      seeded: false,
      accounts: SIZE.accounts,
      lines: SIZE.lines,
      events: seeded.events,
    });
  });

  it("spreads the history over every month's partition of the last 13, oldest first in the hash chain, which verifies", async () => {
    const months = await t.sql.rows<{ partition: string; n: number }>(`
      SELECT tableoid::regclass::text AS partition, count(*)::int AS n FROM audit_events
      WHERE organization_id = '${orgId}' AND action = 'auth.sign_in' GROUP BY 1 ORDER BY 1`);
    expect(
      months.every((m) => /^audit_events_\d{4}_\d{2}$/.test(m.partition)),
    ).toBe(true);
    expect(months.length).toBeGreaterThanOrEqual(
      Math.floor(HISTORY_DAYS / 31) + 1,
    );
    // Full months in the middle hold about a thirteenth each.
    for (const m of months.slice(1, -1))
      expect(m.n).toBeGreaterThan(SIZE.events / 20);
    // Time order is chain order over the bulk history, which comes first.
    const [order] = await t.sql.rows<{ inversions: number }>(`
      SELECT count(*)::int AS inversions FROM (
        SELECT occurred_at < lag(occurred_at) OVER (ORDER BY chain_seq) AS back FROM audit_events
        WHERE organization_id = '${orgId}' AND chain_seq <= ${SIZE.events}) x WHERE back`);
    expect(order!.inversions).toBe(0);
    const chain = await withOrganization(orgId, () =>
      verifyChain(t.app.prisma, orgId),
    );
    expect(chain).toMatchObject({ ok: true, checked: seeded.events });
  });

  it("counts every sign-in in the hourly and daily rollups, and the cursor has passed them all", async () => {
    const hours = await one<{
      mismatched: number;
      events: number;
      rolled: number;
    }>(`
      WITH raw AS (
        SELECT date_trunc('hour', occurred_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour, count(*) FILTER (WHERE outcome = 'success') AS s,
          count(*) FILTER (WHERE outcome = 'failure') AS f, count(*) FILTER (WHERE country <> 'JP') AS fo
        FROM audit_events WHERE organization_id = '${orgId}' AND action = 'auth.sign_in' GROUP BY 1),
      r AS (SELECT * FROM sign_in_rollups WHERE organization_id = '${orgId}')
      SELECT count(*) FILTER (WHERE r.success_count IS DISTINCT FROM raw.s OR r.failure_count IS DISTINCT FROM raw.f
               OR r.foreign_count IS DISTINCT FROM raw.fo)::int AS mismatched,
             coalesce(sum(raw.s + raw.f), 0)::int AS events, coalesce(sum(r.success_count + r.failure_count), 0)::int AS rolled
      FROM raw FULL JOIN r ON r.hour = raw.hour`);
    expect(hours).toMatchObject({ mismatched: 0 });
    expect(hours.rolled).toBe(hours.events);
    const days = await t.sql.rows<{ dimension: string; n: number }>(`
      SELECT dimension, sum(success_count + failure_count)::int AS n FROM sign_in_dim_rollups WHERE organization_id = '${orgId}' GROUP BY 1`);
    for (const d of days) expect(d.n).toBe(hours.events);
    const cursor = await one<{ behind: number }>(`
      SELECT count(*)::int AS behind FROM audit_events e
      WHERE e.organization_id = '${orgId}' AND e.action = 'auth.sign_in'
        AND e.chain_seq > (SELECT processed_seq FROM sign_in_cursors WHERE organization_id = '${orgId}')`);
    expect(cursor.behind).toBe(0);
  });

  it("lets the demo accounts and the bulk accounts sign in with the demo password and their derivable codes", async () => {
    const client = { ip: "210.130.45.9", userAgent: "vitest" };
    for (const loginId of [
      "admin@minato-shoji.example.jp",
      ...largeSignInIds(2),
    ]) {
      const outcome = await passSecondFactor(
        await signIn({ loginId, password: DEMO_PASSWORD }, client),
        client,
        demoTotpSecret(loginId),
      );
      expect(outcome.kind, loginId).toBe("session");
    }
  });

  it("drops whole months of it on retention, anchored by a handful of rows, and the chain still verifies", async () => {
    // Every organization keeps 250 days: the history's oldest months go.
    await t.prisma.organization.updateMany({
      data: { auditRetentionDays: 250 },
    });
    const swept = await sweepAuditPartitions();
    const dropped = swept.dropped.filter((d) => d.events > 0);
    expect(dropped.length).toBeGreaterThanOrEqual(3);
    const events = dropped.reduce((n, d) => n + d.events, 0);
    expect(events).toBeGreaterThan(SIZE.events / 5);
    const anchors = await t.sql.rows<{ kind: string; n: number }>(
      `SELECT kind, count(*)::int AS n FROM audit_chain_anchors WHERE chain_key = '${orgId}' GROUP BY 1`,
    );
    const total = anchors.reduce((n, a) => n + a.n, 0);
    // One start row per dropped month, and a bridge only for the few events filed into a month after the history
    // (the demo's monthly statements), not one per dropped event.
    expect(anchors.find((a) => a.kind === "start")?.n).toBeGreaterThanOrEqual(
      1,
    );
    expect(total).toBeLessThan(dropped.length * 5);
    const chain = await withOrganization(orgId, () =>
      verifyChain(t.app.prisma, orgId),
    );
    expect(chain.ok).toBe(true);
    expect(chain.anchorSeq).not.toBeNull();
  });
});
