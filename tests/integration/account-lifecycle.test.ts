import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptInvitation, findInvitation } from "@/lib/server/accounts/accept-invitation";
import { inviteAccount } from "@/lib/server/accounts/invite-account";
import { reactivateAccount } from "@/lib/server/accounts/reactivate-account";
import { resendInvitation } from "@/lib/server/accounts/resend-invitation";
import { suspendAccount } from "@/lib/server/accounts/suspend-account";
import { updateAccount } from "@/lib/server/accounts/update-account";
import { authorize } from "@/lib/server/authorize";
import { runWithSession } from "@/lib/server/session";
import { signIn } from "@/lib/server/sign-in/sign-in";
import { createAccount, createDepartment, createOrganization } from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { passSecondFactor, signedIn } from "@/tests/support/session";

let t: TestDatabase;
let org: Awaited<ReturnType<typeof createOrganization>>;
let other: Awaited<ReturnType<typeof createOrganization>>;
let admin: Awaited<ReturnType<typeof signedIn>>;
let lineOperator: Awaited<ReturnType<typeof signedIn>>;
let orgAdmin: Awaited<ReturnType<typeof signedIn>>;
const client = { ip: "192.0.2.10", userAgent: "vitest" };
const NEW_PASSWORD = "Umi-no-Hi-Sakura-2026";

beforeAll(async () => {
  t = await openTestDatabase();
  org = await createOrganization(t.prisma);
  other = await createOrganization(t.prisma);
  const a = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["account_admin"] });
  const l = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["line_operator"] });
  admin = await signedIn(a.loginId, a.password);
  lineOperator = await signedIn(l.loginId, l.password);
  const o = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["org_admin"] });
  orgAdmin = await signedIn(o.loginId, o.password);
});
afterAll(() => t.drop());

/** The one-time link in the newest mail to that address. */
async function linkTokenFor(to: string): Promise<string> {
  const mail = await t.prisma.mailMessage.findFirstOrThrow({ where: { to }, orderBy: { createdAt: "desc" } });
  const match = /\/sign-in\/invitation\/([A-Za-z0-9_-]+)/.exec(mail.body);
  if (!match?.[1]) throw new Error(`no invitation link in: ${mail.body}`);
  return match[1];
}

const counts = async () => ({
  accounts: await t.prisma.account.count(),
  audit: await t.prisma.auditEvent.count(),
  mail: await t.prisma.mailMessage.count(),
  invitations: await t.prisma.invitation.count(),
  grants: await t.prisma.roleGrant.count(),
});

