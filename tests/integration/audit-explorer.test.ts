import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAuditEventOrThrow } from "@/lib/server/audit/get-audit-event-or-throw";
import { listAuditEvents } from "@/lib/server/audit/list-audit-events";
import { createAccount, createOrganization } from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { signedIn } from "@/tests/support/session";

let t: TestDatabase;
let auditor: Awaited<ReturnType<typeof signedIn>>;
let hr: Awaited<ReturnType<typeof signedIn>>;
let orgId: string;
let otherOrgId: string;
const T0 = Date.UTC(2025, 3, 1, 0, 0, 0); // 2025-04-01 09:00 JST

beforeAll(async () => {
  t = await openTestDatabase();
  const org = await createOrganization(t.prisma);
  const other = await createOrganization(t.prisma);
  orgId = org.id;
  otherOrgId = other.id;
  const a = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["security_auditor"] });
  const h = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["hr"] });
  auditor = await signedIn(a.loginId, a.password);
  hr = await signedIn(h.loginId, h.password);
  const rows = [];
  // 30 events one minute apart, plus 3 sharing one instant (the keyset must still page them stably).
  for (let i = 0; i < 30; i++) {
    rows.push({
      organizationId: org.id,
      occurredAt: new Date(T0 + i * 60_000),
      actorLabel: i % 2 ? "佐藤 花子" : "Suzuki Taro",
      action: i % 3 === 0 ? "auth.sign_in" : i % 3 === 1 ? "auth.sign_out" : "account.updated",
      targetLabel: `target-${i}`,
      outcome: (i % 5 === 0 ? "failure" : "success") as "failure" | "success",
      ip: i % 4 === 0 ? `2001:db8:1::${i.toString(16)}` : `203.0.113.${i}`,
      country: i % 2 ? "JP" : "US",
    });
  }
  for (let i = 0; i < 3; i++) {
    rows.push({ organizationId: org.id, occurredAt: new Date(T0 - 3600_000), actorLabel: "same-instant", action: "auth.sign_in", outcome: "success" as const, ip: "198.51.100.1", country: "JP" });
  }
  await t.prisma.auditEvent.createMany({ data: rows });
  await t.prisma.auditEvent.create({
    data: { organizationId: other.id, occurredAt: new Date(T0), actorLabel: "Other Org Person", action: "auth.sign_in", outcome: "success", ip: "203.0.113.5", country: "JP" },
  });
});
afterAll(() => t.drop());

const list = (input: Parameters<typeof listAuditEvents>[0]) => auditor.run(() => listAuditEvents(input));

describe("listAuditEvents", () => {
  it("pages by keyset across every row exactly once, newest first, and shows no other organization", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await list({ pageSize: "50", ...(cursor ? { cursor } : {}) });
      seen.push(...page.events.map((e) => e.id));
      for (const e of page.events) expect(e.actorLabel).not.toBe("Other Org Person");
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 10);
    // 33 seeded plus the sign-in events of the two test sessions.
    expect(seen.length).toBe(await t.prisma.auditEvent.count({ where: { organizationId: orgId } }));
    expect(seen.length).toBeGreaterThan(33);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("pages in small steps without losing or repeating rows that share an instant", async () => {
    const all = (await list({ pageSize: "200" })).events.map((e) => e.id);
    const stepped: string[] = [];
    let cursor: string | undefined;
    // pageSize falls back to 50 for unlisted sizes, so page through a filter that leaves few rows.
    do {
      const page = await list({ actor: "same-instant", pageSize: "50", ...(cursor ? { cursor } : {}) });
      stepped.push(...page.events.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(stepped).toHaveLength(3);
    expect(all.slice(-3).sort()).toEqual([...stepped].sort());
  });

  it("filters by time range (JST), actor, action prefix, outcome, country and IPv4/IPv6 CIDR", async () => {
    const range = await list({ from: "2025-04-01T09:00", to: "2025-04-01T09:10" });
    expect(range.events).toHaveLength(10);
    expect((await list({ actor: "佐藤" })).events.every((e) => e.actorLabel === "佐藤 花子")).toBe(true);
    // The sessions' own sign-in events are "now"; bound the range to the seeded April 2025.
    const prefix = await list({ action: "auth.", pageSize: "100", to: "2025-04-30" });
    expect(prefix.events.length).toBe(20 + 3);
    expect(prefix.events.every((e) => e.action.startsWith("auth."))).toBe(true);
    expect((await list({ action: "auth.sign_out" })).events).toHaveLength(10);
    expect((await list({ outcome: "failure" })).events).toHaveLength(6);
    expect((await list({ country: "us", actor: "Suzuki" })).events).toHaveLength(15);
    const v6 = await list({ ip: "2001:db8:1::/48" });
    expect(v6.events).toHaveLength(8);
    expect(v6.events.every((e) => e.ip!.startsWith("2001:db8:1::"))).toBe(true);
    const v4 = await list({ ip: "203.0.113.0/28" });
    expect(v4.events.map((e) => e.ip).sort()).toEqual(
      [1, 2, 3, 5, 6, 7, 9, 10, 11, 13, 14, 15].map((i) => `203.0.113.${i}`).sort(),
    );
    expect((await list({ ip: "198.51.100.1" })).events).toHaveLength(3);
  });

  it("names a malformed IP/CIDR instead of failing or ignoring it", async () => {
    const bad = await list({ ip: "203.0.113.0/33" });
    expect(bad.filter.ipError).toBe("invalid_cidr");
    expect(bad.events).toEqual([]);
  });

  it("counts the matches (capped) and is forbidden without audit:view", async () => {
    const r = await list({ to: "2025-04-30" });
    expect(r.total).toBe(33);
    expect(r.capped).toBe(false);
    await expect(hr.run(() => listAuditEvents({}))).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("getAuditEventOrThrow", () => {
  it("returns every field of one of the organization's events", async () => {
    const [first] = (await list({ ip: "2001:db8:1::/48", pageSize: "50" })).events;
    const event = await auditor.run(() => getAuditEventOrThrow({ id: first!.id }));
    expect(event).toMatchObject({ id: first!.id, action: first!.action, ip: first!.ip, country: first!.country });
  });
  it("answers not_found for another organization's id, a malformed id and without audit:view it is forbidden", async () => {
    const theirs = await t.prisma.auditEvent.findFirstOrThrow({ where: { organizationId: otherOrgId } });
    await expect(auditor.run(() => getAuditEventOrThrow({ id: String(theirs.id) }))).rejects.toMatchObject({ code: "not_found" });
    await expect(auditor.run(() => getAuditEventOrThrow({ id: "1; drop" }))).rejects.toMatchObject({ code: "not_found" });
    const ours = await t.prisma.auditEvent.findFirstOrThrow({ where: { organizationId: orgId } });
    await expect(hr.run(() => getAuditEventOrThrow({ id: String(ours.id) }))).rejects.toMatchObject({ code: "forbidden" });
  });
});
