import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { recordAudit } from "@/lib/server/audit";
import { readChainCheck, sweepAuditChains, verifyAndRecordChain, WHOLE_CHECK_EVERY_MS } from "@/lib/server/audit/chain-checks";
import { getChainStatus } from "@/lib/server/audit/get-chain-status";
import { sweepAuditPartitions } from "@/lib/server/audit/retention";
import { GENESIS_HASH, verifyChain } from "@/lib/server/audit/verify-chain";
import { withOrganization } from "@/lib/server/tenant-context";
import { createAccount, createOrganization } from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { signedIn } from "@/tests/support/session";

let t: TestDatabase;
const DAY = 86_400_000;
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.drop());

/** Writes events as the application does: its own role and connection, in the organization's scope. */
async function record(organizationId: string, count: number, at?: (i: number) => Date): Promise<bigint[]> {
  return withOrganization(organizationId, () =>
    t.app.prisma.$transaction(async (tx) => {
      const ids: bigint[] = [];
      for (let i = 0; i < count; i++) {
        ids.push(
          await recordAudit(tx, {
            organizationId,
            actorLabel: "テスト 太郎",
            action: "test.event",
            targetType: "account",
            targetLabel: `target-${i}`,
            outcome: "success",
            ip: "203.0.113.7",
            country: "JP",
            details: { i, note: "監査" },
            ...(at ? { occurredAt: at(i) } : {}),
          }),
        );
      }
      return ids;
    }),
  );
}

const verify = (organizationId: string) => withOrganization(organizationId, async () => verifyChain(t.app.prisma, organizationId, { pageSize: 7 }));

const chain = (organizationId: string) =>
  t.prisma.auditEvent.findMany({
    where: { organizationId },
    orderBy: { chainSeq: "asc" },
    select: { id: true, chainSeq: true, prevHash: true, hash: true },
  });

/** Behind the application's back, as the tables' owner with the triggers off: what an attacker with the database would do. */
const asOwnerWithoutTriggers = (statement: string) =>
  t.sql.exec(`BEGIN; SET LOCAL session_replication_role = replica; ${statement}; COMMIT`);