describe("invitation", () => {
  it("invites with a mailed link; the invitee sets a password, enrols TOTP at first sign-in and holds only the granted role", async () => {
    const department = await createDepartment(t.prisma, { organizationId: org.id });
    // An account admin cannot hand out line management, which it does not hold itself; an org admin can.
    await expect(admin.run(() => inviteAccount({ loginId: "sato.hanako@example.jp", displayName: "佐藤 花子", email: "sato.hanako@example.jp", kind: "employee", roleId: org.roleIds.line_operator }))).rejects.toMatchObject({ code: "forbidden", field: "roleId" });
    const { id } = await orgAdmin.run(() =>
      inviteAccount({ loginId: "ＳＡＴＯ．ＨＡＮＡＫＯ@example.jp", displayName: "佐藤 花子", nameKana: "サトウ ハナコ", email: "Sato.Hanako@Example.jp", employeeNumber: "ｅ１２３４５", departmentId: department.id, kind: "employee", roleId: org.roleIds.line_operator }),
    );
    const account = await t.prisma.account.findUniqueOrThrow({ where: { id }, select: { loginId: true, email: true, employeeNumber: true, status: true, passwordHash: true } });
    expect(account).toMatchObject({ loginId: "sato.hanako@example.jp", email: "sato.hanako@example.jp", employeeNumber: "E12345", status: "invited" });
    // Invited: not yet able to sign in.
    expect(await signIn({ loginId: "sato.hanako@example.jp", password: NEW_PASSWORD }, client)).toMatchObject({ kind: "refused" });

    const token = await linkTokenFor("sato.hanako@example.jp");
    expect(await findInvitation(token)).toMatchObject({ loginId: "sato.hanako@example.jp" });
    expect(await acceptInvitation(token, { password: "short", confirm: "short" }, client)).toMatchObject({ ok: false });
    // A refused password leaves the link usable.
    expect(await acceptInvitation(token, { password: NEW_PASSWORD, confirm: NEW_PASSWORD }, client)).toEqual({ ok: true, loginId: "sato.hanako@example.jp" });
    expect(await acceptInvitation(token, { password: NEW_PASSWORD, confirm: NEW_PASSWORD }, client)).toEqual({ ok: false, expired: true });

    const first = await signIn({ loginId: "sato.hanako@example.jp", password: NEW_PASSWORD }, client);
    expect(first).toMatchObject({ kind: "challenge", step: "enroll" });
    const outcome = await passSecondFactor(first, client);
    if (outcome.kind !== "session") throw new Error(`expected a session, got ${outcome.kind}`);
    const actor = await runWithSession(outcome.sessionId, () => authorize(), client.ip);
    expect(actor.permissions).toEqual({ lines: "manage", accounts: "view", billing: "request" });
    const actions = (await t.prisma.auditEvent.findMany({ where: { targetId: id }, orderBy: { id: "asc" }, select: { action: true } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["account.invited", "grant.created", "account.invitation_accepted"]));
  });

  it("a resent invitation replaces the earlier link", async () => {
    const { id } = await admin.run(() => inviteAccount({ loginId: "resend@example.jp", displayName: "再送 太郎", email: "resend@example.jp", kind: "employee" }));
    const firstToken = await linkTokenFor("resend@example.jp");
    await new Promise((r) => setTimeout(r, 5));
    await admin.run(() => resendInvitation({ id }));
    const secondToken = await linkTokenFor("resend@example.jp");
    expect(secondToken).not.toBe(firstToken);
    expect(await findInvitation(firstToken)).toBeNull();
    expect(await findInvitation(secondToken)).not.toBeNull();
  });

  it("one person, one ID: a taken OCN ID, mail or employee number is refused by name and nothing is written", async () => {
    const existing = await createAccount(t.prisma, { organizationId: org.id, employeeNumber: "E900001" });
    const before = await counts();
    await expect(admin.run(() => inviteAccount({ loginId: existing.loginId, displayName: "重複", email: "dup-1@example.jp", kind: "employee" }))).rejects.toMatchObject({ code: "conflict", field: "loginId" });
    await expect(admin.run(() => inviteAccount({ loginId: "dup-2@example.jp", displayName: "重複", email: existing.loginId.toUpperCase(), kind: "employee" }))).rejects.toMatchObject({ code: "conflict", field: "email" });
    await expect(admin.run(() => inviteAccount({ loginId: "dup-3@example.jp", displayName: "重複", email: "dup-3@example.jp", employeeNumber: "e900001", kind: "employee" }))).rejects.toMatchObject({ code: "conflict", field: "employeeNumber" });
    // A contractor's first role needs an end: the whole invitation rolls back.
    await expect(
      orgAdmin.run(() => inviteAccount({ loginId: "dup-4@example.jp", displayName: "委託 一郎", email: "dup-4@example.jp", kind: "contractor", contractorCompany: "株式会社サンプル", roleId: org.roleIds.line_operator })),
    ).rejects.toMatchObject({ field: "grantEndsAt" });
    expect(await counts()).toEqual(before);
  });

  it("the employee number of a disabled account can be reused; the database itself refuses two live ones", async () => {
    await createAccount(t.prisma, { organizationId: org.id, employeeNumber: "E900002", status: "disabled" });
    await admin.run(() => inviteAccount({ loginId: "rehire@example.jp", displayName: "再雇用 次郎", email: "rehire@example.jp", employeeNumber: "E900002", kind: "employee" }));
    await expect(createAccount(t.prisma, { organizationId: org.id, employeeNumber: "E900002" })).rejects.toThrow();
  });

  it("needs accounts:manage; bad input names the field", async () => {
    await expect(lineOperator.run(() => inviteAccount({ loginId: "x@example.jp", displayName: "x", email: "x@example.jp", kind: "employee" }))).rejects.toMatchObject({ code: "forbidden" });
    await expect(admin.run(() => inviteAccount({ loginId: "not valid id", displayName: "", email: "nope", kind: "employee" }))).rejects.toThrow();
  });
});

describe("edit, suspend and reactivate", () => {
  it("an edit records only the changed fields, before and after; another organization's account is not found", async () => {
    const member = await createAccount(t.prisma, { organizationId: org.id, displayName: "山田 太郎" });
    const { changed } = await admin.run(() => updateAccount({ id: member.id, displayName: "山田 太郎", email: member.loginId, kind: "employee", employeeNumber: "E777001", nameKana: "ヤマダ タロウ" }));
    expect(changed.sort()).toEqual(["employeeNumber", "nameKana"]);
    const [event] = await t.prisma.auditEvent.findMany({ where: { targetId: member.id, action: "account.updated" }, select: { details: true } });
    expect(event?.details).toMatchObject({ before: { nameKana: null }, after: { employeeNumber: "E777001", nameKana: "ヤマダ タロウ" } });
    const stranger = await createAccount(t.prisma, { organizationId: other.id });
    await expect(admin.run(() => updateAccount({ id: stranger.id, displayName: "x", email: "x@example.jp", kind: "employee" }))).rejects.toMatchObject({ code: "not_found" });
    await expect(lineOperator.run(() => updateAccount({ id: member.id, displayName: "x", email: member.loginId, kind: "employee" }))).rejects.toMatchObject({ code: "forbidden" });
  });

  it("a person with an open-ended role cannot become a contractor until the role has an end", async () => {
    const member = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["member", "line_operator"] });
    await expect(admin.run(() => updateAccount({ id: member.id, displayName: "委託", email: member.loginId, kind: "contractor", contractorCompany: "委託元" }))).rejects.toMatchObject({ field: "kind" });
  });

  it("suspension ends the open session and refuses sign-in; reactivation restores it; both audited", async () => {
    const member = await createAccount(t.prisma, { organizationId: org.id });
    const session = await signedIn(member.loginId, member.password);
    await admin.run(() => suspendAccount({ id: member.id, reason: "休職" }));
    await expect(session.run(() => authorize())).rejects.toMatchObject({ code: "unauthenticated" });
    expect(await signIn({ loginId: member.loginId, password: member.password }, client)).toMatchObject({ kind: "refused" });
    await expect(admin.run(() => suspendAccount({ id: member.id }))).rejects.toMatchObject({ code: "conflict" });
    await admin.run(() => reactivateAccount({ id: member.id }));
    expect((await signIn({ loginId: member.loginId, password: member.password }, client)).kind).toBe("challenge");
    const events = await t.prisma.auditEvent.findMany({ where: { targetId: member.id, action: { in: ["account.suspended", "account.reactivated"] } }, orderBy: { id: "asc" }, select: { action: true, details: true } });
    expect(events).toMatchObject([
      { action: "account.suspended", details: { before: { status: "active" }, after: { status: "suspended" } } },
      { action: "account.reactivated", details: { before: { status: "suspended" }, after: { status: "active" } } },
    ]);
    await expect(admin.run(() => suspendAccount({ id: admin.accountId }))).rejects.toMatchObject({ code: "conflict" });
  });
});
