import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { recordSignInEvents, type SignInEventInput } from "@/lib/server/audit/sign-in-events";
import { db } from "@/lib/server/db";
import { deliverDueAlertNotices } from "@/lib/server/detections/deliver-alert-notices";
import { describeAlert } from "@/lib/server/detections/queue-alert-notices";
import { sendTestAlertWebhook } from "@/lib/server/detections/send-test-alert-webhook";
import { rotateAlertWebhookSecret } from "@/lib/server/detections/rotate-alert-webhook-secret";
import { updateAlertWebhook } from "@/lib/server/detections/update-alert-webhook";
import { updateDetectionCalendar } from "@/lib/server/detections/update-detection-calendar";
import { updateDetectionRule } from "@/lib/server/detections/update-detection-rule";
import { signIn } from "@/lib/server/sign-in/sign-in";
import { withOrganization } from "@/lib/server/tenant-context";
import { createTravelNotice } from "@/lib/server/travel/create-travel-notice";
import { listTravelNotices } from "@/lib/server/travel/list-travel-notices";
import { revokeTravelNotice } from "@/lib/server/travel/revoke-travel-notice";
import { createAccount, createOrganization } from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { signedIn } from "@/tests/support/session";

vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined, set: () => {}, delete: () => {} }), headers: async () => new Headers() }));

let t: TestDatabase;
const jst = (s: string) => new Date(`${s}+09:00`);

/** A fresh organization with a security contact (security_auditor) signed in, and a member. */
async function org() {
  const o = await createOrganization(t.prisma);
  const contact = await createAccount(t.prisma, { organizationId: o.id, roleKeys: ["security_auditor"] });
  const member = await createAccount(t.prisma, { organizationId: o.id });
  const session = await signedIn(contact.loginId, contact.password);
  const contactEmail = (await t.prisma.account.findUniqueOrThrow({ where: { id: contact.id }, select: { email: true } })).email;
  return { ...o, contact, contactEmail, member, session };
}

/** Writes sign-in events the way the console does: recordSignInEvents (rollups and detections in the same transaction). */
async function record(organizationId: string, events: SignInEventInput[]) {
  const prisma = await db();
  return withOrganization(organizationId, () => prisma.$transaction((tx) => recordSignInEvents(tx, organizationId, events)));
}

const success = (account: { id: string; loginId: string }, occurredAt: Date, more: Partial<SignInEventInput> = {}): SignInEventInput => ({
  actorId: account.id,
  actorLabel: account.loginId,
  targetType: "account",
  targetId: account.id,
  targetLabel: account.loginId,
  outcome: "success",
  ip: "203.0.113.10",
  country: "JP",
  occurredAt,
  ...more,
});

// `subjectKey` narrows to one account's alerts: the test's own admin signs in at the real time of day, which may be
// off hours for the organization (the tests run at any hour).
const alertsOf = (organizationId: string, kind?: string, subjectKey?: string) =>
  t.prisma.alert.findMany({ where: { organizationId, ...(kind ? { kind } : {}), ...(subjectKey ? { subjectKey } : {}) }, orderBy: { createdAt: "asc" } });

beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.drop());

describe("repeated failures through the real sign-in", () => {
  it("fires on the 5th failure (not the 4th), then grows the same alert, and mails the security contacts once", async () => {
    const o = await org();
    const victim = await createAccount(t.prisma, { organizationId: o.id });
    const client = { ip: "203.0.113.50", userAgent: "vitest", country: "JP" };
    for (let i = 0; i < 4; i++) expect(await signIn({ loginId: victim.loginId, password: `wrong-${i}-password` }, client)).toMatchObject({ kind: "refused" });
    expect(await alertsOf(o.id, "repeated_failures")).toHaveLength(0);
    await signIn({ loginId: victim.loginId, password: "wrong-4-password" }, client);
    const [alert] = await alertsOf(o.id, "repeated_failures");
    expect(alert).toMatchObject({ subjectType: "account", subjectKey: victim.id, subjectLabel: victim.loginId, count: 1, status: "open", severity: "medium" });
    expect(alert!.evidenceEventIds).toHaveLength(5);
    expect(alert!.explanation).toMatchObject({ values: { count: 5, minutes: 10, threshold: 5, lockoutThreshold: 10 }, params: { failures: 5, windowMinutes: 10 } });
    expect(describeAlert(alert as never, "ja").why).toBe("10 分間に 5 回失敗しました（しきい値 5 回、アカウントロックは 10 回）");

    await signIn({ loginId: victim.loginId, password: "wrong-5-password" }, client);
    const after = await alertsOf(o.id, "repeated_failures");
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: alert!.id, count: 2 });
    expect(after[0]!.evidenceEventIds).toHaveLength(6);

    const mail = await t.prisma.mailMessage.findMany({ where: { organizationId: o.id, subject: { contains: "連続したサインイン失敗" } } });
    expect(mail.map((m) => m.to)).toEqual([o.contactEmail]);
    expect(mail[0]!.body).toContain(victim.loginId);
    expect(mail[0]!.body).toContain("10 分間に 5 回失敗しました");
  });
});

