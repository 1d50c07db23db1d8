// Offboarding below the UI: HR starts a case (now or at a time), access ends exactly at the effective time with no job,
// tasks come from what the person holds, closing them records evidence and changes the lines, overdue tasks escalate.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { authorize } from "@/lib/server/authorize";
import { exportLineStatement } from "@/lib/server/lines/export-line-statement";
import { sweepDueOffboarding } from "@/lib/server/offboarding/apply-case";
import { cancelOffboarding } from "@/lib/server/offboarding/cancel-case";
import { completeOffboardingTask, skipOffboardingTask } from "@/lib/server/offboarding/complete-task";
import { escalateOverdueTasks } from "@/lib/server/offboarding/escalate-overdue";
import { getOffboardingCase } from "@/lib/server/offboarding/get-case";
import { listPendingReturns } from "@/lib/server/offboarding/list-pending-returns";
import { listProposedCases } from "@/lib/server/offboarding/list-proposals";
import { startDeviceDisposal } from "@/lib/server/offboarding/start-disposal";
import { startOffboarding } from "@/lib/server/offboarding/start-offboarding";
import { updateSimReturnDays } from "@/lib/server/offboarding/update-sim-return-days";
import { remindLoginId } from "@/lib/server/recovery/remind-login-id";
import { requestPasswordReset } from "@/lib/server/recovery/request-password-reset";
import { resetPassword } from "@/lib/server/recovery/reset-password";
import { signIn } from "@/lib/server/sign-in/sign-in";
import { createAccount, createLine, createOrganization } from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { signedIn } from "@/tests/support/session";

vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }), headers: async () => new Headers() }));

let t: TestDatabase;
let org: Awaited<ReturnType<typeof createOrganization>>;
let other: Awaited<ReturnType<typeof createOrganization>>;
let hr: Awaited<ReturnType<typeof signedIn>>;
let hrAccountId: string;
let lineOperator: Awaited<ReturnType<typeof signedIn>>;
let member: Awaited<ReturnType<typeof signedIn>>;
let billing: Awaited<ReturnType<typeof signedIn>>;
let securityEmail: string;
let lineOperatorEmail: string;
const client = { ip: "192.0.2.10", userAgent: "vitest" };
const DAY = 86_400_000;

beforeAll(async () => {
  t = await openTestDatabase();
  org = await createOrganization(t.prisma);
  other = await createOrganization(t.prisma);
  const h = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["hr"] });
  hrAccountId = h.id;
  hr = await signedIn(h.loginId, h.password);
  const l = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["line_operator"] });
  lineOperator = await signedIn(l.loginId, l.password);
  lineOperatorEmail = (await t.prisma.account.findUniqueOrThrow({ where: { id: l.id } })).email;
  const m = await createAccount(t.prisma, { organizationId: org.id });
  member = await signedIn(m.loginId, m.password);
  const b = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["billing_manager"] });
  billing = await signedIn(b.loginId, b.password);
  const s = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["security_auditor"] });
  securityEmail = (await t.prisma.account.findUniqueOrThrow({ where: { id: s.id } })).email;
}, 120_000);
afterAll(() => t.drop());
afterEach(() => vi.useRealTimers());

/** A person with a physical SIM line and an eSIM line, a role, and an open session. */
async function leaverWithLines(roleKeys: ("account_admin" | "member")[] = ["account_admin"]) {
  const person = await createAccount(t.prisma, { organizationId: org.id, roleKeys });
  const physical = await createLine(t.prisma, { organizationId: org.id, assignedAccountId: person.id, simType: "physical" });
  const esim = await createLine(t.prisma, { organizationId: org.id, assignedAccountId: person.id, simType: "esim", iccid: null });
  const session = await signedIn(person.loginId, person.password);
  return { person, physical, esim, session };
}

const tasksOf = (caseId: string) => t.prisma.offboardingTask.findMany({ where: { caseId }, orderBy: [{ kind: "asc" }, { lineId: "asc" }] });

