// The alert workflow: each step and its refusals, recorded with before and after; assignment, comments, the list's
// filters and paging, and another organization's alerts out of reach.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { AlertStatus } from "@/lib/schemas/alerts";
import { acknowledgeAlert } from "@/lib/server/alerts/acknowledge-alert";
import { assignAlert } from "@/lib/server/alerts/assign-alert";
import { commentOnAlert } from "@/lib/server/alerts/comment-on-alert";
import { getAlertOrThrow } from "@/lib/server/alerts/get-alert-or-throw";
import { listAlerts } from "@/lib/server/alerts/list-alerts";
import { markAlertFalsePositive } from "@/lib/server/alerts/mark-alert-false-positive";
import { reopenAlert } from "@/lib/server/alerts/reopen-alert";
import { resolveAlert } from "@/lib/server/alerts/resolve-alert";
import { createAccount, createOrganization } from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { signedIn } from "@/tests/support/session";

// Server actions call revalidatePath, which needs Next's request store; there is nothing to check in it here.
vi.mock("next/cache", () => ({
  revalidatePath: () => {},
  revalidateTag: () => {},
}));

type Session = Awaited<ReturnType<typeof signedIn>>;
let t: TestDatabase;
let orgId: string;
let otherOrgId: string;
let listOrgId: string;
let manager: Session;
let managerLoginId: string;
let viewer: Session;
let viewerId: string;
let hr: Session;
let hrId: string;
let disabledSecurityId: string;
let otherOrgSecurityId: string;
let lister: Session;
let listerId: string;
const evidenceIds: bigint[] = [];
let otherOrgEventId: bigint;

const T0 = Date.UTC(2026, 10, 24, 0, 30); // 2026-11-24 09:30 JST

beforeAll(async () => {
  t = await openTestDatabase();
  const [org, other, listOrg] = [await createOrganization(t.prisma), await createOrganization(t.prisma), await createOrganization(t.prisma)];
  orgId = org.id;
  otherOrgId = other.id;
  listOrgId = listOrg.id;
  // The list's own alerts only: the lister's sign-in at the real time of day (off hours at night) must not add one.
  await t.prisma.detectionRule.create({ data: { organizationId: listOrgId, kind: "off_hours_sign_in", enabled: false, severity: "low" } });
  const m = await createAccount(t.prisma, {
    organizationId: orgId,
    roleKeys: ["security_auditor"],
    displayName: "セキュリティ 担当",
  });
  const v = await createAccount(t.prisma, {
    organizationId: orgId,
    roleKeys: ["account_admin"],
    displayName: "閲覧 担当",
  });
  const h = await createAccount(t.prisma, {
    organizationId: orgId,
    roleKeys: ["hr"],
  });
  disabledSecurityId = (
    await createAccount(t.prisma, {
      organizationId: orgId,
      roleKeys: ["security_auditor"],
      status: "disabled",
    })
  ).id;
  otherOrgSecurityId = (
    await createAccount(t.prisma, {
      organizationId: otherOrgId,
      roleKeys: ["security_auditor"],
    })
  ).id;
  const l = await createAccount(t.prisma, {
    organizationId: listOrgId,
    roleKeys: ["security_auditor"],
  });
  manager = await signedIn(m.loginId, m.password);
  managerLoginId = m.loginId;
  viewer = await signedIn(v.loginId, v.password);
  viewerId = v.id;
  hr = await signedIn(h.loginId, h.password);
  hrId = h.id;
  lister = await signedIn(l.loginId, l.password);
  listerId = l.id;

  // 60 failed sign-ins of one person, a minute apart, as an alert's evidence; and one event of another organization.
  for (let i = 0; i < 60; i++) {
    const row = await t.prisma.auditEvent.create({
      data: {
        organizationId: orgId,
        occurredAt: new Date(T0 + i * 60_000),
        actorLabel: "target@example.jp",
        action: "auth.sign_in",
        outcome: "failure",
        reason: "bad_password",
        ip: "203.0.113.7",
        country: "JP",
      },
      select: { id: true },
    });
    evidenceIds.push(row.id);
  }
  otherOrgEventId = (
    await t.prisma.auditEvent.create({
      data: {
        organizationId: otherOrgId,
        occurredAt: new Date(T0),
        actorLabel: "someone-else@other.example.jp",
        action: "auth.sign_in",
        outcome: "failure",
        ip: "198.51.100.9",
      },
      select: { id: true },
    })
  ).id;
});
afterAll(() => t?.drop());

