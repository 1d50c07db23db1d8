import "server-only";
import { passwordExpiry } from "@/lib/policy/password";
import { authorize } from "../authorize";
import { db } from "../db";

/** The signed-in person's own account: every member may see it, nobody else's. */
export async function getMyProfile() {
  const actor = await authorize();
  const prisma = await db();
  const me = await prisma.account.findFirstOrThrow({
    where: { id: actor.accountId, organizationId: actor.organizationId },
    select: {
      displayName: true,
      nameKana: true,
      loginId: true,
      email: true,
      employeeNumber: true,
      lastSignInAt: true,
      passwordChangedAt: true,
      department: { select: { name: true } },
      organization: { select: { name: true, customerNumber: true, passwordPolicy: { select: { minLength: true, maxAgeDays: true } } } },
    },
  });
  const policy = me.organization.passwordPolicy ?? { minLength: 12, maxAgeDays: 90 };
  return { ...me, minPasswordLength: policy.minLength, passwordExpiry: passwordExpiry(me.passwordChangedAt, policy.maxAgeDays, new Date()) };
}
