// The compliance calendar below the UI: this period's tasks are made once however often (and however concurrently) it
// is brought up to date, per-event tasks follow their source (weekly sign-off, disposal case, incident), the monthly
// reviews are recorded by their owners with evidence, overdue is flagged, and another organization's tasks stay unseen.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { monthKeyOf } from "@/lib/policy/billing";
import { isoWeekKey, monthlyTask, weeklyLogAuditTask } from "@/lib/policy/compliance";
import { addDays, weekStartOf } from "@/lib/policy/security-dashboard";
import { respondToIncident } from "@/lib/server/accounts/respond-to-incident";
import { completeComplianceTask, skipComplianceTask } from "@/lib/server/compliance/complete-compliance-task";
import { ensureComplianceTasks, sweepComplianceTasks } from "@/lib/server/compliance/ensure-compliance-tasks";
import { listComplianceTasks } from "@/lib/server/compliance/list-compliance-tasks";
import { getDashboard } from "@/lib/server/dashboard/get-dashboard";
import { startDeviceDisposal } from "@/lib/server/offboarding/start-disposal";
import { withOrganization } from "@/lib/server/tenant-context";
import { signOffWeeklyAudit } from "@/lib/server/weekly-audit/sign-off-weekly-audit";
import { createAccount, createLine, createOrganization } from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { signedIn } from "@/tests/support/session";

vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }), headers: async () => new Headers() }));

type Session = Awaited<ReturnType<typeof signedIn>>;
let t: TestDatabase;
let orgId: string;
let otherId: string;
let auditor: Session;
let accountAdmin: Session;
let lineOperator: Session;
let member: Session;
let otherAuditor: Session;

const DAY = 86_400_000;
const NOW = new Date();
const MONTH = monthKeyOf(NOW);
const LAST_WEEK = addDays(weekStartOf(NOW), -7);

const tasksOf = (organizationId: string, where: Record<string, unknown> = {}) => t.prisma.complianceTask.findMany({ where: { organizationId, ...where }, orderBy: { createdAt: "asc" } });
const ipReview = async (organizationId = orgId) => (await t.prisma.complianceTask.findFirstOrThrow({ where: { organizationId, kind: "ip_allowlist_monthly", periodKey: MONTH } })).id;
const ensure = (organizationId: string, now = NOW) => withOrganization(organizationId, () => ensureComplianceTasks(organizationId, now));

beforeAll(async () => {
  t = await openTestDatabase();
  // Created long ago: last week's log audit belongs to it.
  orgId = (await createOrganization(t.prisma, { createdAt: new Date(NOW.getTime() - 400 * DAY) })).id;
  otherId = (await createOrganization(t.prisma, { createdAt: new Date(NOW.getTime() - 400 * DAY) })).id;
  const session = async (organizationId: string, roleKeys: Parameters<typeof createAccount>[1]["roleKeys"]) => {
    const a = await createAccount(t.prisma, { organizationId, roleKeys });
    return signedIn(a.loginId, a.password);
  };
  auditor = await session(orgId, ["security_auditor"]);
  accountAdmin = await session(orgId, ["account_admin"]);
  lineOperator = await session(orgId, ["line_operator"]);
  member = await session(orgId, ["member"]);
  otherAuditor = await session(otherId, ["security_auditor"]);
}, 120_000);
afterAll(() => t.drop());

describe("bringing the calendar up to date", () => {
  it("makes this period's recurring tasks once, however often and however concurrently it runs", async () => {
    await Promise.all([ensure(orgId), ensure(orgId), ensure(orgId)]);
    await ensure(orgId);
    await sweepComplianceTasks(NOW);
    const tasks = await tasksOf(orgId);
    expect(tasks.map((x) => `${x.kind} ${x.periodKey}`).sort()).toEqual(
      [
        `ip_allowlist_monthly ${MONTH}`,
        `log_audit_weekly ${isoWeekKey(LAST_WEEK)}`,
        `log_audit_weekly ${isoWeekKey(weekStartOf(NOW))}`,
        `permission_reconciliation_monthly ${MONTH}`,
      ].sort(),
    );
    const ip = tasks.find((x) => x.kind === "ip_allowlist_monthly")!;
    expect(ip).toMatchObject({ status: "open", ownerDomain: "security", dueAt: monthlyTask("ip_allowlist_monthly", MONTH).dueAt });
    expect(tasks.find((x) => x.periodKey === isoWeekKey(LAST_WEEK))).toMatchObject({ ownerDomain: "audit", relatedType: "week", relatedId: LAST_WEEK, dueAt: weeklyLogAuditTask(LAST_WEEK).dueAt });
    // The sweeper reached the other organization too, on its own.
    expect(await t.prisma.complianceTask.count({ where: { organizationId: otherId } })).toBe(4);
  });

  it("an organization created this week has no task for last week", async () => {
    const fresh = await createOrganization(t.prisma);
    await ensure(fresh.id);
    expect((await tasksOf(fresh.id, { kind: "log_audit_weekly" })).map((x) => x.periodKey)).toEqual([isoWeekKey(weekStartOf(NOW))]);
  });
});