describe("starting a case", () => {
  it("effective now: the session ends at once, the account is disabled, grants end, tasks come from the lines held", async () => {
    const { person, physical, esim, session } = await leaverWithLines();
    await expect(session.run(() => authorize())).resolves.toMatchObject({ accountId: person.id });

    const { caseId } = await hr.run(() => startOffboarding({ accountId: person.id, trigger: "leaving", timing: "now", note: "自己都合退職" }));

    await expect(session.run(() => authorize())).rejects.toMatchObject({ code: "unauthenticated" });
    expect(await signIn({ loginId: person.loginId, password: person.password }, client)).toMatchObject({ kind: "refused" });
    const account = await t.prisma.account.findUniqueOrThrow({ where: { id: person.id } });
    expect(account.status).toBe("disabled");
    expect(await t.prisma.roleGrant.count({ where: { accountId: person.id, revokedAt: null } })).toBe(0);
    const c = await t.prisma.offboardingCase.findUniqueOrThrow({ where: { id: caseId } });
    expect(c).toMatchObject({ status: "in_progress", trigger: "leaving", initiatedById: hrAccountId });
    expect(c.appliedAt).not.toBeNull();
    expect(JSON.stringify(c.grantsSnapshot)).toContain("account_admin");

    const tasks = await tasksOf(caseId);
    const summary = tasks.map((x) => `${x.kind}:${x.lineId === physical.id ? "physical" : x.lineId === esim.id ? "esim" : "-"}:${x.ownerRoleKey}`).sort();
    expect(summary).toEqual(
      [
        "decide_line:esim:line_operator",
        "decide_line:physical:line_operator",
        "delete_esim:esim:line_operator",
        "export_statements:esim:billing_manager",
        "export_statements:physical:billing_manager",
        "return_sim:physical:line_operator",
        "wipe_device_credentials:-:account_admin",
      ].sort(),
    );
    const ret = tasks.find((x) => x.kind === "return_sim")!;
    expect(ret.dueAt.getTime() - c.effectiveAt.getTime()).toBe(14 * DAY);
    expect((await t.prisma.line.findUniqueOrThrow({ where: { id: physical.id } })).status).toBe("pending_return");
    expect((await t.prisma.line.findUniqueOrThrow({ where: { id: esim.id } })).status).toBe("active");
    const actions = (await t.prisma.auditEvent.findMany({ where: { organizationId: org.id, targetId: person.id }, select: { action: true } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["offboarding.started", "offboarding.applied"]));
  });

  it("scheduled: nothing changes before its time; from its exact instant sign-in and sessions are refused, with no job having run", async () => {
    const { person, session } = await leaverWithLines();
    const effectiveAt = new Date(Math.ceil((Date.now() + 60_000) / 1000) * 1000);
    const { caseId } = await hr.run(() => startOffboarding({ accountId: person.id, trigger: "contract_end", timing: "scheduled", effectiveAt: effectiveAt.toISOString() }));
    expect(await t.prisma.offboardingCase.findUniqueOrThrow({ where: { id: caseId } })).toMatchObject({ status: "scheduled", appliedAt: null });

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(effectiveAt.getTime() - 1));
    await expect(session.run(() => authorize())).resolves.toMatchObject({ accountId: person.id });
    vi.setSystemTime(effectiveAt);
    await expect(session.run(() => authorize())).rejects.toMatchObject({ code: "unauthenticated" });
    expect(await signIn({ loginId: person.loginId, password: person.password }, client)).toMatchObject({ kind: "refused" });
    // Nothing was written at the effective time: the refusal came from the clock alone.
    expect((await t.prisma.account.findUniqueOrThrow({ where: { id: person.id } })).status).toBe("active");
    expect(await t.prisma.offboardingCase.findUniqueOrThrow({ where: { id: caseId } })).toMatchObject({ status: "scheduled", appliedAt: null });

    // The sweeper then writes it down: disabled, sessions and grants ended.
    await sweepDueOffboarding(new Date());
    expect((await t.prisma.account.findUniqueOrThrow({ where: { id: person.id } })).status).toBe("disabled");
    expect(await t.prisma.offboardingCase.findUniqueOrThrow({ where: { id: caseId } })).toMatchObject({ status: "in_progress" });
    expect(await t.prisma.session.count({ where: { accountId: person.id, revokedAt: null } })).toBe(0);
  });

  it("a reset link mailed before the effective time does not work after it, and no reminder names the ID", async () => {
    const { person } = await leaverWithLines();
    await requestPasswordReset({ loginId: person.loginId }, client);
    const mail = await t.prisma.mailMessage.findFirstOrThrow({ where: { to: person.loginId }, orderBy: { createdAt: "desc" } });
    const token = /\/sign-in\/reset\/([A-Za-z0-9_-]+)/.exec(mail.body)![1]!;
    const effectiveAt = new Date(Math.ceil((Date.now() + 60_000) / 1000) * 1000);
    await hr.run(() => startOffboarding({ accountId: person.id, trigger: "leaving", timing: "scheduled", effectiveAt: effectiveAt.toISOString() }));
    // Before the effective time a reminder is still mailed (so the check below can fail).
    const mailsBefore = await t.prisma.mailMessage.count({ where: { to: person.loginId } });
    await remindLoginId({ customerNumber: org.customerNumber, email: person.loginId }, client);
    expect(await t.prisma.mailMessage.count({ where: { to: person.loginId } })).toBe(mailsBefore + 1);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(effectiveAt);
    const before = (await t.prisma.account.findUniqueOrThrow({ where: { id: person.id } })).passwordChangedAt;
    expect(await resetPassword(token, { password: "Umi-no-Hi-Sakura-2026", confirm: "Umi-no-Hi-Sakura-2026" }, client)).toEqual({ ok: false, expired: true });
    expect((await t.prisma.account.findUniqueOrThrow({ where: { id: person.id } })).passwordChangedAt).toEqual(before);
    const mails = await t.prisma.mailMessage.count({ where: { to: person.loginId } });
    await remindLoginId({ customerNumber: org.customerNumber, email: person.loginId }, client);
    expect(await t.prisma.mailMessage.count({ where: { to: person.loginId } }), "no reminder for an ended account").toBe(mails);
  });

  it("a scheduled case can be cancelled before its time, and the person keeps signing in", async () => {
    const { person, session } = await leaverWithLines();
    const { caseId } = await hr.run(() => startOffboarding({ accountId: person.id, trigger: "leaving", timing: "scheduled", effectiveAt: new Date(Date.now() + 2 * DAY).toISOString() }));
    expect((await t.prisma.account.findUniqueOrThrow({ where: { id: person.id } })).accessEndsAt).not.toBeNull();
    await hr.run(() => cancelOffboarding({ caseId, note: "退職撤回" }));
    expect((await t.prisma.account.findUniqueOrThrow({ where: { id: person.id } })).accessEndsAt).toBeNull();
    expect(await t.prisma.offboardingTask.count({ where: { caseId, status: "open" } })).toBe(0);
    await expect(session.run(() => authorize())).resolves.toMatchObject({ accountId: person.id });
    await expect(hr.run(() => cancelOffboarding({ caseId }))).rejects.toMatchObject({ code: "conflict", key: "not_cancellable" });
  });

  it("never the organization's last org admin", async () => {
    const admin = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["org_admin"] });
    await expect(hr.run(() => startOffboarding({ accountId: admin.id, trigger: "leaving", timing: "now" }))).rejects.toMatchObject({ code: "conflict", field: "accountId", key: "last_admin" });
    expect(await t.prisma.offboardingCase.count({ where: { accountId: admin.id } })).toBe(0);
    await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["org_admin"] });
    await hr.run(() => startOffboarding({ accountId: admin.id, trigger: "leaving", timing: "now" }));
    expect((await t.prisma.account.findUniqueOrThrow({ where: { id: admin.id } })).status).toBe("disabled");
  });

  it("a transfer keeps the person signed in but ends their roles other than member (custom ones too) at the effective time", async () => {
    const person = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["member", "line_operator"] });
    const custom = await t.prisma.role.create({ data: { organizationId: org.id, name: `独自の役割 ${person.id.slice(0, 8)}`, permissions: { create: [{ domain: "accounts", level: "manage" }] } } });
    await t.prisma.roleGrant.create({ data: { organizationId: org.id, accountId: person.id, roleId: custom.id, reason: "試験" } });
    const session = await signedIn(person.loginId, person.password);
    expect((await session.run(() => authorize())).permissions).toMatchObject({ accounts: "manage", lines: "manage" });
    const { caseId } = await hr.run(() => startOffboarding({ accountId: person.id, trigger: "transfer", timing: "now", newDepartment: "大阪支店 営業部" }));
    const actor = await session.run(() => authorize());
    expect(actor.permissions).toEqual({});
    expect((await t.prisma.account.findUniqueOrThrow({ where: { id: person.id } })).status).toBe("active");
    expect((await tasksOf(caseId)).map((x) => x.kind)).toEqual(["reevaluate_roles"]);
    // Written down by applyCase: the custom grant revoked, member kept.
    expect(await t.prisma.roleGrant.findFirstOrThrow({ where: { accountId: person.id, roleId: custom.id } })).toMatchObject({ revokedAt: expect.any(Date) });
    expect(await t.prisma.roleGrant.count({ where: { accountId: person.id, revokedAt: null, role: { key: "member" } } })).toBe(1);
    expect((await t.prisma.offboardingCase.findUniqueOrThrow({ where: { id: caseId } })).newDepartment).toBe("大阪支店 営業部");
  });

  it("refuses a member, another organization's account, HR's own account, a past time, a second case, and a transfer without its department — writing nothing", async () => {
    const person = await createAccount(t.prisma, { organizationId: org.id });
    const stranger = await createAccount(t.prisma, { organizationId: other.id });
    const before = await t.prisma.offboardingCase.count();
    await expect(member.run(() => startOffboarding({ accountId: person.id, trigger: "leaving", timing: "now" }))).rejects.toMatchObject({ code: "forbidden" });
    await expect(hr.run(() => startOffboarding({ accountId: stranger.id, trigger: "leaving", timing: "now" }))).rejects.toMatchObject({ code: "not_found" });
    await expect(hr.run(() => startOffboarding({ accountId: hrAccountId, trigger: "leaving", timing: "now" }))).rejects.toMatchObject({ code: "forbidden", key: "self_offboarding" });
    await expect(hr.run(() => startOffboarding({ accountId: person.id, trigger: "leaving", timing: "scheduled", effectiveAt: "2020-04-01T09:00" }))).rejects.toMatchObject({ field: "effectiveAt", key: "effective_past" });
    await expect(hr.run(() => startOffboarding({ accountId: person.id, trigger: "leaving", timing: "scheduled", effectiveAt: "2026-02-30T09:00" }))).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["effectiveAt"], message: "date_invalid" })] });
    await expect(hr.run(() => startOffboarding({ accountId: person.id, trigger: "transfer", timing: "now" }))).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["newDepartment"] })] });
    expect(await t.prisma.offboardingCase.count()).toBe(before);
    expect((await t.prisma.account.findUniqueOrThrow({ where: { id: person.id } })).accessEndsAt).toBeNull();

    await hr.run(() => startOffboarding({ accountId: person.id, trigger: "leaving", timing: "scheduled", effectiveAt: new Date(Date.now() + DAY).toISOString() }));
    await expect(hr.run(() => startOffboarding({ accountId: person.id, trigger: "contract_end", timing: "now" }))).rejects.toMatchObject({ code: "conflict", key: "case_open" });
  });
});

