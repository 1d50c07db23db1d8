import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { respondToIncident } from "@/lib/server/accounts/respond-to-incident";
import { unlockAccount } from "@/lib/server/accounts/unlock-account";
import { authorize } from "@/lib/server/authorize";
import { signIn } from "@/lib/server/sign-in/sign-in";
import { createAccount, createOrganization } from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { signedIn } from "@/tests/support/session";

let t: TestDatabase;
let org: Awaited<ReturnType<typeof createOrganization>>;
let security: Awaited<ReturnType<typeof signedIn>>;
let accountAdmin: Awaited<ReturnType<typeof signedIn>>;
let securityContact: string;
const client = { ip: "192.0.2.10", userAgent: "vitest" };

beforeAll(async () => {
  t = await openTestDatabase();
  org = await createOrganization(t.prisma);
  const s = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["security_auditor"] });
  securityContact = (await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["security_auditor"] })).loginId;
  const a = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["account_admin"] });
  security = await signedIn(s.loginId, s.password);
  accountAdmin = await signedIn(a.loginId, a.password);
});
afterAll(() => t.drop());

describe("incident response", () => {
  it("locks until unlocked, ends the open session, resets credentials, notifies and judges the SLA", async () => {
    const member = await createAccount(t.prisma, { organizationId: org.id });
    const session = await signedIn(member.loginId, member.password);
    const incident = await security.run(() => respondToIncident({ id: member.id, reason: "フィッシング被害の申告" }));
    expect(incident).toMatchObject({ slaMet: true, slaMinutes: 15, notifiedCount: 2 });

    await expect(session.run(() => authorize())).rejects.toMatchObject({ code: "unauthenticated" });
    const after = await t.prisma.account.findUniqueOrThrow({ where: { id: member.id } });
    expect(after).toMatchObject({ status: "locked", lockedUntil: null, mustChangePassword: true, totpEnabledAt: null });
    expect(await signIn({ loginId: member.loginId, password: member.password }, client)).toEqual({ kind: "refused", reason: "locked" });
    const row = await t.prisma.incident.findUniqueOrThrow({ where: { id: incident.id } });
    for (const step of [row.lockedAt, row.sessionsEndedAt, row.credentialsResetAt, row.notifiedAt]) expect(step.getTime()).toBeGreaterThanOrEqual(row.openedAt.getTime());
    // The incident notice (at night the test's own sign-ins may also have raised an off-hours alert mail).
    expect(await t.prisma.mailMessage.count({ where: { to: securityContact, subject: { contains: "インシデント対応" } } })).toBe(1);
    expect(await t.prisma.auditEvent.count({ where: { action: "account.incident_response", targetId: member.id } })).toBe(1);

    // After an admin unlocks it, the next sign-in must enrol a new second factor.
    await accountAdmin.run(() => unlockAccount({ id: member.id }));
    expect(await signIn({ loginId: member.loginId, password: member.password }, client)).toMatchObject({ kind: "challenge", step: "enroll" });
  });

  it("records a missed SLA when detection was long before the response", async () => {
    const member = await createAccount(t.prisma, { organizationId: org.id });
    const incident = await security.run(() => respondToIncident({ id: member.id, reason: "不審な海外サインイン", detectedAt: new Date(Date.now() - 20 * 60_000) }));
    expect(incident.slaMet).toBe(false);
  });

  it("refuses bad input, another organization, and roles without security:manage, changing nothing", async () => {
    const member = await createAccount(t.prisma, { organizationId: org.id });
    await expect(security.run(() => respondToIncident({ id: member.id, reason: "  " }))).rejects.toMatchObject({ code: "invalid", field: "reason" });
    await expect(security.run(() => respondToIncident({ id: member.id, reason: "x", detectedAt: new Date(Date.now() + 3600_000) }))).rejects.toMatchObject({ code: "invalid", field: "detectedAt" });
    await expect(accountAdmin.run(() => respondToIncident({ id: member.id, reason: "x" }))).rejects.toMatchObject({ code: "forbidden" });
    const other = await createOrganization(t.prisma);
    const stranger = await createAccount(t.prisma, { organizationId: other.id });
    await expect(security.run(() => respondToIncident({ id: stranger.id, reason: "x" }))).rejects.toMatchObject({ code: "not_found" });
    expect((await t.prisma.account.findUniqueOrThrow({ where: { id: member.id } })).status).toBe("active");
    expect((await t.prisma.account.findUniqueOrThrow({ where: { id: stranger.id } })).status).toBe("active");
    expect(await t.prisma.incident.count({ where: { accountId: { in: [member.id, stranger.id] } } })).toBe(0);
  });
});
