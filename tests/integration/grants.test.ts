import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grantRole, previewRoleGrant } from "@/lib/server/access/grant-role";
import { revokeGrant } from "@/lib/server/access/revoke-grant";
import { sweepExpiredGrants } from "@/lib/server/access/sweep-expired-grants";
import { authorize } from "@/lib/server/authorize";
import { decideChangeRequest } from "@/lib/server/requests/decide-change-request";
import { fileChangeRequest } from "@/lib/server/requests/file-change-request";
import { createAccount, createOrganization } from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { signedIn } from "@/tests/support/session";

let t: TestDatabase;
let org: Awaited<ReturnType<typeof createOrganization>>;
let other: Awaited<ReturnType<typeof createOrganization>>;
let orgAdmin: Awaited<ReturnType<typeof signedIn>>;
let accountAdmin: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  t = await openTestDatabase();
  org = await createOrganization(t.prisma);
  other = await createOrganization(t.prisma);
  const o = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["org_admin"] });
  const a = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["account_admin"] });
  orgAdmin = await signedIn(o.loginId, o.password);
  accountAdmin = await signedIn(a.loginId, a.password);
});
afterAll(() => t.drop());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const grantCount = () => t.prisma.roleGrant.count();

describe("time-limited grants", () => {
  it("a contractor's grant ends at its end time with no job; the sweeper records it once and tells holder and granter", async () => {
    const contractor = await createAccount(t.prisma, { organizationId: org.id, kind: "contractor", contractorCompany: "株式会社サンプル" });
    await expect(orgAdmin.run(() => grantRole({ accountId: contractor.id, roleId: org.roleIds.line_operator, reason: "回線入替え" }))).rejects.toMatchObject({ code: "invalid", field: "endsAt" });
    const endsAt = new Date(Date.now() + 4000);
    await orgAdmin.run(() => grantRole({ accountId: contractor.id, roleId: org.roleIds.line_operator, endsAt: endsAt.toISOString(), reason: "回線入替え" }));
    const session = await signedIn(contractor.loginId, contractor.password);
    await expect(session.run(() => authorize("lines", "manage"))).resolves.toBeTruthy();
    expect(await sweepExpiredGrants()).toEqual({ recorded: 0, skipped: false });
    await sleep(endsAt.getTime() - Date.now() + 50);
    await expect(session.run(() => authorize("lines", "manage"))).rejects.toMatchObject({ code: "forbidden" });
    const mailBefore = await t.prisma.mailMessage.count();
    expect(await sweepExpiredGrants()).toEqual({ recorded: 1, skipped: false });
    expect(await sweepExpiredGrants()).toEqual({ recorded: 0, skipped: false });
    const events = await t.prisma.auditEvent.findMany({ where: { targetId: contractor.id, action: "grant.expired" }, select: { actorLabel: true, details: true } });
    expect(events).toMatchObject([{ actorLabel: "system", details: { role: "line_operator", endsAt: endsAt.toISOString() } }]);
    expect(await t.prisma.mailMessage.count()).toBe(mailBefore + 2);
  });

  it("an end time in the past is refused by name", async () => {
    const member = await createAccount(t.prisma, { organizationId: org.id });
    await expect(orgAdmin.run(() => grantRole({ accountId: member.id, roleId: org.roleIds.hr, endsAt: "2020-01-01T09:00", reason: "x" }))).rejects.toMatchObject({ field: "endsAt" });
  });
});

describe("who may grant what", () => {
  it("nobody grants to themselves, above their own permissions, or into another organization; a reason is required", async () => {
    const member = await createAccount(t.prisma, { organizationId: org.id });
    const stranger = await createAccount(t.prisma, { organizationId: other.id });
    const lines = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["line_operator"] });
    const lineSession = await signedIn(lines.loginId, lines.password);
    const before = await grantCount();
    await expect(orgAdmin.run(() => grantRole({ accountId: orgAdmin.accountId, roleId: org.roleIds.hr, reason: "x" }))).rejects.toMatchObject({ code: "forbidden" });
    await expect(accountAdmin.run(() => grantRole({ accountId: member.id, roleId: org.roleIds.line_operator, reason: "x" }))).rejects.toMatchObject({ code: "forbidden", field: "roleId" });
    await expect(orgAdmin.run(() => grantRole({ accountId: stranger.id, roleId: org.roleIds.hr, reason: "x" }))).rejects.toMatchObject({ code: "not_found" });
    await expect(orgAdmin.run(() => grantRole({ accountId: member.id, roleId: other.roleIds.hr, reason: "x" }))).rejects.toMatchObject({ code: "not_found" });
    await expect(orgAdmin.run(() => grantRole({ accountId: member.id, roleId: org.roleIds.hr, reason: "  " }))).rejects.toThrow();
    await expect(lineSession.run(() => grantRole({ accountId: member.id, roleId: org.roleIds.member, reason: "x" }))).rejects.toMatchObject({ code: "forbidden" });
    expect(await grantCount()).toBe(before);
  });

  it("a revoked grant stops counting at the holder's next request; revoking is audited and scoped to the organization", async () => {
    const member = await createAccount(t.prisma, { organizationId: org.id });
    const { grantId } = await orgAdmin.run(() => grantRole({ accountId: member.id, roleId: org.roleIds.hr, reason: "人事異動の対応" }));
    const session = await signedIn(member.loginId, member.password);
    await expect(session.run(() => authorize("offboarding", "manage"))).resolves.toBeTruthy();
    const stranger = await createAccount(t.prisma, { organizationId: other.id, roleKeys: ["org_admin"] });
    const strangerSession = await signedIn(stranger.loginId, stranger.password);
    await expect(strangerSession.run(() => revokeGrant({ grantId }))).rejects.toMatchObject({ code: "not_found" });
    await orgAdmin.run(() => revokeGrant({ grantId, reason: "異動取消" }));
    await expect(session.run(() => authorize("offboarding", "manage"))).rejects.toMatchObject({ code: "forbidden" });
    await expect(orgAdmin.run(() => revokeGrant({ grantId }))).rejects.toMatchObject({ code: "conflict" });
    expect(await t.prisma.auditEvent.count({ where: { targetId: member.id, action: { in: ["grant.created", "grant.revoked"] } } })).toBe(2);
  });
});

