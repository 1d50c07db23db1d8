import "server-only";
import { checkPasswordStrength, type PasswordProblem } from "@/lib/policy/password";
import type { Tx } from "../db";
import { hashPassword, verifyPassword } from "../password";

export type PasswordRejection = PasswordProblem | { code: "reused"; depth: number };

/**
 * Checks a new password against the organization's policy (length, blocklist, names, history) and stores it.
 * Every other session of the account ends: the session version moves.
 */
export async function setPassword(tx: Tx, accountId: string, newPassword: string, now: Date): Promise<{ ok: true } | { ok: false; problems: PasswordRejection[] }> {
  const account = await tx.account.findUniqueOrThrow({
    where: { id: accountId },
    select: {
      loginId: true,
      email: true,
      displayName: true,
      nameKana: true,
      employeeNumber: true,
      passwordHash: true,
      organization: { select: { name: true, nameKana: true, customerNumber: true, passwordPolicy: { select: { minLength: true, historyDepth: true } } } },
    },
  });
  const policy = account.organization.passwordPolicy ?? { minLength: 12, historyDepth: 5 };
  const problems: PasswordRejection[] = checkPasswordStrength(newPassword, {
    minLength: policy.minLength,
    personal: [account.loginId, account.email, account.displayName, account.nameKana, account.employeeNumber],
    organization: [account.organization.name, account.organization.nameKana, account.organization.customerNumber, account.loginId.split("@")[1]],
  });
  if (problems.length === 0 && policy.historyDepth > 0) {
    const history = await tx.passwordHistory.findMany({
      where: { accountId },
      orderBy: { createdAt: "desc" },
      take: policy.historyDepth,
      select: { passwordHash: true },
    });
    const previous = [account.passwordHash, ...history.map((h) => h.passwordHash)].filter((h): h is string => Boolean(h)).slice(0, policy.historyDepth);
    for (const hash of previous) {
      if (await verifyPassword(hash, newPassword)) {
        problems.push({ code: "reused", depth: policy.historyDepth });
        break;
      }
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const passwordHash = await hashPassword(newPassword);
  if (account.passwordHash) await tx.passwordHistory.create({ data: { accountId, passwordHash: account.passwordHash, createdAt: now } });
  await tx.account.update({
    where: { id: accountId },
    data: { passwordHash, passwordChangedAt: now, mustChangePassword: false, sessionVersion: { increment: 1 } },
  });
  await tx.session.updateMany({ where: { accountId, revokedAt: null }, data: { revokedAt: now } });
  return { ok: true };
}
