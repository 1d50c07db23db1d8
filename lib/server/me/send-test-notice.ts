import "server-only";
import type { z } from "zod";
import type { NoticeCategory, sendTestNoticeSchema } from "@/lib/schemas/me";
import { authorize } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { deliver } from "../mail/mailer";
import { auditMine, lockMyAccount } from "./my-account";
import { queueMemberNotice } from "./notices";

const CATEGORY_WORDS: Record<NoticeCategory, { ja: string; en: string }> = {
  billing: { ja: "請求", en: "Billing" },
  data: { ja: "データ容量", en: "Data capacity" },
  contract: { ja: "契約変更", en: "Contract changes" },
  security: { ja: "セキュリティ", en: "Security" },
};
const TESTS_PER_HOUR = 10;

/**
 * A test notice of one category to the member's contact address, exactly as a real one would go: nothing is sent
 * for a category the member has turned off. Without SMTP it stays in the mail outbox.
 */
export async function sendTestNotice(input: z.infer<typeof sendTestNoticeSchema>): Promise<{ sent: boolean; to: string }> {
  const actor = await authorize();
  const prisma = await db();
  const words = CATEGORY_WORDS[input.category];
  const result = await prisma.$transaction(async (tx) => {
    const now = new Date();
    const me = await lockMyAccount(tx, actor);
    const recent = await tx.auditEvent.count({
      where: { organizationId: actor.organizationId, actorId: actor.accountId, action: "account.test_notice_sent", occurredAt: { gt: new Date(now.getTime() - 3_600_000) } },
    });
    if (recent >= TESTS_PER_HOUR) throw new AppError("conflict", `At most ${TESTS_PER_HOUR} test notices can be sent per hour.`, "category", "too_many_tests");
    const mailId = await queueMemberNotice(tx, {
      organizationId: actor.organizationId,
      accountId: actor.accountId,
      category: input.category,
      subject: `【OCN ビジネスコンソール】テスト通知: ${words.ja} / Test notice: ${words.en}`,
      body: [
        `${me.displayName} 様`,
        "",
        `マイページから送信した「${words.ja}」のお知らせのテストです。`,
        `このメールが届いていれば、${words.ja}のお知らせはこのアドレス (${me.email}) に届きます。`,
        "",
        `This is a test of the "${words.en}" notices, sent from My Page. If you can read it, those notices reach ${me.email}.`,
      ].join("\n"),
    });
    await auditMine(tx, actor, now, "account.test_notice_sent", { category: input.category, sent: mailId !== null, to: me.email });
    return { mailId, to: me.email };
  });
  if (result.mailId) await deliver([result.mailId]);
  return { sent: result.mailId !== null, to: result.to };
}
