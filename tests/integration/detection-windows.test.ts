// The window rules (repeated failures, password spray) judge a batch in one pass over each subject's failures. Here
// they are checked against the plain definition, counted in SQL event by event over the same log: failures at the
// same instant, exactly one window apart, from addresses shared by several accounts, IDs that match no account.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/server/audit";
import { db } from "@/lib/server/db";
import { findHits } from "@/lib/server/detections/find-hits";
import { loadDetectionContext } from "@/lib/server/detections/load-detection-context";
import { loadOrgCalendar } from "@/lib/server/org/org-calendar";
import { withOrganization } from "@/lib/server/tenant-context";
import { createAccount, createOrganization } from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.drop());

/** A small deterministic generator, so a failure here can be replayed. */
function generator(seed: number) {
  let x = seed >>> 0;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe("window rules against their definition", () => {
  it("count and evidence per failure agree with a count straight from the log, in a batch and in a backfill", async () => {
    const org = await createOrganization(t.prisma);
    const people = await Promise.all(Array.from({ length: 4 }, () => createAccount(t.prisma, { organizationId: org.id })));
    const ips = ["203.0.113.1", "203.0.113.2", "2001:db8::7"];
    const random = generator(20261127);
    const start = new Date("2026-11-24T01:00:00Z").getTime();
    const WINDOW = 10 * 60_000;
    // Times on a 30-second grid (so many fall exactly one window apart), some failures repeated at the same instant.
    const events = Array.from({ length: 260 }, () => {
      const who = Math.floor(random() * (people.length + 1));
      const person = people[who];
      return {
        occurredAt: new Date(start + Math.floor(random() * 80) * 30_000),
        actorId: person?.id ?? null,
        actorLabel: person?.loginId ?? `nobody-${Math.floor(random() * 3)}@example.jp`,
        ip: ips[Math.floor(random() * ips.length)]!,
      };
    });
    events.push({ ...events[0]! }, { ...events[1]! }, { ...events[0]!, occurredAt: new Date(events[0]!.occurredAt.getTime() + WINDOW) });
    const prisma = await db();
    await withOrganization(org.id, () =>
      prisma.$transaction(async (tx) => {
        for (const e of events) {
          await recordAudit(tx, {
            organizationId: org.id,
            action: "auth.sign_in",
            outcome: "failure",
            reason: "bad_password",
            targetType: "account",
            ...e,
          });
        }
      }),
    );

    // The definition, one failure at a time.
    const truth = await t.prisma.$queryRawUnsafe<{ id: bigint; byAccount: number | null; accountIds: bigint[] | null; byIp: number; ipIds: bigint[] }[]>(
      `SELECT e.id,
         CASE WHEN e.actor_id IS NOT NULL THEN (SELECT count(*)::int FROM audit_events f WHERE f.organization_id = e.organization_id
           AND f.actor_id = e.actor_id AND f.outcome = 'failure' AND f.occurred_at > e.occurred_at - interval '10 minutes' AND f.occurred_at <= e.occurred_at) END AS "byAccount",
         CASE WHEN e.actor_id IS NOT NULL THEN ARRAY(SELECT f.id FROM audit_events f WHERE f.organization_id = e.organization_id
           AND f.actor_id = e.actor_id AND f.outcome = 'failure' AND f.occurred_at > e.occurred_at - interval '10 minutes' AND f.occurred_at <= e.occurred_at
           ORDER BY f.occurred_at, f.id) END AS "accountIds",
         (SELECT count(DISTINCT coalesce(f.actor_id::text, f.actor_label))::int FROM audit_events f WHERE f.organization_id = e.organization_id
           AND f.ip = e.ip AND f.outcome = 'failure' AND f.occurred_at > e.occurred_at - interval '10 minutes' AND f.occurred_at <= e.occurred_at) AS "byIp",
         ARRAY(SELECT f.id FROM audit_events f WHERE f.organization_id = e.organization_id
           AND f.ip = e.ip AND f.outcome = 'failure' AND f.occurred_at > e.occurred_at - interval '10 minutes' AND f.occurred_at <= e.occurred_at
           ORDER BY f.occurred_at, f.id) AS "ipIds"
       FROM audit_events e WHERE e.organization_id = $1::uuid AND e.action = 'auth.sign_in'`,
      org.id,
    );
    expect(truth.length).toBe(events.length);

    const judge = (scope: Parameters<typeof findHits>[2]) =>
      withOrganization(org.id, () =>
        prisma.$transaction(async (tx) => {
          const ctx = await loadDetectionContext(tx, org.id);
          // Thresholds low enough that most failures are hits, so the comparison covers them.
          ctx.rules.repeated_failures = { ...ctx.rules.repeated_failures, enabled: true, params: { ...ctx.rules.repeated_failures.params, failures: 3, windowMinutes: 10 } };
          ctx.rules.password_spray = { ...ctx.rules.password_spray, enabled: true, params: { ...ctx.rules.password_spray.params, accounts: 3, windowMinutes: 10 } };
          return findHits(tx, org.id, scope, ctx, await loadOrgCalendar(tx, org.id));
        }),
      );
    const ids = truth.map((r) => r.id);
    const times = events.map((e) => e.occurredAt.getTime());
    const batch = { ids, from: new Date(Math.min(...times)), to: new Date(Math.max(...times)), failures: true, successes: false };
    for (const hits of [await judge(batch), await judge({ all: true })]) {
      const repeated = new Map(hits.filter((h) => h.kind === "repeated_failures").map((h) => [String(h.eventIds.at(-1)), h]));
      const spray = hits.filter((h) => h.kind === "password_spray");
      let checked = 0;
      for (const row of truth) {
        if (row.byAccount !== null && row.byAccount >= 3) {
          // The hit of this failure: the window ends at its newest event (peers at the same instant included).
          const hit = hits.find((h) => h.kind === "repeated_failures" && h.values.count === row.byAccount && String(h.eventIds.at(-1)) === String(row.accountIds!.at(-1)));
          expect(hit, `repeated failures at event ${row.id}`).toBeDefined();
          expect(hit!.eventIds.map(String)).toEqual(row.accountIds!.slice(-100).map(String));
          checked++;
        }
        if (row.byIp >= 3) {
          const hit = spray.find((h) => h.values.accounts === row.byIp && String(h.eventIds.at(-1)) === String(row.ipIds.at(-1)));
          expect(hit, `password spray at event ${row.id}`).toBeDefined();
          expect(hit!.eventIds.map(String)).toEqual(row.ipIds.slice(-100).map(String));
          checked++;
        }
      }
      expect(hits.filter((h) => h.kind === "repeated_failures")).toHaveLength(truth.filter((r) => r.byAccount !== null && r.byAccount >= 3).length);
      expect(spray).toHaveLength(truth.filter((r) => r.byIp >= 3).length);
      expect(checked).toBeGreaterThan(100);
      expect(repeated.size).toBeGreaterThan(0);
    }
  });
});
