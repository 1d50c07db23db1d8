import "server-only";
import crypto from "node:crypto";
import type { Tx } from "../db";
import { publicUrl, queueMail } from "../mail/mailer";
import { hashToken } from "../sign-in/challenge";

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60_000;

export interface InvitationTarget {
  id: string;
  organizationId: string;
  loginId: string;
  email: string;
  displayName: string;
}

/**
 * Inside the caller's transaction: replaces any earlier link with a new single-use one (7 days) and queues the mail.
 * The caller delivers the returned mail after commit. The link sets the first password; the second factor is
 * enrolled at the first sign-in that follows.
 */
export async function issueInvitation(tx: Tx, account: InvitationTarget, { invitedById, organizationName, now }: { invitedById: string | null; organizationName: string; now: Date }): Promise<{ mailId: string; expiresAt: Date }> {
  const token = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + INVITATION_LIFETIME_MS);
  await tx.invitation.updateMany({ where: { accountId: account.id, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
  await tx.invitation.create({
    data: { organizationId: account.organizationId, accountId: account.id, tokenHash: hashToken(token), invitedById, createdAt: now, expiresAt },
  });
  await tx.account.update({ where: { id: account.id }, data: { invitedAt: now } });
  const mailId = await queueMail(tx, {
    organizationId: account.organizationId,
    to: account.email,
    subject: "【OCN ビジネスコンソール】アカウントのご案内 / Your OCN ID",
    body: [
      `${account.displayName} 様`,
      "",
      `${organizationName} の OCN ビジネスコンソールに、あなたの OCN ID が用意されました。`,
      "次のリンクから 7 日以内にパスワードを設定してください (1 回だけ使えます)。",
      "続けてサインインすると、認証アプリによる二段階認証を設定します。",
      "",
      publicUrl(`/sign-in/invitation/${token}`),
      "",
      `OCN ID: ${account.loginId}`,
      "",
      "Your OCN ID is ready. Open the link above within 7 days to set your password (it works once);",
      "at your first sign-in you will set up two-step verification with an authenticator app.",
    ].join("\n"),
  });
  return { mailId, expiresAt };
}