let serial = 0;
async function newAlert(
  overrides: Partial<{
    organizationId: string;
    status: AlertStatus;
    kind: string;
    severity: "low" | "medium" | "high" | "critical";
    subjectKey: string;
    subjectLabel: string;
    firstSeenAt: Date;
    lastSeenAt: Date;
    assigneeId: string | null;
    evidenceEventIds: bigint[];
  }> = {},
) {
  const n = ++serial;
  const row = await t.prisma.alert.create({
    data: {
      organizationId: orgId,
      kind: "repeated_failures",
      severity: "high",
      subjectType: "account",
      subjectKey: `subject-${n}`,
      subjectLabel: `subject-${n}@example.jp`,
      firstSeenAt: new Date(T0),
      lastSeenAt: new Date(T0 + n * 60_000),
      count: 5,
      explanation: {
        values: { count: 5, minutes: 10 },
        params: { failures: 5, windowMinutes: 10 },
      },
      ...overrides,
    },
    select: { id: true },
  });
  return row.id;
}

const alertRow = (id: string) => t.prisma.alert.findUniqueOrThrow({ where: { id } });
const auditOf = (id: string) =>
  t.prisma.auditEvent.findMany({
    where: { targetType: "alert", targetId: id },
    orderBy: { id: "asc" },
  });

/** The error an operation threw, as the wrappers see it (its code and message key). */
async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (e) {
    const err = e as { code?: string; key?: string; name?: string };
    return { name: err.name, code: err.code, key: err.key };
  }
  throw new Error("expected a refusal, got success");
}

