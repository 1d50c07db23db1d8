import "server-only";
import type { z } from "zod";
import { verifyTotp } from "@/lib/policy/totp";
import type { changeSecondFactorSchema } from "@/lib/schemas/me";
import { authorize } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { deliver } from "../mail/mailer";
import { sealSecret } from "../secret-box";
import { auditMine, checkCurrentPassword, lockMyAccount } from "./my-account";
import { queueMemberNotice } from "./notices";
import { openPendingSecondFactor } from "./start-second-factor-change";

/**
 * The member moves two-step verification to a new authenticator app: current password, then a code from the new app.
 * The old app's codes stop working and every other session ends; this one stays. Backup codes are kept.
 */
export async function changeSecondFactor(input: z.infer<typeof changeSecondFactorSchema>): Promise<{ otherSessionsEnded: number }> {
  const actor = await authorize();
  const prisma = await db();
  const secret = openPendingSecondFactor(actor, input.pending, new Date());
  if (!secret) throw new AppError("invalid", "The set-up of the new authenticator app has expired. Start again.", "pending", "enrolment_expired");
  await checkCurrentPassword(prisma, actor, input.current);
  const result = await prisma.$transaction(async (tx) => {
    const now = new Date();
    const me = await lockMyAccount(tx, actor);
    const verdict = verifyTotp(secret, input.code, now, null);
    if (!verdict.ok) throw new AppError("invalid", "The code from the new app is wrong. Check the app's clock and enter the current code.", "code", "code_invalid");
    const { sessionVersion } = await tx.account.update({
      where: { id: actor.accountId },
      data: { totpSecret: sealSecret(secret, actor.accountId), totpEnabledAt: now, totpLastStep: verdict.step, sessionVersion: { increment: 1 } },
      select: { sessionVersion: true },
    });
    const ended = await tx.session.updateMany({ where: { accountId: actor.accountId, revokedAt: null, id: { not: actor.sessionId } }, data: { revokedAt: now } });
    await tx.session.update({ where: { id: actor.sessionId }, data: { sessionVersion } });
    await auditMine(tx, actor, now, "account.mfa_changed", { via: "my_page", method: "totp", otherSessionsEnded: ended.count });
    const mailId = await queueMemberNotice(tx, {
      organizationId: actor.organizationId,
      accountId: actor.accountId,
      category: "security",
      subject: "【OCN ビジネスコンソール】認証アプリを変更しました / Your authenticator app was changed",
      body: [
        `${me.displayName} 様`,
        "",
        `OCN ID ${me.loginId} の二段階認証を新しい認証アプリに変更しました。以前のアプリのワンタイムコードは使えません。`,
        "ほかの端末のセッションは終了しました。お心当たりがない場合は、すぐに管理者にご連絡ください。",
        "",
        `Two-step verification of OCN ID ${me.loginId} now uses a new authenticator app; the old app's codes no longer work.`,
        "Sessions on other devices have ended. If this wasn't you, contact your administrator at once.",
      ].join("\n"),
    });
    return { otherSessionsEnded: ended.count, mailId };
  });
  if (result.mailId) await deliver([result.mailId]);
  return { otherSessionsEnded: result.otherSessionsEnded };
}