describe("closing tasks", () => {
  let caseId: string;
  let physicalId: string;
  let esimId: string;
  const task = async (kind: string, lineId?: string) =>
    (await t.prisma.offboardingTask.findFirstOrThrow({ where: { caseId, kind: kind as never, ...(lineId ? { lineId } : {}) } })).id;

  beforeAll(async () => {
    const { person, physical, esim } = await leaverWithLines();
    physicalId = physical.id;
    esimId = esim.id;
    ({ caseId } = await hr.run(() => startOffboarding({ accountId: person.id, trigger: "leaving", timing: "now" })));
  });

  it("a SIM return needs its tracking number and day; then the line is returned and the task names who closed it", async () => {
    const id = await task("return_sim");
    await expect(hr.run(() => completeOffboardingTask({ taskId: id, receivedOn: "2026-11-20" }))).rejects.toMatchObject({ code: "invalid", field: "trackingNumber" });
    await expect(hr.run(() => completeOffboardingTask({ taskId: id, trackingNumber: "1234-5678-9012", receivedOn: "2099-01-01" }))).rejects.toMatchObject({ field: "receivedOn", key: "date_future" });
    await expect(hr.run(() => completeOffboardingTask({ taskId: id, trackingNumber: "追跡 番号", receivedOn: "2026-11-20" }))).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["trackingNumber"], message: "tracking_format" })] });
    expect((await t.prisma.offboardingTask.findUniqueOrThrow({ where: { id } })).status).toBe("open");
    await expect(member.run(() => listPendingReturns())).rejects.toMatchObject({ code: "forbidden" });
    const pending = await hr.run(() => listPendingReturns());
    expect(pending.rows.map((r) => r.id)).toContain(id);

    await hr.run(() => completeOffboardingTask({ taskId: id, trackingNumber: "１２３４-５６７８-９０１２", receivedOn: "２０２６/１１/２０", condition: "good" }));
    const closed = await t.prisma.offboardingTask.findUniqueOrThrow({ where: { id } });
    expect(closed).toMatchObject({ status: "done", trackingNumber: "1234-5678-9012", condition: "good" });
    expect(closed.receivedAt?.toISOString()).toBe("2026-11-19T15:00:00.000Z");
    expect(closed.completedByLabel).toBeTruthy();
    expect((await t.prisma.line.findUniqueOrThrow({ where: { id: physicalId } })).status).toBe("returned");
    expect((await hr.run(() => listPendingReturns())).rows.map((r) => r.id)).not.toContain(id);
    await expect(hr.run(() => completeOffboardingTask({ taskId: id, trackingNumber: "1", receivedOn: "2026-11-20" }))).rejects.toMatchObject({ code: "conflict", key: "task_closed" });
  });

  it("a line decision needs lines:manage; porting out with an expired MNP reservation is refused and changes nothing", async () => {
    const id = await task("decide_line", esimId);
    await expect(hr.run(() => completeOffboardingTask({ taskId: id, decision: "suspend" }))).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      lineOperator.run(() => completeOffboardingTask({ taskId: id, decision: "port_out", mnpNumber: "0123456789", mnpExpiresOn: "2026-01-10" })),
    ).rejects.toMatchObject({ code: "invalid", field: expect.stringMatching(/mnp/i) });
    expect((await t.prisma.offboardingTask.findUniqueOrThrow({ where: { id } })).status).toBe("open");
    expect(await t.prisma.line.findUniqueOrThrow({ where: { id: esimId } })).toMatchObject({ status: "active", mnpNumber: null });
    // Cancelling before the statements are exported is refused too.
    await expect(lineOperator.run(() => completeOffboardingTask({ taskId: id, decision: "cancel" }))).rejects.toMatchObject({ code: "invalid" });
    expect((await t.prisma.line.findUniqueOrThrow({ where: { id: esimId } })).status).toBe("active");
  });

  it("with the statements exported the line is cancelled; the wipe needs both confirmations; when all are closed the case is complete", async () => {
    // Closed on a real download of the statement only, never on a note; billing may download it.
    await expect(hr.run(async () => completeOffboardingTask({ taskId: await task("export_statements", esimId), evidence: "出力しました" }))).rejects.toMatchObject({ field: "evidence", key: "statements_not_exported" });
    await expect(member.run(() => exportLineStatement({ id: esimId }))).rejects.toMatchObject({ code: "forbidden" });
    const statement = await billing.run(() => exportLineStatement({ id: esimId }));
    expect(statement.text).toContain("電話番号");
    await hr.run(async () => completeOffboardingTask({ taskId: await task("export_statements", esimId), evidence: "経理共有フォルダ/2026-11/090xxxx.csv" }));
    expect((await t.prisma.line.findUniqueOrThrow({ where: { id: esimId } })).statementsExportedAt).not.toBeNull();
    await lineOperator.run(async () => completeOffboardingTask({ taskId: await task("decide_line", esimId), decision: "cancel" }));
    expect((await t.prisma.line.findUniqueOrThrow({ where: { id: esimId } })).status).toBe("cancelled");

    await expect(hr.run(async () => completeOffboardingTask({ taskId: await task("wipe_device_credentials"), mailClientWiped: true }))).rejects.toMatchObject({ field: "appWiped", key: "confirm_both" });
    await hr.run(async () => completeOffboardingTask({ taskId: await task("wipe_device_credentials"), mailClientWiped: "on" as never, appWiped: "on" as never }));
    await hr.run(async () => completeOffboardingTask({ taskId: await task("delete_esim"), evidence: "OCN ポータルでプロファイル削除" }));
    await lineOperator.run(() => exportLineStatement({ id: physicalId }));
    await hr.run(async () => completeOffboardingTask({ taskId: await task("export_statements", physicalId), evidence: "経理共有フォルダ" }));
    expect((await t.prisma.offboardingCase.findUniqueOrThrow({ where: { id: caseId } })).status).toBe("in_progress");
    await expect(lineOperator.run(async () => skipOffboardingTask({ taskId: await task("decide_line", physicalId), note: "" }))).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["note"] })] });
    await lineOperator.run(async () => skipOffboardingTask({ taskId: await task("decide_line", physicalId), note: "SIM 返却済みの回線は別途解約済み" }));
    const done = await t.prisma.offboardingCase.findUniqueOrThrow({ where: { id: caseId } });
    expect(done.status).toBe("completed");
    expect(done.completedAt).not.toBeNull();
    const view = await hr.run(() => getOffboardingCase(caseId));
    expect(view.history.map((h) => h.action)).toEqual(expect.arrayContaining(["offboarding.started", "offboarding.task_completed", "offboarding.task_skipped", "offboarding.completed"]));
  });
});

