// POST /api/v1/events end to end below HTTP: API keys (created, listed, revoked), the whole-or-nothing batch, replay,
// limits, and that a key of organization A writes only into A and never resolves an OCN ID of B.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/v1/events/route";
import { createApiKey } from "@/lib/server/api-keys/create-api-key";
import { listApiKeys } from "@/lib/server/api-keys/list-api-keys";
import { revokeApiKey } from "@/lib/server/api-keys/revoke-api-key";
import { recordSignInEvent } from "@/lib/server/audit";
import { listAuditEvents } from "@/lib/server/audit/list-audit-events";
import { drainSignIns, sweepPendingSignIns } from "@/lib/server/audit/process-sign-ins";
import { db } from "@/lib/server/db";
import { withOrganization } from "@/lib/server/tenant-context";
import { createAccount, createOrganization, unique } from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { signedIn } from "@/tests/support/session";

vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }), headers: async () => new Headers() }));

let t: TestDatabase;
let orgA: string;
let orgB: string;
let admin: Awaited<ReturnType<typeof signedIn>>;
let auditor: Awaited<ReturnType<typeof signedIn>>;
let member: Awaited<ReturnType<typeof signedIn>>;
let adminB: Awaited<ReturnType<typeof signedIn>>;
let personA: { id: string; loginId: string };
let personB: { id: string; loginId: string };
let keyA: string;
let keyAId: string;
let keyB: string;

beforeAll(async () => {
  t = await openTestDatabase();
  orgA = (await createOrganization(t.prisma)).id;
  orgB = (await createOrganization(t.prisma)).id;
  const a = await createAccount(t.prisma, { organizationId: orgA, roleKeys: ["org_admin"] });
  const au = await createAccount(t.prisma, { organizationId: orgA, roleKeys: ["security_auditor"] });
  const m = await createAccount(t.prisma, { organizationId: orgA, roleKeys: ["member"] });
  const b = await createAccount(t.prisma, { organizationId: orgB, roleKeys: ["org_admin"] });
  personA = await createAccount(t.prisma, { organizationId: orgA });
  personB = await createAccount(t.prisma, { organizationId: orgB });
  admin = await signedIn(a.loginId, a.password);
  auditor = await signedIn(au.loginId, au.password);
  member = await signedIn(m.loginId, m.password);
  adminB = await signedIn(b.loginId, b.password);
  const created = await admin.run(() => createApiKey({ name: "OCN メール 本番", scopes: ["events:write"] }));
  keyA = created.key;
  keyAId = created.id;
  keyB = (await adminB.run(() => createApiKey({ name: "B のメール" }))).key;
}, 120_000);
afterAll(() => t.drop());

