import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateLockoutPolicyAction, updatePasswordPolicyAction, updateSessionPolicyAction } from "@/app/(console)/security/policies/actions";
import { authorize } from "@/lib/server/authorize";
import { getSignInPolicies } from "@/lib/server/policies/get-sign-in-policies";
import { updateLockoutPolicy } from "@/lib/server/policies/update-lockout-policy";
import { updatePasswordPolicy } from "@/lib/server/policies/update-password-policy";
import { updateSessionPolicy } from "@/lib/server/policies/update-session-policy";
import { setPassword } from "@/lib/server/sign-in/set-password";
import { signIn } from "@/lib/server/sign-in/sign-in";
import { createAccount, createOrganization } from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { signedIn } from "@/tests/support/session";

type Session = Awaited<ReturnType<typeof signedIn>>;

let t: TestDatabase;
let orgId: string;
let otherOrgId: string;
let auditor: Session;
let orgAdmin: Session;
let accountAdmin: Session;
let member: Session;
let otherAdmin: Session;

const DEFAULT_LOCKOUT = { threshold: 10, windowMinutes: 15, lockEnds: "after_minutes", durationMinutes: 30, escalate: true } as const;
const DEFAULT_PASSWORD_POLICY = { minLength: 12, expires: "after_days", maxAgeDays: 90, historyDepth: 5 } as const;
const DEFAULT_SESSION = { idleMinutes: 30, absoluteHours: 12 } as const;

beforeAll(async () => {
  t = await openTestDatabase();
  orgId = (await createOrganization(t.prisma)).id;
  otherOrgId = (await createOrganization(t.prisma)).id;
  const make = async (organizationId: string, role: "security_auditor" | "org_admin" | "account_admin" | "member") => {
    const a = await createAccount(t.prisma, { organizationId, roleKeys: [role] });
    return signedIn(a.loginId, a.password);
  };
  auditor = await make(orgId, "security_auditor");
  orgAdmin = await make(orgId, "org_admin");
  accountAdmin = await make(orgId, "account_admin");
  member = await make(orgId, "member");
  otherAdmin = await make(otherOrgId, "org_admin");
});
afterAll(() => t.drop());

const policyEvents = (organizationId = orgId) =>
  t.prisma.auditEvent.findMany({
    where: { organizationId, action: { startsWith: "policy." } },
    orderBy: { id: "asc" },
    select: { action: true, actorId: true, targetId: true, outcome: true, details: true },
  });

const rows = (organizationId = orgId) =>
  Promise.all([
    t.prisma.lockoutPolicy.findUnique({ where: { organizationId } }),
    t.prisma.passwordPolicy.findUnique({ where: { organizationId } }),
    t.prisma.sessionPolicy.findUnique({ where: { organizationId } }),
  ]);

function form(values: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.append(k, v);
  return f;
}

