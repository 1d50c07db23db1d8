import "server-only";
import type { z } from "zod";
import type { updateNoticePreferencesSchema } from "@/lib/schemas/me";
import { authorize } from "../authorize";
import { db } from "../db";
import { auditMine, lockMyAccount } from "./my-account";

/** Which optional notices the member gets (billing, data capacity, contract changes); security notices are not theirs to turn off. */
export async function updateNoticePreferences(input: z.infer<typeof updateNoticePreferencesSchema>): Promise<{ changed: boolean }> {
  const actor = await authorize();
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const now = new Date();
    const me = await lockMyAccount(tx, actor);
    const before = { billing: me.notifyBilling, data: me.notifyData, contract: me.notifyContract };
    const after = { billing: input.billing, data: input.data, contract: input.contract };
    if (before.billing === after.billing && before.data === after.data && before.contract === after.contract) return { changed: false };
    await tx.account.update({ where: { id: actor.accountId }, data: { notifyBilling: after.billing, notifyData: after.data, notifyContract: after.contract } });
    await auditMine(tx, actor, now, "account.notifications_changed", { before, after });
    return { changed: true };
  });
}
