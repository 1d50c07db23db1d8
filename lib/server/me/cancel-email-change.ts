import "server-only";
import { authorize } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { auditMine, lockMyAccount } from "./my-account";

/** The member withdraws their pending change of contact address: its link stops working. */
export async function cancelEmailChange(): Promise<{ cancelled: true }> {
  const actor = await authorize();
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const now = new Date();
    await lockMyAccount(tx, actor);
    const pending = await tx.emailChangeToken.findFirst({
      where: { accountId: actor.accountId, organizationId: actor.organizationId, usedAt: null, expiresAt: { gt: now } },
      orderBy: { createdAt: "desc" },
      select: { newEmail: true },
    });
    if (!pending) throw new AppError("not_found", "There is no pending change of the contact address.", undefined, "no_pending_change");
    await tx.emailChangeToken.updateMany({ where: { accountId: actor.accountId, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
    await auditMine(tx, actor, now, "account.email_change_cancelled", { newEmail: pending.newEmail });
    return { cancelled: true } as const;
  });
}