describe("getSignInPolicies", () => {
  it("shows the organization's policies in the form's units, with who may change them", async () => {
    const forAuditor = await auditor.run(() => getSignInPolicies());
    expect(forAuditor).toEqual({
      lockout: { threshold: 10, windowMinutes: 15, durationMinutes: 30, escalate: true },
      password: { minLength: 12, maxAgeDays: 90, historyDepth: 5 },
      session: { idleMinutes: 30, absoluteHours: 12 },
      canManage: true,
    });
    expect((await accountAdmin.run(() => getSignInPolicies())).canManage).toBe(false);
  });

  it("is refused to a member", async () => {
    await expect(member.run(() => getSignInPolicies())).rejects.toMatchObject({ code: "forbidden" });
  });

  it("answers the defaults when a row is missing without creating it; the first change creates it", async () => {
    const bare = await createOrganization(t.prisma);
    await t.prisma.lockoutPolicy.delete({ where: { organizationId: bare.id } });
    const a = await createAccount(t.prisma, { organizationId: bare.id, roleKeys: ["security_auditor"] });
    const s = await signedIn(a.loginId, a.password);
    expect((await s.run(() => getSignInPolicies())).lockout).toEqual({ threshold: 10, windowMinutes: 15, durationMinutes: 30, escalate: true });
    expect(await t.prisma.lockoutPolicy.count({ where: { organizationId: bare.id } })).toBe(0);

    expect(await s.run(() => updateLockoutPolicy(DEFAULT_LOCKOUT))).toMatchObject({ changed: false });
    expect(await t.prisma.lockoutPolicy.count({ where: { organizationId: bare.id } })).toBe(0);

    await s.run(() => updateLockoutPolicy({ ...DEFAULT_LOCKOUT, threshold: 5 }));
    expect(await t.prisma.lockoutPolicy.findUnique({ where: { organizationId: bare.id } })).toMatchObject({ threshold: 5, windowSeconds: 900 });
    expect((await policyEvents(bare.id)).map((e) => e.details)).toEqual([
      {
        before: { threshold: 10, windowSeconds: 900, durationSeconds: 1800, escalate: true },
        after: { threshold: 5, windowSeconds: 900, durationSeconds: 1800, escalate: true },
      },
    ]);
  });
});

describe("updating the policies", () => {
  it("lets a security auditor change the lockout policy, audited with before and after", async () => {
    const result = await auditor.run(() =>
      updateLockoutPolicy({ threshold: 3, windowMinutes: 60, lockEnds: "admin_unlocks", durationMinutes: undefined, escalate: false }),
    );
    expect(result).toEqual({ changed: true, policy: { threshold: 3, windowMinutes: 60, durationMinutes: null, escalate: false } });
    expect(await t.prisma.lockoutPolicy.findUniqueOrThrow({ where: { organizationId: orgId } })).toMatchObject({
      threshold: 3,
      windowSeconds: 3600,
      durationSeconds: null,
      escalate: false,
    });
    expect(await policyEvents()).toEqual([
      {
        action: "policy.lockout_updated",
        actorId: auditor.accountId,
        targetId: orgId,
        outcome: "success",
        details: {
          before: { threshold: 10, windowSeconds: 900, durationSeconds: 1800, escalate: true },
          after: { threshold: 3, windowSeconds: 3600, durationSeconds: null, escalate: false },
        },
      },
    ]);
  });

  it("lets an org admin change the password policy, audited with before and after", async () => {
    const result = await orgAdmin.run(() => updatePasswordPolicy({ minLength: 16, expires: "never", historyDepth: 10 }));
    expect(result).toEqual({ changed: true, policy: { minLength: 16, maxAgeDays: null, historyDepth: 10 } });
    const row = await t.prisma.passwordPolicy.findUniqueOrThrow({ where: { organizationId: orgId } });
    expect(row).toMatchObject({ minLength: 16, maxAgeDays: null, historyDepth: 10, mfaRequired: true });
    expect((await policyEvents()).at(-1)).toMatchObject({
      action: "policy.password_updated",
      actorId: orgAdmin.accountId,
      details: { before: { minLength: 12, maxAgeDays: 90, historyDepth: 5 }, after: { minLength: 16, maxAgeDays: null, historyDepth: 10 } },
    });
  });

  it("changes the session policy through the form's action, full-width digits included", async () => {
    const result = await auditor.run(() => updateSessionPolicyAction(null, form({ idleMinutes: "５", absoluteHours: " ８ " })));
    expect(result).toEqual({ ok: true, data: { changed: true, policy: { idleMinutes: 5, absoluteHours: 8 } } });
    expect((await policyEvents()).at(-1)).toMatchObject({
      action: "policy.session_updated",
      details: { before: DEFAULT_SESSION, after: { idleMinutes: 5, absoluteHours: 8 } },
    });
  });

  it("writes nothing, not even an event, when the values are unchanged", async () => {
    const events = (await policyEvents()).length;
    const [lockout, password, session] = await rows();
    expect(await auditor.run(() => updateLockoutPolicy({ threshold: 3, windowMinutes: 60, lockEnds: "admin_unlocks", escalate: false }))).toMatchObject({ changed: false });
    expect(await auditor.run(() => updatePasswordPolicy({ minLength: 16, expires: "never", maxAgeDays: 120, historyDepth: 10 }))).toMatchObject({ changed: false });
    expect(await auditor.run(() => updateSessionPolicyAction(null, form({ idleMinutes: "5", absoluteHours: "8" })))).toMatchObject({ ok: true, data: { changed: false } });
    expect((await policyEvents()).length).toBe(events);
    expect(await rows()).toEqual([lockout, password, session]);
  });

  it("leaves other organizations alone", async () => {
    const [lockout, password, session] = await rows(otherOrgId);
    expect(lockout).toMatchObject({ threshold: 10, windowSeconds: 900, durationSeconds: 1800, escalate: true });
    expect(password).toMatchObject({ minLength: 12, maxAgeDays: 90, historyDepth: 5 });
    expect(session).toMatchObject(DEFAULT_SESSION);
    expect(await policyEvents(otherOrgId)).toEqual([]);
    expect((await otherAdmin.run(() => getSignInPolicies())).lockout.threshold).toBe(10);
  });
});

