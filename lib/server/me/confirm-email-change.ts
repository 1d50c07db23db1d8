import "server-only";
import type { z } from "zod";
import { formatDateTime } from "@/lib/format";
import type { emailChangeTokenSchema } from "@/lib/schemas/me";
import { authorize } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { deliver, publicUrl, queueMail } from "../mail/mailer";
import { findEmailChangeLink } from "./get-email-change-confirmation";
import { auditMine, lockMyAccount } from "./my-account";
import { queueMemberNotice } from "./notices";

const REFUSALS = {
  invalid: "This link is not valid.",
  wrong_account: "This link was sent for another OCN ID. Sign in as that OCN ID to confirm it.",
  used: "This link has already been used.",
  expired: "This link has expired or was replaced by a newer request.",
} as const;

/**
 * The member, signed in as the account the link was sent for, confirms the new contact address (a POST from the
 * confirmation page). The old address is told; a backup contact equal to the new address is cleared.
 */
export async function confirmEmailChange(input: z.infer<typeof emailChangeTokenSchema>): Promise<{ email: string }> {
  const actor = await authorize();
  const prisma = await db();
  const { email, mailIds } = await prisma.$transaction(async (tx) => {
    const now = new Date();
    const me = await lockMyAccount(tx, actor);
    const link = await findEmailChangeLink(tx, actor, input.token, now);
    if (link.state !== "ready") throw new AppError("invalid", REFUSALS[link.state], "token", `link_${link.state}`);
    const claimed = await tx.emailChangeToken.updateMany({ where: { id: link.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (claimed.count !== 1) throw new AppError("invalid", REFUSALS.used, "token", "link_used");
    const backupCleared = me.backupEmail === link.newEmail;
    await tx.account.update({ where: { id: actor.accountId }, data: { email: link.newEmail, ...(backupCleared ? { backupEmail: null } : {}) } });
    await auditMine(tx, actor, now, "account.email_changed", { before: me.email, after: link.newEmail, via: "my_page", ...(backupCleared ? { backupEmailCleared: true } : {}) });

    const subject = "【OCN ビジネスコンソール】連絡先メールアドレスを変更しました / Your contact address was changed";
    const body = (to: "old" | "new") =>
      [
        `${me.displayName} 様`,
        "",
        `OCN ID ${me.loginId} の連絡先メールアドレスを ${me.email} から ${link.newEmail} に変更しました (${formatDateTime(now)})。`,
        to === "old" ? "今後のお知らせは新しいアドレスに届きます。お心当たりがない場合は、すぐに管理者にご連絡ください。" : "今後のお知らせはこのアドレスに届きます。",
        publicUrl("/me#contact"),
        "",
        `The contact address of OCN ID ${me.loginId} changed from ${me.email} to ${link.newEmail}.`,
        to === "old" ? "Notices now go to the new address. If this wasn't you, contact your administrator at once." : "Notices now go to this address.",
      ].join("\n");
    const toOld = await queueMail(tx, { organizationId: actor.organizationId, to: me.email, subject, body: body("old") });
    const toNew = await queueMemberNotice(tx, { organizationId: actor.organizationId, accountId: actor.accountId, category: "security", subject, body: body("new") });
    return { email: link.newEmail, mailIds: [toOld, toNew].filter((id): id is string => Boolean(id)) };
  });
  await deliver(mailIds);
  return { email };
}