describe("the hash chain", () => {
  it("is built by the database on every insert, in order, and verifies", async () => {
    const org = await createOrganization(t.prisma);
    const ids = await record(org.id, 5);
    await record(org.id, 20);
    const events = await chain(org.id);
    expect(events).toHaveLength(25);
    expect(events.map((e) => Number(e.chainSeq))).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(events[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < events.length; i++) expect(events[i]!.prevHash).toBe(events[i - 1]!.hash);
    expect(events[0]!.id).toBe(ids[0]);
    expect(events.every((e) => /^[0-9a-f]{64}$/.test(e.hash ?? ""))).toBe(true);

    const result = await verify(org.id);
    expect(result).toMatchObject({ ok: true, checked: 25, anchorSeq: null });
    expect(result.firstBroken).toBeUndefined();
  });

  it("chains a bulk insert row by row, and a rolled-back transaction leaves no gap", async () => {
    const org = await createOrganization(t.prisma);
    await withOrganization(org.id, () =>
      t.app.prisma.$executeRawUnsafe(
        `INSERT INTO audit_events (organization_id, occurred_at, action, outcome, details)
         SELECT $1::uuid, now() - g * interval '1 hour', 'test.bulk', 'success', jsonb_build_object('g', g) FROM generate_series(1, 300) g`,
        org.id,
      ),
    );
    await expect(
      withOrganization(org.id, () =>
        t.app.prisma.$transaction(async (tx) => {
          await recordAudit(tx, { organizationId: org.id, action: "test.undone", outcome: "success" });
          throw new Error("changed my mind");
        }),
      ),
    ).rejects.toThrow("changed my mind");
    await record(org.id, 1);
    const events = await chain(org.id);
    expect(events.map((e) => Number(e.chainSeq))).toEqual(Array.from({ length: 301 }, (_, i) => i + 1));
    expect(await verify(org.id)).toMatchObject({ ok: true, checked: 301 });
  });

  it("stays gapless when many transactions of one organization write at once", async () => {
    const org = await createOrganization(t.prisma);
    await Promise.all(Array.from({ length: 12 }, () => record(org.id, 4)));
    const events = await chain(org.id);
    expect(events.map((e) => Number(e.chainSeq))).toEqual(Array.from({ length: 48 }, (_, i) => i + 1));
    expect(await verify(org.id)).toMatchObject({ ok: true, checked: 48 });
  });

  it("names exactly the event whose content was changed behind the application's back", async () => {
    const org = await createOrganization(t.prisma);
    const ids = await record(org.id, 12);
    const target = ids[7]!;
    await asOwnerWithoutTriggers(`UPDATE audit_events SET reason = 'nothing happened' WHERE id = ${target}`);
    const result = await verify(org.id);
    expect(result.ok).toBe(false);
    expect(result.checked).toBe(7);
    expect(result.firstBroken).toMatchObject({ id: String(target), chainSeq: "8", action: "test.event", problem: "hash_mismatch" });
    expect(result.firstBroken!.occurredAt).toBeInstanceOf(Date);
  });

  it("finds a changed event whose hash was recomputed too, at the link after it", async () => {
    const org = await createOrganization(t.prisma);
    const ids = await record(org.id, 6);
    await asOwnerWithoutTriggers(
      `UPDATE audit_events SET reason = 'x', hash = ocn_audit_event_hash(prev_hash, chain_seq, id, organization_id, occurred_at,
        actor_id, actor_label, action, target_type, target_id, target_label, outcome, 'x', ip, country, user_agent, details)
       WHERE id = ${ids[2]}`,
    );
    expect((await verify(org.id)).firstBroken).toMatchObject({ id: String(ids[3]), chainSeq: "4", problem: "broken_link" });
  });

  it("reports a deleted event as a gap before the event that follows it, and a deleted newest event too", async () => {
    const org = await createOrganization(t.prisma);
    const ids = await record(org.id, 10);
    await asOwnerWithoutTriggers(`DELETE FROM audit_events WHERE id = ${ids[4]}`);
    const result = await verify(org.id);
    expect(result).toMatchObject({ ok: false, checked: 4 });
    expect(result.firstBroken).toMatchObject({ id: String(ids[5]), chainSeq: "6", problem: "missing" });

    const other = await createOrganization(t.prisma);
    const last = await record(other.id, 3);
    await asOwnerWithoutTriggers(`DELETE FROM audit_events WHERE id = ${last[2]}`);
    expect((await verify(other.id)).firstBroken).toMatchObject({ id: null, chainSeq: "3", problem: "missing" });
  });

  it("finds an event slipped in past the trigger", async () => {
    const org = await createOrganization(t.prisma);
    await record(org.id, 2);
    await asOwnerWithoutTriggers(`INSERT INTO audit_events (organization_id, action, outcome) VALUES ('${org.id}', 'forged', 'success')`);
    expect((await verify(org.id)).firstBroken).toMatchObject({ action: "forged", chainSeq: null, problem: "broken_link" });
  });
});

describe("append-only", () => {
  it("refuses UPDATE, DELETE and TRUNCATE on the table and on a partition, even to the owner", async () => {
    const org = await createOrganization(t.prisma);
    await record(org.id, 1);
    await expect(t.sql.exec("UPDATE audit_events SET reason = 'x'")).rejects.toThrow(/append-only/);
    await expect(t.sql.exec("DELETE FROM audit_events")).rejects.toThrow(/append-only/);
    await expect(t.sql.exec("TRUNCATE audit_events")).rejects.toThrow(/append-only/);
    const [{ partition } = { partition: "" }] = await t.sql.rows<{ partition: string }>(
      `SELECT tableoid::regclass::text AS partition FROM audit_events WHERE organization_id = '${org.id}' LIMIT 1`,
    );
    expect(partition).toMatch(/^audit_events_\d{4}_\d{2}$/);
    await expect(t.sql.exec(`TRUNCATE ${partition}`)).rejects.toThrow(/append-only/);
    await expect(t.sql.exec(`DELETE FROM ${partition}`)).rejects.toThrow(/append-only/);
  });

  it.runIf(onPostgres)("gives the application's role no right to change the log, its partitions or its chain heads", async () => {
    const app = t.app.sql;
    await expect(app.exec("UPDATE audit_events SET reason = 'x'")).rejects.toThrow(/permission denied/);
    await expect(app.exec("DELETE FROM audit_events")).rejects.toThrow(/permission denied/);
    await expect(app.exec("TRUNCATE audit_events")).rejects.toThrow(/permission denied/);
    await expect(app.exec("SELECT * FROM audit_events_default")).rejects.toThrow(/permission denied/);
    await expect(app.exec("DROP TABLE audit_events_default")).rejects.toThrow(/must be owner/);
    await expect(app.exec("ALTER TABLE audit_events DETACH PARTITION audit_events_default")).rejects.toThrow(/must be owner/);
    await expect(app.exec("SELECT * FROM audit_chain_heads")).rejects.toThrow(/permission denied/);
    await expect(app.exec("UPDATE audit_chain_heads SET last_seq = 0")).rejects.toThrow(/permission denied/);
    await expect(
      app.exec("INSERT INTO audit_chain_anchors (chain_key, chain_seq, kind, prev_hash, hash, partition_name) VALUES (gen_random_uuid(), 1, 'start', '', '', 'x')"),
    ).rejects.toThrow(/permission denied/);
    await expect(app.exec("SELECT ocn_audit_create_partition('2040-01-01')")).rejects.toThrow(/permission denied|must be owner/);
    // Through the sweeper's function it drops nothing younger than the longest retention.
    await expect(app.rows("SELECT * FROM ocn_audit_drop_expired_partitions()")).resolves.toEqual([]);
  });
});

describe("retention", () => {
  it("drops only months older than the longest retention, and the chain still verifies from its anchor", async () => {
    const org = await createOrganization(t.prisma);
    const keeper = await createOrganization(t.prisma);
    const now = Date.now();
    // Oldest first, as they happened; then one old event filed late (it lands in an old month but late in the chain).
    const old = await record(org.id, 4, (i) => new Date(now - (200 - i * 10) * DAY));
    const recent = await record(org.id, 3, (i) => new Date(now - (20 - i) * DAY));
    const late = await record(org.id, 1, () => new Date(now - 190 * DAY));
    const after = await record(org.id, 2);
    await t.prisma.organization.updateMany({ data: { auditRetentionDays: 400 } });
    await t.prisma.organization.update({ where: { id: org.id }, data: { auditRetentionDays: 60 } });

    // The longest retention (400 days) keeps everything.
    const kept = await sweepAuditPartitions();
    expect(kept.skipped).toBe(false);
    expect(kept.dropped.filter((d) => d.events > 0)).toEqual([]);

    await t.prisma.organization.updateMany({ data: { auditRetentionDays: 90 } });
    await t.prisma.organization.update({ where: { id: keeper.id }, data: { auditRetentionDays: 120 } });
    const swept = await sweepAuditPartitions();
    const cutoff = now - 120 * DAY;
    expect(swept.dropped.length).toBeGreaterThan(0);
    for (const d of swept.dropped) expect(d.to.getTime()).toBeLessThanOrEqual(cutoff);
    expect(swept.dropped.reduce((n, d) => n + d.events, 0)).toBeGreaterThanOrEqual(5);

    const left = (await t.prisma.auditEvent.findMany({ where: { organizationId: org.id }, select: { id: true } })).map((e) => e.id);
    for (const id of [...old, ...late]) expect(left).not.toContain(id);
    for (const id of [...recent, ...after]) expect(left).toContain(id);
    // Nothing newer than the cutoff went.
    expect(await t.prisma.auditEvent.count({ where: { occurredAt: { gte: new Date(cutoff) } } })).toBeGreaterThan(0);

    const dropped = await t.prisma.auditEvent.findMany({ where: { organizationId: org.id, action: "audit.partition_dropped" }, select: { details: true } });
    expect(dropped.length).toBeGreaterThan(0);
    expect(dropped.map((e) => (e.details as { partition: string }).partition)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^audit_events_\d{4}_\d{2}$/)]),
    );

    const result = await verify(org.id);
    expect(result).toMatchObject({ ok: true, anchorSeq: 4n });
    expect(result.checked).toBe(3 + 2 + dropped.length);

    // The partitions ahead exist; the current month is still there.
    const month = (offset: number) => {
      const d = new Date(now);
      const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1));
      return `audit_events_${m.getUTCFullYear()}_${String(m.getUTCMonth() + 1).padStart(2, "0")}`;
    };
    const [present] = await t.sql.rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class WHERE relname IN ('${month(0)}', '${month(1)}', '${month(2)}', '${month(3)}')`,
    );
    expect(present?.n).toBe(4);

    // A deletion after the drop is still found.
    await asOwnerWithoutTriggers(`DELETE FROM audit_events WHERE id = ${recent[1]}`);
    expect((await verify(org.id)).firstBroken).toMatchObject({ id: String(recent[2]), problem: "missing" });
  });
});

describe("getChainStatus", () => {
  it("verifies the signed-in organization's chain for an auditor and refuses someone without audit access", async () => {
    const org = await createOrganization(t.prisma);
    const a = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["security_auditor"] });
    const h = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["hr"] });
    const auditor = await signedIn(a.loginId, a.password);
    const hr = await signedIn(h.loginId, h.password);
    await record(org.id, 3);
    // No whole walk recorded yet: this process walks the chain once itself.
    const status = await auditor.run(() => getChainStatus());
    expect(status.state).toBe("ok");
    expect(status.checked).toBe(await t.prisma.auditEvent.count({ where: { organizationId: org.id } }));
    expect(status.firstBroken).toBeNull();
    expect(status.wholeAt).toBeNull();
    await expect(hr.run(() => getChainStatus())).rejects.toMatchObject({ code: "forbidden" });

    // The daily whole walk is recorded; the badge goes on from it with the events chained since.
    const walked = await verifyAndRecordChain(org.id);
    expect(walked.ok).toBe(true);
    await record(org.id, 2);
    const clock = Date.now();
    // Past the minute a result is shown while the next is computed: this call waits for a fresh one.
    vi.useFakeTimers({ now: clock + 2 * 60_000, toFake: ["Date"] });
    try {
      const next = await auditor.run(() => getChainStatus());
      expect(next).toMatchObject({ state: "ok", checked: await t.prisma.auditEvent.count({ where: { organizationId: org.id } }) });
      expect(next.wholeAt).not.toBeNull();

      // Changed behind the application's back: the next whole walk names it, and the badge shows it from then on.
      const [first] = await chain(org.id);
      await asOwnerWithoutTriggers(`UPDATE audit_events SET reason = 'edited' WHERE id = ${first!.id}`);
      expect((await verifyAndRecordChain(org.id)).ok).toBe(false);
      vi.setSystemTime(clock + 4 * 60_000);
      const after = await auditor.run(() => getChainStatus());
      expect(after).toMatchObject({ state: "broken", firstBroken: { id: String(first!.id), problem: "hash_mismatch" } });
      vi.setSystemTime(clock + 6 * 60_000);
      await record(org.id, 1);
      expect(await auditor.run(() => getChainStatus())).toMatchObject({ state: "broken", firstBroken: { id: String(first!.id) } });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("the daily whole walk (sweeper)", () => {
  /** An organization with `count` events whose chain the sweeper has walked once; `recorded` reads its check. */
  async function walkedOnce(count: number) {
    const org = await createOrganization(t.prisma);
    await record(org.id, count);
    const recorded = () => withOrganization(org.id, () => readChainCheck(t.app.prisma, org.id));
    const now = Date.now();
    await sweepAuditChains(new Date(now));
    const events = await t.prisma.auditEvent.count({ where: { organizationId: org.id } });
    return { org, recorded, now, events };
  }

  it("walks each organization's chain once a day and records the result; in between moves the verified point on, finding a change", async () => {
    const { org, recorded, now, events } = await walkedOnce(4);
    const first = await recorded();
    expect(first).toMatchObject({ state: "ok", checked: events, firstBroken: null });
    expect(first!.through?.seq).toBe(BigInt(events));

    // Not due again within the day: the verified point moves on to the newest events instead.
    await record(org.id, 2);
    await sweepAuditChains(new Date(now + WHOLE_CHECK_EVERY_MS / 2));
    const moved = await recorded();
    expect(moved!.verifiedAt).toEqual(first!.verifiedAt);
    expect(moved!.through?.seq).toBe(BigInt(events + 2));
    expect(moved).toMatchObject({ state: "ok", checked: events + 2 });
    expect(moved!.checkedAt.getTime()).toBeGreaterThan(first!.checkedAt.getTime());

    // A change behind the application's back to an event chained since: moving on finds it, and records it.
    await record(org.id, 2);
    const newest = (await chain(org.id)).at(-2)!;
    await asOwnerWithoutTriggers(`UPDATE audit_events SET reason = 'edited' WHERE id = ${newest.id}`);
    await sweepAuditChains(new Date(now + WHOLE_CHECK_EVERY_MS / 2 + 60_000));
    expect(await recorded()).toMatchObject({ state: "broken", firstBroken: { id: String(newest.id), problem: "hash_mismatch" } });
  });

  it("a walk that is due is claimed by one instance; a claim an hour old is taken over", async () => {
    const { org, recorded, now, events } = await walkedOnce(3);

    // Due, but claimed a moment ago by another instance: left to it; a claim an hour old is taken over.
    await t.sql.exec(`UPDATE audit_chain_checks SET verified_at = now() - interval '2 days', started_at = now() WHERE organization_id = '${org.id}'`);
    const old = (await recorded())!.verifiedAt;
    await sweepAuditChains(new Date(now + 60_000));
    expect((await recorded())!.verifiedAt).toEqual(old);
    await sweepAuditChains(new Date(now + 2 * 3_600_000));
    const retaken = await recorded();
    expect(retaken!.verifiedAt.getTime()).toBeGreaterThan(old.getTime());
    expect(retaken).toMatchObject({ state: "ok", checked: events });
  });
});