describe("the workflow steps", () => {
  it("acknowledges an open alert, records who and when, and audits before/after in the same step", async () => {
    const id = await newAlert();
    const result = await manager.run(() => acknowledgeAlert({ id, expectedStatus: "open" }));
    expect(result).toEqual({ id, status: "acknowledged" });
    const row = await alertRow(id);
    expect(row.status).toBe("acknowledged");
    expect(row.acknowledgedById).toBe(manager.accountId);
    expect(row.acknowledgedAt).toBeInstanceOf(Date);
    const [event, ...more] = await auditOf(id);
    expect(more).toHaveLength(0);
    expect(event).toMatchObject({
      action: "alert.acknowledged",
      actorLabel: managerLoginId,
      outcome: "success",
      organizationId: orgId,
    });
    expect(event!.details).toMatchObject({
      before: { status: "open", acknowledgedById: null },
      after: { status: "acknowledged", acknowledgedById: manager.accountId },
    });
  });

  it("refuses a step from the wrong status, and a status that moved since it was read, without writing anything", async () => {
    const id = await newAlert({ status: "acknowledged" });
    expect(await refusal(manager.run(() => acknowledgeAlert({ id, expectedStatus: "acknowledged" })))).toMatchObject({
      code: "conflict",
      key: "invalid_transition",
    });
    // The page still showed "open": someone else has acknowledged it meanwhile.
    expect(await refusal(manager.run(() => acknowledgeAlert({ id, expectedStatus: "open" })))).toMatchObject({ code: "conflict", key: "alert_changed" });
    expect(await refusal(manager.run(() => reopenAlert({ id, expectedStatus: "acknowledged", reason: "再確認" })))).toMatchObject({
      key: "invalid_transition",
    });
    expect((await alertRow(id)).status).toBe("acknowledged");
    expect(await auditOf(id)).toHaveLength(0);
  });

  it("of two people resolving the same alert at once, one wins and the other is told someone else changed it", async () => {
    const id = await newAlert();
    const outcomes = await Promise.allSettled([
      manager.run(() =>
        resolveAlert({
          id,
          expectedStatus: "open",
          resolution: "一人目の対応",
        }),
      ),
      manager.run(() =>
        markAlertFalsePositive({
          id,
          expectedStatus: "open",
          reason: "二人目の判断",
        }),
      ),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({
      code: "conflict",
      key: "alert_changed",
    });
    expect(await auditOf(id)).toHaveLength(1);
  });

  it("resolves an acknowledged alert with its resolution, and needs one", async () => {
    const { resolveAlertAction } = await import("@/app/(console)/alerts/[id]/actions");
    const id = await newAlert({ status: "acknowledged" });
    expect(
      await manager.run(() =>
        resolveAlertAction(null, {
          id,
          expectedStatus: "acknowledged",
          resolution: "   ",
        }),
      ),
    ).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { resolution: "required" },
    });
    expect(
      await manager.run(() =>
        resolveAlertAction(null, {
          id,
          expectedStatus: "acknowledged",
          resolution: "x".repeat(1001),
        }),
      ),
    ).toMatchObject({ ok: false, fieldErrors: { resolution: "too_long" } });
    expect((await alertRow(id)).status).toBe("acknowledged");
    expect(
      await manager.run(() =>
        resolveAlertAction(null, {
          id,
          expectedStatus: "acknowledged",
          resolution: "本人に確認し、パスワードを変更済み",
        }),
      ),
    ).toMatchObject({ ok: true });
    const row = await alertRow(id);
    expect(row).toMatchObject({
      status: "resolved",
      resolution: "本人に確認し、パスワードを変更済み",
      resolvedById: manager.accountId,
    });
    const [event] = await auditOf(id);
    expect(event).toMatchObject({
      action: "alert.resolved",
      reason: "本人に確認し、パスワードを変更済み",
    });
    expect(event!.details).toMatchObject({
      before: { status: "acknowledged", resolution: null },
      after: {
        status: "resolved",
        resolution: "本人に確認し、パスワードを変更済み",
      },
    });
    // A resolved alert cannot be resolved again or called a false positive.
    expect(await refusal(manager.run(() => resolveAlert({ id, expectedStatus: "resolved", resolution: "再度" })))).toMatchObject({ key: "invalid_transition" });
    expect(
      await refusal(
        manager.run(() =>
          markAlertFalsePositive({
            id,
            expectedStatus: "resolved",
            reason: "再度",
          }),
        ),
      ),
    ).toMatchObject({ key: "invalid_transition" });
  });

  it("closes an open alert as a false positive with its reason, and needs one", async () => {
    const { markAlertFalsePositiveAction } = await import("@/app/(console)/alerts/[id]/actions");
    const id = await newAlert();
    expect(
      await manager.run(() =>
        markAlertFalsePositiveAction(null, {
          id,
          expectedStatus: "open",
          reason: "",
        }),
      ),
    ).toMatchObject({ ok: false, fieldErrors: { reason: "required" } });
    expect(
      await manager.run(() =>
        markAlertFalsePositiveAction(null, {
          id,
          expectedStatus: "open",
          reason: "出張先からの正規のサインイン",
        }),
      ),
    ).toMatchObject({
      ok: true,
      data: { status: "false_positive" },
    });
    expect(await alertRow(id)).toMatchObject({
      status: "false_positive",
      resolution: "出張先からの正規のサインイン",
      resolvedById: manager.accountId,
    });
    const [event] = await auditOf(id);
    expect(event).toMatchObject({
      action: "alert.false_positive",
      reason: "出張先からの正規のサインイン",
    });
    expect(event!.details).toMatchObject({
      before: { status: "open" },
      after: { status: "false_positive" },
    });
  });

  it("reopens a closed alert with a reason, clearing its resolution; an open one cannot be reopened", async () => {
    const { reopenAlertAction } = await import("@/app/(console)/alerts/[id]/actions");
    const id = await newAlert({ status: "resolved" });
    await t.prisma.alert.update({
      where: { id },
      data: {
        resolution: "以前の対応",
        resolvedAt: new Date(),
        resolvedById: manager.accountId,
      },
    });
    expect(await manager.run(() => reopenAlertAction(null, { id, expectedStatus: "resolved", reason: "" }))).toMatchObject({
      ok: false,
      fieldErrors: { reason: "required" },
    });
    expect(
      await manager.run(() =>
        reopenAlertAction(null, {
          id,
          expectedStatus: "resolved",
          reason: "同じ端末から再び失敗",
        }),
      ),
    ).toMatchObject({ ok: true });
    expect(await alertRow(id)).toMatchObject({
      status: "open",
      resolution: null,
      resolvedById: null,
      resolvedAt: null,
    });
    const [event] = await auditOf(id);
    expect(event!.details).toMatchObject({
      before: { status: "resolved", resolution: "以前の対応" },
      after: { status: "open", resolution: null },
    });
    expect(
      await manager.run(() =>
        reopenAlertAction(null, {
          id,
          expectedStatus: "open",
          reason: "もう一度",
        }),
      ),
    ).toMatchObject({
      ok: false,
      code: "conflict",
      message: "invalid_transition",
    });

    const fp = await newAlert({ status: "false_positive" });
    expect(
      await manager.run(() =>
        reopenAlert({
          id: fp,
          expectedStatus: "false_positive",
          reason: "誤検知ではなかった",
        }),
      ),
    ).toEqual({ id: fp, status: "open" });
  });
});

