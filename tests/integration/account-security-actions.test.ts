import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disableAccount } from "@/lib/server/accounts/disable-account";
import { endSessions } from "@/lib/server/accounts/end-sessions";
import { requirePasswordChange } from "@/lib/server/accounts/require-password-change";
import { resetSecondFactor } from "@/lib/server/accounts/reset-second-factor";
import { unlockAccount } from "@/lib/server/accounts/unlock-account";
import { authorize } from "@/lib/server/authorize";
import { signIn } from "@/lib/server/sign-in/sign-in";
import { createAccount, createOrganization } from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { passSecondFactor, signedIn } from "@/tests/support/session";

let t: TestDatabase;
let org: Awaited<ReturnType<typeof createOrganization>>;
let admin: Awaited<ReturnType<typeof signedIn>>;
let hr: Awaited<ReturnType<typeof signedIn>>;
let adminEmail: string;
const client = { ip: "192.0.2.10", userAgent: "vitest" };

beforeAll(async () => {
  t = await openTestDatabase();
  org = await createOrganization(t.prisma);
  const a = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["account_admin"] });
  const other = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["org_admin"] });
  adminEmail = other.loginId;
  const h = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["hr"] });
  admin = await signedIn(a.loginId, a.password);
  hr = await signedIn(h.loginId, h.password);
});
afterAll(() => t.drop());

const events = (targetId: string, action: string) => t.prisma.auditEvent.findMany({ where: { targetId, action }, select: { actorId: true, reason: true, details: true } });

describe("admin security actions on an account", () => {
  it("unlock lifts the lock at once, is audited with before/after and tells the member and the other admins", async () => {
    const member = await createAccount(t.prisma, { organizationId: org.id, status: "locked", lockedUntil: new Date(Date.now() + 3600_000) });
    await admin.run(() => unlockAccount({ id: member.id, reason: "本人から電話で確認" }));
    expect((await signIn({ loginId: member.loginId, password: member.password }, client)).kind).toBe("challenge");
    const [event] = await events(member.id, "account.unlocked");
    expect(event).toMatchObject({ actorId: admin.accountId, reason: "本人から電話で確認", details: { before: { status: "locked" }, after: { status: "active", lockedUntil: null } } });
    expect(await t.prisma.mailMessage.count({ where: { to: member.loginId } })).toBe(1);
    // The unlock notice (at night the admins' own sign-ins may also have raised an off-hours alert mail).
    expect(await t.prisma.mailMessage.count({ where: { to: adminEmail, subject: { contains: "ロックが解除されました" } } })).toBe(1);
    await expect(admin.run(() => unlockAccount({ id: member.id }))).rejects.toMatchObject({ code: "conflict" });
  });

  it("reset of the second factor ends sessions and makes the next sign-in enrol again", async () => {
    const member = await createAccount(t.prisma, { organizationId: org.id });
    const session = await signedIn(member.loginId, member.password);
    await admin.run(() => resetSecondFactor({ id: member.id }));
    await expect(session.run(() => authorize())).rejects.toMatchObject({ code: "unauthenticated" });
    expect(await signIn({ loginId: member.loginId, password: member.password }, client)).toMatchObject({ kind: "challenge", step: "enroll" });
    expect(await t.prisma.backupCode.count({ where: { accountId: member.id } })).toBe(0);
  });

  it("a required password change comes before the session", async () => {
    const member = await createAccount(t.prisma, { organizationId: org.id });
    await admin.run(() => requirePasswordChange({ id: member.id }));
    const outcome = await passSecondFactor(await signIn({ loginId: member.loginId, password: member.password }, client), client);
    expect(outcome).toMatchObject({ kind: "challenge", step: "change_password" });
  });

  it("ending sessions refuses the open session at its next request", async () => {
    const member = await createAccount(t.prisma, { organizationId: org.id });
    const session = await signedIn(member.loginId, member.password);
    await admin.run(() => endSessions({ id: member.id }));
    await expect(session.run(() => authorize())).rejects.toMatchObject({ code: "unauthenticated" });
    expect(await events(member.id, "account.sessions_ended")).toHaveLength(1);
  });

  it("disabling ends the open session at once and refuses the next sign-in; nobody disables themself", async () => {
    const member = await createAccount(t.prisma, { organizationId: org.id });
    const session = await signedIn(member.loginId, member.password);
    await admin.run(() => disableAccount({ id: member.id }));
    await expect(session.run(() => authorize())).rejects.toMatchObject({ code: "unauthenticated" });
    expect(await signIn({ loginId: member.loginId, password: member.password }, client)).toEqual({ kind: "refused", reason: "disabled" });
    await expect(admin.run(() => disableAccount({ id: admin.accountId }))).rejects.toMatchObject({ code: "conflict" });
  });

  it("is refused without accounts:manage and cannot reach another organization", async () => {
    const member = await createAccount(t.prisma, { organizationId: org.id, status: "locked", lockedUntil: null });
    await expect(hr.run(() => unlockAccount({ id: member.id }))).rejects.toMatchObject({ code: "forbidden" });
    const other = await createOrganization(t.prisma);
    const stranger = await createAccount(t.prisma, { organizationId: other.id, status: "locked", lockedUntil: null });
    await expect(admin.run(() => unlockAccount({ id: stranger.id }))).rejects.toMatchObject({ code: "not_found" });
    expect((await t.prisma.account.findUniqueOrThrow({ where: { id: stranger.id } })).status).toBe("locked");
  });
});
