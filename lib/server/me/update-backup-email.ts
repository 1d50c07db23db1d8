import "server-only";
import type { z } from "zod";
import type { updateBackupEmailSchema } from "@/lib/schemas/me";
import { authorize } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { deliver } from "../mail/mailer";
import { auditMine, lockMyAccount } from "./my-account";
import { queueMemberNotice } from "./notices";

/** Sets or removes the member's backup contact (an address other than the contact mail); the contact mail is told. */
export async function updateBackupEmail(input: z.infer<typeof updateBackupEmailSchema>): Promise<{ backupEmail: string | null; changed: boolean }> {
  const actor = await authorize();
  const prisma = await db();
  const result = await prisma.$transaction(async (tx) => {
    const now = new Date();
    const me = await lockMyAccount(tx, actor);
    if (input.backupEmail !== null && input.backupEmail === me.email) {
      throw new AppError("invalid", "The backup contact must differ from the contact address.", "backupEmail", "same_as_contact");
    }
    if (input.backupEmail === me.backupEmail) return { backupEmail: me.backupEmail, changed: false, mailId: null };
    await tx.account.update({ where: { id: actor.accountId }, data: { backupEmail: input.backupEmail } });
    await auditMine(tx, actor, now, "account.backup_email_changed", { before: me.backupEmail, after: input.backupEmail });
    const mailId = await queueMemberNotice(tx, {
      organizationId: actor.organizationId,
      accountId: actor.accountId,
      category: "security",
      subject: "【OCN ビジネスコンソール】予備の連絡先を変更しました / Your backup contact was changed",
      body: [
        `${me.displayName} 様`,
        "",
        input.backupEmail ? `OCN ID ${me.loginId} の予備の連絡先を ${input.backupEmail} に設定しました。` : `OCN ID ${me.loginId} の予備の連絡先を削除しました。`,
        "お心当たりがない場合は、マイページでパスワードを変更し、管理者にご連絡ください。",
        "",
        input.backupEmail ? `The backup contact of OCN ID ${me.loginId} is now ${input.backupEmail}.` : `The backup contact of OCN ID ${me.loginId} was removed.`,
        "If this wasn't you, change your password on My Page and tell your administrator.",
      ].join("\n"),
    });
    return { backupEmail: input.backupEmail, changed: true, mailId };
  });
  if (result.mailId) await deliver([result.mailId]);
  return { backupEmail: result.backupEmail, changed: result.changed };
}