const post = (key: string | null, body: unknown) =>
  POST(
    new Request("http://localhost/api/v1/events", {
      method: "POST",
      headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );

const event = (overrides: Record<string, unknown> = {}) => ({
  id: unique("evt"),
  occurredAt: new Date(Date.now() - 60_000).toISOString(),
  source: "mail",
  loginId: personA.loginId,
  outcome: "success",
  ip: "203.0.113.10",
  ...overrides,
});

const counts = async (org: string) => ({
  audit: await t.prisma.auditEvent.count({ where: { organizationId: org, action: "auth.sign_in" } }),
  ingested: await t.prisma.ingestedEvent.count({ where: { organizationId: org } }),
});

describe("API keys", () => {
  it("shows the full key once and stores only its hash; the list shows the prefix", async () => {
    expect(keyA).toMatch(/^ocnk_[0-9a-f]{10}_[A-Za-z0-9_-]{43}$/);
    const row = await t.prisma.apiKey.findUniqueOrThrow({ where: { id: keyAId } });
    // The secret part (base64url, which may itself hold "_") never reaches the database.
    expect(JSON.stringify(row)).not.toContain(keyA.slice("ocnk_".length + 10 + 1));
    const list = await admin.run(() => listApiKeys());
    const shown = list.keys.find((k) => k.id === keyAId)!;
    expect(shown).toMatchObject({ name: "OCN メール 本番", prefix: keyA.slice(0, 15), scopes: ["events:write"], revokedAt: null });
    expect(JSON.stringify(list)).not.toContain(keyA);
    const audit = await t.prisma.auditEvent.findFirstOrThrow({ where: { organizationId: orgA, action: "org.api_key_created", targetId: keyAId } });
    expect(JSON.stringify(audit.details)).not.toContain(keyA);
  });

  it("is created and revoked only with org:manage; a member is refused and nothing is written", async () => {
    const before = await t.prisma.apiKey.count({ where: { organizationId: orgA } });
    await expect(member.run(() => createApiKey({ name: "x" }))).rejects.toMatchObject({ code: "forbidden" });
    await expect(auditor.run(() => revokeApiKey({ id: keyAId }))).rejects.toMatchObject({ code: "forbidden" });
    expect(await t.prisma.apiKey.count({ where: { organizationId: orgA } })).toBe(before);
    await expect(admin.run(() => createApiKey({ name: "   " }))).rejects.toMatchObject({ code: "invalid", field: "name" });
  });
});

describe("POST /api/v1/events", () => {
  let batch: ReturnType<typeof event>[];

  it("accepts a good batch, resolves the OCN ID within the organization, and the explorer shows it", async () => {
    batch = [
      event({ country: "jp", userAgent: "OCN Mail/5.1" }),
      event({ loginId: `  ${personA.loginId.toUpperCase()} `, outcome: "failure", reason: "bad_password", ip: "2001:db8::7" }),
      event({ loginId: "nobody-here@example.jp", source: "mypage" }),
    ];
    const before = await counts(orgA);
    const response = await post(keyA, { events: batch });
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ accepted: 3, duplicates: 0 });
    expect(body.ids).toHaveLength(3);
    expect(await counts(orgA)).toEqual({ audit: before.audit + 3, ingested: before.ingested + 3 });

    // ids come in the batch's order.
    const stored = await t.prisma.auditEvent.findMany({ where: { id: { in: body.ids.map(BigInt) } } });
    const rows = (body.ids as string[]).map((id) => stored.find((r) => String(r.id) === id)!);
    expect(rows.map((r) => r.organizationId)).toEqual([orgA, orgA, orgA]);
    expect(rows[0]).toMatchObject({ actorId: personA.id, actorLabel: personA.loginId, country: "JP", userAgent: "OCN Mail/5.1", outcome: "success" });
    expect(rows[0]!.details).toEqual({ source: "mail", eventId: batch[0]!.id, apiKeyId: keyAId });
    expect(rows[1]).toMatchObject({ actorId: personA.id, outcome: "failure", reason: "bad_password", ip: "2001:db8::7" });
    expect(rows[2]).toMatchObject({ actorId: null, actorLabel: "nobody-here@example.jp" });
    const ingested = await t.prisma.ingestedEvent.findUniqueOrThrow({ where: { organizationId_eventId: { organizationId: orgA, eventId: batch[0]!.id } } });
    expect(ingested.auditEventId).toBe(rows[0]!.id);

    const page = await auditor.run(() => listAuditEvents({ action: "auth.sign_in", actor: "nobody-here@example.jp" }));
    expect(page.events.map((e) => e.id)).toEqual([String(rows[2]!.id)]);
    expect((await t.prisma.apiKey.findUniqueOrThrow({ where: { id: keyAId } })).lastUsedAt).not.toBeNull();
  });

  it("adds nothing when the same batch is sent again", async () => {
    const before = await counts(orgA);
    const response = await post(keyA, { events: batch });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ accepted: 0, duplicates: 3, ids: [] });
    expect(await counts(orgA)).toEqual(before);
  });

  it("writes a batch sent twice at the same moment once", async () => {
    const before = await counts(orgA);
    const events = Array.from({ length: 20 }, () => event());
    const answers = await Promise.all([post(keyA, { events }), post(keyA, { events })].map(async (r) => (await r).json()));
    expect(answers.map((a) => a.accepted).sort((x, y) => x - y)).toEqual([0, 20]);
    expect(answers.map((a) => a.duplicates).sort((x, y) => x - y)).toEqual([0, 20]);
    expect(await counts(orgA)).toEqual({ audit: before.audit + 20, ingested: before.ingested + 20 });
  });

  it("takes the new events of a partly replayed batch only, and counts a repeated id once", async () => {
    const fresh = event();
    const response = await post(keyA, { events: [batch[0], fresh, fresh] });
    expect(await response.json()).toMatchObject({ accepted: 1, duplicates: 2 });
  });

  it("refuses a batch whole when event 7 has a bad IP, naming index and field; nothing is written", async () => {
    const before = await counts(orgA);
    const events = Array.from({ length: 10 }, (_, i) => event(i === 7 ? { ip: "203.0.113.300" } : {}));
    const response = await post(keyA, { events });
    const body = await response.json();
    expect(response.status).toBe(422);
    expect(body.errors).toEqual([{ index: 7, field: "ip", message: expect.stringContaining("IPv4 or IPv6") }]);
    expect(await counts(orgA)).toEqual(before);
    // The good events of that batch were not claimed either: sent alone they are accepted.
    const again = await post(keyA, { events: events.filter((_, i) => i !== 7) });
    expect(await again.json()).toMatchObject({ accepted: 9, duplicates: 0 });
  });

  it("names every field it cannot take", async () => {
    const response = await post(keyA, {
      events: [
        event({ occurredAt: "2026-11-27 09:00" }),
        event({ occurredAt: new Date(Date.now() + 10 * 60_000).toISOString() }),
        event({ source: "fax" }),
        event({ outcome: "failure", reason: "bad_mood" }),
        event({ country: "JPN" }),
        event({ id: "has space" }),
        event({ occurredAt: new Date(Date.now() - 500 * 86_400_000).toISOString() }),
      ],
    });
    expect(response.status).toBe(422);
    const { errors } = await response.json();
    expect(errors.map((e: { index: number; field: string }) => `${e.index}:${e.field}`)).toEqual(["0:occurredAt", "1:occurredAt", "2:source", "3:reason", "4:country", "5:id"]);
    // The retention check runs once the format is right: an event older than the organization keeps is refused too.
    const old = await post(keyA, { events: [event({ occurredAt: new Date(Date.now() - 500 * 86_400_000).toISOString() })] });
    expect(old.status).toBe(422);
    expect((await old.json()).errors).toEqual([{ index: 0, field: "occurredAt", message: expect.stringContaining("retention") }]);
  });

  it("refuses 1001 events, an empty batch, a body over 1 MB and a body that is not JSON", async () => {
    const before = await counts(orgA);
    const tooMany = await post(keyA, { events: Array.from({ length: 1001 }, () => event()) });
    expect(tooMany.status).toBe(422);
    expect((await tooMany.json()).errors[0]).toMatchObject({ index: null, field: "events", message: expect.stringContaining("1001") });
    expect((await post(keyA, { events: [] })).status).toBe(422);
    expect((await post(keyA, { events: [event({ userAgent: "x".repeat(1_100_000) })] })).status).toBe(413);
    expect((await post(keyA, "{not json")).status).toBe(400);
    expect(await counts(orgA)).toEqual(before);
  });

  it("refuses a missing, malformed, unknown or revoked key with 401 and a key without the scope with 403", async () => {
    const body = { events: [event()] };
    for (const key of [null, "not-a-key", `ocnk_0000000000_${"A".repeat(43)}`]) {
      const response = await post(key, body);
      expect(response.status).toBe(401);
      expect((await response.json()).message).toBeTruthy();
    }
    const extra = await admin.run(() => createApiKey({ name: "すぐ無効化" }));
    expect((await post(extra.key, { events: [event()] })).status).toBe(200);
    await admin.run(() => revokeApiKey({ id: extra.id }));
    const revoked = await post(extra.key, body);
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).message).toContain("revoked");
    await expect(admin.run(() => revokeApiKey({ id: extra.id }))).rejects.toMatchObject({ code: "conflict" });

    const noScope = await admin.run(() => createApiKey({ name: "権限なし" }));
    await t.prisma.apiKey.update({ where: { id: noScope.id }, data: { scopes: [] } });
    const before = await counts(orgA);
    const response = await post(noScope.key, body);
    expect(response.status).toBe(403);
    expect(await counts(orgA)).toEqual(before);
  });

  it("writes with A's key into A only: B's OCN ID is a label there, never B's account, and B's log is untouched", async () => {
    const beforeB = await counts(orgB);
    const e = event({ loginId: personB.loginId });
    const response = await post(keyA, { events: [e] });
    const { ids } = await response.json();
    const row = await t.prisma.auditEvent.findUniqueOrThrow({ where: { id: BigInt(ids[0]) } });
    expect(row).toMatchObject({ organizationId: orgA, actorId: null, actorLabel: personB.loginId });
    expect(await counts(orgB)).toEqual(beforeB);
    // The same event id is B's own to use: ids are per organization.
    const inB = await post(keyB, { events: [e] });
    expect(await inB.json()).toMatchObject({ accepted: 1 });
    const rowB = await t.prisma.auditEvent.findFirstOrThrow({ where: { organizationId: orgB, actorLabel: personB.loginId, action: "auth.sign_in", actorId: personB.id } });
    expect(rowB.organizationId).toBe(orgB);
    // B's key cannot revoke or list A's keys from B's session either.
    await expect(adminB.run(() => revokeApiKey({ id: keyAId }))).rejects.toMatchObject({ code: "not_found" });
    expect((await adminB.run(() => listApiKeys())).keys.map((k) => k.id)).not.toContain(keyAId);
  });
});

