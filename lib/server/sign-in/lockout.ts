import "server-only";
import { recordAudit } from "../audit";
import type { Tx } from "../db";

export interface LockState {
  status: string;
  lockedUntil: Date | null;
}

export function isLocked(account: LockState, now: Date): boolean {
  return account.status === "locked" && (account.lockedUntil === null || account.lockedUntil > now);
}

const MAX_LOCK_SECONDS = 24 * 3600;

/** How long the next lock lasts: the policy's duration, doubled for each earlier lock, at most a day; null = until unlocked. */
export function lockDuration(durationSeconds: number | null, escalate: boolean, earlierLocks: number): number | null {
  if (durationSeconds === null) return null;
  if (!escalate) return durationSeconds;
  return Math.min(MAX_LOCK_SECONDS, durationSeconds * 2 ** Math.min(earlierLocks, 16));
}

/**
 * Counts one failed attempt (wrong password or second factor) and locks when the window holds the threshold.
 * The caller holds the account row lock (SELECT … FOR UPDATE), so parallel attempts count one by one.
 */
export async function registerFailure(
  tx: Tx,
  account: { id: string; organizationId: string; loginId: string; lockCount: number },
  policy: { threshold: number; windowSeconds: number; durationSeconds: number | null; escalate: boolean },
  context: { now: Date; ip: string | null; userAgent: string | null },
): Promise<{ locked: boolean; lockedUntil: Date | null }> {
  const { now } = context;
  await tx.signInFailure.create({ data: { accountId: account.id, at: now } });
  const since = new Date(now.getTime() - policy.windowSeconds * 1000);
  const failures = await tx.signInFailure.count({ where: { accountId: account.id, at: { gt: since } } });
  if (failures < policy.threshold) return { locked: false, lockedUntil: null };

  const seconds = lockDuration(policy.durationSeconds, policy.escalate, account.lockCount);
  const lockedUntil = seconds === null ? null : new Date(now.getTime() + seconds * 1000);
  await tx.account.update({
    where: { id: account.id },
    data: { status: "locked", lockedUntil, lockCount: { increment: 1 }, sessionVersion: { increment: 1 } },
  });
  // The window starts again after a lock: the next lock needs a full threshold of new failures.
  await tx.signInFailure.deleteMany({ where: { accountId: account.id } });
  await recordAudit(tx, {
    organizationId: account.organizationId,
    actorLabel: "system",
    action: "account.locked",
    targetType: "account",
    targetId: account.id,
    targetLabel: account.loginId,
    outcome: "success",
    reason: "too_many_failures",
    ip: context.ip,
    userAgent: context.userAgent,
    occurredAt: now,
    details: { failures, lockedUntil: lockedUntil?.toISOString() ?? null, lockNumber: account.lockCount + 1 },
  });
  return { locked: true, lockedUntil };
}