describe("the SIM return period", () => {
  it("HR sets it (full-width digits too); out of range is refused and changes nothing; new cases use it", async () => {
    await expect(hr.run(() => updateSimReturnDays({ days: "０" }))).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["days"], message: "out_of_range" })] });
    await expect(member.run(() => updateSimReturnDays({ days: "7" }))).rejects.toMatchObject({ code: "forbidden" });
    expect((await t.prisma.organization.findUniqueOrThrow({ where: { id: org.id } })).simReturnDays).toBe(14);
    await hr.run(() => updateSimReturnDays({ days: "２１" }));
    const { person } = await leaverWithLines();
    const { caseId } = await hr.run(() => startOffboarding({ accountId: person.id, trigger: "leaving", timing: "now" }));
    const c = await t.prisma.offboardingCase.findUniqueOrThrow({ where: { id: caseId } });
    const ret = await t.prisma.offboardingTask.findFirstOrThrow({ where: { caseId, kind: "return_sim" } });
    expect(ret.dueAt.getTime() - c.effectiveAt.getTime()).toBe(21 * DAY);
    await hr.run(() => updateSimReturnDays({ days: 14 }));
    expect(await t.prisma.auditEvent.count({ where: { organizationId: org.id, action: "offboarding.settings_changed" } })).toBe(2);
  });
});

