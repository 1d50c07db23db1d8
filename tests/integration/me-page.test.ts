// My Page: contact mail change by link, backup contact, notice categories and test notices, own lines and usage,
// the second factor, and "this wasn't me" on a sign-in (an alert for the security team).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { monthDate, monthKeyOf, addMonths } from "@/lib/policy/billing";
import { generateTotpSecret, totpCode } from "@/lib/policy/totp";
import { listAlerts } from "@/lib/server/alerts/list-alerts";
import { authorize } from "@/lib/server/authorize";
import { hashBackupCode, openSecret } from "@/lib/server/secret-box";
import { hashToken } from "@/lib/server/sign-in/challenge";
import { cancelEmailChange } from "@/lib/server/me/cancel-email-change";
import { changeSecondFactor } from "@/lib/server/me/change-second-factor";
import { confirmEmailChange } from "@/lib/server/me/confirm-email-change";
import { getEmailChangeConfirmation } from "@/lib/server/me/get-email-change-confirmation";
import { getMyProfile } from "@/lib/server/me/get-my-profile";
import { listMyLines } from "@/lib/server/me/list-my-lines";
import { listMySignIns } from "@/lib/server/me/list-my-sign-ins";
import { queueMemberNotice, wantsNotice } from "@/lib/server/me/notices";
import { regenerateBackupCodes } from "@/lib/server/me/regenerate-backup-codes";
import { reportSignIn } from "@/lib/server/me/report-sign-in";
import { requestEmailChange } from "@/lib/server/me/request-email-change";
import { sendTestNotice } from "@/lib/server/me/send-test-notice";
import { sealPendingSecondFactor, startSecondFactorChange } from "@/lib/server/me/start-second-factor-change";
import { updateBackupEmail } from "@/lib/server/me/update-backup-email";
import { updateNoticePreferences } from "@/lib/server/me/update-notice-preferences";
import { requestEmailChangeSchema, updateBackupEmailSchema } from "@/lib/schemas/me";
import { DEFAULT_PASSWORD, createAccount, createLine, createOrganization, type CreatedOrganization } from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { signedIn } from "@/tests/support/session";

let t: TestDatabase;
let org: CreatedOrganization;
beforeAll(async () => {
  t = await openTestDatabase();
  org = await createOrganization(t.prisma);
});
afterAll(() => t.drop());

const member = async () => {
  const a = await createAccount(t.prisma, { organizationId: org.id });
  return { ...a, session: await signedIn(a.loginId, a.password) };
};
const mailsTo = (to: string) => t.prisma.mailMessage.findMany({ where: { to }, orderBy: { createdAt: "asc" }, select: { subject: true, body: true } });
const tokenIn = (body: string) => /\/me\/email\/confirm\?token=([A-Za-z0-9_-]{43})/.exec(body)?.[1];
const audits = (action: string, actorId: string) => t.prisma.auditEvent.findMany({ where: { action, actorId }, orderBy: { id: "asc" }, select: { details: true, targetId: true } });

