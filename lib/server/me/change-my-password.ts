import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit";
import { authorize } from "../authorize";
import { db } from "../db";
import { deliver } from "../mail/mailer";
import { setPassword, type PasswordRejection } from "../sign-in/set-password";
import { checkCurrentPassword } from "./my-account";
import { queueMemberNotice } from "./notices";

export const changeMyPasswordSchema = z
  .object({
    current: z.string().min(1, "required").max(1024, "too_long"),
    password: z.string().min(1, "required").max(1024, "too_long"),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { message: "mismatch", path: ["confirm"] });

/** A member changes their own password: the current one first; every other session ends, this one stays. */
export async function changeMyPassword(input: z.infer<typeof changeMyPasswordSchema>): Promise<{ ok: true } | { ok: false; problems: PasswordRejection[] }> {
  const actor = await authorize();
  const prisma = await db();
  await checkCurrentPassword(prisma, actor, input.current);
  const outcome = await prisma.$transaction(async (tx) => {
    const now = new Date();
    const result = await setPassword(tx, actor.accountId, input.password, now);
    if (!result.ok) return { result, mailId: null };
    const { sessionVersion } = await tx.account.findUniqueOrThrow({ where: { id: actor.accountId }, select: { sessionVersion: true } });
    await tx.session.update({ where: { id: actor.sessionId }, data: { revokedAt: null, sessionVersion } });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "account.password_changed",
      targetType: "account",
      targetId: actor.accountId,
      targetLabel: actor.loginId,
      outcome: "success",
      ip: actor.ip,
      occurredAt: now,
      details: { via: "my_page" },
    });
    const mailId = await queueMemberNotice(tx, {
      organizationId: actor.organizationId,
      accountId: actor.accountId,
      category: "security",
      subject: "【OCN ビジネスコンソール】パスワードを変更しました / Your password was changed",
      body: [
        `OCN ID ${actor.loginId} のパスワードをマイページで変更しました。ほかの端末のセッションは終了しました。`,
        "お心当たりがない場合は、すぐに管理者にご連絡ください。",
        "",
        `The password of OCN ID ${actor.loginId} was changed on My Page; sessions on other devices have ended.`,
        "If this wasn't you, contact your administrator at once.",
      ].join("\n"),
    });
    return { result: { ok: true } as const, mailId };
  });
  if (outcome.mailId) await deliver([outcome.mailId]);
  return outcome.result;
}
