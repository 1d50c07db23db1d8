import "server-only";
import crypto from "node:crypto";
import type { z } from "zod";
import { formatDateTime } from "@/lib/format";
import type { requestEmailChangeSchema } from "@/lib/schemas/me";
import { authorize } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { deliver, publicUrl, queueMail } from "../mail/mailer";
import { hashToken } from "../sign-in/challenge";
import { auditMine, checkCurrentPassword, lockMyAccount } from "./my-account";
import { queueMemberNotice } from "./notices";

export const EMAIL_CHANGE_LIFETIME_MS = 24 * 3_600_000;
/** Each request mails an address the member typed: a few an hour is plenty for typos and keeps it from being a mail cannon. */
export const EMAIL_CHANGE_REQUESTS_PER_HOUR = 5;

/**
 * A member asks to move their contact mail to a new address. Nothing changes yet: a single-use link (24 hours) goes to
 * the new address, the current address is told, and a new request replaces any earlier one.
 */
export async function requestEmailChange(input: z.infer<typeof requestEmailChangeSchema>): Promise<{ newEmail: string; expiresAt: Date }> {
  const actor = await authorize();
  const prisma = await db();
  await checkCurrentPassword(prisma, actor, input.current);
  const token = crypto.randomBytes(32).toString("base64url");
  const { mailIds, expiresAt } = await prisma.$transaction(async (tx) => {
    const now = new Date();
    const me = await lockMyAccount(tx, actor);
    if (input.email === me.email) throw new AppError("invalid", "This is already your contact address.", "email", "same_as_current");
    const lastHour = await tx.emailChangeToken.count({ where: { accountId: actor.accountId, createdAt: { gt: new Date(now.getTime() - 3_600_000) } } });
    if (lastHour >= EMAIL_CHANGE_REQUESTS_PER_HOUR) {
      throw new AppError("conflict", `At most ${EMAIL_CHANGE_REQUESTS_PER_HOUR} changes of the contact address can be requested per hour.`, "email", "too_many_requests");
    }
    // One pending change per account: earlier links stop working now.
    await tx.emailChangeToken.updateMany({ where: { accountId: actor.accountId, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
    const expiresAt = new Date(now.getTime() + EMAIL_CHANGE_LIFETIME_MS);
    await tx.emailChangeToken.create({
      data: { organizationId: actor.organizationId, accountId: actor.accountId, newEmail: input.email, tokenHash: hashToken(token), expiresAt, createdAt: now },
    });
    await auditMine(tx, actor, now, "account.email_change_requested", { before: me.email, after: input.email, expiresAt: expiresAt.toISOString() });

    const link = publicUrl(`/me/email/confirm?token=${token}`);
    const confirm = await queueMail(tx, {
      organizationId: actor.organizationId,
      to: input.email,
      subject: "【OCN ビジネスコンソール】連絡先メールアドレスの確認 / Confirm your contact address",
      body: [
        `${me.displayName} 様`,
        "",
        `OCN ID ${me.loginId} の連絡先メールアドレスを、このアドレスに変更する申請がありました。`,
        `次のリンクを開き、この OCN ID でサインインした状態で「変更を確定」を押すと変更が完了します。`,
        `リンクの有効期限は ${formatDateTime(expiresAt)} (24 時間) で、1 回だけ使えます。`,
        "",
        link,
        "",
        "お心当たりがない場合は、このメールを破棄してください。連絡先は変わりません。",
        "",
        `Someone asked to make this the contact address of OCN ID ${me.loginId}. Open the link above while signed in as that OCN ID`,
        `and press "Confirm change". The link works once, until ${formatDateTime(expiresAt)} (JST). If this wasn't you, ignore this mail.`,
      ].join("\n"),
    });
    const told = [
      `${me.displayName} 様`,
      "",
      `OCN ID ${me.loginId} の連絡先メールアドレスを ${input.email} に変更する申請がありました (${formatDateTime(now)})。`,
      "新しいアドレスに届いたリンクから確定されるまで、連絡先は変わりません。",
      "お心当たりがない場合は、マイページで申請を取り消し、パスワードを変更してください。",
      publicUrl("/me#contact"),
      "",
      `A change of the contact address of OCN ID ${me.loginId} to ${input.email} was requested. Nothing changes until the link sent to`,
      "the new address is confirmed. If this wasn't you, cancel the request on My Page and change your password.",
    ].join("\n");
    const subject = "【OCN ビジネスコンソール】連絡先メールアドレスの変更申請 / Contact address change requested";
    const notice = await queueMemberNotice(tx, { organizationId: actor.organizationId, accountId: actor.accountId, category: "security", subject, body: told });
    const backup = me.backupEmail && me.backupEmail !== input.email ? await queueMail(tx, { organizationId: actor.organizationId, to: me.backupEmail, subject, body: told }) : null;
    return { mailIds: [confirm, notice, backup].filter((id): id is string => Boolean(id)), expiresAt };
  });
  await deliver(mailIds);
  return { newEmail: input.email, expiresAt };
}