describe("refusals", () => {
  it("refuses an account admin (security:view only) every change, and writes nothing", async () => {
    const before = await rows();
    const events = (await policyEvents()).length;
    await expect(accountAdmin.run(() => updateLockoutPolicy(DEFAULT_LOCKOUT))).rejects.toMatchObject({ code: "forbidden" });
    await expect(accountAdmin.run(() => updatePasswordPolicy(DEFAULT_PASSWORD_POLICY))).rejects.toMatchObject({ code: "forbidden" });
    await expect(accountAdmin.run(() => updateSessionPolicy(DEFAULT_SESSION))).rejects.toMatchObject({ code: "forbidden" });
    expect(await accountAdmin.run(() => updateLockoutPolicyAction(null, form({ threshold: "10", windowMinutes: "15", lockEnds: "after_minutes", durationMinutes: "30", escalate: "true" })))).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    await expect(member.run(() => updateSessionPolicy(DEFAULT_SESSION))).rejects.toMatchObject({ code: "forbidden" });
    expect(await rows()).toEqual(before);
    expect((await policyEvents()).length).toBe(events);
  });

  it("refuses out-of-range and malformed values with an error per field, and writes nothing", async () => {
    const before = await rows();
    const events = (await policyEvents()).length;

    expect(
      await auditor.run(() =>
        updateLockoutPolicyAction(null, form({ threshold: "2", windowMinutes: "1e3", lockEnds: "after_minutes", durationMinutes: "", escalate: "false" })),
      ),
    ).toEqual({ ok: false, code: "invalid", message: "invalid", fieldErrors: { threshold: "out_of_range", windowMinutes: "not_a_number", durationMinutes: "required" } });
    expect(
      await auditor.run(() => updateLockoutPolicyAction(null, form({ threshold: "51", windowMinutes: "1441", lockEnds: "forever", escalate: "maybe" }))),
    ).toMatchObject({ ok: false, code: "invalid", fieldErrors: { threshold: "out_of_range", windowMinutes: "out_of_range", lockEnds: "invalid_choice", escalate: "invalid_choice" } });
    expect(
      await auditor.run(() => updatePasswordPolicyAction(null, form({ minLength: "11", expires: "after_days", maxAgeDays: "731", historyDepth: "-1" }))),
    ).toMatchObject({ ok: false, code: "invalid", fieldErrors: { minLength: "out_of_range", maxAgeDays: "out_of_range", historyDepth: "out_of_range" } });
    expect(await auditor.run(() => updatePasswordPolicyAction(null, form({ minLength: "12.5", expires: "never", historyDepth: "五" })))).toMatchObject({
      ok: false,
      fieldErrors: { minLength: "not_a_number", historyDepth: "not_a_number" },
    });
    expect(await auditor.run(() => updateSessionPolicyAction(null, form({ idleMinutes: "240", absoluteHours: "3" })))).toMatchObject({
      ok: false,
      fieldErrors: { absoluteHours: "absolute_below_idle" },
    });
    expect(await auditor.run(() => updateSessionPolicyAction(null, form({ idleMinutes: "4", absoluteHours: "73" })))).toMatchObject({
      ok: false,
      fieldErrors: { idleMinutes: "out_of_range", absoluteHours: "out_of_range" },
    });
    // Called directly, as another entry point would: the operation checks its input itself.
    await expect(auditor.run(() => updateLockoutPolicy({ ...DEFAULT_LOCKOUT, threshold: 2 }))).rejects.toMatchObject({ code: "invalid", field: "threshold" });
    await expect(auditor.run(() => updatePasswordPolicy({ ...DEFAULT_PASSWORD_POLICY, minLength: 8 }))).rejects.toMatchObject({ code: "invalid", field: "minLength" });
    await expect(auditor.run(() => updateSessionPolicy({ idleMinutes: 5, absoluteHours: 0 }))).rejects.toMatchObject({ code: "invalid", field: "absoluteHours" });

    expect(await rows()).toEqual(before);
    expect((await policyEvents()).length).toBe(events);
  });
});