describe("rollups and detections after an ingested batch", () => {
  const rolledUp = async (org: string) => {
    const [row] = await t.sql.rows<{ n: number }>(`SELECT COALESCE(sum(success_count + failure_count), 0)::int AS n FROM sign_in_rollups WHERE organization_id = '${org}'`);
    return row!.n;
  };
  const drain = async (org: string) => drainSignIns(org);

  it("counts and judges the batch once the processor has run: rollups match the log, the alert names the ingested failures", async () => {
    await drain(orgA);
    expect(await rolledUp(orgA)).toBe((await counts(orgA)).audit);
    const start = Date.now() - 10 * 60_000;
    const failures = Array.from({ length: 8 }, (_, i) =>
      event({ occurredAt: new Date(start + i * 20_000).toISOString(), outcome: "failure", reason: "bad_password", ip: "198.51.100.23" }),
    );
    const body = await (await post(keyA, { events: failures })).json();
    expect(body.accepted).toBe(8);
    // Answered at the speed of the insert: the batch is stored and still to be counted and judged.
    expect(await rolledUp(orgA)).toBe((await counts(orgA)).audit - 8);

    expect(await drain(orgA)).toBe(8);
    expect(await rolledUp(orgA)).toBe((await counts(orgA)).audit);
    const alert = await t.prisma.alert.findFirstOrThrow({ where: { organizationId: orgA, kind: "repeated_failures", subjectKey: personA.id } });
    expect(alert.evidenceEventIds.map(String)).toEqual(expect.arrayContaining(body.ids.slice(-5)));
    // Exactly once: a second run finds nothing, and the counts do not move.
    expect(await drain(orgA)).toBe(0);
    expect(await rolledUp(orgA)).toBe((await counts(orgA)).audit);
  });

  it("a console sign-in judges what is pending before it in its own transaction; the sweeper finds nothing left", async () => {
    const pending = await (await post(keyA, { events: [event({ country: "US", ip: "192.0.2.44" })] })).json();
    expect(pending.accepted).toBe(1);
    const prisma = await db();
    await withOrganization(orgA, () =>
      prisma.$transaction((tx) => recordSignInEvent(tx, { organizationId: orgA, action: "auth.sign_in", actorId: personA.id, actorLabel: personA.loginId, outcome: "success", ip: "203.0.113.10", country: "JP" })),
    );
    expect(await rolledUp(orgA)).toBe((await counts(orgA)).audit);
    const foreign = await t.prisma.alert.findFirstOrThrow({ where: { organizationId: orgA, kind: "foreign_sign_in", subjectKey: personA.id } });
    expect(foreign.evidenceEventIds.map(String)).toContain(pending.ids[0]);
    await sweepPendingSignIns();
    expect(await drain(orgA)).toBe(0);
  });

  it("the sweeper processes a batch nobody processed (a kick lost to a crash)", async () => {
    const body = await (await post(keyA, { events: [event(), event()] })).json();
    expect(body.accepted).toBe(2);
    expect(await rolledUp(orgA)).toBe((await counts(orgA)).audit - 2);
    await sweepPendingSignIns();
    expect(await rolledUp(orgA)).toBe((await counts(orgA)).audit);
  });
});