describe("rules over recorded events", () => {
  it("password spray: 9 accounts from one address is quiet, the 10th raises one alert on the address", async () => {
    const o = await org();
    const at = jst("2026-11-24T03:00:00");
    const events = Array.from({ length: 10 }, (_, i): SignInEventInput => ({
      actorLabel: `guess-${i}@example.jp`,
      outcome: "failure",
      reason: "bad_password",
      ip: "198.51.100.213",
      country: "CN",
      occurredAt: new Date(at.getTime() + i * 60_000),
    }));
    await record(o.id, events.slice(0, 9));
    expect(await alertsOf(o.id, "password_spray")).toHaveLength(0);
    await record(o.id, events.slice(9));
    const alerts = await alertsOf(o.id, "password_spray");
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ subjectType: "ip", subjectKey: "198.51.100.213", severity: "high" });
    expect(alerts[0]!.evidenceEventIds).toHaveLength(10);
    expect(describeAlert(alerts[0] as never, "en").why).toBe("198.51.100.213 failed to sign in to 10 accounts in 15 minutes (threshold 10)");
  });

  it("failure spike: 20 failures in an hour with a quiet baseline fires once for the organization; 19 do not", async () => {
    const o = await org();
    const at = jst("2026-11-24T14:00:00");
    const failures = Array.from({ length: 20 }, (_, i): SignInEventInput => ({
      actorLabel: `spike-${i % 3}@example.jp`,
      outcome: "failure",
      reason: "bad_password",
      ip: `192.0.2.${i + 1}`,
      country: "JP",
      occurredAt: new Date(at.getTime() + i * 120_000),
    }));
    await record(o.id, failures.slice(0, 19));
    expect(await alertsOf(o.id, "failure_spike")).toHaveLength(0);
    await record(o.id, failures.slice(19));
    const [spike] = await alertsOf(o.id, "failure_spike");
    expect(spike).toMatchObject({ subjectType: "organization", subjectKey: o.id });
    expect(spike!.explanation).toMatchObject({ values: { count: 20, baseline: 0, threshold: 20 } });
  });

  it("failure spike: a busy baseline (10 an hour on the same hours of the last 4 weeks) raises the bar to 30", async () => {
    const o = await org();
    const at = jst("2026-11-24T14:00:00");
    // The window ends at 14:29, so it spans parts of the 13:00 and 14:00 hours of earlier weeks: 10 an hour is 10 in it.
    for (let week = 1; week <= 4; week++) {
      for (const hour of ["13", "14"]) {
        await t.prisma.signInRollup.create({ data: { organizationId: o.id, hour: new Date(jst(`2026-11-24T${hour}:00:00`).getTime() - week * 7 * 86_400_000), failureCount: 10 } });
      }
    }
    const failures = (n: number, from: number) =>
      Array.from({ length: n }, (_, i): SignInEventInput => ({ actorLabel: `busy-${i % 4}`, outcome: "failure", ip: `192.0.2.${from + i}`, occurredAt: new Date(at.getTime() + (from + i) * 60_000) }));
    await record(o.id, failures(29, 0));
    expect(await alertsOf(o.id, "failure_spike")).toHaveLength(0);
    await record(o.id, failures(1, 29));
    const [spike] = await alertsOf(o.id, "failure_spike");
    expect(spike!.explanation).toMatchObject({ values: { count: 30, baseline: 10, threshold: 30 } });
  });

  it("off-hours: a success on 勤労感謝の日 says so; a business-hours success raises nothing", async () => {
    const o = await org();
    const person = await createAccount(t.prisma, { organizationId: o.id });
    await record(o.id, [success(person, jst("2026-11-24T10:00:00"))]);
    expect(await alertsOf(o.id, undefined, person.id)).toHaveLength(0);
    await record(o.id, [success(person, jst("2026-11-23T10:15:00"))]);
    const [alert] = await alertsOf(o.id, "off_hours_sign_in", person.id);
    expect(alert!.explanation).toMatchObject({ values: { reasonKind: "holiday", label: "勤労感謝の日", localTime: "2026/11/23 10:15" } });
    expect(describeAlert(alert as never, "ja").why).toBe("2026/11/23 10:15 のサインインは時間外です（祝日（勤労感謝の日））");
    // Within 24 hours of the first: the same alert grows.
    await record(o.id, [success(person, jst("2026-11-24T07:30:00"))]);
    const bumped = await alertsOf(o.id, "off_hours_sign_in", person.id);
    expect(bumped).toHaveLength(1);
    expect(bumped[0]!.count).toBe(2);
    expect(describeAlert(bumped[0] as never, "ja").why).toContain("7時台");
  });

  it("foreign sign-in: suppressed by a travel notice for that country and time; an address-only event is looked up", async () => {
    const o = await org();
    const traveller = await createAccount(t.prisma, { organizationId: o.id });
    await o.session.run(() => createTravelNotice({ loginId: traveller.loginId, countries: "US, SG", startDate: "2026-11-20", endDate: "2026-11-25" }));
    await record(o.id, [success(traveller, jst("2026-11-24T10:00:00"), { country: "US", ip: "198.51.100.14" })]);
    expect(await alertsOf(o.id, "foreign_sign_in")).toHaveLength(0);
    // The notice ends at the end of 11/25 JST: 11/26 is reported.
    await record(o.id, [success(traveller, jst("2026-11-26T10:00:00"), { country: "US", ip: "198.51.100.14" })]);
    const [alert] = await alertsOf(o.id, "foreign_sign_in");
    expect(alert).toMatchObject({ subjectKey: traveller.id, explanation: { values: { country: "US", allowed: "JP" } } });

    const other = await createAccount(t.prisma, { organizationId: o.id });
    await record(o.id, [success(other, jst("2026-11-24T11:00:00"), { country: null, ip: "8.8.8.8" })]);
    const looked = await alertsOf(o.id, "foreign_sign_in");
    expect(looked.find((a) => a.subjectKey === other.id)?.explanation).toMatchObject({ values: { country: "US" } });
  });

  it("a revoked travel notice no longer suppresses", async () => {
    const o = await org();
    const traveller = await createAccount(t.prisma, { organizationId: o.id });
    const now = new Date();
    const today = new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
    const { id } = await o.session.run(() => createTravelNotice({ loginId: traveller.loginId, countries: "KR", startDate: today, endDate: today }));
    const listed = await o.session.run(() => listTravelNotices());
    expect(listed.notices.find((n) => n.id === id)?.state).toBe("active");
    await o.session.run(() => revokeTravelNotice({ id }));
    await record(o.id, [success(traveller, new Date(), { country: "KR" })]);
    expect(await alertsOf(o.id, "foreign_sign_in")).toHaveLength(1);
    const audit = await t.prisma.auditEvent.findMany({ where: { organizationId: o.id, action: { startsWith: "travel_notice." } }, select: { action: true } });
    expect(audit.map((a) => a.action).sort()).toEqual(["travel_notice.created", "travel_notice.revoked"]);
  });

  it("impossible travel: Japan then the US an hour later fires; Japan then Korea two hours later does not", async () => {
    const o = await org();
    await t.prisma.organization.update({ where: { id: o.id }, data: { allowedCountries: ["JP", "US", "KR"] } });
    const a = await createAccount(t.prisma, { organizationId: o.id });
    const b = await createAccount(t.prisma, { organizationId: o.id });
    await record(o.id, [success(a, jst("2026-11-24T10:00:00")), success(b, jst("2026-11-24T10:00:00"))]);
    await record(o.id, [success(a, jst("2026-11-24T11:00:00"), { country: "US" }), success(b, jst("2026-11-24T12:00:00"), { country: "KR" })]);
    const alerts = await alertsOf(o.id, "impossible_travel");
    expect(alerts.map((x) => x.subjectKey)).toEqual([a.id]);
    expect(alerts[0]!.explanation).toMatchObject({ values: { fromCountry: "JP", toCountry: "US", minutes: 60, threshold: 900 } });
    expect(describeAlert(alerts[0] as never, "ja").why).toContain("国の中心どうしの距離で計算");
  });
});