describe("separation of duties when granting", () => {
  it("a grant into a conflict is refused where the organization allows no exception, and nothing is written", async () => {
    const auditor = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["security_auditor"] });
    expect(await orgAdmin.run(() => previewRoleGrant({ accountId: auditor.id, roleId: org.roleIds.account_admin }))).toMatchObject({ conflicts: [{ name: "audit_vs_accounts" }], overrideAllowed: false });
    const before = await grantCount();
    await expect(orgAdmin.run(() => grantRole({ accountId: auditor.id, roleId: org.roleIds.account_admin, reason: "兼務", justification: "少人数のため" }))).rejects.toMatchObject({ code: "conflict" });
    expect(await grantCount()).toBe(before);
  });

  it("where exceptions are allowed, a written justification is required and kept on the grant and in the log", async () => {
    await t.prisma.organization.update({ where: { id: org.id }, data: { sodOverrideAllowed: true } });
    try {
      const billing = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["billing_manager"] });
      await expect(orgAdmin.run(() => grantRole({ accountId: billing.id, roleId: org.roleIds.line_operator, reason: "兼務" }))).rejects.toMatchObject({ code: "invalid", field: "justification" });
      const { grantId } = await orgAdmin.run(() => grantRole({ accountId: billing.id, roleId: org.roleIds.line_operator, reason: "兼務", justification: "12 月の繁忙期のみ、部長承認済み" }));
      expect(await t.prisma.roleGrant.findUniqueOrThrow({ where: { id: grantId }, select: { sodJustification: true } })).toEqual({ sodJustification: "12 月の繁忙期のみ、部長承認済み" });
      const [event] = await t.prisma.auditEvent.findMany({ where: { targetId: billing.id, action: "grant.created" }, select: { details: true } });
      expect(event?.details).toMatchObject({ sodConflicts: ["billing_vs_lines"], justification: "12 月の繁忙期のみ、部長承認済み" });
    } finally {
      await t.prisma.organization.update({ where: { id: org.id }, data: { sodOverrideAllowed: false } });
    }
  });

  it("the org admin role holds everything by definition and is outside the rules", async () => {
    const auditor = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["security_auditor"] });
    await expect(orgAdmin.run(() => grantRole({ accountId: auditor.id, roleId: org.roleIds.org_admin, reason: "管理者の交代" }))).resolves.toHaveProperty("grantId");
  });
});

describe("a role grant as a four-eyes request", () => {
  it("an account admin requests a role above its own permissions; an org admin approves and the grant applies with the request's reason", async () => {
    const member = await createAccount(t.prisma, { organizationId: org.id });
    const request = await accountAdmin.run(() =>
      fileChangeRequest({ kind: "role_grant", targetId: member.id, payload: { roleId: org.roleIds.line_operator, endsAt: null }, reason: "回線の棚卸しを担当するため" }),
    );
    expect(await t.prisma.roleGrant.count({ where: { accountId: member.id, roleId: org.roleIds.line_operator } })).toBe(0);
    await expect(accountAdmin.run(() => decideChangeRequest({ id: request.id, decision: "approve" }))).rejects.toMatchObject({ code: "forbidden" });
    await orgAdmin.run(() => decideChangeRequest({ id: request.id, decision: "approve" }));
    const grant = await t.prisma.roleGrant.findFirstOrThrow({ where: { accountId: member.id, roleId: org.roleIds.line_operator }, select: { grantedById: true, reason: true } });
    expect(grant).toEqual({ grantedById: orgAdmin.accountId, reason: "回線の棚卸しを担当するため" });
    const [event] = await t.prisma.auditEvent.findMany({ where: { targetId: member.id, action: "grant.created" }, select: { details: true } });
    expect(event?.details).toMatchObject({ requestId: request.id });
  });

  it("a request into a separation-of-duty conflict is refused at filing where no exception is allowed", async () => {
    const auditor = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["security_auditor"] });
    const before = await t.prisma.changeRequest.count();
    await expect(
      accountAdmin.run(() => fileChangeRequest({ kind: "role_grant", targetId: auditor.id, payload: { roleId: org.roleIds.account_admin, endsAt: null }, reason: "兼務" })),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await t.prisma.changeRequest.count()).toBe(before);
  });
});