describe("tasks that complete from their source", () => {
  it("the weekly log audit is done once that week is signed off, with who signed and the week's page", async () => {
    await ensure(orgId);
    expect((await t.prisma.complianceTask.findFirstOrThrow({ where: { organizationId: orgId, kind: "log_audit_weekly", relatedId: LAST_WEEK } })).status).toBe("open");
    await auditor.run(() => signOffWeeklyAudit({ week: LAST_WEEK, note: "深夜のサインイン 2 件は出張者で確認済み" }, NOW));

    const view = await auditor.run(() => listComplianceTasks(NOW));
    const task = [...view.tasks, ...view.history].find((x) => x.kind === "log_audit_weekly" && x.week === LAST_WEEK)!;
    expect(task).toMatchObject({ status: "done", fromSource: true, canRecord: false, href: `/audit/weekly/${LAST_WEEK}`, note: "深夜のサインイン 2 件は出張者で確認済み" });
    expect(task.completedByLabel).toContain("(");
    expect(task.evidence).toMatchObject({ kind: "weekly_sign_off", week: LAST_WEEK, href: `/audit/weekly/${LAST_WEEK}` });
    expect(view.history.some((x) => x.id === task.id)).toBe(true);
    // Closed from its source, and audited as such, once however often the calendar is brought up to date.
    await ensure(orgId);
    const events = await t.prisma.auditEvent.findMany({ where: { organizationId: orgId, action: "compliance.task_completed", targetId: task.id }, select: { actorLabel: true, details: true } });
    expect(events).toEqual([{ actorLabel: "system (compliance, from source)", details: expect.objectContaining({ kind: "log_audit_weekly", fromSource: true, after: { status: "done" } }) }]);
  });

  it("a device disposal gets a task due with its case's last task, done when the case completes, skipped when it is cancelled", async () => {
    const line = await createLine(t.prisma, { organizationId: orgId, simType: "physical" });
    const { caseId } = await lineOperator.run(() => startDeviceDisposal({ lineId: line.id, note: "故障端末の廃棄" }));
    await ensure(orgId);
    const task = await t.prisma.complianceTask.findFirstOrThrow({ where: { organizationId: orgId, kind: "device_disposal", relatedId: caseId } });
    const caseTasks = await t.prisma.offboardingTask.findMany({ where: { caseId } });
    expect(task).toMatchObject({ status: "open", ownerDomain: "lines", relatedType: "offboarding_case", periodKey: null });
    expect(task.dueAt.getTime()).toBe(Math.max(...caseTasks.map((x) => x.dueAt.getTime())));

    const closedAt = new Date();
    await t.prisma.offboardingTask.updateMany({ where: { caseId }, data: { status: "done", completedAt: closedAt, completedByLabel: "lines@example.jp" } });
    await t.prisma.offboardingCase.update({ where: { id: caseId }, data: { status: "completed", completedAt: closedAt } });
    await ensure(orgId);
    const done = await t.prisma.complianceTask.findUniqueOrThrow({ where: { id: task.id } });
    expect(done).toMatchObject({ status: "done", completedByLabel: "lines@example.jp", completedAt: closedAt });
    expect(done.evidence).toMatchObject({ kind: "disposal_case", caseStatus: "completed", href: `/offboarding/${caseId}` });

    const other = await createLine(t.prisma, { organizationId: orgId, simType: "esim", iccid: null });
    const cancelled = await lineOperator.run(() => startDeviceDisposal({ lineId: other.id }));
    await t.prisma.offboardingCase.update({ where: { id: cancelled.caseId }, data: { status: "cancelled", cancelledAt: new Date() } });
    await ensure(orgId);
    expect(await t.prisma.complianceTask.findFirstOrThrow({ where: { organizationId: orgId, kind: "device_disposal", relatedId: cancelled.caseId } })).toMatchObject({ status: "skipped" });
    expect(await t.prisma.complianceTask.count({ where: { organizationId: orgId, kind: "device_disposal" } })).toBe(2);
  });

  it("incident response is due at detection + SLA and done with the times and whether the SLA was met", async () => {
    const person = await createAccount(t.prisma, { organizationId: orgId });
    const detectedAt = new Date(Date.now() - 30 * 60_000);
    const incident = await auditor.run(() => respondToIncident({ id: person.id, reason: "フィッシング被害の申告", detectedAt }));
    await ensure(orgId);
    await ensure(orgId);
    const tasks = await t.prisma.complianceTask.findMany({ where: { organizationId: orgId, kind: "incident_response", relatedId: incident.id } });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!).toMatchObject({ status: "done", ownerDomain: "security", dueAt: new Date(detectedAt.getTime() + incident.slaMinutes * 60_000) });
    expect(tasks[0]!.evidence).toMatchObject({ kind: "incident", slaMet: false, slaMinutes: incident.slaMinutes, href: `/accounts/${person.id}` });
    expect(tasks[0]!.completedAt).toEqual(incident.notifiedAt);
  });
});

