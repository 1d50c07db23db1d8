import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "../audit";
import type { Actor } from "../authorize";
import { db, type Db, type Tx } from "../db";
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

/** Wrong current passwords a session may try in PASSWORD_CHECK_WINDOW_MS before it must wait. */
export const PASSWORD_CHECK_LIMIT = 5;
export const PASSWORD_CHECK_WINDOW_MS = 15 * 60_000;

/**
 * Asks for the current password before a change to one's own sign-in or contact; a wrong one names the field. Each
 * wrong one is audited (account.password_check_failed, committed even though the change is refused), and after
 * PASSWORD_CHECK_LIMIT of them in 15 minutes the check refuses without trying, so a borrowed session cannot guess.
 */
export async function checkCurrentPassword(prisma: Db | Tx, actor: Actor, current: string): Promise<void> {
  const now = new Date();
  const own = await db();
  const recent = await own.auditEvent.count({
    where: { organizationId: actor.organizationId, actorId: actor.accountId, action: "account.password_check_failed", occurredAt: { gt: new Date(now.getTime() - PASSWORD_CHECK_WINDOW_MS) } },
  });
  if (recent >= PASSWORD_CHECK_LIMIT) {
    throw new AppError("conflict", "Too many wrong passwords: wait 15 minutes and try again.", "current", "too_many_attempts");
  }
  const { passwordHash } = await prisma.account.findUniqueOrThrow({ where: { id: actor.accountId }, select: { passwordHash: true } });
  if (!passwordHash || !(await verifyPassword(passwordHash, current))) {
    // Its own transaction: the caller's rolls back with the refusal.
    await own.$transaction((tx) =>
      recordAudit(tx, {
        organizationId: actor.organizationId,
        actorId: actor.accountId,
        actorLabel: actor.loginId,
        action: "account.password_check_failed",
        targetType: "account",
        targetId: actor.accountId,
        targetLabel: actor.loginId,
        outcome: "failure",
        reason: "current_wrong",
        ip: actor.ip,
        occurredAt: now,
      }),
    );
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
