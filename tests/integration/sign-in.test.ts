import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { totpCode } from "@/lib/policy/totp";
import { authorize } from "@/lib/server/authorize";
import { runWithSession } from "@/lib/server/session";
import { signIn } from "@/lib/server/sign-in/sign-in";
import { signOut } from "@/lib/server/sign-in/sign-out";
import { verifySecondFactor } from "@/lib/server/sign-in/verify-second-factor";
import { FACTORY_TOTP_SECRET, createAccount, createOrganization } from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { freshCode, passSecondFactor, signedIn } from "@/tests/support/session";

let t: TestDatabase;
let orgId: string;
const client = { ip: "203.0.113.7", userAgent: "vitest" };

beforeAll(async () => {
  t = await openTestDatabase();
  orgId = (await createOrganization(t.prisma)).id;
});
afterAll(() => t.drop());

const signInEvents = (where: { targetId?: string; actorLabel?: string }) =>
  t.prisma.auditEvent.findMany({
    where: { action: "auth.sign_in", ...where },
    orderBy: { id: "asc" },
    select: { outcome: true, reason: true, ip: true, organizationId: true, userAgent: true },
  });

describe("first factor", () => {
  it("takes full-width input with a stray space to the second factor, then to a session, audited once", async () => {
    const account = await createAccount(t.prisma, { organizationId: orgId, loginId: `yamada.${Date.now()}@example.jp` });
    const fullWidth = ` ${account.loginId.toUpperCase()}　`.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const first = await signIn({ loginId: fullWidth, password: account.password }, client);
    expect(first).toMatchObject({ kind: "challenge", step: "mfa" });
    expect(await t.prisma.session.count({ where: { accountId: account.id } })).toBe(0);
    const done = await passSecondFactor(first, client);
    expect(done).toMatchObject({ kind: "session", accountId: account.id });
    expect(await signInEvents({ targetId: account.id })).toEqual([{ outcome: "success", reason: null, ip: client.ip, organizationId: orgId, userAgent: "vitest" }]);
    const after = await t.prisma.account.findUniqueOrThrow({ where: { id: account.id }, select: { lastSignInAt: true } });
    expect(after.lastSignInAt).not.toBeNull();
  });

  it("refuses a wrong password and records the failure", async () => {
    const account = await createAccount(t.prisma, { organizationId: orgId });
    expect(await signIn({ loginId: account.loginId, password: "wrong-password-123" }, client)).toEqual({ kind: "refused", reason: "bad_password" });
    expect(await signInEvents({ targetId: account.id })).toEqual([{ outcome: "failure", reason: "bad_password", ip: client.ip, organizationId: orgId, userAgent: "vitest" }]);
  });

  it("records an unknown ID without an organization", async () => {
    const typed = `nobody-${Date.now()}@example.jp`;
    expect(await signIn({ loginId: typed, password: "whatever-password" }, client)).toEqual({ kind: "refused", reason: "unknown_id" });
    expect(await signInEvents({ actorLabel: typed })).toEqual([{ outcome: "failure", reason: "unknown_id", ip: client.ip, organizationId: null, userAgent: "vitest" }]);
  });

  it.each(["disabled", "suspended", "invited"] as const)("refuses a %s account even with the right password", async (status) => {
    const account = await createAccount(t.prisma, { organizationId: orgId, status });
    expect(await signIn({ loginId: account.loginId, password: account.password }, client)).toEqual({ kind: "refused", reason: status });
  });
});

