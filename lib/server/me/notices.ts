import "server-only";
import type { NoticeCategory } from "@/lib/schemas/me";
import type { Tx } from "../db";
import { publicUrl, queueMail } from "../mail/mailer";

export type { NoticeCategory };

export interface NoticePreferences {
  notifyBilling: boolean;
  notifyData: boolean;
  notifyContract: boolean;
}

/** Whether the member wants notices of this category; security notices always go out. */
export function wantsNotice(account: NoticePreferences, category: NoticeCategory): boolean {
  switch (category) {
    case "billing":
      return account.notifyBilling;
    case "data":
      return account.notifyData;
    case "contract":
      return account.notifyContract;
    case "security":
      return true;
  }
}

export interface MemberNotice {
  organizationId: string;
  accountId: string;
  category: NoticeCategory;
  subject: string;
  body: string;
}

/**
 * Inside the caller's transaction: queues a notice to the member's contact address when they want its category
 * (security always), and returns the mail's id for `deliver` after commit; null when nothing was queued (the category
 * is off, or the account is gone or disabled). Optional categories carry a line on where to turn them off.
 */
export async function queueMemberNotice(tx: Tx, notice: MemberNotice): Promise<string | null> {
  const account = await tx.account.findFirst({
    where: { id: notice.accountId, organizationId: notice.organizationId },
    select: { email: true, status: true, notifyBilling: true, notifyData: true, notifyContract: true },
  });
  if (!account || account.status === "disabled" || !wantsNotice(account, notice.category)) return null;
  const footer =
    notice.category === "security"
      ? ["", "セキュリティのお知らせは停止できません。/ Security notices cannot be turned off."]
      : ["", "通知の受け取りはマイページで変更できます。/ Choose which notices you get on My Page:", publicUrl("/me#notifications")];
  return queueMail(tx, { organizationId: notice.organizationId, to: account.email, subject: notice.subject, body: [notice.body, ...footer].join("\n") });
}