describe("assignment", () => {
  it("assigns to someone of the organization with a security permission, and takes it off again", async () => {
    const id = await newAlert();
    await manager.run(() => assignAlert({ id, assigneeId: viewerId }));
    expect((await alertRow(id)).assigneeId).toBe(viewerId);
    await manager.run(() => assignAlert({ id, assigneeId: "" }));
    expect((await alertRow(id)).assigneeId).toBeNull();
    const events = await auditOf(id);
    expect(events.map((e) => e.action)).toEqual(["alert.assigned", "alert.unassigned"]);
    expect(events[0]!.details).toMatchObject({
      before: { assigneeId: null },
      after: { assigneeId: viewerId },
    });
    expect(events[1]!.details).toMatchObject({
      before: { assigneeId: viewerId },
      after: { assigneeId: null },
    });
  });

  it("refuses someone without a security permission, a disabled account and another organization's person", async () => {
    const { assignAlertAction } = await import("@/app/(console)/alerts/[id]/actions");
    const id = await newAlert();
    for (const assigneeId of [hrId, disabledSecurityId, otherOrgSecurityId]) {
      expect(await manager.run(() => assignAlertAction(null, { id, assigneeId }))).toMatchObject({
        ok: false,
        code: "invalid",
        message: "assignee_not_allowed",
        fieldErrors: { assigneeId: "assignee_not_allowed" },
      });
    }
    expect((await alertRow(id)).assigneeId).toBeNull();
    expect(await auditOf(id)).toHaveLength(0);
  });
});

describe("comments", () => {
  it("takes 1 to 2,000 characters, signed with the writer's OCN ID, and audits each", async () => {
    const { commentOnAlertAction } = await import("@/app/(console)/alerts/[id]/actions");
    const id = await newAlert();
    expect(await manager.run(() => commentOnAlertAction(null, { id, body: "  " }))).toMatchObject({ ok: false, fieldErrors: { body: "required" } });
    expect(await manager.run(() => commentOnAlertAction(null, { id, body: "あ".repeat(2001) }))).toMatchObject({
      ok: false,
      fieldErrors: { body: "too_long" },
    });
    expect(await manager.run(() => commentOnAlertAction(null, { id, body: "あ".repeat(2000) }))).toMatchObject({ ok: true });
    await manager.run(() => commentOnAlert({ id, body: "本人に電話で確認中" }));
    const comments = await t.prisma.alertComment.findMany({
      where: { alertId: id },
      orderBy: { createdAt: "asc" },
    });
    expect(comments.map((c) => [c.authorLabel, c.body.length])).toEqual([
      [managerLoginId, 2000],
      [managerLoginId, "本人に電話で確認中".length],
    ]);
    expect((await auditOf(id)).map((e) => e.action)).toEqual(["alert.commented", "alert.commented"]);
    const detail = await viewer.run(() => getAlertOrThrow({ id }));
    expect(detail.alert.comments.map((c) => c.body).at(-1)).toBe("本人に電話で確認中");
  });
});

