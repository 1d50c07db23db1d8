import { afterAll, beforeAll, expect, it } from "vitest";
import { authorize } from "@/lib/server/authorize";
import { changeMyPassword } from "@/lib/server/me/change-my-password";
import { getMyProfile } from "@/lib/server/me/get-my-profile";
import { createAccount, createOrganization } from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { signedIn } from "@/tests/support/session";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.drop());

it("a member changes their own password: the current one is checked, this session stays, others end", async () => {
  const org = await createOrganization(t.prisma);
  const member = await createAccount(t.prisma, { organizationId: org.id, passwordChangedAt: new Date(Date.now() - 80 * 86_400_000) });
  const here = await signedIn(member.loginId, member.password);
  const elsewhere = await signedIn(member.loginId, member.password);
  expect((await here.run(getMyProfile)).passwordExpiry).toMatchObject({ state: "warn", daysLeft: 10 });

  const fresh = "朝焼けの港に汽笛が三度響く";
  await expect(here.run(() => changeMyPassword({ current: "not-it-at-all", password: fresh, confirm: fresh }))).rejects.toMatchObject({ code: "invalid", field: "current" });
  const weak = await here.run(() => changeMyPassword({ current: member.password, password: "qwerty123456", confirm: "qwerty123456" }));
  expect(weak.ok).toBe(false);
  expect(!weak.ok && weak.problems.map((p) => p.code)).toContain("common");
  expect(await here.run(() => changeMyPassword({ current: member.password, password: fresh, confirm: fresh }))).toEqual({ ok: true });

  await expect(here.run(() => authorize())).resolves.toMatchObject({ accountId: member.id });
  await expect(elsewhere.run(() => authorize())).rejects.toMatchObject({ code: "unauthenticated" });
  expect((await here.run(getMyProfile)).passwordExpiry.state).toBe("ok");
  expect(await t.prisma.auditEvent.count({ where: { action: "account.password_changed", targetId: member.id } })).toBe(1);
});