describe("recording a task", () => {
  it("the security auditor records this month's IP review with what was checked and a link; audited; once only", async () => {
    await ensure(orgId);
    const id = await ipReview();
    const before = await auditor.run(() => listComplianceTasks(NOW));
    expect(before.tasks.find((x) => x.id === id)).toMatchObject({ status: "open", canRecord: true, fromSource: false, href: "/security/network", ownerRoleKey: "security_auditor" });

    await auditor.run(() => completeComplianceTask({ id, note: "許可リスト12件を確認、期限切れ2件を削除", evidenceUrl: "https://wiki.example.jp/security/2026-11" }));
    const row = await t.prisma.complianceTask.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "done", note: "許可リスト12件を確認、期限切れ2件を削除", evidence: { kind: "manual", url: "https://wiki.example.jp/security/2026-11" } });
    expect(row.completedAt).not.toBeNull();
    const event = await t.prisma.auditEvent.findFirstOrThrow({ where: { organizationId: orgId, action: "compliance.task_completed", targetId: id } });
    expect(event.details).toMatchObject({ kind: "ip_allowlist_monthly", period: MONTH, note: "許可リスト12件を確認、期限切れ2件を削除" });

    await expect(auditor.run(() => completeComplianceTask({ id, note: "もう一度" }))).rejects.toMatchObject({ code: "conflict", key: "task_closed" });
    const after = await auditor.run(() => listComplianceTasks(NOW));
    expect(after.history[0]).toMatchObject({ id, status: "done", note: "許可リスト12件を確認、期限切れ2件を削除" });
  });

  it("names the field it refuses: no note, a link that is no web address", async () => {
    await ensure(orgId);
    const id = (await t.prisma.complianceTask.findFirstOrThrow({ where: { organizationId: orgId, kind: "permission_reconciliation_monthly", periodKey: MONTH } })).id;
    await expect(auditor.run(() => completeComplianceTask({ id, note: "   " }))).rejects.toMatchObject({ code: "invalid", field: "note", key: "required" });
    await expect(auditor.run(() => completeComplianceTask({ id, note: "照合済み", evidenceUrl: "javascript:alert(1)" }))).rejects.toMatchObject({ code: "invalid", field: "evidenceUrl", key: "url_invalid" });
    await expect(auditor.run(() => completeComplianceTask({ id, note: "照合済み", evidenceUrl: "//evil.example/x" }))).rejects.toMatchObject({ code: "invalid", field: "evidenceUrl" });
    await expect(auditor.run(() => skipComplianceTask({ id, note: "" }))).rejects.toMatchObject({ code: "invalid", field: "note" });
    expect((await t.prisma.complianceTask.findUniqueOrThrow({ where: { id } })).status).toBe("open");
    // A page of this console is a link too.
    await auditor.run(() => completeComplianceTask({ id, note: "人事データと照合、差異なし", evidenceUrl: "/reviews/roster" }));
    expect((await t.prisma.complianceTask.findUniqueOrThrow({ where: { id } })).evidence).toEqual({ kind: "manual", url: "/reviews/roster" });
  });

  it("needs manage in the owning domain: viewers and members are refused and nothing changes", async () => {
    const id = (
      await t.prisma.complianceTask.create({
        data: { organizationId: orgId, kind: "ip_allowlist_monthly", periodKey: "2001-01", title: "過去の見直し", dueAt: new Date(NOW.getTime() + DAY), ownerDomain: "security" },
      })
    ).id;
    await expect(accountAdmin.run(() => completeComplianceTask({ id, note: "確認" }))).rejects.toMatchObject({ code: "forbidden" });
    await expect(member.run(() => completeComplianceTask({ id, note: "確認" }))).rejects.toMatchObject({ code: "forbidden" });
    await expect(lineOperator.run(() => skipComplianceTask({ id, note: "対象外" }))).rejects.toMatchObject({ code: "forbidden" });
    expect((await t.prisma.complianceTask.findUniqueOrThrow({ where: { id } })).status).toBe("open");
    const seen = await accountAdmin.run(() => listComplianceTasks(NOW));
    expect(seen.tasks.find((x) => x.id === id)).toMatchObject({ canRecord: false });

    await auditor.run(() => skipComplianceTask({ id, note: "当時は IP アクセス制限を使っていなかったため" }));
    expect(await t.prisma.complianceTask.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "skipped", note: "当時は IP アクセス制限を使っていなかったため" });
    expect(await t.prisma.auditEvent.count({ where: { action: "compliance.task_skipped", targetId: id } })).toBe(1);
  });

  it("refuses kinds that complete from their source", async () => {
    await ensure(orgId);
    const weekly = await t.prisma.complianceTask.findFirstOrThrow({ where: { organizationId: orgId, kind: "log_audit_weekly", status: "open" } });
    await expect(auditor.run(() => completeComplianceTask({ id: weekly.id, note: "見ました" }))).rejects.toMatchObject({ code: "conflict", key: "from_source" });
    await expect(auditor.run(() => skipComplianceTask({ id: weekly.id, note: "なし" }))).rejects.toMatchObject({ code: "conflict", key: "from_source" });
    expect((await t.prisma.complianceTask.findUniqueOrThrow({ where: { id: weekly.id } })).status).toBe("open");
  });

  it("the page and its loader refuse those without security:view", async () => {
    await expect(member.run(() => listComplianceTasks(NOW))).rejects.toMatchObject({ code: "forbidden" });
    await expect(lineOperator.run(() => listComplianceTasks(NOW))).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("overdue", () => {
  it("an open task past its due is flagged, listed first and counted, on the calendar and the dashboard", async () => {
    // This month's tasks were recorded above: one of its own, three days late.
    const late = await t.prisma.complianceTask.create({
      data: { organizationId: orgId, kind: "permission_reconciliation_monthly", periodKey: "2002-02", title: "遅れている照合", dueAt: new Date(NOW.getTime() - 3 * DAY), ownerDomain: "reviews" },
    });
    const view = await auditor.run(() => listComplianceTasks(NOW));
    expect(view.tasks[0]).toMatchObject({ id: late.id, overdue: true, status: "open" });
    expect(view.tasks.filter((x) => x.overdue).every((x) => x.status === "open")).toBe(true);
    expect(view.counts.overdue).toBeGreaterThanOrEqual(1);
    expect(view.tasks.filter((x) => x.status !== "open").every((x) => !x.overdue)).toBe(true);

    const dashboard = await auditor.run(() => getDashboard({}, NOW));
    expect(dashboard.compliance).toMatchObject({ overdue: view.counts.overdue, dueThisWeek: view.counts.dueThisWeek });
    expect(dashboard.compliance!.next[0]).toMatchObject({ id: late.id, overdue: true });
    expect((await lineOperator.run(() => getDashboard({}, NOW))).compliance).toBeNull();
  });
});

describe("organizations", () => {
  it("another organization's tasks are neither listed nor recordable", async () => {
    await ensure(otherId);
    const theirs = await ipReview(otherId);
    const view = await auditor.run(() => listComplianceTasks(NOW));
    const ids = new Set([...view.tasks, ...view.history].map((x) => x.id));
    expect(ids.has(theirs)).toBe(false);
    for (const task of await tasksOf(otherId)) expect(ids.has(task.id)).toBe(false);
    await expect(auditor.run(() => completeComplianceTask({ id: theirs, note: "確認" }))).rejects.toMatchObject({ code: "not_found" });
    await expect(auditor.run(() => skipComplianceTask({ id: theirs, note: "確認" }))).rejects.toMatchObject({ code: "not_found" });
    expect((await t.prisma.complianceTask.findUniqueOrThrow({ where: { id: theirs } })).status).toBe("open");
    // Their own auditor sees only theirs.
    const their = await otherAuditor.run(() => listComplianceTasks(NOW));
    const ours = new Set((await tasksOf(orgId)).map((x) => x.id));
    expect([...their.tasks, ...their.history].some((x) => ours.has(x.id))).toBe(false);
    expect(their.tasks.some((x) => x.id === theirs)).toBe(true);
  });
});
