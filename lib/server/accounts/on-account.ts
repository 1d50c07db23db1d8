import "server-only";
// The shared shape of an admin's security action on one account: authorize, scope, change, audit before/after, mail.
import { accountActionSchema, type AccountActionInput } from "@/lib/schemas/accounts";
import { recordAudit } from "../audit";
import type { Actor } from "../authorize";
import { authorize } from "../authorize";
import { db, type Tx } from "../db";
import { AppError } from "../errors";
import { deliver } from "../mail/mailer";

export type { AccountActionInput };

/** Loads the target inside the actor's organization (another organization's account is "not found") and runs the change. */
export async function onAccount<T>(input: AccountActionInput, action: string, change: (tx: Tx, account: Target, actor: Actor, now: Date) => Promise<T>): Promise<T> {
  const actor = await authorize("accounts", "manage");
  const { id, reason } = accountActionSchema.parse(input);
  const prisma = await db();
  const { result, mailIds } = await prisma.$transaction(async (tx) => {
    const account = await tx.account.findFirst({
      where: { id, organizationId: actor.organizationId },
      select: { id: true, loginId: true, email: true, displayName: true, status: true, lockedUntil: true, totpEnabledAt: true, mustChangePassword: true },
    });
    if (!account) throw new AppError("not_found", "No such account.");
    const now = new Date();
    const result = await change(tx, account, actor, now);
    const after = await tx.account.findUniqueOrThrow({ where: { id }, select: { status: true, lockedUntil: true, totpEnabledAt: true, mustChangePassword: true } });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action,
      targetType: "account",
      targetId: account.id,
      targetLabel: account.loginId,
      outcome: "success",
      reason: reason || null,
      ip: actor.ip,
      occurredAt: now,
      details: {
        before: { status: account.status, lockedUntil: account.lockedUntil, totpEnrolled: Boolean(account.totpEnabledAt), mustChangePassword: account.mustChangePassword },
        after: { status: after.status, lockedUntil: after.lockedUntil, totpEnrolled: Boolean(after.totpEnabledAt), mustChangePassword: after.mustChangePassword },
      },
    });
    const mailIds = (result as { mailIds?: string[] })?.mailIds ?? [];
    return { result, mailIds };
  });
  await deliver(mailIds);
  return result;
}

export type Target = { id: string; loginId: string; email: string; displayName: string; status: string; lockedUntil: Date | null; totpEnabledAt: Date | null; mustChangePassword: boolean };