describe("who may do what", () => {
  it("security:view reads alerts but takes no step; without security there is nothing to read", async () => {
    const id = await newAlert();
    const detail = await viewer.run(() => getAlertOrThrow({ id }));
    expect(detail.canManage).toBe(false);
    expect(detail.assignable).toEqual([]);
    for (const step of [
      () => acknowledgeAlert({ id, expectedStatus: "open" }),
      () => resolveAlert({ id, expectedStatus: "open", resolution: "x" }),
      () => markAlertFalsePositive({ id, expectedStatus: "open", reason: "x" }),
      () => assignAlert({ id, assigneeId: viewerId }),
      () => commentOnAlert({ id, body: "x" }),
    ]) {
      expect(await refusal(viewer.run(step))).toMatchObject({
        code: "forbidden",
      });
    }
    expect(await refusal(hr.run(() => listAlerts({})))).toMatchObject({
      code: "forbidden",
    });
    expect(await refusal(hr.run(() => getAlertOrThrow({ id })))).toMatchObject({
      code: "forbidden",
    });
    expect((await alertRow(id)).status).toBe("open");
    expect(await t.prisma.alertComment.count({ where: { alertId: id } })).toBe(0);
  });

  it("another organization's alert is not found, to read or to change", async () => {
    const id = await newAlert({ organizationId: otherOrgId });
    expect(await refusal(manager.run(() => getAlertOrThrow({ id })))).toMatchObject({ code: "not_found" });
    expect(await refusal(manager.run(() => getAlertOrThrow({ id: "not-a-uuid" })))).toMatchObject({ code: "not_found" });
    expect(await refusal(manager.run(() => acknowledgeAlert({ id, expectedStatus: "open" })))).toMatchObject({ code: "not_found" });
    expect(await refusal(manager.run(() => commentOnAlert({ id, body: "のぞき見" })))).toMatchObject({ code: "not_found" });
    expect(await refusal(manager.run(() => assignAlert({ id, assigneeId: viewerId })))).toMatchObject({ code: "not_found" });
    expect(await alertRow(id)).toMatchObject({
      status: "open",
      assigneeId: null,
    });
    expect((await manager.run(() => listAlerts({ status: "all", pageSize: "100" }))).alerts.map((a) => a.id)).not.toContain(id);
  });
});

describe("the detail", () => {
  it("shows the newest 50 evidence events of the organization only, with the explanation and the people involved", async () => {
    const id = await newAlert({
      evidenceEventIds: [...evidenceIds, otherOrgEventId],
      subjectKey: manager.accountId,
      subjectLabel: managerLoginId,
    });
    await manager.run(() => acknowledgeAlert({ id, expectedStatus: "open" }));
    const { alert, evidence } = await manager.run(() => getAlertOrThrow({ id }));
    expect(evidence).toHaveLength(50);
    expect(evidence[0]!.id).toBe(String(evidenceIds.at(-1)));
    expect(evidence.map((e) => e.id)).not.toContain(String(otherOrgEventId));
    expect(evidence[0]).toMatchObject({
      action: "auth.sign_in",
      outcome: "failure",
      ip: "203.0.113.7",
      country: "JP",
    });
    expect(alert.evidenceCount).toBe(61);
    expect(alert.explanation).toEqual({
      values: { count: 5, minutes: 10 },
      params: { failures: 5, windowMinutes: 10 },
    });
    expect(alert.acknowledgedBy).toMatchObject({
      id: manager.accountId,
      loginId: managerLoginId,
    });
    expect(alert.subjectAccount).toEqual({
      id: manager.accountId,
      loginId: managerLoginId,
    });
  });
});

