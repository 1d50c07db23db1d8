import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "../audit";
import type { Actor } from "../authorize";
import type { Db, Tx } from "../db";
import { AppError } from "../errors";
import { verifyPassword } from "../password";

/** The member's own row, locked for the transaction: two changes of one's own settings at once apply one after the other. */
export async function lockMyAccount(tx: Tx, actor: Actor) {
  await tx.$queryRaw`SELECT id FROM accounts WHERE id = ${actor.accountId}::uuid AND organization_id = ${actor.organizationId}::uuid FOR UPDATE`;
  return tx.account.findFirstOrThrow({
    where: { id: actor.accountId, organizationId: actor.organizationId },
    select: { email: true, backupEmail: true, displayName: true, loginId: true, notifyBilling: true, notifyData: true, notifyContract: true },
  });
}

/** Asks for the current password before a change to one's own sign-in; a wrong one names the field. */
export async function checkCurrentPassword(prisma: Db | Tx, actor: Actor, current: string): Promise<void> {
  const { passwordHash } = await prisma.account.findUniqueOrThrow({ where: { id: actor.accountId }, select: { passwordHash: true } });
  if (!passwordHash || !(await verifyPassword(passwordHash, current))) {
    throw new AppError("invalid", "The current password is wrong.", "current", "current_wrong");
  }
}

/** An audit event of the member acting on their own account. */
export function auditMine(tx: Tx, actor: Actor, now: Date, action: string, details: Prisma.InputJsonValue) {
  return recordAudit(tx, {
    organizationId: actor.organizationId,
    actorId: actor.accountId,
    actorLabel: actor.loginId,
    action,
    targetType: "account",
    targetId: actor.accountId,
    targetLabel: actor.loginId,
    outcome: "success",
    ip: actor.ip,
    occurredAt: now,
    details,
  });
}