describe("contact mail change", () => {
  it("goes through a link sent to the new address, confirmed only by its own account; the old address is told twice", async () => {
    const me = await member();
    const newEmail = "Tarou.New@Example.JP";
    const { newEmail: normalized } = await me.session.run(() => requestEmailChange(requestEmailChangeSchema.parse({ email: newEmail, current: me.password })));
    expect(normalized).toBe("tarou.new@example.jp");

    // Nothing changed yet: the profile still has the old address and shows the pending change.
    const profile = await me.session.run(getMyProfile);
    expect(profile.email).toBe(me.loginId);
    expect(profile.pendingEmailChange).toMatchObject({ newEmail: normalized });

    const [confirmMail] = await mailsTo(normalized);
    const token = tokenIn(confirmMail!.body)!;
    expect(token).toBeDefined();
    // Only the hash is stored.
    const row = await t.prisma.emailChangeToken.findFirstOrThrow({ where: { accountId: me.id } });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(24 * 3_600_000);
    const toldOld = await mailsTo(me.loginId);
    expect(toldOld.map((m) => m.subject)).toEqual([expect.stringContaining("変更申請")]);
    expect(toldOld[0]!.body).toContain(normalized);
    expect((await audits("account.email_change_requested", me.id))[0]!.details).toMatchObject({ before: me.loginId, after: normalized });

    // Someone else, signed in, holding the link: refused, nothing about it shown, nothing changed.
    const other = await member();
    expect(await other.session.run(() => getEmailChangeConfirmation({ token }))).toEqual({ state: "wrong_account", loginId: other.loginId });
    await expect(other.session.run(() => confirmEmailChange({ token }))).rejects.toMatchObject({ code: "invalid", field: "token", key: "link_wrong_account" });
    expect((await t.prisma.account.findUniqueOrThrow({ where: { id: me.id } })).email).toBe(me.loginId);
    expect((await t.prisma.account.findUniqueOrThrow({ where: { id: other.id } })).email).toBe(other.loginId);

    // Opening the page changes nothing; the button (a POST) does.
    expect(await me.session.run(() => getEmailChangeConfirmation({ token }))).toMatchObject({ state: "ready", newEmail: normalized, currentEmail: me.loginId });
    expect((await t.prisma.account.findUniqueOrThrow({ where: { id: me.id } })).email).toBe(me.loginId);
    expect(await me.session.run(() => confirmEmailChange({ token }))).toEqual({ email: normalized });
    expect((await t.prisma.account.findUniqueOrThrow({ where: { id: me.id } })).email).toBe(normalized);
    expect((await audits("account.email_changed", me.id))[0]!.details).toMatchObject({ before: me.loginId, after: normalized });
    expect((await mailsTo(me.loginId)).map((m) => m.subject)).toEqual([expect.stringContaining("変更申請"), expect.stringContaining("変更しました")]);
    expect((await mailsTo(normalized)).at(-1)!.subject).toContain("変更しました");

    // A used link stays used.
    expect(await me.session.run(() => getEmailChangeConfirmation({ token }))).toMatchObject({ state: "used" });
    await expect(me.session.run(() => confirmEmailChange({ token }))).rejects.toMatchObject({ code: "invalid", key: "link_used" });
    expect(await me.session.run(() => getEmailChangeConfirmation({ token: "x".repeat(43) }))).toMatchObject({ state: "invalid" });
  });

  it("refuses the current address and a malformed one by field; a new request replaces the old; expired and cancelled links change nothing", async () => {
    const me = await member();
    await expect(me.session.run(() => requestEmailChange({ email: me.loginId, current: me.password }))).rejects.toMatchObject({ code: "invalid", field: "email", key: "same_as_current" });
    expect(requestEmailChangeSchema.safeParse({ email: "not-an-address", current: "x" }).error?.issues[0]).toMatchObject({ path: ["email"], message: "email" });
    expect(requestEmailChangeSchema.safeParse({ email: "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ", current: "x" }).data).toEqual({ email: "taro@example.jp", current: "x" });

    // The current password first (password resets go to this address); a wrong one changes nothing and is counted.
    await expect(me.session.run(() => requestEmailChange({ email: "first@example.jp", current: "wrong password" }))).rejects.toMatchObject({ field: "current", key: "current_wrong" });
    expect(await t.prisma.emailChangeToken.count({ where: { accountId: me.id } })).toBe(0);
    expect(await t.prisma.auditEvent.count({ where: { actorId: me.id, action: "account.password_check_failed", outcome: "failure" } })).toBe(1);
    await me.session.run(() => requestEmailChange({ email: "first@example.jp", current: me.password }));
    await me.session.run(() => requestEmailChange({ email: "second@example.jp", current: me.password }));
    const first = tokenIn((await mailsTo("first@example.jp"))[0]!.body)!;
    const second = tokenIn((await mailsTo("second@example.jp"))[0]!.body)!;
    expect(await t.prisma.emailChangeToken.count({ where: { accountId: me.id, usedAt: null, expiresAt: { gt: new Date() } } })).toBe(1);
    expect((await me.session.run(getMyProfile)).pendingEmailChange?.newEmail).toBe("second@example.jp");
    await expect(me.session.run(() => confirmEmailChange({ token: first }))).rejects.toMatchObject({ key: "link_expired" });

    // Past its 24 hours.
    await t.prisma.emailChangeToken.updateMany({ where: { tokenHash: hashToken(second) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await me.session.run(() => getEmailChangeConfirmation({ token: second }))).toMatchObject({ state: "expired" });
    await expect(me.session.run(() => confirmEmailChange({ token: second }))).rejects.toMatchObject({ key: "link_expired" });

    // Cancelled.
    await me.session.run(() => requestEmailChange({ email: "third@example.jp", current: me.password }));
    const third = tokenIn((await mailsTo("third@example.jp"))[0]!.body)!;
    expect(await me.session.run(cancelEmailChange)).toEqual({ cancelled: true });
    await expect(me.session.run(cancelEmailChange)).rejects.toMatchObject({ code: "not_found" });
    await expect(me.session.run(() => confirmEmailChange({ token: third }))).rejects.toMatchObject({ key: "link_expired" });
    expect((await t.prisma.account.findUniqueOrThrow({ where: { id: me.id } })).email).toBe(me.loginId);
    expect(await t.prisma.auditEvent.count({ where: { action: "account.email_changed", actorId: me.id } })).toBe(0);
    expect(await t.prisma.auditEvent.count({ where: { action: "account.email_change_cancelled", actorId: me.id } })).toBe(1);

    // At most five requests an hour.
    await me.session.run(() => requestEmailChange({ email: "fourth@example.jp", current: me.password }));
    await me.session.run(() => requestEmailChange({ email: "fifth@example.jp", current: me.password }));
    await expect(me.session.run(() => requestEmailChange({ email: "sixth@example.jp", current: me.password }))).rejects.toMatchObject({ field: "email", key: "too_many_requests" });
    expect(await mailsTo("sixth@example.jp")).toEqual([]);
  });
});

describe("backup contact", () => {
  it("is set, must differ from the contact address, is cleared by an empty value, and is audited", async () => {
    const me = await member();
    const parse = (backupEmail: string) => updateBackupEmailSchema.parse({ backupEmail });
    expect(updateBackupEmailSchema.safeParse({ backupEmail: "nope" }).error?.issues[0]).toMatchObject({ path: ["backupEmail"], message: "email" });
    await expect(me.session.run(() => updateBackupEmail(parse(me.loginId.toUpperCase())))).rejects.toMatchObject({ code: "invalid", field: "backupEmail", key: "same_as_contact" });
    expect(await me.session.run(() => updateBackupEmail(parse(" Backup@Example.jp ")))).toEqual({ backupEmail: "backup@example.jp", changed: true });
    expect(await me.session.run(() => updateBackupEmail(parse("backup@example.jp")))).toEqual({ backupEmail: "backup@example.jp", changed: false });
    expect((await me.session.run(getMyProfile)).backupEmail).toBe("backup@example.jp");
    // The backup contact gets a copy of a change request's notice.
    await me.session.run(() => requestEmailChange({ email: "elsewhere@example.jp", current: me.password }));
    expect((await mailsTo("backup@example.jp")).map((m) => m.subject)).toEqual([expect.stringContaining("変更申請")]);
    expect(await me.session.run(() => updateBackupEmail(parse("")))).toEqual({ backupEmail: null, changed: true });
    expect((await audits("account.backup_email_changed", me.id)).map((a) => a.details)).toEqual([
      { before: null, after: "backup@example.jp" },
      { before: "backup@example.jp", after: null },
    ]);
  });
});

describe("notices", () => {
  it("wantsNotice follows the member's categories; security is always wanted", () => {
    const off = { notifyBilling: false, notifyData: false, notifyContract: false };
    expect((["billing", "data", "contract", "security"] as const).map((c) => wantsNotice(off, c))).toEqual([false, false, false, true]);
    expect(wantsNotice({ ...off, notifyData: true }, "data")).toBe(true);
  });

  it("queueMemberNotice queues only categories the member wants; security always goes out", async () => {
    const me = await member();
    await me.session.run(() => updateNoticePreferences({ billing: false, data: false, contract: false }));
    const notice = (category: "billing" | "data" | "contract" | "security") =>
      t.prisma.$transaction((tx) => queueMemberNotice(tx, { organizationId: org.id, accountId: me.id, category, subject: `件名 ${category}`, body: "本文" }));
    expect(await notice("billing")).toBeNull();
    expect(await notice("data")).toBeNull();
    expect(await notice("contract")).toBeNull();
    expect(await notice("security")).toEqual(expect.any(String));
    expect((await mailsTo(me.loginId)).map((m) => m.subject)).toEqual(["件名 security"]);
    await me.session.run(() => updateNoticePreferences({ billing: true, data: false, contract: false }));
    expect(await notice("billing")).toEqual(expect.any(String));
    expect((await mailsTo(me.loginId)).at(-1)!.body).toContain("/me#notifications");
    // Another organization's account is nobody here.
    const elsewhere = await createOrganization(t.prisma);
    expect(await t.prisma.$transaction((tx) => queueMemberNotice(tx, { organizationId: elsewhere.id, accountId: me.id, category: "security", subject: "x", body: "y" }))).toBeNull();
  });

  it("saves categories with an audit event, and sends a test notice only for a category that is on", async () => {
    const me = await member();
    expect(await me.session.run(() => updateNoticePreferences({ billing: true, data: false, contract: true }))).toEqual({ changed: true });
    expect(await me.session.run(() => updateNoticePreferences({ billing: true, data: false, contract: true }))).toEqual({ changed: false });
    expect((await audits("account.notifications_changed", me.id))[0]!.details).toEqual({
      before: { billing: true, data: true, contract: true },
      after: { billing: true, data: false, contract: true },
    });
    expect(await me.session.run(() => sendTestNotice({ category: "data" }))).toEqual({ sent: false, to: me.loginId });
    expect(await mailsTo(me.loginId)).toEqual([]);
    expect(await me.session.run(() => sendTestNotice({ category: "billing" }))).toEqual({ sent: true, to: me.loginId });
    expect(await me.session.run(() => sendTestNotice({ category: "security" }))).toEqual({ sent: true, to: me.loginId });
    expect((await mailsTo(me.loginId)).map((m) => m.subject)).toEqual([expect.stringContaining("テスト通知: 請求"), expect.stringContaining("テスト通知: セキュリティ")]);
    expect((await audits("account.test_notice_sent", me.id)).map((a) => a.details)).toEqual([
      { category: "data", sent: false, to: me.loginId },
      { category: "billing", sent: true, to: me.loginId },
      { category: "security", sent: true, to: me.loginId },
    ]);
  });
});

describe("own lines", () => {
  it("lists the member's lines with this Tokyo month's usage and add-ons, and nobody else's", async () => {
    const me = await member();
    const other = await member();
    const line = await createLine(t.prisma, { organizationId: org.id, assignedAccountId: me.id, dataAllowanceGb: 10, plan: "OCNモバイル 10GB" });
    const idle = await createLine(t.prisma, { organizationId: org.id, assignedAccountId: me.id, dataAllowanceGb: 3, plan: "OCNモバイル 3GB", simType: "esim", iccid: null });
    await createLine(t.prisma, { organizationId: org.id, assignedAccountId: other.id });
    // 2026-11-30 23:30 JST is still November in Tokyo (14:30 UTC).
    const now = new Date("2026-11-30T14:30:00Z");
    const month = monthKeyOf(now);
    expect(month).toBe("2026-11");
    await t.prisma.lineUsage.createMany({
      data: [
        { organizationId: org.id, lineId: line.id, month: monthDate(month), usedGb: "8.75" },
        { organizationId: org.id, lineId: line.id, month: monthDate(addMonths(month, -1)), usedGb: "9.99" },
      ],
    });
    await t.prisma.lineDataAddon.createMany({
      data: [
        { organizationId: org.id, lineId: line.id, month: monthDate(month), gb: 1, priceYen: 500 },
        { organizationId: org.id, lineId: line.id, month: monthDate(month), gb: 3, priceYen: 1500 },
        { organizationId: org.id, lineId: line.id, month: monthDate(addMonths(month, -1)), gb: 5, priceYen: 2500 },
      ],
    });
    const mine = await me.session.run(() => listMyLines(now));
    expect(mine.month).toBe("2026-11");
    expect(mine.lines).toHaveLength(2);
    expect(mine.lines.find((l) => l.id === line.id)).toMatchObject({ phoneNumber: line.phoneNumber, plan: "OCNモバイル 10GB", dataAllowanceGb: 10, status: "active", usedGb: 8.75, addonGb: 4, capacityGb: 14 });
    expect(mine.lines.find((l) => l.id === idle.id)).toMatchObject({ usedGb: null, addonGb: 0, capacityGb: 3, simType: "esim" });
    // The first of December in Tokyo is a new month: nothing reported yet.
    const december = await me.session.run(() => listMyLines(new Date("2026-11-30T15:00:00Z")));
    expect(december.month).toBe("2026-12");
    expect(december.lines.find((l) => l.id === line.id)).toMatchObject({ usedGb: null, addonGb: 0, capacityGb: 10 });
  });
});

describe("second factor", () => {
  it("re-registers the authenticator app with the current password and a code from it; other sessions end, this one stays", async () => {
    const me = await member();
    const elsewhere = await signedIn(me.loginId, me.password);
    const { pending, secret, qrSvg } = await me.session.run(startSecondFactorChange);
    expect(qrSvg).toContain("<svg");
    const code = () => totpCode(secret, new Date());

    await expect(me.session.run(() => changeSecondFactor({ pending, current: "wrong-password!", code: code() }))).rejects.toMatchObject({ field: "current", key: "current_wrong" });
    await expect(me.session.run(() => changeSecondFactor({ pending, current: DEFAULT_PASSWORD, code: "000000" === code() ? "111111" : "000000" }))).rejects.toMatchObject({ field: "code", key: "code_invalid" });
    // A sealed secret from another session, an altered one, or an expired one.
    await expect(elsewhere.run(() => changeSecondFactor({ pending, current: DEFAULT_PASSWORD, code: code() }))).rejects.toMatchObject({ field: "pending", key: "enrolment_expired" });
    await expect(me.session.run(() => changeSecondFactor({ pending: `${pending.slice(0, -2)}AA`, current: DEFAULT_PASSWORD, code: code() }))).rejects.toMatchObject({ key: "enrolment_expired" });
    const stale = sealPendingSecondFactor({ accountId: me.id, sessionId: me.session.sessionId }, generateTotpSecret(), new Date(Date.now() - 1000));
    await expect(me.session.run(() => changeSecondFactor({ pending: stale, current: DEFAULT_PASSWORD, code: code() }))).rejects.toMatchObject({ key: "enrolment_expired" });
    await expect(elsewhere.run(() => authorize())).resolves.toMatchObject({ accountId: me.id });

    expect(await me.session.run(() => changeSecondFactor({ pending, current: DEFAULT_PASSWORD, code: code() }))).toEqual({ otherSessionsEnded: 1 });
    await expect(me.session.run(() => authorize())).resolves.toMatchObject({ accountId: me.id });
    await expect(elsewhere.run(() => authorize())).rejects.toMatchObject({ code: "unauthenticated" });
    const row = await t.prisma.account.findUniqueOrThrow({ where: { id: me.id }, select: { totpSecret: true } });
    expect(openSecret(row.totpSecret!, me.id)).toBe(secret);
    expect((await audits("account.mfa_changed", me.id))[0]!.details).toMatchObject({ via: "my_page", otherSessionsEnded: 1 });
    // The new app signs in.
    await expect(signedIn(me.loginId, me.password).then(() => "signed in").catch(() => "refused")).resolves.toBe("refused");
    const { passSecondFactor } = await import("@/tests/support/session");
    const { signIn } = await import("@/lib/server/sign-in/sign-in");
    const client = { ip: "192.0.2.10", userAgent: "vitest" };
    await expect(passSecondFactor(await signIn({ loginId: me.loginId, password: me.password }, client), client, secret)).resolves.toMatchObject({ kind: "session" });
    expect((await mailsTo(me.loginId)).map((m) => m.subject)).toContainEqual(expect.stringContaining("認証アプリを変更しました"));
  });

  it("issues ten new backup codes after the current password; earlier codes stop working; the count shows", async () => {
    const me = await member();
    expect((await me.session.run(getMyProfile)).backupCodesLeft).toBe(0);
    await expect(me.session.run(() => regenerateBackupCodes({ current: "wrong-password!" }))).rejects.toMatchObject({ field: "current", key: "current_wrong" });
    const first = await me.session.run(() => regenerateBackupCodes({ current: DEFAULT_PASSWORD }));
    expect(new Set(first.backupCodes).size).toBe(10);
    await t.prisma.backupCode.updateMany({ where: { accountId: me.id, codeHash: hashBackupCode(first.backupCodes[0]!) }, data: { usedAt: new Date() } });
    expect((await me.session.run(getMyProfile)).backupCodesLeft).toBe(9);
    const second = await me.session.run(() => regenerateBackupCodes({ current: DEFAULT_PASSWORD }));
    const stored = (await t.prisma.backupCode.findMany({ where: { accountId: me.id }, select: { codeHash: true } })).map((c) => c.codeHash);
    expect(stored.sort()).toEqual(second.backupCodes.map(hashBackupCode).sort());
    for (const old of first.backupCodes) expect(stored).not.toContain(hashBackupCode(old));
    expect((await me.session.run(getMyProfile)).backupCodesLeft).toBe(10);
    expect((await audits("account.backup_codes_regenerated", me.id)).map((a) => a.details)).toEqual([
      { via: "my_page", count: 10, unusedBefore: 0 },
      { via: "my_page", count: 10, unusedBefore: 9 },
    ]);
  });
});

describe("sign-in history and \"this wasn't me\"", () => {
  it("lists the member's own last 20 sign-ins, newest first, with a readable device", async () => {
    const me = await member();
    const other = await member();
    const base = Date.now() - 3_600_000;
    for (let i = 0; i < 22; i++) {
      await t.prisma.auditEvent.create({
        data: {
          organizationId: org.id,
          occurredAt: new Date(base + i * 60_000),
          actorId: me.id,
          actorLabel: me.loginId,
          action: "auth.sign_in",
          outcome: i % 2 ? "success" : "failure",
          reason: i % 2 ? null : "bad_password",
          ip: "203.0.113.5",
          country: "US",
          userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        },
      });
    }
    const list = await me.session.run(listMySignIns);
    expect(list).toHaveLength(20);
    expect(list.map((e) => e.occurredAt.getTime())).toEqual([...list.map((e) => e.occurredAt.getTime())].sort((a, b) => b - a));
    // The sign-in of this very session is the newest; the seeded ones follow.
    expect(list[0]).toMatchObject({ outcome: "success", ip: "192.0.2.10", device: "vitest" });
    expect(list[1]).toMatchObject({ device: "Chrome 131 · Windows", country: "US", ip: "203.0.113.5", reported: false });
    expect(list.some((e) => e.outcome === "failure" && e.reason === "bad_password")).toBe(true);
    expect((await other.session.run(listMySignIns)).every((e) => e.id !== list[0]!.id)).toBe(true);
  });

  it("opens one alert for the security team (high, about the member, with the event as evidence), mails them, and never a second for the same event", async () => {
    const security = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["security_auditor"] });
    const securitySession = await signedIn(security.loginId, security.password);
    const me = await member();
    const [first, second] = await Promise.all(
      ["198.51.100.77", "198.51.100.78"].map((ip) =>
        t.prisma.auditEvent.create({
          data: { organizationId: org.id, actorId: me.id, actorLabel: me.loginId, action: "auth.sign_in", outcome: "success", ip, country: "BR", userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15" },
          select: { id: true },
        }),
      ),
    );
    const mailsBefore = await t.prisma.mailMessage.count({ where: { to: security.loginId } });

    expect(await me.session.run(() => reportSignIn({ eventId: String(first!.id) }))).toEqual({ alreadyReported: false });
    const alerts = await t.prisma.alert.findMany({ where: { organizationId: org.id, kind: "sign_in_reported", subjectKey: me.id } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ severity: "high", subjectType: "account", subjectLabel: me.loginId, status: "open", count: 1 });
    expect(alerts[0]!.evidenceEventIds).toContain(first!.id);
    expect(alerts[0]!.explanation).toMatchObject({ values: { account: me.loginId, ip: "198.51.100.77", country: "BR", device: "Safari 17 · macOS", outcome: "success" } });
    const report = await audits("auth.sign_in_reported", me.id);
    expect(report).toEqual([{ targetId: String(first!.id), details: expect.objectContaining({ alertId: alerts[0]!.id, ip: "198.51.100.77" }) }]);
    const mails = await t.prisma.mailMessage.findMany({ where: { to: security.loginId }, select: { subject: true, body: true } });
    expect(mails.length).toBe(mailsBefore + 1);
    expect(mails.at(-1)!.subject).toContain("心当たりのないサインインの報告");
    expect(await t.prisma.alertDelivery.count({ where: { alertId: alerts[0]!.id, channel: "mail" } })).toBeGreaterThan(0);

    // The same event again: nothing new.
    expect(await me.session.run(() => reportSignIn({ eventId: String(first!.id) }))).toEqual({ alreadyReported: true });
    expect(await t.prisma.alert.count({ where: { kind: "sign_in_reported", subjectKey: me.id } })).toBe(1);
    expect(await t.prisma.auditEvent.count({ where: { action: "auth.sign_in_reported", actorId: me.id } })).toBe(1);
    // Two reports at once of the same event: still one.
    await Promise.allSettled([0, 1].map(() => me.session.run(() => reportSignIn({ eventId: String(first!.id) }))));
    expect(await t.prisma.auditEvent.count({ where: { action: "auth.sign_in_reported", actorId: me.id } })).toBe(1);

    // Another event of the member grows the open alert instead of opening a second; no second mail.
    expect(await me.session.run(() => reportSignIn({ eventId: String(second!.id) }))).toEqual({ alreadyReported: false });
    const grown = await t.prisma.alert.findMany({ where: { kind: "sign_in_reported", subjectKey: me.id } });
    expect(grown).toHaveLength(1);
    expect(grown[0]!.count).toBe(2);
    expect(grown[0]!.evidenceEventIds).toEqual(expect.arrayContaining([first!.id, second!.id]));
    expect(await t.prisma.mailMessage.count({ where: { to: security.loginId } })).toBe(mailsBefore + 1);

    expect((await me.session.run(listMySignIns)).filter((e) => e.reported).map((e) => e.id).sort()).toEqual([String(first!.id), String(second!.id)].sort());

    // Someone else's sign-in cannot be reported by this member.
    const other = await member();
    const theirs = await t.prisma.auditEvent.create({ data: { organizationId: org.id, actorId: other.id, action: "auth.sign_in", outcome: "success" }, select: { id: true } });
    await expect(me.session.run(() => reportSignIn({ eventId: String(theirs.id) }))).rejects.toMatchObject({ code: "not_found", field: "eventId" });

    // The security role sees it on the alert list, filtered by its kind.
    const listed = await securitySession.run(() => listAlerts({ kind: "sign_in_reported" }));
    expect(listed.alerts.map((a) => a.id)).toContain(grown[0]!.id);
  });
});

describe("the current password check", () => {
  it("stops guessing after five wrong passwords in 15 minutes, even the right one", async () => {
    const me = await member();
    for (let i = 0; i < 5; i++) {
      await expect(me.session.run(() => requestEmailChange({ email: "guess@example.jp", current: `guess ${i}` }))).rejects.toMatchObject({ key: "current_wrong" });
    }
    await expect(me.session.run(() => requestEmailChange({ email: "guess@example.jp", current: me.password }))).rejects.toMatchObject({ field: "current", key: "too_many_attempts" });
    expect(await t.prisma.emailChangeToken.count({ where: { accountId: me.id } })).toBe(0);
  });
});
