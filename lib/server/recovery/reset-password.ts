import "server-only";
import { accessEnded } from "@/lib/policy/offboarding";
import { recordAudit } from "../audit";
import { db } from "../db";
import { hashToken } from "../sign-in/challenge";
import type { ClientInfo } from "../sign-in/finish-sign-in";
import { setPassword, type PasswordRejection } from "../sign-in/set-password";
import { withOrganization } from "../tenant-context";
import { organizationOf } from "../tenant-lookup";

/** A link is good when it is unused, younger than 30 minutes and the newest one sent to its account. */
export async function findResetToken(token: string | undefined, now = new Date()) {
  if (!token || token.length > 100) return null;
  const tokenHash = hashToken(token);
  const organizationId = await organizationOf("passwordReset", tokenHash);
  return organizationId ? withOrganization(organizationId, () => findInOrganization(tokenHash, now)) : null;
}

async function findInOrganization(tokenHash: string, now: Date) {
  const prisma = await db();
  const row = await prisma.passwordResetToken.findUnique({
    where: { tokenHash },
    select: { id: true, accountId: true, organizationId: true, createdAt: true, expiresAt: true, usedAt: true, account: { select: { loginId: true, status: true, accessEndsAt: true, organization: { select: { passwordPolicy: { select: { minLength: true } } } } } } },
  });
  if (!row || row.usedAt || row.expiresAt <= now) return null;
  // A link mailed before the account was disabled or its access ended (offboarding) no longer works.
  if (row.account.status === "disabled" || accessEnded(row.account.accessEndsAt, now)) return null;
  const newer = await prisma.passwordResetToken.count({ where: { accountId: row.accountId, createdAt: { gt: row.createdAt } } });
  if (newer > 0) return null;
  return { id: row.id, accountId: row.accountId, organizationId: row.organizationId, loginId: row.account.loginId, minLength: row.account.organization.passwordPolicy?.minLength ?? 12 };
}

/** Sets the new password from a reset link; every session of the account ends. */
export async function resetPassword(
  token: string | undefined,
  input: { password: string; confirm: string },
  client: ClientInfo,
): Promise<{ ok: true } | { ok: false; expired: true } | { ok: false; problems: PasswordRejection[] }> {
  const found = await findResetToken(token);
  if (!found) return { ok: false, expired: true };
  const prisma = await db();
  return withOrganization(found.organizationId, () => prisma.$transaction(async (tx) => {
    const now = new Date();
    const claimed = await tx.passwordResetToken.updateMany({ where: { id: found.id, usedAt: null }, data: { usedAt: now } });
    if (claimed.count !== 1) return { ok: false, expired: true } as const;
    const result = await setPassword(tx, found.accountId, input.password, now);
    if (!result.ok) throw new ResetRejected(result.problems);
    await recordAudit(tx, {
      organizationId: found.organizationId,
      actorId: found.accountId,
      actorLabel: found.loginId,
      action: "account.password_changed",
      targetType: "account",
      targetId: found.accountId,
      targetLabel: found.loginId,
      outcome: "success",
      ip: client.ip,
      userAgent: client.userAgent,
      occurredAt: now,
      details: { via: "reset_link" },
    });
    return { ok: true } as const;
  })).catch((e: unknown) => {
    // A refused password rolls the transaction back, so the link stays usable for a better one.
    if (e instanceof ResetRejected) return { ok: false as const, problems: e.problems };
    throw e;
  });
}

class ResetRejected extends Error {
  constructor(readonly problems: PasswordRejection[]) {
    super("password rejected");
  }
}
