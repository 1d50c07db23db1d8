import "server-only";
import { db } from "../db";
import { withOrganization } from "../tenant-context";
import { findChallenge } from "./challenge";

/** For the forced password change: the organization's minimum length and why the change is asked. */
export async function getPasswordRules(token: string | undefined) {
  const challenge = await findChallenge(token, "change_password");
  if (!challenge) return null;
  const prisma = await db();
  const account = await withOrganization(challenge.organizationId, () =>
    prisma.account.findUniqueOrThrow({
      where: { id: challenge.accountId },
      select: { mustChangePassword: true, organization: { select: { passwordPolicy: { select: { minLength: true } } } } },
    }),
  );
  return { minLength: account.organization.passwordPolicy?.minLength ?? 12, mustChange: account.mustChangePassword };
}
