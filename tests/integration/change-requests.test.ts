import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBillingProfile } from "@/lib/server/billing/get-billing-profile";
import { requestBillingProfileChange } from "@/lib/server/billing/request-billing-profile-change";
import { updateBillingProfile } from "@/lib/server/billing/update-billing-profile";
import { getLineOrThrow } from "@/lib/server/lines/get-line-or-throw";
import { listLines } from "@/lib/server/lines/list-lines";
import { requestLineSettingsChange } from "@/lib/server/lines/request-line-settings-change";
import { updateLineSettings } from "@/lib/server/lines/update-line-settings";
import { cancelChangeRequest } from "@/lib/server/requests/cancel-change-request";
import { decideChangeRequest } from "@/lib/server/requests/decide-change-request";
import { fileChangeRequest } from "@/lib/server/requests/file-change-request";
import { getChangeRequestOrThrow } from "@/lib/server/requests/get-change-request-or-throw";
import { listChangeRequests } from "@/lib/server/requests/list-change-requests";
import { createAccount, createLine, createOrganization } from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { signedIn } from "@/tests/support/session";

type Session = Awaited<ReturnType<typeof signedIn>>;

let t: TestDatabase;
let org: Awaited<ReturnType<typeof createOrganization>>;
let requester: Session; // account_admin: lines:request
let operator: Session; // line_operator: lines:manage, billing:request
let billingManager: Session; // billing_manager: billing:manage, lines:view
let orgAdmin: Session; // org_admin: everything at manage
let member: Session; // no permissions
let emails: Record<"requester" | "operator" | "billingManager" | "orgAdmin", string>;
let strangerAdmin: Session;
let strangerLineId: string;

const settings = { plan: "OCNモバイル 10GB", dataAllowanceGb: "10", internationalRoaming: "false", costCenter: "営業部" };
const newLine = () => createLine(t.prisma, { organizationId: org.id, plan: "OCNモバイル 10GB", dataAllowanceGb: 10, costCenter: "営業部" });
const lineOf = (id: string) =>
  t.prisma.line.findUniqueOrThrow({ where: { id }, select: { plan: true, dataAllowanceGb: true, internationalRoaming: true, costCenter: true } });
const requestOf = (id: string) => t.prisma.changeRequest.findUniqueOrThrow({ where: { id } });
const events = (action: string, targetId: string) =>
  t.prisma.auditEvent.findMany({ where: { action, targetId }, orderBy: { id: "asc" }, select: { actorId: true, reason: true, details: true, targetLabel: true } });
const mailsTo = (to: string, subject: string) => t.prisma.mailMessage.count({ where: { to, subject: { contains: subject } } });

beforeAll(async () => {
  t = await openTestDatabase();
  org = await createOrganization(t.prisma);
  const make = async (roleKeys: Parameters<typeof createAccount>[1]["roleKeys"]) => {
    const a = await createAccount(t.prisma, { organizationId: org.id, roleKeys });
    return { session: await signedIn(a.loginId, a.password), email: a.loginId };
  };
  const r = await make(["account_admin"]);
  const o = await make(["line_operator"]);
  const b = await make(["billing_manager"]);
  const g = await make(["org_admin"]);
  member = (await make(["member"])).session;
  [requester, operator, billingManager, orgAdmin] = [r.session, o.session, b.session, g.session];
  emails = { requester: r.email, operator: o.email, billingManager: b.email, orgAdmin: g.email };

  const other = await createOrganization(t.prisma);
  const s = await createAccount(t.prisma, { organizationId: other.id, roleKeys: ["org_admin"] });
  strangerAdmin = await signedIn(s.loginId, s.password);
  strangerLineId = (await createLine(t.prisma, { organizationId: other.id })).id;
});
afterAll(() => t.drop());

