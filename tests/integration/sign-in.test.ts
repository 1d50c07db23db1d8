import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorize } from "@/lib/server/authorize";
import { runWithSession } from "@/lib/server/session";
import { signIn } from "@/lib/server/sign-in/sign-in";
import { signOut } from "@/lib/server/sign-in/sign-out";
import { createAccount, createOrganization } from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";

let t: TestDatabase;
let orgId: string;
const client = { ip: "203.0.113.7", userAgent: "vitest" };

beforeAll(async () => {
  t = await openTestDatabase();
  orgId = (await createOrganization(t.prisma)).id;
});
afterAll(() => t.drop());

const signInEvents = (targetId: string | null, actorLabel?: string) =>
  t.prisma.auditEvent.findMany({
    where: { action: "auth.sign_in", ...(targetId ? { targetId } : { actorLabel }) },
    orderBy: { id: "asc" },
    select: { outcome: true, reason: true, ip: true, organizationId: true },
  });

describe("sign-in pipeline", () => {
  it("signs in with full-width input and a stray space, creates a session and audits it", async () => {
    const account = await createAccount(t.prisma, { organizationId: orgId, loginId: `yamada.${Date.now()}@example.jp` });
    const fullWidth = ` ${account.loginId.toUpperCase()}　`.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const result = await signIn({ loginId: fullWidth, password: account.password }, client);
    expect(result).toMatchObject({ ok: true, accountId: account.id });
    const session = await t.prisma.session.findUniqueOrThrow({ where: { id: (result as { sessionId: string }).sessionId } });
    expect(session.accountId).toBe(account.id);
    expect(await signInEvents(account.id)).toEqual([{ outcome: "success", reason: null, ip: client.ip, organizationId: orgId }]);
    const after = await t.prisma.account.findUniqueOrThrow({ where: { id: account.id }, select: { lastSignInAt: true } });
    expect(after.lastSignInAt).not.toBeNull();
  });

  it("refuses a wrong password with the generic result and records the failure", async () => {
    const account = await createAccount(t.prisma, { organizationId: orgId });
    const result = await signIn({ loginId: account.loginId, password: "wrong-password-123" }, client);
    expect(result).toEqual({ ok: false, reason: "bad_password" });
    expect(await signInEvents(account.id)).toEqual([{ outcome: "failure", reason: "bad_password", ip: client.ip, organizationId: orgId }]);
    expect(await t.prisma.session.count({ where: { accountId: account.id } })).toBe(0);
  });

  it("records an unknown ID without an organization", async () => {
    const typed = `nobody-${Date.now()}@example.jp`;
    expect(await signIn({ loginId: typed, password: "whatever-password" }, client)).toEqual({ ok: false, reason: "unknown_id" });
    expect(await signInEvents(null, typed)).toEqual([{ outcome: "failure", reason: "unknown_id", ip: client.ip, organizationId: null }]);
  });

  it.each(["disabled", "suspended", "invited"] as const)("refuses a %s account even with the right password", async (status) => {
    const account = await createAccount(t.prisma, { organizationId: orgId, status });
    expect(await signIn({ loginId: account.loginId, password: account.password }, client)).toEqual({ ok: false, reason: status });
  });

  it("refuses a locked account until its lock ends", async () => {
    const locked = await createAccount(t.prisma, { organizationId: orgId, status: "locked", lockedUntil: new Date(Date.now() + 60_000) });
    expect(await signIn({ loginId: locked.loginId, password: locked.password }, client)).toEqual({ ok: false, reason: "locked" });
    const expired = await createAccount(t.prisma, { organizationId: orgId, status: "locked", lockedUntil: new Date(Date.now() - 1000) });
    expect(await signIn({ loginId: expired.loginId, password: expired.password }, client)).toMatchObject({ ok: true });
    expect((await t.prisma.account.findUniqueOrThrow({ where: { id: expired.id } })).status).toBe("active");
  });
});

describe("sessions", () => {
  it("end at once when the account is disabled or its session version moves", async () => {
    const account = await createAccount(t.prisma, { organizationId: orgId, roleKeys: ["account_admin"] });
    const r = await signIn({ loginId: account.loginId, password: account.password }, client);
    if (!r.ok) throw new Error("sign-in failed");
    await expect(runWithSession(r.sessionId, () => authorize("accounts", "manage"))).resolves.toMatchObject({ accountId: account.id });
    await t.prisma.account.update({ where: { id: account.id }, data: { sessionVersion: { increment: 1 } } });
    await expect(runWithSession(r.sessionId, () => authorize())).rejects.toMatchObject({ code: "unauthenticated" });

    const again = await signIn({ loginId: account.loginId, password: account.password }, client);
    if (!again.ok) throw new Error("sign-in failed");
    await t.prisma.account.update({ where: { id: account.id }, data: { status: "disabled" } });
    await expect(runWithSession(again.sessionId, () => authorize())).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("end after sign-out, which is audited", async () => {
    const account = await createAccount(t.prisma, { organizationId: orgId });
    const r = await signIn({ loginId: account.loginId, password: account.password }, client);
    if (!r.ok) throw new Error("sign-in failed");
    await runWithSession(r.sessionId, signOut);
    await expect(runWithSession(r.sessionId, () => authorize())).rejects.toMatchObject({ code: "unauthenticated" });
    expect(await t.prisma.auditEvent.count({ where: { action: "auth.sign_out", actorId: account.id } })).toBe(1);
  });

  it("stop granting a time-limited role at its end", async () => {
    const account = await createAccount(t.prisma, {
      organizationId: orgId,
      kind: "contractor",
      roleKeys: ["line_operator"],
      grantEndsAt: new Date(Date.now() + 2_000),
    });
    const r = await signIn({ loginId: account.loginId, password: account.password }, client);
    if (!r.ok) throw new Error("sign-in failed");
    await expect(runWithSession(r.sessionId, () => authorize("lines", "manage"))).resolves.toBeTruthy();
    await t.prisma.roleGrant.updateMany({ where: { accountId: account.id }, data: { endsAt: new Date(Date.now() - 1) } });
    await expect(runWithSession(r.sessionId, () => authorize("lines", "manage"))).rejects.toMatchObject({ code: "forbidden" });
  });

  it("refuse a session id that does not exist or is not a uuid", async () => {
    await expect(runWithSession("00000000-0000-0000-0000-000000000000", () => authorize())).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(runWithSession("'; drop table accounts; --", () => authorize())).rejects.toMatchObject({ code: "unauthenticated" });
  });
});

describe("audit log", () => {
  it("refuses UPDATE, DELETE and TRUNCATE", async () => {
    await expect(t.sql.exec("UPDATE audit_events SET action = 'x'")).rejects.toThrow(/append-only/);
    await expect(t.sql.exec("DELETE FROM audit_events")).rejects.toThrow(/append-only/);
    await expect(t.sql.exec("TRUNCATE audit_events")).rejects.toThrow(/append-only/);
  });
});