describe("lockout", () => {
  it("locks after the threshold, refuses even the right password, and lifts at the lock's end", async () => {
    const account = await createAccount(t.prisma, { organizationId: orgId });
    for (let i = 0; i < 9; i++) {
      expect(await signIn({ loginId: account.loginId, password: `wrong-${i}-password` }, client)).toEqual({ kind: "refused", reason: "bad_password" });
    }
    expect((await t.prisma.account.findUniqueOrThrow({ where: { id: account.id } })).status).toBe("active");
    await signIn({ loginId: account.loginId, password: "wrong-10-password" }, client);
    const locked = await t.prisma.account.findUniqueOrThrow({ where: { id: account.id } });
    expect(locked.status).toBe("locked");
    expect(locked.lockedUntil!.getTime() - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(await signIn({ loginId: account.loginId, password: account.password }, client)).toEqual({ kind: "refused", reason: "locked" });
    expect(await t.prisma.auditEvent.count({ where: { action: "account.locked", targetId: account.id } })).toBe(1);

    await t.prisma.account.update({ where: { id: account.id }, data: { lockedUntil: new Date(Date.now() - 1) } });
    const again = await passSecondFactor(await signIn({ loginId: account.loginId, password: account.password }, client), client);
    expect(again.kind).toBe("session");
    expect((await t.prisma.account.findUniqueOrThrow({ where: { id: account.id } })).status).toBe("active");
  });

  it("counts wrong one-time codes too", async () => {
    const account = await createAccount(t.prisma, { organizationId: orgId });
    await t.prisma.lockoutPolicy.update({ where: { organizationId: orgId }, data: { threshold: 3 } });
    try {
      const first = await signIn({ loginId: account.loginId, password: account.password }, client);
      if (first.kind !== "challenge") throw new Error("expected a challenge");
      expect(await verifySecondFactor(first.token, { code: "000000", method: "totp" }, client)).toEqual({ kind: "refused", reason: "mfa_failed" });
      expect(await verifySecondFactor(first.token, { code: "111111", method: "totp" }, client)).toEqual({ kind: "refused", reason: "mfa_failed" });
      expect(await verifySecondFactor(first.token, { code: "222222", method: "totp" }, client)).toEqual({ kind: "refused", reason: "mfa_failed" });
      expect((await t.prisma.account.findUniqueOrThrow({ where: { id: account.id } })).status).toBe("locked");
      // The challenge is gone with the lock: even the right code no longer helps.
      const right = await verifySecondFactor(first.token, { code: await freshCode(account.id), method: "totp" }, client);
      expect(right).toEqual({ kind: "refused", reason: "challenge_expired" });
    } finally {
      await t.prisma.lockoutPolicy.update({ where: { organizationId: orgId }, data: { threshold: 10 } });
    }
  });
});

describe("second factor", () => {
  it("accepts each one-time code once", async () => {
    const account = await createAccount(t.prisma, { organizationId: orgId });
    const code = totpCode(FACTORY_TOTP_SECRET, new Date());
    const a = await signIn({ loginId: account.loginId, password: account.password }, client);
    if (a.kind !== "challenge") throw new Error("expected a challenge");
    expect((await verifySecondFactor(a.token, { code, method: "totp" }, client)).kind).toBe("session");
    const b = await signIn({ loginId: account.loginId, password: account.password }, client);
    if (b.kind !== "challenge") throw new Error("expected a challenge");
    expect(await verifySecondFactor(b.token, { code, method: "totp" }, client)).toEqual({ kind: "refused", reason: "mfa_failed" });
  });

  it("enrols at first sign-in, issues ten backup codes, and each backup code works once", async () => {
    const account = await createAccount(t.prisma, { organizationId: orgId, totpSecret: null });
    const first = await signIn({ loginId: account.loginId, password: account.password }, client);
    expect(first).toMatchObject({ kind: "challenge", step: "enroll" });
    const { enrollSecondFactor } = await import("@/lib/server/sign-in/enroll-second-factor");
    const { openSecret } = await import("@/lib/server/secret-box");
    const { hashToken } = await import("@/lib/server/sign-in/challenge");
    if (first.kind !== "challenge") throw new Error("expected a challenge");
    const challenge = await t.prisma.signInChallenge.findUniqueOrThrow({ where: { tokenHash: hashToken(first.token) } });
    const secret = openSecret(challenge.pendingSecret!, account.id);
    expect(await enrollSecondFactor(first.token, { code: "000000" }, client)).toMatchObject({ outcome: { kind: "refused", reason: "mfa_failed" } });
    const enrolled = await enrollSecondFactor(first.token, { code: totpCode(secret, new Date()) }, client);
    expect(enrolled.outcome.kind).toBe("session");
    expect(enrolled.backupCodes).toHaveLength(10);
    const stored = await t.prisma.account.findUniqueOrThrow({ where: { id: account.id }, select: { totpSecret: true, totpEnabledAt: true } });
    expect(stored.totpEnabledAt).not.toBeNull();
    expect(stored.totpSecret).not.toContain(secret);

    const backup = enrolled.backupCodes![3]!;
    const second = await signIn({ loginId: account.loginId, password: account.password }, client);
    if (second.kind !== "challenge") throw new Error("expected a challenge");
    expect((await verifySecondFactor(second.token, { code: ` ${backup.toUpperCase()} `, method: "backup" }, client)).kind).toBe("session");
    const third = await signIn({ loginId: account.loginId, password: account.password }, client);
    if (third.kind !== "challenge") throw new Error("expected a challenge");
    expect(await verifySecondFactor(third.token, { code: backup, method: "backup" }, client)).toEqual({ kind: "refused", reason: "mfa_failed" });
  });

  it("asks for a new password when an admin requires it, and refuses a weak or reused one", async () => {
    const account = await createAccount(t.prisma, { organizationId: orgId, mustChangePassword: true });
    const out = await passSecondFactor(await signIn({ loginId: account.loginId, password: account.password }, client), client);
    expect(out).toMatchObject({ kind: "challenge", step: "change_password" });
    if (out.kind !== "challenge") throw new Error("expected a challenge");
    const { changeExpiredPassword } = await import("@/lib/server/sign-in/change-expired-password");
    expect(await changeExpiredPassword(out.token, { password: "password1234", confirm: "password1234" }, client)).toMatchObject({ problems: [{ code: "common" }] });
    expect(await changeExpiredPassword(out.token, { password: account.password, confirm: account.password }, client)).toMatchObject({ problems: [{ code: "reused" }] });
    const done = await changeExpiredPassword(out.token, { password: "梅雨明けの浜辺で冷たい麦茶", confirm: "梅雨明けの浜辺で冷たい麦茶" }, client);
    expect(done).toMatchObject({ outcome: { kind: "session" } });
    const signIns = await signInEvents({ targetId: account.id });
    expect(signIns.map((e) => e.outcome)).toEqual(["success"]);
  });
});

describe("sessions", () => {
  it("end at once when the account is disabled or its session version moves", async () => {
    const account = await createAccount(t.prisma, { organizationId: orgId, roleKeys: ["account_admin"] });
    const s = await signedIn(account.loginId, account.password);
    await expect(s.run(() => authorize("accounts", "manage"))).resolves.toMatchObject({ accountId: account.id });
    await t.prisma.account.update({ where: { id: account.id }, data: { sessionVersion: { increment: 1 } } });
    await expect(s.run(() => authorize())).rejects.toMatchObject({ code: "unauthenticated" });

    const again = await signedIn(account.loginId, account.password);
    await t.prisma.account.update({ where: { id: account.id }, data: { status: "disabled" } });
    await expect(again.run(() => authorize())).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("end after sign-out, which is audited", async () => {
    const account = await createAccount(t.prisma, { organizationId: orgId });
    const s = await signedIn(account.loginId, account.password);
    await s.run(signOut);
    await expect(s.run(() => authorize())).rejects.toMatchObject({ code: "unauthenticated" });
    expect(await t.prisma.auditEvent.count({ where: { action: "auth.sign_out", actorId: account.id } })).toBe(1);
  });

  it("stop granting a time-limited role at its end", async () => {
    const account = await createAccount(t.prisma, { organizationId: orgId, kind: "contractor", roleKeys: ["line_operator"], grantEndsAt: new Date(Date.now() + 60_000) });
    const s = await signedIn(account.loginId, account.password);
    await expect(s.run(() => authorize("lines", "manage"))).resolves.toBeTruthy();
    await t.prisma.roleGrant.updateMany({ where: { accountId: account.id }, data: { endsAt: new Date(Date.now() - 1) } });
    await expect(s.run(() => authorize("lines", "manage"))).rejects.toMatchObject({ code: "forbidden" });
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

describe("sign-in events", () => {
  it("carry the country of the address when it is known", async () => {
    const { countryOf } = await import("@/lib/server/geo");
    expect(await countryOf("210.130.45.10")).toBe("JP");
    expect(await countryOf("8.8.8.8")).toBe("US");
    expect(await countryOf("127.0.0.1")).toBeNull();
    const account = await createAccount(t.prisma, { organizationId: orgId });
    const abroad = { ip: "8.8.8.8", userAgent: "vitest", country: await countryOf("8.8.8.8") };
    await signIn({ loginId: account.loginId, password: "wrong-password-abroad" }, abroad);
    const [event] = await t.prisma.auditEvent.findMany({ where: { targetId: account.id, action: "auth.sign_in" }, select: { country: true, ip: true } });
    expect(event).toEqual({ country: "US", ip: "8.8.8.8" });
  });
});

describe("IP allowlist", () => {
  it("is checked at sign-in and on every request, and a change takes effect at once", async () => {
    const org = await createOrganization(t.prisma);
    const account = await createAccount(t.prisma, { organizationId: org.id });
    await t.prisma.networkPolicy.update({ where: { organizationId: org.id }, data: { enforced: true } });
    const office = await t.prisma.ipAllowlistEntry.create({ data: { organizationId: org.id, cidr: "192.0.2.0/24", label: "本社", kind: "office" } });
    const session = await signedIn(account.loginId, account.password, "192.0.2.10");
    await expect(session.run(() => authorize())).resolves.toMatchObject({ accountId: account.id });
    expect(await signIn({ loginId: account.loginId, password: account.password }, { ip: "198.51.100.1", userAgent: "vitest" })).toEqual({
      kind: "refused",
      reason: "ip_not_allowed",
    });

    await t.prisma.ipAllowlistEntry.update({ where: { id: office.id }, data: { revokedAt: new Date() } });
    await expect(session.run(() => authorize())).rejects.toMatchObject({ code: "unauthenticated" });
    expect(await signIn({ loginId: account.loginId, password: account.password }, { ip: "192.0.2.10", userAgent: "vitest" })).toEqual({
      kind: "refused",
      reason: "ip_not_allowed",
    });
  });
});
