import "server-only";
import type { Tx } from "../db";
import { env } from "../env";

// What every step of the sign-in needs to know about an account, read under its row lock.
export async function lockAndLoadAccount(tx: Tx, accountId: string) {
  await tx.$queryRaw`SELECT id FROM accounts WHERE id = ${accountId}::uuid FOR UPDATE`;
  const account = await tx.account.findUniqueOrThrow({
    where: { id: accountId },
    select: {
      id: true,
      organizationId: true,
      loginId: true,
      status: true,
      accessEndsAt: true,
      lockedUntil: true,
      lockCount: true,
      sessionVersion: true,
      totpEnabledAt: true,
      totpLastStep: true,
      mustChangePassword: true,
      passwordChangedAt: true,
      organization: {
        select: {
          businessHoursStart: true,
          businessHoursEnd: true,
          lockoutPolicy: { select: { threshold: true, windowSeconds: true, durationSeconds: true, escalate: true } },
          passwordPolicy: { select: { maxAgeDays: true } },
          sessionPolicy: { select: { absoluteHours: true } },
        },
      },
    },
  });
  const now = new Date();
  const isAdmin =
    (await tx.roleGrant.count({
      where: {
        accountId,
        revokedAt: null,
        startsAt: { lte: now },
        OR: [{ endsAt: null }, { endsAt: { gt: now } }],
        role: { permissions: { some: {} } },
      },
    })) > 0;
  const org = account.organization;
  return {
    ...account,
    isAdmin,
    businessHours: { startHour: org.businessHoursStart, endHour: org.businessHoursEnd },
    lockout: org.lockoutPolicy ?? { threshold: 10, windowSeconds: 900, durationSeconds: 1800, escalate: true },
    maxPasswordAgeDays: org.passwordPolicy ? org.passwordPolicy.maxAgeDays : 90,
    sessionHours: org.sessionPolicy?.absoluteHours ?? env().SESSION_MAX_HOURS,
  };
}

export type SignInAccount = Awaited<ReturnType<typeof lockAndLoadAccount>>;
