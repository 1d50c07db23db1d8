import "server-only";
import { AppError } from "../errors";
import { queueMail } from "../mail/mailer";
import { onAccount, type AccountActionInput } from "./on-account";

/** Lifts a lockout; the member and the organization's account admins are told by mail. */
export function unlockAccount(input: AccountActionInput) {
  return onAccount(input, "account.unlocked", async (tx, account, actor) => {
    if (account.status !== "locked") throw new AppError("conflict", "This account is not locked.");
    await tx.account.update({ where: { id: account.id }, data: { status: "active", lockedUntil: null } });
    await tx.signInFailure.deleteMany({ where: { accountId: account.id } });
    const admins = await tx.account.findMany({
      where: {
        organizationId: actor.organizationId,
        status: "active",
        id: { not: account.id },
        grants: { some: { revokedAt: null, OR: [{ endsAt: null }, { endsAt: { gt: new Date() } }], role: { permissions: { some: { domain: "accounts", level: "manage" } } } } },
      },
      select: { email: true },
    });
    const mailIds = [
      await queueMail(tx, {
        organizationId: actor.organizationId,
        to: account.email,
        subject: "【OCN ビジネスコンソール】アカウントのロックが解除されました",
        body: `${account.displayName} 様\n\n管理者 (${actor.displayName}) があなたの OCN ID (${account.loginId}) のロックを解除しました。\nお心当たりのないサインイン失敗が続いていた場合は、パスワードを変更し、管理者にご連絡ください。`,
      }),
      ...(await Promise.all(
        admins.map((a) =>
          queueMail(tx, {
            organizationId: actor.organizationId,
            to: a.email,
            subject: `【OCN ビジネスコンソール】${account.loginId} のロックが解除されました`,
            body: `${actor.displayName} が ${account.displayName} (${account.loginId}) のアカウントロックを解除しました。\n監査ログで経緯を確認できます。`,
          }),
        ),
      )),
    ];
    return { mailIds };
  });
}
