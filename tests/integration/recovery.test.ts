import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorize } from "@/lib/server/authorize";
import { listOutbox } from "@/lib/server/mail/list-outbox";
import { remindLoginId } from "@/lib/server/recovery/remind-login-id";
import { requestPasswordReset } from "@/lib/server/recovery/request-password-reset";
import { resetPassword } from "@/lib/server/recovery/reset-password";
import { signIn } from "@/lib/server/sign-in/sign-in";
import { createAccount, createOrganization } from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { signedIn } from "@/tests/support/session";

let t: TestDatabase;
let org: Awaited<ReturnType<typeof createOrganization>>;
const client = { ip: "198.51.100.20", userAgent: "vitest" };
const NEW_PASSWORD = "夕焼けの坂道を自転車で下る";

beforeAll(async () => {
  t = await openTestDatabase();
  org = await createOrganization(t.prisma);
});
afterAll(() => t.drop());

const mailsTo = (to: string) => t.prisma.mailMessage.findMany({ where: { to }, orderBy: { createdAt: "asc" }, select: { subject: true, body: true } });
const linkIn = (body: string) => /\/sign-in\/reset\/([A-Za-z0-9_-]+)/.exec(body)![1]!;

describe("password reset", () => {
  it("mails a link for a known ID and nothing for an unknown one, answering the same", async () => {
    const account = await createAccount(t.prisma, { organizationId: org.id });
    await expect(requestPasswordReset({ loginId: account.loginId }, client)).resolves.toBeUndefined();
    await expect(requestPasswordReset({ loginId: "nobody@example.jp" }, client)).resolves.toBeUndefined();
    const mails = await mailsTo(account.loginId);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body).toContain("/sign-in/reset/");
    expect(await t.prisma.mailMessage.count({ where: { to: "nobody@example.jp" } })).toBe(0);
    expect(await t.prisma.auditEvent.count({ where: { action: "auth.password_reset_requested", actorLabel: "nobody@example.jp", outcome: "failure" } })).toBe(1);
  });

  it("sends nothing again within the cooldown, and only the newest link works", async () => {
    const account = await createAccount(t.prisma, { organizationId: org.id });
    await requestPasswordReset({ loginId: account.loginId }, client);
    await requestPasswordReset({ loginId: account.loginId }, client);
    expect(await mailsTo(account.loginId)).toHaveLength(1);
    const first = linkIn((await mailsTo(account.loginId))[0]!.body);
    await t.prisma.passwordResetToken.updateMany({ where: { accountId: account.id }, data: { createdAt: new Date(Date.now() - 120_000) } });
    await requestPasswordReset({ loginId: account.loginId }, client);
    const second = linkIn((await mailsTo(account.loginId))[1]!.body);
    expect(await resetPassword(first, { password: NEW_PASSWORD, confirm: NEW_PASSWORD }, client)).toEqual({ ok: false, expired: true });
    expect(await resetPassword(second, { password: NEW_PASSWORD, confirm: NEW_PASSWORD }, client)).toEqual({ ok: true });
    expect(await resetPassword(second, { password: NEW_PASSWORD, confirm: NEW_PASSWORD }, client)).toEqual({ ok: false, expired: true });
  });

  it("keeps the link usable after a refused password, ends every session on success, and the new password signs in", async () => {
    const account = await createAccount(t.prisma, { organizationId: org.id });
    const session = await signedIn(account.loginId, account.password);
    await requestPasswordReset({ loginId: account.loginId }, client);
    const token = linkIn((await mailsTo(account.loginId))[0]!.body);
    expect(await resetPassword(token, { password: "password1234", confirm: "password1234" }, client)).toMatchObject({ ok: false, problems: [{ code: "common" }] });
    expect(await resetPassword(token, { password: NEW_PASSWORD, confirm: NEW_PASSWORD }, client)).toEqual({ ok: true });
    await expect(session.run(() => authorize())).rejects.toMatchObject({ code: "unauthenticated" });
    expect(await signIn({ loginId: account.loginId, password: account.password }, client)).toEqual({ kind: "refused", reason: "bad_password" });
    expect((await signIn({ loginId: account.loginId, password: NEW_PASSWORD }, client)).kind).toBe("challenge");
  });

  it("refuses an expired link", async () => {
    const account = await createAccount(t.prisma, { organizationId: org.id });
    await requestPasswordReset({ loginId: account.loginId }, client);
    const token = linkIn((await mailsTo(account.loginId))[0]!.body);
    await t.prisma.passwordResetToken.updateMany({ where: { accountId: account.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await resetPassword(token, { password: NEW_PASSWORD, confirm: NEW_PASSWORD }, client)).toEqual({ ok: false, expired: true });
  });
});

describe("ID reminder", () => {
  it("mails the IDs registered with the address under the customer number, and nothing otherwise", async () => {
    const account = await createAccount(t.prisma, { organizationId: org.id });
    await remindLoginId({ customerNumber: org.customerNumber, email: account.loginId }, client);
    await remindLoginId({ customerNumber: "Z999999999", email: account.loginId }, client);
    const mails = await mailsTo(account.loginId);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body).toContain(account.loginId);
  });
});

describe("outbox", () => {
  it("shows an organization's mail to its admins only", async () => {
    const admin = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["org_admin"] });
    const member = await createAccount(t.prisma, { organizationId: org.id });
    const other = await createOrganization(t.prisma);
    const otherAdmin = await createAccount(t.prisma, { organizationId: other.id, roleKeys: ["org_admin"] });
    const mine = await (await signedIn(admin.loginId, admin.password)).run(listOutbox);
    expect(mine.messages.length).toBeGreaterThan(0);
    expect(mine.smtp).toBe(false);
    // The other organization's admin sees none of these (their own sign-in may have mailed them: off-hours at night).
    const theirs = (await (await signedIn(otherAdmin.loginId, otherAdmin.password)).run(listOutbox)).messages;
    expect(theirs.filter((m) => mine.messages.some((x) => x.id === m.id))).toEqual([]);
    await expect((await signedIn(member.loginId, member.password)).run(listOutbox)).rejects.toMatchObject({ code: "forbidden" });
  });
});