describe("settings", () => {
  it("a disabled rule raises nothing, and the change is audited with before and after", async () => {
    const o = await org();
    const person = await createAccount(t.prisma, { organizationId: o.id });
    const r = await o.session.run(() => updateDetectionRule({ kind: "off_hours_sign_in", enabled: "false", severity: "low", dedupeHours: "24" }));
    expect(r.changed).toBe(true);
    await record(o.id, [success(person, jst("2026-11-23T10:15:00"))]);
    expect(await alertsOf(o.id, "off_hours_sign_in", person.id)).toHaveLength(0);
    const [event] = await t.prisma.auditEvent.findMany({ where: { organizationId: o.id, action: "detection.rule_updated" } });
    expect(event!.details).toMatchObject({ before: { enabled: true }, after: { enabled: false } });
  });

  it("rule settings: a lower threshold applies; out-of-range values are refused with the field", async () => {
    const o = await org();
    await o.session.run(() => updateDetectionRule({ kind: "password_spray", enabled: "true", severity: "critical", accounts: "3", windowMinutes: "15", dedupeHours: "24" }));
    await expect(o.session.run(() => updateDetectionRule({ kind: "password_spray", enabled: "true", severity: "critical", accounts: "1", windowMinutes: "15", dedupeHours: "24" }))).rejects.toMatchObject({ code: "invalid", field: "accounts" });
    const at = jst("2026-11-24T03:00:00");
    await record(o.id, [0, 1, 2].map((i) => ({ actorLabel: `x${i}`, outcome: "failure" as const, ip: "198.51.100.9", occurredAt: new Date(at.getTime() + i * 1000) })));
    expect(await alertsOf(o.id, "password_spray")).toMatchObject([{ severity: "critical", count: 1 }]);
  });

  it("calendar: Saturday as a business day stops Saturday alerts; a member may not change it", async () => {
    const o = await org();
    const person = await createAccount(t.prisma, { organizationId: o.id });
    await o.session.run(() =>
      updateDetectionCalendar({ timeZone: "Asia/Tokyo", businessDays: [1, 2, 3, 4, 5, 6], startHour: "8", endHour: "20", observeJpHolidays: "true", closedDays: [{ from: "12-29", to: "01-03", label: "年末年始" }], allowedCountries: "jp" }),
    );
    await record(o.id, [success(person, jst("2026-11-28T10:00:00"))]);
    expect(await alertsOf(o.id, "off_hours_sign_in", person.id)).toHaveLength(0);
    const m = await signedIn(o.member.loginId, o.member.password);
    await expect(m.run(() => updateDetectionCalendar({ timeZone: "Asia/Tokyo", businessDays: [1], startHour: "8", endHour: "20", observeJpHolidays: "true", closedDays: [], allowedCountries: "JP" }))).rejects.toMatchObject({ code: "forbidden" });
    await expect(m.run(() => createTravelNotice({ loginId: o.member.loginId, countries: "US", startDate: "2026-12-01", endDate: "2026-12-02" }))).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("webhook", () => {
  it("signs each alert so the receiver can verify it, and the test send reaches it", async () => {
    const received: { body: string; signature: string }[] = [];
    const server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        received.push({ body, signature: String(req.headers["x-ocn-signature"]) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const o = await org();
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      await expect(o.session.run(() => updateAlertWebhook({ url: "http://hooks.example.jp/x" }))).rejects.toMatchObject({ field: "url" });
      const first = await o.session.run(() => updateAlertWebhook({ url }));
      expect(first.secret).toMatch(/^whsec_/);
      const { secret } = await o.session.run(() => rotateAlertWebhookSecret());
      expect(secret).not.toBe(first.secret);

      const person = await createAccount(t.prisma, { organizationId: o.id });
      await record(o.id, [success(person, jst("2026-11-23T10:15:00"))]);
      await withOrganization(o.id, () => deliverDueAlertNotices(o.id));
      expect(received).toHaveLength(1);
      const { body, signature } = received[0]!;
      const [, ts, mac] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature)!;
      expect(crypto.createHmac("sha256", secret).update(`${ts}.${body}`).digest("hex")).toBe(mac);
      expect(crypto.createHmac("sha256", first.secret!).update(`${ts}.${body}`).digest("hex")).not.toBe(mac);
      expect(JSON.parse(body)).toMatchObject({ type: "alert.created", alert: { kind: "off_hours_sign_in", subject: { label: person.loginId } } });
      const [row] = await t.prisma.$queryRaw<{ delivered_at: Date | null; status_code: number }[]>`SELECT delivered_at, status_code FROM alert_deliveries WHERE organization_id = ${o.id}::uuid AND channel = 'webhook'`;
      expect(row).toMatchObject({ status_code: 204 });
      expect(row!.delivered_at).not.toBeNull();

      expect(await o.session.run(() => sendTestAlertWebhook())).toEqual({ ok: true, status: 204, error: null });
      expect(JSON.parse(received[1]!.body)).toMatchObject({ type: "test" });
    } finally {
      server.close();
    }
  });

  it("a failing receiver is retried later and the error is recorded", async () => {
    const server = http.createServer((_req, res) => res.writeHead(500).end());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const o = await org();
      await o.session.run(() => updateAlertWebhook({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` }));
      const person = await createAccount(t.prisma, { organizationId: o.id });
      await record(o.id, [success(person, jst("2026-11-23T10:15:00"))]);
      await withOrganization(o.id, () => deliverDueAlertNotices(o.id));
      const [row] = await t.prisma.$queryRaw<{ attempts: number; last_error: string; delivered_at: Date | null; next_attempt_at: Date }[]>`
        SELECT attempts, last_error, delivered_at, next_attempt_at FROM alert_deliveries WHERE organization_id = ${o.id}::uuid AND channel = 'webhook'`;
      expect(row).toMatchObject({ attempts: 1, last_error: "HTTP 500", delivered_at: null });
      expect(row!.next_attempt_at.getTime()).toBeGreaterThan(Date.now());
    } finally {
      server.close();
    }
  });
});

describe("evidence", () => {
  it("an alert that grows keeps the newest 100 events as evidence, each once, oldest first", async () => {
    const o = await org();
    const person = await createAccount(t.prisma, { organizationId: o.id });
    const at = (i: number) => new Date(jst("2026-11-24T10:00:00").getTime() + i * 1000);
    const first = await record(o.id, Array.from({ length: 60 }, (_, i) => success(person, at(i), { country: "US" })));
    const second = await record(o.id, Array.from({ length: 60 }, (_, i) => success(person, at(60 + i), { country: "US" })));
    const alerts = await alertsOf(o.id, "foreign_sign_in", person.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.count).toBe(120);
    const all = [...first, ...second].map((e) => String(e.id));
    expect(alerts[0]!.evidenceEventIds.map(String)).toEqual(all.slice(-100));
  });
});

describe("concurrency", () => {
  it.skipIf(!process.env.TEST_DATABASE_URL)(
    "a sign-in while another transaction judges the organization's events does not wait for it: it commits, and is judged right after",
    async () => {
      const o = await org();
      const victim = await createAccount(t.prisma, { organizationId: o.id });
      const client = { ip: "203.0.113.51", userAgent: "vitest", country: "JP" };
      // Another transaction holds the organization's cursor, as the processor does while it judges an ingested batch.
      const holder = new pg.Client({ connectionString: t.appUrl! });
      await holder.connect();
      try {
        await holder.query("BEGIN");
        await holder.query("SELECT set_config('ocn.organization_id', $1, true)", [o.id]);
        await holder.query("SELECT processed_seq FROM sign_in_cursors WHERE organization_id = $1 FOR UPDATE", [o.id]);
        const attempts = (async () => {
          for (let i = 0; i < 5; i++) await signIn({ loginId: victim.loginId, password: `wrong-${i}-password` }, client);
          return "answered" as const;
        })();
        const waited = await Promise.race([attempts, new Promise<"blocked">((resolve) => setTimeout(resolve, 20_000, "blocked"))]);
        expect(waited).toBe("answered");
        // Committed and counted toward the lockout, not judged yet.
        expect(await t.prisma.auditEvent.count({ where: { organizationId: o.id, action: "auth.sign_in", targetId: victim.id, outcome: "failure" } })).toBe(5);
        expect(await alertsOf(o.id, "repeated_failures", victim.id)).toHaveLength(0);
        await holder.query("COMMIT");
      } finally {
        await holder.end();
      }
      // The processor, kicked after each commit, judges them once the cursor is free: one alert about the five.
      await vi.waitFor(async () => expect(await alertsOf(o.id, "repeated_failures", victim.id)).toHaveLength(1), { timeout: 15_000, interval: 100 });
      const [alert] = await alertsOf(o.id, "repeated_failures", victim.id);
      expect(alert!.evidenceEventIds).toHaveLength(5);
    },
    60_000,
  );

  it("sign-ins of one account in parallel transactions make one alert", async () => {
    const o = await org();
    const person = await createAccount(t.prisma, { organizationId: o.id });
    await Promise.all(Array.from({ length: 6 }, (_, i) => record(o.id, [success(person, new Date(jst("2026-11-24T10:00:00").getTime() + i * 1000), { country: "US" })])));
    const alerts = await alertsOf(o.id, "foreign_sign_in");
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.count).toBe(6);
    expect(await t.prisma.mailMessage.count({ where: { organizationId: o.id, subject: { contains: "海外からのサインイン" } } })).toBe(1);
  });
});