describe("a line settings change request", () => {
  it("is filed with its diff and audited, the approvers are mailed, and approval applies it", async () => {
    const line = await newLine();
    const filed = await requester.run(() =>
      requestLineSettingsChange({ id: line.id, ...settings, internationalRoaming: "true", costCenter: "海外営業部", reason: "シンガポール出張のため" }),
    );
    const stored = await requestOf(filed.id);
    expect(stored).toMatchObject({ status: "pending", domain: "lines", kind: "line_settings", targetType: "line", targetId: line.id, reason: "シンガポール出張のため", requestedById: requester.accountId });
    expect(stored.diff).toEqual({
      targetLabel: line.phoneNumber,
      changes: [
        { field: "internationalRoaming", before: false, after: true },
        { field: "costCenter", before: "営業部", after: "海外営業部" },
      ],
    });
    expect(await lineOf(line.id)).toMatchObject({ internationalRoaming: false, costCenter: "営業部" });
    const [filedEvent] = await events("request.filed", line.id);
    expect(filedEvent).toMatchObject({ actorId: requester.accountId, reason: "シンガポール出張のため", targetLabel: line.phoneNumber, details: { requestId: filed.id } });
    // Those who hold lines:manage hear of it; the requester and those without lines:manage do not.
    expect(await mailsTo(emails.operator, line.phoneNumber)).toBe(1);
    expect(await mailsTo(emails.orgAdmin, line.phoneNumber)).toBe(1);
    expect(await mailsTo(emails.requester, line.phoneNumber)).toBe(0);
    expect(await mailsTo(emails.billingManager, line.phoneNumber)).toBe(0);

    const result = await operator.run(() => decideChangeRequest({ id: filed.id, decision: "approve", note: "承認します" }));
    expect(result.status).toBe("approved");
    expect(await lineOf(line.id)).toMatchObject({ internationalRoaming: true, costCenter: "海外営業部", plan: "OCNモバイル 10GB", dataAllowanceGb: 10 });
    const decided = await requestOf(filed.id);
    expect(decided).toMatchObject({ status: "approved", decidedById: operator.accountId, decisionNote: "承認します" });
    expect(decided.decidedAt).toBeInstanceOf(Date);
    expect(decided.appliedAt).toBeInstanceOf(Date);
    const [approved] = await events("request.approved", line.id);
    expect(approved).toMatchObject({ actorId: operator.accountId, details: { requestId: filed.id, after: { status: "approved" } } });
    const [changed] = await events("line.settings_changed", line.id);
    expect(changed).toMatchObject({
      actorId: operator.accountId,
      reason: "シンガポール出張のため",
      details: { requestId: filed.id, before: { internationalRoaming: false, costCenter: "営業部" }, after: { internationalRoaming: true, costCenter: "海外営業部" } },
    });
    expect(await t.prisma.mailMessage.count({ where: { to: emails.requester, subject: { contains: "承認されました" } } })).toBeGreaterThanOrEqual(1);
    await expect(orgAdmin.run(() => decideChangeRequest({ id: filed.id, decision: "approve" }))).rejects.toMatchObject({ code: "conflict" });
  });

  it("cannot be approved by its own requester, even one who holds manage", async () => {
    const line = await newLine();
    const filed = await orgAdmin.run(() => requestLineSettingsChange({ id: line.id, ...settings, dataAllowanceGb: "20", reason: "容量不足" }));
    await expect(orgAdmin.run(() => decideChangeRequest({ id: filed.id, decision: "approve" }))).rejects.toMatchObject({
      code: "forbidden",
      message: "You cannot approve your own request.",
    });
    expect(await lineOf(line.id)).toMatchObject({ dataAllowanceGb: 10 });
    expect((await requestOf(filed.id)).status).toBe("pending");
    expect(await mailsTo(emails.orgAdmin, line.phoneNumber)).toBe(0);
    await operator.run(() => decideChangeRequest({ id: filed.id, decision: "approve" }));
    expect(await lineOf(line.id)).toMatchObject({ dataAllowanceGb: 10 + 10 });
  });

  it("cannot be decided without lines:manage", async () => {
    const line = await newLine();
    const filed = await requester.run(() => requestLineSettingsChange({ id: line.id, ...settings, plan: "OCNモバイル 20GB", reason: "業務量増" }));
    await expect(billingManager.run(() => decideChangeRequest({ id: filed.id, decision: "approve" }))).rejects.toMatchObject({ code: "forbidden" });
    await expect(billingManager.run(() => decideChangeRequest({ id: filed.id, decision: "reject", note: "不要" }))).rejects.toMatchObject({ code: "forbidden" });
    // Someone who cannot even view lines does not learn the request exists.
    await expect(member.run(() => decideChangeRequest({ id: filed.id, decision: "approve" }))).rejects.toMatchObject({ code: "not_found" });
    await expect(member.run(() => getChangeRequestOrThrow({ id: filed.id }))).rejects.toMatchObject({ code: "not_found" });
    expect(await requestOf(filed.id)).toMatchObject({ status: "pending", decidedById: null });
    expect(await lineOf(line.id)).toMatchObject({ plan: "OCNモバイル 10GB" });
  });

  it("when rejected leaves the line unchanged, needs a reason and tells the requester", async () => {
    const line = await newLine();
    const filed = await requester.run(() => requestLineSettingsChange({ id: line.id, ...settings, plan: "OCNモバイル 30GB", dataAllowanceGb: "30", reason: "動画会議が多い" }));
    await expect(operator.run(() => decideChangeRequest({ id: filed.id, decision: "reject" }))).rejects.toMatchObject({ code: "invalid", field: "note" });
    await operator.run(() => decideChangeRequest({ id: filed.id, decision: "reject", note: "20GB で足ります" }));
    expect(await requestOf(filed.id)).toMatchObject({ status: "rejected", decidedById: operator.accountId, decisionNote: "20GB で足ります", appliedAt: null });
    expect(await lineOf(line.id)).toMatchObject({ plan: "OCNモバイル 10GB", dataAllowanceGb: 10 });
    expect(await events("request.rejected", line.id)).toHaveLength(1);
    expect(await events("line.settings_changed", line.id)).toHaveLength(0);
    expect(await t.prisma.mailMessage.count({ where: { to: emails.requester, subject: { contains: "却下されました" } } })).toBeGreaterThanOrEqual(1);
    await expect(operator.run(() => decideChangeRequest({ id: filed.id, decision: "approve" }))).rejects.toMatchObject({ code: "conflict" });
  });

  it("whose line changed after filing is refused as a conflict instead of overwriting", async () => {
    const line = await newLine();
    const filed = await requester.run(() => requestLineSettingsChange({ id: line.id, ...settings, costCenter: "開発部", reason: "異動のため" }));
    await operator.run(() => updateLineSettings({ id: line.id, ...settings, costCenter: "経理部" }));
    const detail = await operator.run(() => getChangeRequestOrThrow({ id: filed.id }));
    expect(detail).toMatchObject({ staleFields: ["costCenter"], canDecide: true });
    await expect(operator.run(() => decideChangeRequest({ id: filed.id, decision: "approve" }))).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("has changed since this request was filed (costCenter)"),
    });
    expect(await lineOf(line.id)).toMatchObject({ costCenter: "経理部" });
    expect((await requestOf(filed.id)).status).toBe("pending");
    expect(await events("request.approved", line.id)).toHaveLength(0);
    // A change to another field does not make it stale.
    const second = await newLine();
    const other = await requester.run(() => requestLineSettingsChange({ id: second.id, ...settings, costCenter: "開発部", reason: "異動のため" }));
    await operator.run(() => updateLineSettings({ id: second.id, ...settings, internationalRoaming: "true" }));
    await operator.run(() => decideChangeRequest({ id: other.id, decision: "approve" }));
    expect(await lineOf(second.id)).toMatchObject({ costCenter: "開発部", internationalRoaming: true });
  });

  it("from another organization is not found", async () => {
    const line = await newLine();
    const filed = await requester.run(() => requestLineSettingsChange({ id: line.id, ...settings, internationalRoaming: "true", reason: "出張" }));
    await expect(strangerAdmin.run(() => getChangeRequestOrThrow({ id: filed.id }))).rejects.toMatchObject({ code: "not_found" });
    await expect(strangerAdmin.run(() => decideChangeRequest({ id: filed.id, decision: "approve" }))).rejects.toMatchObject({ code: "not_found" });
    await expect(strangerAdmin.run(() => cancelChangeRequest({ id: filed.id }))).rejects.toMatchObject({ code: "not_found" });
    expect((await strangerAdmin.run(() => listChangeRequests({ view: "all" }))).requests.map((r) => r.id)).not.toContain(filed.id);
    expect((await requestOf(filed.id)).status).toBe("pending");
    // Nor can a request be filed against, or a change made to, another organization's line.
    await expect(requester.run(() => requestLineSettingsChange({ id: strangerLineId, ...settings, internationalRoaming: "true", reason: "x" }))).rejects.toMatchObject({ code: "not_found" });
    await expect(operator.run(() => updateLineSettings({ id: strangerLineId, ...settings, internationalRoaming: "true" }))).rejects.toMatchObject({ code: "not_found" });
    await expect(operator.run(() => getLineOrThrow({ id: strangerLineId }))).rejects.toMatchObject({ code: "not_found" });
  });

  it("with a bad payload names the field and writes nothing", async () => {
    const line = await newLine();
    const before = await t.prisma.changeRequest.count();
    const eventsBefore = await t.prisma.auditEvent.count();
    await expect(requester.run(() => requestLineSettingsChange({ id: line.id, ...settings, dataAllowanceGb: "十", reason: "x" }))).rejects.toMatchObject({
      code: "invalid",
      field: "dataAllowanceGb",
      message: "not_a_number",
    });
    await expect(requester.run(() => requestLineSettingsChange({ id: line.id, ...settings, dataAllowanceGb: "5000", reason: "x" }))).rejects.toMatchObject({
      field: "dataAllowanceGb",
      message: "out_of_range",
    });
    await expect(requester.run(() => requestLineSettingsChange({ id: line.id, ...settings, plan: " ", reason: "x" }))).rejects.toMatchObject({ field: "plan", message: "required" });
    await expect(requester.run(() => requestLineSettingsChange({ id: line.id, ...settings, internationalRoaming: "true", reason: "  " }))).rejects.toMatchObject({
      field: "reason",
      message: "required",
    });
    await expect(
      requester.run(() => fileChangeRequest({ kind: "line_settings", targetId: line.id, payload: { ...settings, internationalRoaming: "maybe" }, reason: "x" })),
    ).rejects.toMatchObject({ code: "invalid", field: "payload.internationalRoaming" });
    await expect(requester.run(() => fileChangeRequest({ kind: "no_such_kind", targetId: line.id, payload: {}, reason: "x" }))).rejects.toMatchObject({ code: "invalid", field: "kind" });
    await expect(operator.run(() => updateLineSettings({ id: line.id, ...settings, costCenter: "x".repeat(101) }))).rejects.toMatchObject({ field: "costCenter", message: "too_long" });
    expect(await t.prisma.changeRequest.count()).toBe(before);
    expect(await t.prisma.auditEvent.count()).toBe(eventsBefore);
    expect(await lineOf(line.id)).toMatchObject({ costCenter: "営業部", dataAllowanceGb: 10 });
  });

  it("is one at a time per line, and must change something", async () => {
    const line = await newLine();
    await expect(requester.run(() => requestLineSettingsChange({ id: line.id, ...settings, dataAllowanceGb: "１０", reason: "同じ" }))).rejects.toMatchObject({ code: "invalid" });
    const first = await requester.run(() => requestLineSettingsChange({ id: line.id, ...settings, internationalRoaming: "true", reason: "出張" }));
    await expect(orgAdmin.run(() => requestLineSettingsChange({ id: line.id, ...settings, plan: "OCNモバイル 3GB", reason: "節約" }))).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("already waiting for approval"),
    });
    const pending = await operator.run(() => getLineOrThrow({ id: line.id }));
    expect(pending.pendingRequest).toMatchObject({ id: first.id, isMine: false });
    // Once it is cancelled, a new one may be filed; the cancelled one can no longer be approved.
    await expect(operator.run(() => cancelChangeRequest({ id: first.id }))).rejects.toMatchObject({ code: "forbidden" });
    await requester.run(() => cancelChangeRequest({ id: first.id }));
    expect(await requestOf(first.id)).toMatchObject({ status: "cancelled" });
    expect(await events("request.cancelled", line.id)).toHaveLength(1);
    await expect(operator.run(() => decideChangeRequest({ id: first.id, decision: "approve" }))).rejects.toMatchObject({ code: "conflict" });
    await expect(requester.run(() => cancelChangeRequest({ id: first.id }))).rejects.toMatchObject({ code: "conflict" });
    await orgAdmin.run(() => requestLineSettingsChange({ id: line.id, ...settings, plan: "OCNモバイル 3GB", reason: "節約" }));
  });
});