describe("the list", () => {
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    const base = { organizationId: listOrgId };
    const at = (h: number) => new Date(T0 + h * 3_600_000);
    ids.open = await newAlert({
      ...base,
      severity: "critical",
      subjectLabel: "alpha@example.jp",
      firstSeenAt: at(0),
      lastSeenAt: at(5),
    });
    ids.mine = await newAlert({
      ...base,
      status: "acknowledged",
      severity: "medium",
      kind: "off_hours_sign_in",
      subjectLabel: "beta_x@example.jp",
      firstSeenAt: at(1),
      lastSeenAt: at(4),
      assigneeId: listerId,
    });
    ids.resolved = await newAlert({
      ...base,
      status: "resolved",
      severity: "low",
      subjectLabel: "gamma@example.jp",
      firstSeenAt: at(-48),
      lastSeenAt: at(-47),
    });
    ids.fp = await newAlert({
      ...base,
      status: "false_positive",
      severity: "high",
      kind: "foreign_sign_in",
      subjectLabel: "betaYx@example.jp",
      firstSeenAt: at(2),
      lastSeenAt: at(3),
    });
    for (let i = 0; i < 30; i++)
      await newAlert({
        ...base,
        kind: "failure_spike",
        severity: "low",
        subjectLabel: `bulk-${i}`,
        firstSeenAt: at(-200 - i),
        lastSeenAt: at(-100 - i),
      });
  });
  const list = (input: Parameters<typeof listAlerts>[0]) => lister.run(() => listAlerts(input));
  const idsOf = async (input: Parameters<typeof listAlerts>[0]) => (await list({ pageSize: "100", ...input })).alerts.map((a) => a.id);

  it("shows open and acknowledged alerts by default, most recently seen first", async () => {
    const page = await list({ pageSize: "100" });
    expect(page.query.status).toBe("active");
    expect(page.total).toBe(32);
    expect(page.alerts.slice(0, 2).map((a) => a.id)).toEqual([ids.open, ids.mine]);
    const seen = page.alerts.map((a) => a.lastSeenAt.getTime());
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
    expect(page.alerts.map((a) => a.id)).not.toContain(ids.resolved);
  });

  it("filters by status, severity, kind, assignee, subject and time", async () => {
    expect(await idsOf({ status: "resolved" })).toEqual([ids.resolved]);
    expect(await idsOf({ status: "false_positive" })).toEqual([ids.fp]);
    expect(await idsOf({ status: "all" })).toHaveLength(34);
    expect(await idsOf({ severity: "critical" })).toEqual([ids.open]);
    expect(await idsOf({ kind: "off_hours_sign_in" })).toEqual([ids.mine]);
    expect(await idsOf({ assignee: "me" })).toEqual([ids.mine]);
    expect(await idsOf({ assignee: listerId })).toEqual([ids.mine]);
    expect(await idsOf({ assignee: "unassigned" })).toHaveLength(31);
    expect(await idsOf({ q: "ＡＬＰＨＡ" }), "full-width input is normalised, case ignored").toEqual([ids.open]);
    // "_" is a letter to match, not a LIKE wildcard: "beta_x" does not find "betaYx".
    expect(await idsOf({ q: "beta_x", status: "all" })).toEqual([ids.mine]);
    // Seen at any time on 2026-11-24 (JST): the two alerts active that day; the range's end date is inclusive.
    expect(await idsOf({ from: "2026-11-24", to: "2026-11-24" })).toEqual([ids.open, ids.mine]);
    expect(await idsOf({ status: "all", from: "2026-11-22", to: "2026-11-22" })).toEqual([ids.resolved]);
    // Unusable values fall back to their defaults instead of failing the page.
    const odd = await list({
      status: "bogus",
      severity: "x",
      kind: "nope",
      assignee: "someone",
      from: "2026-13-40",
      page: "-3",
      pageSize: "7",
    });
    expect(odd.query).toMatchObject({
      status: "active",
      severity: undefined,
      kind: undefined,
      assignee: undefined,
      from: undefined,
      page: 1,
      pageSize: 50,
    });
  });

  it("pages on the server with the total, each alert exactly once", async () => {
    const seen: string[] = [];
    const first = await list({ pageSize: "25" });
    expect(first).toMatchObject({ total: 32, pages: 2 });
    seen.push(...first.alerts.map((a) => a.id));
    const second = await list({ pageSize: "25", page: "2" });
    expect(second.alerts).toHaveLength(7);
    seen.push(...second.alerts.map((a) => a.id));
    expect(new Set(seen).size).toBe(32);
    expect((await list({ pageSize: "25", page: "9" })).alerts).toEqual([]);
  });
});
