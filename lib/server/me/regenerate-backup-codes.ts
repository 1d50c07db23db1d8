import "server-only";
import type { z } from "zod";
import { generateBackupCodes } from "@/lib/policy/totp";
import type { regenerateBackupCodesSchema } from "@/lib/schemas/me";
import { authorize } from "../authorize";
import { db } from "../db";
import { deliver } from "../mail/mailer";
import { hashBackupCode } from "../secret-box";
import { auditMine, checkCurrentPassword, lockMyAccount } from "./my-account";
import { queueMemberNotice } from "./notices";

export const BACKUP_CODE_COUNT = 10;

/** Ten new backup codes, shown once; every earlier code, used or not, stops working. The current password comes first. */
export async function regenerateBackupCodes(input: z.infer<typeof regenerateBackupCodesSchema>): Promise<{ backupCodes: string[] }> {
  const actor = await authorize();
  const prisma = await db();
  await checkCurrentPassword(prisma, actor, input.current);
  const backupCodes = generateBackupCodes(BACKUP_CODE_COUNT);
  const mailId = await prisma.$transaction(async (tx) => {
    const now = new Date();
    const me = await lockMyAccount(tx, actor);
    const unusedBefore = await tx.backupCode.count({ where: { accountId: actor.accountId, usedAt: null } });
    await tx.backupCode.deleteMany({ where: { accountId: actor.accountId } });
    await tx.backupCode.createMany({ data: backupCodes.map((code) => ({ accountId: actor.accountId, codeHash: hashBackupCode(code), createdAt: now })) });
    await auditMine(tx, actor, now, "account.backup_codes_regenerated", { via: "my_page", count: BACKUP_CODE_COUNT, unusedBefore });
    return queueMemberNotice(tx, {
      organizationId: actor.organizationId,
      accountId: actor.accountId,
      category: "security",
      subject: "【OCN ビジネスコンソール】バックアップコードを再発行しました / New backup codes were issued",
      body: [
        `${me.displayName} 様`,
        "",
        `OCN ID ${me.loginId} のバックアップコードを再発行しました。以前のバックアップコードは使えません。`,
        "お心当たりがない場合は、マイページでパスワードを変更し、管理者にご連絡ください。",
        "",
        `New backup codes were issued for OCN ID ${me.loginId}; the earlier ones no longer work.`,
        "If this wasn't you, change your password on My Page and tell your administrator.",
      ].join("\n"),
    });
  });
  if (mailId) await deliver([mailId]);
  return { backupCodes };
}