describe("proposals from the HR roster", () => {
  it("someone the roster marks as terminated, still able to sign in and without a case, is proposed until HR starts one", async () => {
    const person = await createAccount(t.prisma, { organizationId: org.id, employeeNumber: "E-LEAVE-1" });
    await t.prisma.hrRosterRecord.create({ data: { organizationId: org.id, employeeNumber: "E-LEAVE-1", name: "退職 予定", department: "営業部", employmentStatus: "terminated", terminationDate: new Date("2026-11-30") } });
    await t.prisma.hrRosterRecord.create({ data: { organizationId: other.id, employeeNumber: "E-LEAVE-1", name: "他社", department: "総務", employmentStatus: "terminated" } });
    const proposals = await hr.run(() => listProposedCases());
    expect(proposals.filter((p) => p.accountId === person.id)).toEqual([expect.objectContaining({ loginId: person.loginId, rosterName: "退職 予定" })]);
    await hr.run(() => startOffboarding({ accountId: person.id, trigger: "leaving", timing: "scheduled", effectiveAt: new Date(Date.now() + DAY).toISOString() }));
    expect((await hr.run(() => listProposedCases())).map((p) => p.accountId)).not.toContain(person.id);
    await expect(member.run(() => listProposedCases())).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("overdue tasks and device disposal", () => {
  it("an overdue task escalates once, by mail to the owners and the security contacts", async () => {
    const { person } = await leaverWithLines();
    const { caseId } = await hr.run(() => startOffboarding({ accountId: person.id, trigger: "leaving", timing: "now" }));
    const ret = await t.prisma.offboardingTask.findFirstOrThrow({ where: { caseId, kind: "return_sim" } });
    await t.prisma.offboardingTask.update({ where: { id: ret.id }, data: { dueAt: new Date(Date.now() - DAY) } });
    const mailsBefore = await t.prisma.mailMessage.count();
    expect(await escalateOverdueTasks(org.id)).toBe(1);
    const mails = await t.prisma.mailMessage.findMany({ where: { organizationId: org.id }, orderBy: { createdAt: "desc" }, take: 10 });
    const recipients = mails.filter((m) => m.subject.includes("SIM カードの返却")).map((m) => m.to);
    expect(recipients).toEqual(expect.arrayContaining([lineOperatorEmail, securityEmail]));
    expect((await t.prisma.offboardingTask.findUniqueOrThrow({ where: { id: ret.id } })).escalatedAt).not.toBeNull();
    const after = await t.prisma.mailMessage.count();
    expect(after).toBeGreaterThan(mailsBefore);
    expect(await escalateOverdueTasks(org.id)).toBe(0);
    expect(await t.prisma.mailMessage.count()).toBe(after);
    const view = await hr.run(() => getOffboardingCase(caseId));
    expect(view.case.tasks.find((x) => x.id === ret.id)).toMatchObject({ overdue: true, mayComplete: true });
  });

  it("a SIM retired outside offboarding gets its wipe and return tasks; the holder's account is untouched", async () => {
    const holder = await createAccount(t.prisma, { organizationId: org.id });
    const line = await createLine(t.prisma, { organizationId: org.id, assignedAccountId: holder.id, simType: "physical" });
    await expect(hr.run(() => startDeviceDisposal({ lineId: line.id }))).rejects.toMatchObject({ code: "forbidden" });
    const { caseId } = await lineOperator.run(() => startDeviceDisposal({ lineId: line.id, note: "端末故障" }));
    expect((await tasksOf(caseId)).map((x) => x.kind).sort()).toEqual(["return_sim", "wipe_device_credentials"]);
    expect(await t.prisma.account.findUniqueOrThrow({ where: { id: holder.id } })).toMatchObject({ status: "active", accessEndsAt: null });
    await expect(lineOperator.run(() => startDeviceDisposal({ lineId: line.id }))).rejects.toMatchObject({ code: "conflict", key: "disposal_open" });
  });
});
