import "server-only";
import { passwordExpiry } from "@/lib/policy/password";
import { authorize } from "../authorize";
import { db } from "../db";

/** The signed-in person's own account: every member may see it, nobody else's. */
export async function getMyProfile() {
  const actor = await authorize();
  const prisma = await db();
  const now = new Date();
  const [me, pendingEmailChange, backupCodesLeft] = await Promise.all([
    prisma.account.findFirstOrThrow({
      where: { id: actor.accountId, organizationId: actor.organizationId },
      select: {
        displayName: true,
        nameKana: true,
        loginId: true,
        email: true,
        backupEmail: true,
        employeeNumber: true,
        kind: true,
        contractorCompany: true,
        lastSignInAt: true,
        passwordChangedAt: true,
        totpEnabledAt: true,
        notifyBilling: true,
        notifyData: true,
        notifyContract: true,
        department: { select: { name: true } },
        organization: { select: { name: true, customerNumber: true, passwordPolicy: { select: { minLength: true, maxAgeDays: true } } } },
      },
    }),
    prisma.emailChangeToken.findFirst({
      where: { accountId: actor.accountId, organizationId: actor.organizationId, usedAt: null, expiresAt: { gt: now } },
      orderBy: { createdAt: "desc" },
      select: { newEmail: true, createdAt: true, expiresAt: true },
    }),
    prisma.backupCode.count({ where: { accountId: actor.accountId, usedAt: null } }),
  ]);
  const policy = me.organization.passwordPolicy ?? { minLength: 12, maxAgeDays: 90 };
  return {
    ...me,
    pendingEmailChange,
    backupCodesLeft,
    minPasswordLength: policy.minLength,
    passwordExpiry: passwordExpiry(me.passwordChangedAt, policy.maxAgeDays, now),
  };
}