describe("the policies take effect", () => {
  const client = { ip: "192.0.2.10", userAgent: "vitest" };

  it("locks on the third wrong password once the threshold is 3", async () => {
    const account = await createAccount(t.prisma, { organizationId: orgId });
    const status = async () => (await t.prisma.account.findUniqueOrThrow({ where: { id: account.id }, select: { status: true, lockedUntil: true } }));
    for (let i = 1; i <= 2; i++) {
      expect(await signIn({ loginId: account.loginId, password: `wrong-password-${i}` }, client)).toEqual({ kind: "refused", reason: "bad_password" });
      expect((await status()).status).toBe("active");
    }
    await signIn({ loginId: account.loginId, password: "wrong-password-3" }, client);
    // The threshold is 3 and locks last until an administrator unlocks.
    expect(await status()).toEqual({ status: "locked", lockedUntil: null });
    expect(await signIn({ loginId: account.loginId, password: account.password }, client)).toEqual({ kind: "refused", reason: "locked" });
  });

  it("refuses a 14-character password once the minimum is 16", async () => {
    const account = await createAccount(t.prisma, { organizationId: orgId });
    const now = new Date();
    const short = await t.prisma.$transaction((tx) => setPassword(tx, account.id, "Kumo-Sora-Umi7", now));
    expect(short).toEqual({ ok: false, problems: [{ code: "too_short", min: 16 }] });
    const long = await t.prisma.$transaction((tx) => setPassword(tx, account.id, "Kumo-Sora-Umi7-Yama", now));
    expect(long).toEqual({ ok: true });
  });

  it("ends an open session idle for 6 minutes once the idle limit is 5 minutes", async () => {
    const other = await createAccount(t.prisma, { organizationId: otherOrgId });
    const inOther = await signedIn(other.loginId, other.password);
    const idleFor = (sessionId: string, minutes: number) =>
      t.prisma.session.update({ where: { id: sessionId }, data: { lastSeenAt: new Date(Date.now() - minutes * 60_000) } });

    // The other organization keeps the 30-minute default: six idle minutes are fine there.
    await idleFor(inOther.sessionId, 6);
    await expect(inOther.run(() => authorize())).resolves.toMatchObject({ accountId: other.id });

    const account = await createAccount(t.prisma, { organizationId: orgId });
    const s = await signedIn(account.loginId, account.password);
    await idleFor(s.sessionId, 4);
    await expect(s.run(() => authorize())).resolves.toMatchObject({ accountId: account.id });
    await idleFor(s.sessionId, 6);
    await expect(s.run(() => authorize())).rejects.toMatchObject({ code: "unauthenticated" });
  });
});
