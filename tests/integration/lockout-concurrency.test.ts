import { afterAll, beforeAll, expect, it } from "vitest";
import { signIn } from "@/lib/server/sign-in/sign-in";
import { createAccount, createOrganization } from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";

// The lockout must stay exact under a parallel attack: on PostgreSQL the attempts really overlap.
let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.drop());

it("50 concurrent wrong passwords produce exactly one lock and exactly 50 recorded failures", { timeout: 120_000 }, async () => {
  const org = await createOrganization(t.prisma);
  const account = await createAccount(t.prisma, { organizationId: org.id });
  const attempts = Array.from({ length: 50 }, (_, i) =>
    signIn({ loginId: account.loginId, password: `not-the-password-${i}` }, { ip: `198.51.100.${i + 1}`, userAgent: "attacker" }),
  );
  const outcomes = await Promise.all(attempts);
  expect(outcomes.every((o) => o.kind === "refused")).toBe(true);
  const reasons = outcomes.map((o) => (o.kind === "refused" ? o.reason : o.kind));
  expect(reasons.filter((r) => r === "bad_password")).toHaveLength(10);
  expect(reasons.filter((r) => r === "locked")).toHaveLength(40);

  expect(await t.prisma.auditEvent.count({ where: { action: "account.locked", targetId: account.id } })).toBe(1);
  const failures = await t.prisma.auditEvent.count({ where: { action: "auth.sign_in", targetId: account.id, outcome: "failure" } });
  expect(failures).toBe(50);
  const rollup = await t.prisma.signInRollup.aggregate({ where: { organizationId: org.id }, _sum: { failureCount: true } });
  expect(rollup._sum.failureCount).toBe(50);
  const after = await t.prisma.account.findUniqueOrThrow({ where: { id: account.id } });
  expect(after).toMatchObject({ status: "locked", lockCount: 1 });
});