describe("at the same moment", () => {
  it("two filings on one line leave one request, and two approvals of it apply it once", async () => {
    const line = await newLine();
    const filings = await Promise.allSettled([
      requester.run(() => requestLineSettingsChange({ id: line.id, ...settings, internationalRoaming: "true", reason: "同時 1" })),
      requester.run(() => requestLineSettingsChange({ id: line.id, ...settings, costCenter: "総務部", reason: "同時 2" })),
    ]);
    expect(filings.map((f) => f.status).sort()).toEqual(["fulfilled", "rejected"]);
    const filed = (filings.find((f) => f.status === "fulfilled") as PromiseFulfilledResult<{ id: string }>).value;
    expect(await t.prisma.changeRequest.count({ where: { targetId: line.id, status: "pending" } })).toBe(1);
    const approvals = await Promise.allSettled([
      operator.run(() => decideChangeRequest({ id: filed.id, decision: "approve" })),
      orgAdmin.run(() => decideChangeRequest({ id: filed.id, decision: "approve" })),
    ]);
    expect(approvals.map((a) => a.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await events("line.settings_changed", line.id)).toHaveLength(1);
    expect(await events("request.approved", line.id)).toHaveLength(1);
  });
});

describe("the direct path", () => {
  it("lets lines:manage change a line at once, audited, and writes nothing when nothing changes", async () => {
    const line = await newLine();
    const result = await operator.run(() => updateLineSettings({ id: line.id, ...settings, plan: "ＯＣＮモバイル 20GB", dataAllowanceGb: "２０", reason: "増量" }));
    expect(result).toMatchObject({ changed: true, targetLabel: line.phoneNumber });
    expect(await lineOf(line.id)).toMatchObject({ plan: "OCNモバイル 20GB", dataAllowanceGb: 20 });
    const [event] = await events("line.settings_changed", line.id);
    expect(event).toMatchObject({ actorId: operator.accountId, reason: "増量", details: { before: { plan: "OCNモバイル 10GB", dataAllowanceGb: 10 }, after: { plan: "OCNモバイル 20GB", dataAllowanceGb: 20 } } });
    expect(await operator.run(() => updateLineSettings({ id: line.id, ...settings, plan: "OCNモバイル 20GB", dataAllowanceGb: "20" }))).toMatchObject({ changed: false });
    expect(await events("line.settings_changed", line.id)).toHaveLength(1);
    expect(await t.prisma.changeRequest.count({ where: { targetId: line.id } })).toBe(0);
  });

  it("is refused to those who may only request, and the request form to those who may only view", async () => {
    const line = await newLine();
    await expect(requester.run(() => updateLineSettings({ id: line.id, ...settings, internationalRoaming: "true" }))).rejects.toMatchObject({ code: "forbidden" });
    await expect(billingManager.run(() => requestLineSettingsChange({ id: line.id, ...settings, internationalRoaming: "true", reason: "x" }))).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(member.run(() => listLines({}))).rejects.toMatchObject({ code: "forbidden" });
    expect(await lineOf(line.id)).toMatchObject({ internationalRoaming: false });
    expect(await t.prisma.changeRequest.count({ where: { targetId: line.id } })).toBe(0);
  });
});

describe("the billing profile", () => {
  it("is requested by billing:request, approved by billing:manage, and changed directly by billing:manage", async () => {
    expect((await billingManager.run(() => getBillingProfile())).profile).toBeNull();
    const profile = { recipientName: "株式会社テスト 経理部御中", recipientDepartment: "経理部", invoiceEmail: "keiri@example.jp" };
    await expect(operator.run(() => requestBillingProfileChange({ ...profile, invoiceEmail: "keiri-at-example", reason: "初回登録" }))).rejects.toMatchObject({
      field: "invoiceEmail",
      message: "invalid_email",
    });
    await expect(operator.run(() => updateBillingProfile(profile))).rejects.toMatchObject({ code: "forbidden" });
    const filed = await operator.run(() => requestBillingProfileChange({ ...profile, reason: "初回登録" }));
    expect(await mailsTo(emails.billingManager, "請求書送付先の変更")).toBe(1);
    expect(await mailsTo(emails.operator, "請求書送付先の変更")).toBe(0);
    // Who may view lines but not billing sees nothing of it.
    await expect(requester.run(() => getChangeRequestOrThrow({ id: filed.id }))).rejects.toMatchObject({ code: "not_found" });
    await billingManager.run(() => decideChangeRequest({ id: filed.id, decision: "approve" }));
    expect(await t.prisma.billingProfile.findUniqueOrThrow({ where: { organizationId: org.id } })).toMatchObject(profile);

    const direct = await billingManager.run(() => updateBillingProfile({ ...profile, recipientDepartment: "", invoiceEmail: "seikyu@example.jp", reason: "窓口変更" }));
    expect(direct.changes).toEqual([
      { field: "recipientDepartment", before: "経理部", after: null },
      { field: "invoiceEmail", before: "keiri@example.jp", after: "seikyu@example.jp" },
    ]);
    expect(await t.prisma.billingProfile.findUniqueOrThrow({ where: { organizationId: org.id } })).toMatchObject({ recipientDepartment: null, invoiceEmail: "seikyu@example.jp" });
    expect(await events("billing.profile_changed", org.id)).toHaveLength(2);
    await expect(requester.run(() => getBillingProfile())).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("the list of requests", () => {
  it("shows what waits for me, what I filed, and everything I may see", async () => {
    const line = await newLine();
    const mine = await requester.run(() => requestLineSettingsChange({ id: line.id, ...settings, internationalRoaming: "true", reason: "一覧確認" }));
    const forOperator = await operator.run(() => listChangeRequests({ view: "decide" }));
    expect(forOperator.requests.map((r) => r.id)).toContain(mine.id);
    expect(forOperator.requests.every((r) => r.status === "pending")).toBe(true);
    expect(forOperator.requests.find((r) => r.id === mine.id)).toMatchObject({ kind: "line_settings", targetLabel: line.phoneNumber, changedFields: 1 });
    expect((await requester.run(() => listChangeRequests({ view: "decide" }))).requests.map((r) => r.id)).not.toContain(mine.id);
    const filedByMe = await requester.run(() => listChangeRequests({ view: "mine" }));
    expect(filedByMe.requests.map((r) => r.id)).toContain(mine.id);
    expect(filedByMe.requests.every((r) => r.requester === filedByMe.requests[0]!.requester)).toBe(true);
    // billing_manager views lines but does not manage them: visible under "all", not to decide.
    expect((await billingManager.run(() => listChangeRequests({ view: "decide" }))).requests.map((r) => r.id)).not.toContain(mine.id);
    expect((await billingManager.run(() => listChangeRequests({ view: "all" }))).requests.map((r) => r.id)).toContain(mine.id);
    // account_admin does not view billing: the billing requests are not in their "all".
    const all = await requester.run(() => listChangeRequests({ view: "all" }));
    expect(all.requests.some((r) => r.kind === "billing_profile")).toBe(false);
    expect((await member.run(() => listChangeRequests({}))).total).toBe(0);
    expect((await operator.run(() => listChangeRequests({ view: "all", status: "cancelled" }))).requests.every((r) => r.status === "cancelled")).toBe(true);
  });
});
